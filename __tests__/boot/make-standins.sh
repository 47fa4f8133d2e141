#!/usr/bin/env bash
# Stand-ins for the boot test: small bootable files in each container the
# boot test handles, made from Debian's packages (the machine's kernel from
# linux-image-amd64, busybox-static, syslinux/isolinux, systemd-boot-efi,
# qemu-img, xorriso, mtools, e2fsprogs). They are NOT NixOS images: their
# init is a busybox script that prints what a booting NixOS prints on the
# serial console (stage 1, stage 2, "Reached target Multi-User System", a
# login prompt) and says it is a stand-in. The kernel parameter standin=MODE
# picks what it does: ok, login (only a login prompt), panic (init exits: a
# real kernel panic), emergency (prints systemd's emergency-mode message and
# waits), hang (prints stage 1 and goes silent).
#
# Usage: make-standins.sh OUTDIR      (needs no root, no loop devices, no mounts)
set -euo pipefail
out=$1
mkdir -p "$out"
cd "$out"
export PATH="$PATH:/usr/sbin:/sbin"

kernel=$(ls /boot/vmlinuz-* 2>/dev/null | sort -V | tail -n1 || true)
[[ -n $kernel ]] || { echo "make-standins: no /boot/vmlinuz-* (install linux-image-amd64)" >&2; exit 1; }
cp "$kernel" vmlinuz

