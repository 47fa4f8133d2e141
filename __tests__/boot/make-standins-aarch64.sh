#!/usr/bin/env bash
# aarch64 stand-ins for the boot test: small bootable files in the containers
# an aarch64 image comes in, made from Debian's arm64 packages (the kernel of
# linux-image-arm64, busybox-static, systemd-boot-efi), booted with Debian's
# qemu-system-aarch64 (-machine virt) and AAVMF. They are NOT NixOS images:
# their init is a busybox script that prints what a booting NixOS prints on
# the serial console (ttyAMA0 on virt) and says it is an aarch64 stand-in.
# The kernel parameter standin=MODE picks what it does: ok, or panic (init
# exits: a real kernel panic).
#
# The arm64 packages are fetched with an apt state of their own (the
# machine's apt sources, architecture arm64, its own lists and archives in
# CACHE): the machine's dpkg architectures are not changed, nothing is
# installed. They are unpacked with dpkg-deb -x into CACHE/root (without the
# kernel's modules), once: a second run finds CACHE/root/.complete and asks
# no mirror.
#
# Made here (OUTDIR):
#   Image, initrd.gz                    the arm64 kernel (an EFI-stub PE image) and the initramfs
#   standin-aarch64-sd.img.zst          sd-aarch64: MBR card, FAT firmware + ext4 root with /boot/extlinux
#   standin-aarch64-sd-panic.img.zst    the same card, standin=panic
#   standin-aarch64-efi.raw             raw-efi: GPT disk, ESP with systemd-bootaa64.efi as EFI/BOOT/BOOTAA64.EFI
#   standin-aarch64-efi.qcow2           qcow-efi: that disk as qemu-img converts it
#   standin-aarch64.iso                 iso: an EFI El Torito entry (the ESP image), no BIOS entry
#   standin-aarch64-kexec.tar.xz        kexec: nixpkgs' tarball layout with the arm64 kernel
#                                       (with STANDINS_FULL=1 only: xz takes most of the time)
#   versions.txt                        the Debian packages used
#
# Usage: [STANDINS_FULL=1] make-standins-aarch64.sh OUTDIR [CACHE]   (no root, no loop devices, no mounts)
#   CACHE defaults to $NIXOS_GENERATORS_ARM64_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/nixos-generators/boot-arm64
set -euo pipefail
out=$1
cache=${2:-${NIXOS_GENERATORS_ARM64_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nixos-generators/boot-arm64}}
export PATH="$PATH:/usr/sbin:/sbin"
mkdir -p "$out" "$cache"
out=$(cd "$out" && pwd)
cache=$(cd "$cache" && pwd)