# --- the initramfs: busybox and an init script -----------------------------
rm -rf initramfs && mkdir -p initramfs/bin
cp "$(command -v busybox)" initramfs/bin/busybox
cat >initramfs/init <<'INIT'
#!/bin/busybox sh
/bin/busybox mkdir -p /proc /dev
/bin/busybox mount -t proc proc /proc
/bin/busybox mount -t devtmpfs dev /dev
exec </dev/console >/dev/console 2>&1
mode=ok
for word in $(/bin/busybox cat /proc/cmdline); do
  case $word in standin=*) mode=${word#standin=} ;; esac
done
say() { echo "$@"; }
if [ "$mode" = login ]; then
  say ""; say "standin login: "; exec /bin/busybox sleep 3600
fi
say ""
say "<<< NixOS Stage 1 >>>"
say "(boot-test stand-in, not a NixOS image: busybox init, mode $mode)"
say "loading module virtio_blk..."
if [ "$mode" = hang ]; then exec /bin/busybox sleep 3600; fi
if [ "$mode" = panic ]; then say "stand-in: init exits now"; exit 1; fi
say "mounting tmpfs on /..."
say ""
say "<<< NixOS Stage 2 >>>"
say ""
say "running activation script..."
say "setting up /etc..."
say "[    2.000000] systemd[1]: Welcome to the stand-in!"
if [ "$mode" = emergency ]; then
  say "[FAILED] Failed to mount /nix/store."
  say "[DEPEND] Dependency failed for Local File Systems."
  say "You are in emergency mode. After logging in, type \"journalctl -xb\" to view"
  say "system logs, \"systemctl reboot\" to reboot, or \"exit\" to continue bootup."
  exec /bin/busybox sleep 3600
fi
say "[  OK  ] Reached target Multi-User System."
say ""
say "<<< Welcome to the boot-test stand-in (not NixOS) - ttyS0 >>>"
say ""
say "standin login: "
exec /bin/busybox sleep 3600
INIT
chmod +x initramfs/init
(cd initramfs && find . | cpio -o -H newc --quiet) | gzip -9 >initrd.gz

mib=$((1024 * 1024))

# --- an MBR disk with syslinux on a FAT partition (raw, qcow, …) ------------
# mbr-MODE.raw for each mode: the partition starts at 1 MiB.
mbr_disk() {
  local mode=$1 img=mbr-$1.raw part=part-$1.fat
  rm -f "$img" "$part"
  truncate -s 23M "$part"
  mkfs.vfat -n STANDIN "$part" >/dev/null
  cat >syslinux.cfg <<CFG
SERIAL 0 115200
DEFAULT standin
PROMPT 0
TIMEOUT 0
LABEL standin
  LINUX /vmlinuz
  INITRD /initrd.gz
  APPEND console=ttyS0,115200n8 standin=$mode panic=-1
CFG
  mcopy -i "$part" vmlinuz initrd.gz syslinux.cfg ::/
  syslinux --install "$part"
  truncate -s 24M "$img"
  echo 'start=2048, type=0c, bootable' | sfdisk -q "$img"
  dd if=/usr/lib/syslinux/mbr/mbr.bin of="$img" bs=440 count=1 conv=notrunc status=none
  dd if="$part" of="$img" bs=1M seek=1 conv=notrunc,sparse status=none
  rm -f "$part"
}
for mode in ok panic emergency hang login; do mbr_disk "$mode"; done

# --- an ESP tree with systemd-boot (for the GPT disk and the ISO's EFI image) ---
esp_image() {
  local file=$1 size=$2
  rm -f "$file"
  truncate -s "$size" "$file"
  mkfs.vfat -n ESP "$file" >/dev/null
  mmd -i "$file" ::/EFI ::/EFI/BOOT ::/loader ::/loader/entries
  mcopy -i "$file" /usr/lib/systemd/boot/efi/systemd-bootx64.efi ::/EFI/BOOT/BOOTX64.EFI
  printf 'timeout 0\ndefault standin.conf\n' >loader.conf
  printf 'title boot-test stand-in\nlinux /vmlinuz\ninitrd /initrd.gz\noptions console=ttyS0,115200n8 standin=ok panic=-1\n' >standin.conf
  mcopy -i "$file" loader.conf ::/loader/loader.conf
  mcopy -i "$file" standin.conf ::/loader/entries/standin.conf
  mcopy -i "$file" vmlinuz initrd.gz ::/
}

# --- a GPT disk whose ESP holds systemd-boot (raw-efi, qcow-efi) ------------
esp_image esp.fat 23M
rm -f gpt-ok.raw
truncate -s 25M gpt-ok.raw
printf 'label: gpt\nstart=2048, size=47104, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name=ESP\n' | sfdisk -q gpt-ok.raw
dd if=esp.fat of=gpt-ok.raw bs=1M seek=1 conv=notrunc,sparse status=none
rm -f esp.fat

# --- an ISO with a BIOS (isolinux) and an EFI (systemd-boot) El Torito entry ---
rm -rf isotree && mkdir -p isotree/isolinux isotree/boot
cp /usr/lib/ISOLINUX/isolinux.bin /usr/lib/syslinux/modules/bios/ldlinux.c32 isotree/isolinux/
cp vmlinuz initrd.gz isotree/boot/
sed -e 's|/vmlinuz|/boot/vmlinuz|; s|/initrd.gz|/boot/initrd.gz|; s|standin=[a-z]*|standin=ok|' syslinux.cfg >isotree/isolinux/isolinux.cfg
esp_image isotree/boot/efi.img 20M
xorriso -as mkisofs -quiet -o standin.iso -V STANDIN -J -R \
  -b isolinux/isolinux.bin -c isolinux/boot.cat -no-emul-boot -boot-load-size 4 -boot-info-table \
  -isohybrid-mbr /usr/lib/ISOLINUX/isohdpfx.bin \
  -eltorito-alt-boot -e boot/efi.img -no-emul-boot -isohybrid-gpt-basdat isotree 2>/dev/null
rm -rf isotree

# --- the disk converted as the builders convert theirs ----------------------
qemu-img convert -f raw -O qcow2 mbr-ok.raw mbr-ok.qcow2
qemu-img convert -f raw -O qcow2 gpt-ok.raw gpt-ok.qcow2
qemu-img convert -f raw -O vpc -o subformat=fixed,force_size=on mbr-ok.raw mbr-ok-fixed.vhd
qemu-img convert -f raw -O vpc mbr-ok.raw mbr-ok-dynamic.vhd
qemu-img convert -f raw -O vhdx mbr-ok.raw mbr-ok.vhdx
qemu-img convert -f raw -O vmdk mbr-ok.raw mbr-ok.vmdk
# hyperv (Generation 2) and vmware (firmware "efi") boot by UEFI: the GPT disk.
qemu-img convert -f raw -O vhdx gpt-ok.raw gpt-ok.vhdx
qemu-img convert -f raw -O vmdk gpt-ok.raw gpt-ok.vmdk
gzip -c mbr-ok.qcow2 >mbr-ok.qcow2.gz

# --- a GCE tarball: disk.raw in a gzip'd oldgnu tar -------------------------
rm -rf gce && mkdir gce && cp --sparse=always mbr-ok.raw gce/disk.raw
tar --format=oldgnu -Sczf standin.raw.tar.gz -C gce disk.raw
rm -rf gce

# --- an OVA and a Vagrant box: an OVF descriptor and a streamOptimized VMDK --
rm -rf ova && mkdir ova
qemu-img convert -f raw -O vmdk -o subformat=streamOptimized mbr-ok.raw ova/standin-disk1.vmdk
cat >ova/standin.ovf <<'OVF'
<?xml version="1.0"?>
<Envelope ovf:version="1.0" xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1">
  <References><File ovf:id="file1" ovf:href="standin-disk1.vmdk"/></References>
  <DiskSection><Info>boot-test stand-in (not a NixOS image)</Info><Disk ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:capacity="25165824"/></DiskSection>
</Envelope>
OVF
tar --format=ustar -cf standin.ova -C ova standin.ovf standin-disk1.vmdk
mv ova/standin.ovf ova/box.ovf && mv ova/standin-disk1.vmdk ova/box-disk001.vmdk
sed -i 's/standin-disk1.vmdk/box-disk001.vmdk/' ova/box.ovf
echo '{"provider":"virtualbox"}' >ova/metadata.json
echo 'Vagrant.configure("2") { |c| }' >ova/Vagrantfile
tar -czf standin.box -C ova metadata.json Vagrantfile box.ovf box-disk001.vmdk
rm -rf ova

# --- an SD card: FAT firmware partition, ext4 root with /boot/extlinux ------
rm -rf sdroot && mkdir -p sdroot/boot/extlinux sdroot/boot/nixos
cp vmlinuz sdroot/boot/nixos/aaaa-linux-standin-bzImage
cp initrd.gz sdroot/boot/nixos/bbbb-initrd-standin-initrd
cat >sdroot/boot/extlinux/extlinux.conf <<'EXT'
# Generated file, all changes will be lost on nixos-rebuild!

# Change this to e.g. nixos-42 to temporarily boot to an older configuration.
DEFAULT nixos-default

MENU TITLE ------------------------------------------------------------
TIMEOUT 50

LABEL nixos-default
  MENU LABEL boot-test stand-in (not NixOS)
  LINUX ../nixos/aaaa-linux-standin-bzImage
  INITRD ../nixos/bbbb-initrd-standin-initrd
  APPEND init=/nix/store/cccc-nixos-system-standin/init console=ttyS0,115200n8 standin=ok
EXT
rm -f sd.raw fw.fat root.ext4
truncate -s 8M fw.fat && mkfs.vfat -n FIRMWARE fw.fat >/dev/null
truncate -s 24M root.ext4 && mkfs.ext4 -q -L NIXOS_SD -d sdroot root.ext4
truncate -s 34M sd.raw
printf 'start=2048, size=16384, type=b\nstart=18432, type=83, bootable\n' | sfdisk -q sd.raw
dd if=fw.fat of=sd.raw bs=1M seek=1 conv=notrunc,sparse status=none
dd if=root.ext4 of=sd.raw bs=512 seek=18432 conv=notrunc,sparse status=none
zstd -q -f --rm sd.raw -o standin-sd.img.zst
rm -rf sdroot fw.fat root.ext4

# --- kexec: nixpkgs' tarball (make-system-tarball of the kexec-boot script) ---
rm -rf kx && mkdir -p kx/nix/store/aaaa-nixos-system-standin
cp vmlinuz kx/nix/store/aaaa-nixos-system-standin/kernel
cp initrd.gz kx/nix/store/aaaa-nixos-system-standin/initrd
cat >kx/nix/store/bbbb-kexec-boot <<'KX'
#!/usr/bin/env bash
if ! kexec -v >/dev/null 2>&1; then
  echo "kexec not found: please install kexec-tools" 2>&1
  exit 1
fi
SCRIPT_DIR=$( cd -- "$( dirname -- "${BASH_SOURCE[0]}" )" &> /dev/null && pwd )
kexec --load ${SCRIPT_DIR}/bzImage \
  --initrd=${SCRIPT_DIR}/initrd.gz \
  --command-line "init=/nix/store/aaaa-nixos-system-standin/init console=ttyS0,115200n8 standin=ok"
kexec -e
KX
chmod +x kx/nix/store/bbbb-kexec-boot
ln -s /nix/store/bbbb-kexec-boot kx/kexec_nixos
tar -cJf standin-kexec.tar.xz -C kx kexec_nixos nix
rm -rf kx

# --- kexec-bundle: a shell header, then a tar of bzImage, initrd.gz, kexec ---
rm -rf kb && mkdir kb && cp vmlinuz kb/bzImage && cp initrd.gz kb/initrd.gz && cp /bin/true kb/kexec
{
  cat <<'HEADER'
#!/bin/sh
# NixOS kexec bundle: unpacks itself and kexecs into the system.
set -eu
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
sed '1,/^#PAYLOAD#$/d' "$0" | tar -xf - -C "$dir"
"$dir/kexec" --load "$dir/bzImage" --initrd="$dir/initrd.gz" \
  --command-line "init=/nix/store/aaaa-nixos-system-standin/init console=ttyS0,115200n8 standin=ok"
if [ "${1:-}" != "--no-exec" ]; then "$dir/kexec" -e; fi
exit 0
#PAYLOAD#
HEADER
  tar -cf - -C kb bzImage initrd.gz kexec
} >standin.kexec
chmod +x standin.kexec
rm -rf kb

# --- a VM runner: a script that starts QEMU, honouring QEMU_OPTS and
#     QEMU_KERNEL_PARAMS as nixpkgs' run-<name>-vm does ------------------
mkdir -p runner/bin
cat >runner/bin/run-standin-vm <<RUN
#!/bin/sh
# boot-test stand-in VM runner (not a NixOS VM)
exec qemu-system-x86_64 -machine accel=kvm:tcg -m 256 -no-reboot \\
  -kernel $out/vmlinuz -initrd $out/initrd.gz \\
  -append "console=ttyS0,115200n8 standin=ok panic=-1 \$QEMU_KERNEL_PARAMS" \\
  \$QEMU_OPTS "\$@"
RUN
chmod +x runner/bin/run-standin-vm
rm -f syslinux.cfg loader.conf standin.conf
echo "make-standins: done in $out" >&2