# --- the arm64 packages, fetched once into the cache -----------------------
root=$cache/root
if [[ ! -e $root/.complete ]]; then
  apt=(
    -q
    -o APT::Architecture=arm64 -o APT::Architectures=arm64
    -o Dir::State::Lists="$cache/lists" -o Dir::Cache="$cache/apt"
    -o Dir::State::status=/dev/null
    -o APT::Sandbox::User="$(id -un)"
  )
  mkdir -p "$cache/lists/partial" "$cache/apt/archives/partial" "$cache/debs"
  echo "make-standins-aarch64: fetching Debian's arm64 kernel, busybox-static, systemd-boot-efi into $cache" >&2
  # A source that has no arm64 index only warns; the downloads below say whether what is needed came.
  apt-get "${apt[@]}" update >"$cache/update.log" 2>&1 || echo "make-standins-aarch64: apt-get update reported errors (see $cache/update.log); trying the downloads" >&2
  # linux-image-arm64 is a metapackage: the kernel is the package it depends on.
  kernel_pkg=$(apt-cache "${apt[@]}" depends linux-image-arm64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ && !n++ {print $2}')
  [[ -n $kernel_pkg ]] || { echo "make-standins-aarch64: the mirror names no arm64 kernel package (apt-cache depends linux-image-arm64; see $cache/update.log)" >&2; exit 1; }
  rm -f "$cache"/debs/*.deb
  (cd "$cache/debs" && apt-get "${apt[@]}" download "$kernel_pkg" busybox-static systemd-boot-efi >"$cache/download.log" 2>&1) || {
    echo "make-standins-aarch64: apt-get download of $kernel_pkg busybox-static systemd-boot-efi (arm64) failed:" >&2
    tail -n 5 "$cache/download.log" >&2
    exit 1
  }
  rm -rf "$root.partial" && mkdir -p "$root.partial"
  : >"$root.partial/.versions"
  for deb in "$cache"/debs/*.deb; do
    dpkg-deb -x "$deb" "$root.partial"
    dpkg-deb -W --showformat='${Package} ${Version} ${Architecture}\n' "$deb" >>"$root.partial/.versions"
  done
  # The kernel's modules (300 MiB unpacked) are not used: the stand-ins' init loads none. Nor are the .debs, once unpacked.
  rm -rf "$root.partial/lib/modules" "$root.partial/usr/lib/modules" "$root.partial/usr/share/doc"
  rm -f "$cache"/debs/*.deb
  touch "$root.partial/.complete"
  rm -rf "$root" && mv "$root.partial" "$root"
fi

cd "$out"
cp "$root/.versions" versions.txt
kernel=$(ls "$root"/boot/vmlinuz-*-arm64 2>/dev/null | sort -V | tail -n1 || true)
[[ -n $kernel ]] || { echo "make-standins-aarch64: no boot/vmlinuz-*-arm64 in $root (remove $cache and run again)" >&2; exit 1; }
# Debian's arm64 vmlinuz is the uncompressed Image with an EFI stub (a PE image: "MZ", then "ARMd" at 0x38).
cp "$kernel" Image
[[ $(head -c 2 Image) == MZ && $(dd if=Image bs=1 skip=56 count=4 status=none) == ARMd ]] || { echo "make-standins-aarch64: $kernel is not an arm64 EFI-stub Image" >&2; exit 1; }
busybox=$root/bin/busybox
[[ -x $busybox ]] || { echo "make-standins-aarch64: no bin/busybox in $root" >&2; exit 1; }
bootaa64=$root/usr/lib/systemd/boot/efi/systemd-bootaa64.efi
[[ -e $bootaa64 ]] || { echo "make-standins-aarch64: no systemd-bootaa64.efi in $root" >&2; exit 1; }

# --- the initramfs: arm64 busybox and an init script -----------------------
rm -rf initramfs && mkdir -p initramfs/bin
cp "$busybox" initramfs/bin/busybox
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
say ""
say "<<< NixOS Stage 1 >>>"
say "(boot-test aarch64 stand-in, not a NixOS image: busybox init on $(/bin/busybox uname -m), mode $mode)"
say "loading module virtio_blk..."
if [ "$mode" = panic ]; then say "stand-in: init exits now"; exit 1; fi
say "mounting tmpfs on /..."
say ""
say "<<< NixOS Stage 2 >>>"
say ""
say "running activation script..."
say "setting up /etc..."
say "[    2.000000] systemd[1]: Welcome to the aarch64 stand-in!"
say "[  OK  ] Reached target Multi-User System."
say ""
say "<<< Welcome to the boot-test aarch64 stand-in (not NixOS) - ttyAMA0 >>>"
say ""
say "standin login: "
exec /bin/busybox sleep 3600
INIT
chmod +x initramfs/init
(cd initramfs && find . | cpio -o -H newc --quiet) | gzip -9 >initrd.gz
rm -rf initramfs

# --- SD cards (sd-aarch64): FAT firmware partition, ext4 root with /boot/extlinux ---
# extlinux.conf as nixpkgs' extlinux-conf-builder.sh writes it, with
# sd-image-aarch64.nix's console parameters (ttyS0, ttyAMA0, then tty0 last).
sd_card() {
  local mode=$1 name=$2
  rm -rf sdroot && mkdir -p sdroot/boot/extlinux sdroot/boot/nixos
  cp Image sdroot/boot/nixos/aaaa-linux-6.1-standin-Image
  cp initrd.gz sdroot/boot/nixos/bbbb-initrd-standin-initrd
  cat >sdroot/boot/extlinux/extlinux.conf <<EXT
# Generated file, all changes will be lost on nixos-rebuild!

# Change this to e.g. nixos-42 to temporarily boot to an older configuration.
DEFAULT nixos-default

MENU TITLE ------------------------------------------------------------
TIMEOUT 50

LABEL nixos-default
  MENU LABEL boot-test aarch64 stand-in (not NixOS)
  LINUX ../nixos/aaaa-linux-6.1-standin-Image
  INITRD ../nixos/bbbb-initrd-standin-initrd
  APPEND init=/nix/store/cccc-nixos-system-standin/init console=ttyS0,115200n8 console=ttyAMA0,115200n8 console=tty0 standin=$mode
  FDTDIR ../nixos/dddd-linux-6.1-standin-dtbs
EXT
  rm -f sd.raw fw.fat root.ext4
  truncate -s 8M fw.fat && mkfs.vfat -n FIRMWARE fw.fat >/dev/null
  truncate -s 48M root.ext4 && mkfs.ext4 -q -L NIXOS_SD -d sdroot root.ext4
  truncate -s 58M sd.raw
  printf 'start=2048, size=16384, type=b\nstart=18432, type=83, bootable\n' | sfdisk -q sd.raw
  dd if=fw.fat of=sd.raw bs=1M seek=1 conv=notrunc,sparse status=none
  dd if=root.ext4 of=sd.raw bs=512 seek=18432 conv=notrunc,sparse status=none
  zstd -q -f --rm sd.raw -o "$name"
  rm -rf sdroot fw.fat root.ext4
}
sd_card ok standin-aarch64-sd.img.zst
sd_card panic standin-aarch64-sd-panic.img.zst

# --- an ESP with systemd-boot for aarch64 (the GPT disk and the ISO's EFI image) ---
esp_image() {
  local file=$1 size=$2
  rm -f "$file"
  truncate -s "$size" "$file"
  mkfs.vfat -n ESP "$file" >/dev/null
  mmd -i "$file" ::/EFI ::/EFI/BOOT ::/loader ::/loader/entries
  mcopy -i "$file" "$bootaa64" ::/EFI/BOOT/BOOTAA64.EFI
  printf 'timeout 0\ndefault standin.conf\n' >loader.conf
  printf 'title boot-test aarch64 stand-in (not NixOS)\nlinux /Image\ninitrd /initrd.gz\noptions console=tty0 console=ttyAMA0,115200n8 standin=ok\n' >standin.conf
  mcopy -i "$file" loader.conf ::/loader/loader.conf
  mcopy -i "$file" standin.conf ::/loader/entries/standin.conf
  mcopy -i "$file" Image initrd.gz ::/
  rm -f loader.conf standin.conf
}

# --- a GPT disk whose ESP holds systemd-boot (raw-efi, qcow-efi) ------------
esp_image esp.fat 44M
rm -f standin-aarch64-efi.raw
truncate -s 46M standin-aarch64-efi.raw
printf 'label: gpt\nstart=2048, size=90112, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, name=ESP\n' | sfdisk -q standin-aarch64-efi.raw
dd if=esp.fat of=standin-aarch64-efi.raw bs=1M seek=1 conv=notrunc,sparse status=none
rm -f esp.fat
qemu-img convert -f raw -O qcow2 standin-aarch64-efi.raw standin-aarch64-efi.qcow2

# --- an ISO with an EFI El Torito entry (aarch64 has no BIOS one) -----------
rm -rf isotree && mkdir -p isotree/boot
esp_image isotree/boot/efi.img 44M
xorriso -as mkisofs -quiet -o standin-aarch64.iso -V STANDIN_AA64 -J -R \
  -e boot/efi.img -no-emul-boot -isohybrid-gpt-basdat isotree 2>/dev/null
rm -rf isotree

# --- kexec: nixpkgs' tarball (make-system-tarball of the kexec-boot script) ---
if [[ ${STANDINS_FULL:-} == 1 ]]; then
rm -rf kx && mkdir -p kx/nix/store/aaaa-nixos-system-standin
cp Image kx/nix/store/aaaa-nixos-system-standin/kernel
cp initrd.gz kx/nix/store/aaaa-nixos-system-standin/initrd
cat >kx/nix/store/bbbb-kexec-boot <<'KX'
#!/usr/bin/env bash
# boot-test aarch64 stand-in (not NixOS)
SCRIPT_DIR=$( cd -- "$( dirname -- "${BASH_SOURCE[0]}" )" &> /dev/null && pwd )
kexec --load ${SCRIPT_DIR}/bzImage \
  --initrd=${SCRIPT_DIR}/initrd.gz \
  --command-line "init=/nix/store/aaaa-nixos-system-standin/init console=ttyAMA0,115200n8 standin=ok"
kexec -e
KX
chmod +x kx/nix/store/bbbb-kexec-boot
ln -s /nix/store/bbbb-kexec-boot kx/kexec_nixos
XZ_OPT=-0 tar -cJf standin-aarch64-kexec.tar.xz -C kx kexec_nixos nix
rm -rf kx
fi
echo "make-standins-aarch64: done in $out" >&2
