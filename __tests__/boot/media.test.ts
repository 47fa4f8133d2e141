// What QEMU is given per container (no QEMU run): the medium unpacked from
// each stand-in (make-standins.sh; NOT NixOS images), and the command line
// per firmware and architecture.
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { bootImage, firmwaresFor } from "../../src/boot/boot-image.js";
import { bootMedia, extlinuxDefault, kexecCommandLine } from "../../src/boot/media.js";
import { lastConsole, qemuArgs, runnerEnv } from "../../src/boot/qemu-args.js";
import { loadCatalogue } from "../../src/core/catalogue.js";
import { ExitCode } from "../../src/core/errors.js";
import { standins } from "./standins.js";

const catalogue = loadCatalogue();
const entry = (name: string) => catalogue.lookup(name) ?? (() => { throw new Error(name); })();
let dir: string;

beforeAll(async () => {
  dir = await standins();
}, 600_000);

async function mediaOf(format: string, file: string) {
  const f = entry(format);
  return bootMedia(join(dir, file), f.container, f.compression, await mkdtemp(join(tmpdir(), "boot-media-")));
}

describe("bootMedia per container", () => {
  test("disks as they are, in the format qemu-img reads them as", async () => {
    expect(await mediaOf("raw", "mbr-ok.raw")).toMatchObject({ kind: "disk", format: "raw", file: join(dir, "mbr-ok.raw") });
    expect(await mediaOf("qcow", "mbr-ok.qcow2")).toMatchObject({ kind: "disk", format: "qcow2" });
    expect(await mediaOf("azure", "mbr-ok-fixed.vhd")).toMatchObject({ kind: "disk", format: "vpc" });
    expect(await mediaOf("hyperv", "mbr-ok.vhdx")).toMatchObject({ kind: "disk", format: "vhdx" });
    expect(await mediaOf("vmware", "mbr-ok.vmdk")).toMatchObject({ kind: "disk", format: "vmdk" });
    expect(await mediaOf("iso", "standin.iso")).toMatchObject({ kind: "cdrom", file: join(dir, "standin.iso") });
  });

  test("unpacked: do's gzip, gce's disk.raw, the OVA's and the box's VMDK (the one the OVF names)", async () => {
    const doDisk = await mediaOf("do", "mbr-ok.qcow2.gz");
    expect(doDisk).toMatchObject({ kind: "disk", format: "qcow2", note: "decompressed gzip" });
    expect((await readFile(doDisk.kind === "disk" ? doDisk.file : "")).subarray(0, 4).toString("latin1")).toBe("QFI\xfb");
    expect(await mediaOf("gce", "standin.raw.tar.gz")).toMatchObject({ kind: "disk", format: "raw", note: "disk.raw inside" });
    expect(await mediaOf("virtualbox", "standin.ova")).toMatchObject({ kind: "disk", format: "vmdk", note: "standin-disk1.vmdk inside" });
    expect(await mediaOf("vagrant-virtualbox", "standin.box")).toMatchObject({ kind: "disk", format: "vmdk", note: "box-disk001.vmdk inside" });
  });

  test("kernel boots: the SD card's extlinux.conf entry, kexec's script, the bundle's payload; the runner script", async () => {
    const sd = await mediaOf("sd-x86_64", "standin-sd.img.zst");
    expect(sd).toMatchObject({ kind: "kernel", append: "init=/nix/store/cccc-nixos-system-standin/init console=ttyS0,115200n8 standin=ok", note: "/boot/extlinux/extlinux.conf: ../nixos/aaaa-linux-standin-bzImage" });
    if (sd.kind !== "kernel") throw new Error("not a kernel boot");
    expect(await readFile(sd.kernel)).toEqual(await readFile(join(dir, "vmlinuz")));
    expect(await readFile(sd.initrd)).toEqual(await readFile(join(dir, "initrd.gz")));
    expect(sd.disk?.format).toBe("raw");
    const kexec = await mediaOf("kexec", "standin-kexec.tar.xz");
    expect(kexec).toMatchObject({ kind: "kernel", append: "init=/nix/store/aaaa-nixos-system-standin/init console=ttyS0,115200n8 standin=ok", note: "kexec script: /nix/store/aaaa-nixos-system-standin/kernel" });
    expect(await mediaOf("kexec-bundle", "standin.kexec")).toMatchObject({ kind: "kernel", note: "kexec bundle payload" });
    expect(await mediaOf("vm", "runner")).toMatchObject({ kind: "runner", script: join(dir, "runner", "bin", "run-standin-vm") });
  }, 180_000);

  test("not booted: containers say why (proxmox's VMA boots by its disk: proxmox.test.ts)", async () => {
    await expect(bootMedia("/x", "rootfs-tar", "xz", tmpdir())).rejects.toThrow(/a rootfs-tar is not booted/);
  });

  test("a file that is not what its format builds is exit 6 naming it", async () => {
    await expect(mediaOf("gce", "mbr-ok.raw")).rejects.toMatchObject({ exitCode: 6, problem: expect.stringMatching(/mbr-ok\.raw: tar could not unpack it/) });
    await expect(mediaOf("sd-x86_64", "mbr-ok.raw")).rejects.toMatchObject({ exitCode: 6, problem: expect.stringMatching(/does not decompress as zstd/) });
  });
});

describe("raw on aarch64", () => {
  test("an MBR/BIOS disk for aarch64 fails the boot test naming why and raw-efi, without starting QEMU; raw-efi for aarch64 is not refused", async () => {
    const raw = loadCatalogue().lookup("raw");
    if (!raw) throw new Error("no raw");
    const logs = await mkdtemp(join(tmpdir(), "boot-raw-aarch64-"));
    const result = await bootImage(join(logs, "never-read.img"), raw, "aarch64-linux", { kvm: false, logDir: logs, logName: "raw", tools: { path: "/nonexistent", root: "/nonexistent" } });
    expect(result.status).toBe("failed");
    expect(result.exitCode).toBe(ExitCode.boot);
    expect(result.attempts).toEqual([]);
    expect(result.reason).toBe("not booted: raw for aarch64-linux is an MBR disk with GRUB for BIOS and no EFI system partition, which aarch64's UEFI-only firmware cannot start (build raw-efi for aarch64)");
  });
});

describe("parsers", () => {
  test("extlinux.conf: the DEFAULT label's LINUX, INITRD, APPEND", () => {
    const conf = "DEFAULT b\nLABEL a\n  LINUX /a\nLABEL b\n  MENU LABEL B\n  LINUX ../nixos/k\n  INITRD ../nixos/i\n  APPEND init=/x/init loglevel=4\n";
    expect(extlinuxDefault(conf)).toEqual({ linux: "../nixos/k", initrd: "../nixos/i", append: "init=/x/init loglevel=4" });
    expect(extlinuxDefault("TIMEOUT 5\n")).toBeUndefined();
  });
  test("kexec --command-line", () => {
    expect(kexecCommandLine('kexec --load x --command-line "init=/a/init console=ttyS0"\n')).toBe("init=/a/init console=ttyS0");
  });
});

describe("qemuArgs", () => {
  const disk = { kind: "disk", file: "/w/overlay.qcow2", format: "qcow2" } as const;
  test("x86_64 BIOS disk under TCG: q35, serial on stdout, no display, no reboot, IDE/AHCI disk", () => {
    expect(qemuArgs({ arch: "x86_64", accel: "tcg", firmware: "bios", medium: disk })).toEqual([
      "-machine", "q35,accel=tcg", "-m", "1024", "-smp", "1", "-nodefaults", "-display", "none", "-vga", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot",
      "-device", "virtio-rng-pci", "-drive", "file=/w/overlay.qcow2,format=qcow2,if=ide,media=disk",
    ]);
  });
  test("UEFI: read-only code and a copy of the vars as pflash; without vars, -bios", () => {
    const args = qemuArgs({ arch: "x86_64", accel: "kvm", firmware: "uefi", medium: { kind: "cdrom", file: "/i.iso" }, uefi: { code: "/c.fd", vars: "/w/vars.fd" } });
    expect(args).toContain("if=pflash,format=raw,unit=0,readonly=on,file=/c.fd");
    expect(args).toContain("if=pflash,format=raw,unit=1,file=/w/vars.fd");
    expect(args).toContain("file=/i.iso,format=raw,if=ide,media=cdrom,readonly=on");
    expect(args).toContain("q35,accel=kvm");
    expect(qemuArgs({ arch: "aarch64", accel: "tcg", firmware: "uefi", medium: disk, uefi: { code: "/q.fd" } })).toEqual(expect.arrayContaining(["-bios", "/q.fd", "file=/w/overlay.qcow2,format=qcow2,if=virtio"]));
  });
  test("aarch64: the virt machine with the host's best GIC; under TCG -cpu max with QEMU's own pointer authentication, under KVM the host's CPU", () => {
    const tcg = qemuArgs({ arch: "aarch64", accel: "tcg", firmware: "uefi", medium: disk, uefi: { code: "/a/AAVMF_CODE.fd", vars: "/w/efivars.fd" } });
    expect(tcg.slice(0, 4)).toEqual(["-machine", "virt,gic-version=max,accel=tcg", "-cpu", "max,pauth-impdef=on"]);
    expect(tcg).toEqual(expect.arrayContaining(["if=pflash,format=raw,unit=0,readonly=on,file=/a/AAVMF_CODE.fd", "if=pflash,format=raw,unit=1,file=/w/efivars.fd"]));
    expect(tcg).not.toContain("-bios");
    expect(qemuArgs({ arch: "aarch64", accel: "kvm", firmware: "direct", medium: { kind: "kernel", kernel: "/k", initrd: "/i", append: "" } }).slice(0, 4)).toEqual(["-machine", "virt,gic-version=max,accel=kvm", "-cpu", "host"]);
    const cd = qemuArgs({ arch: "aarch64", accel: "tcg", firmware: "uefi", medium: { kind: "cdrom", file: "/i.iso" }, uefi: { code: "/q.fd" } });
    expect(cd).toEqual(expect.arrayContaining(["virtio-scsi-pci", "file=/i.iso,format=raw,if=none,id=cd0,media=cdrom,readonly=on", "scsi-cd,drive=cd0"]));
  });
  test("direct kernel boot: the image's parameters, the serial console added when missing", () => {
    const args = qemuArgs({ arch: "aarch64", accel: "tcg", firmware: "direct", medium: { kind: "kernel", kernel: "/k", initrd: "/i", append: "init=/s/init" } });
    expect(args.slice(args.indexOf("-kernel"), args.indexOf("-kernel") + 6)).toEqual(["-kernel", "/k", "-initrd", "/i", "-append", "init=/s/init console=ttyAMA0,115200n8"]);
    const kept = qemuArgs({ arch: "x86_64", accel: "tcg", firmware: "direct", medium: { kind: "kernel", kernel: "/k", initrd: "/i", append: "console=ttyS0,115200n8 x" } });
    expect(kept).toContain("console=ttyS0,115200n8 x");
    // The last console= is /dev/console: sd-image-aarch64.nix's ends with tty0, so the serial port comes again, last.
    const sd = "init=/s/init console=ttyS0,115200n8 console=ttyAMA0,115200n8 console=tty0";
    expect(qemuArgs({ arch: "aarch64", accel: "tcg", firmware: "direct", medium: { kind: "kernel", kernel: "/k", initrd: "/i", append: sd } })).toContain(`${sd} console=ttyAMA0,115200n8`);
    expect(qemuArgs({ arch: "x86_64", accel: "tcg", firmware: "direct", medium: { kind: "kernel", kernel: "/k", initrd: "/i", append: "console=ttyS0 console=tty0" } })).toContain("console=ttyS0 console=tty0 console=ttyS0,115200n8");
    expect([lastConsole(sd), lastConsole("console=tty0 console=ttyAMA0,115200n8 quiet"), lastConsole("quiet")]).toEqual(["tty0", "ttyAMA0", undefined]);
  });
  test("a VM runner: headless, its console on the serial port, its disk in the work directory", () => {
    expect(runnerEnv("x86_64", "/w", {})).toEqual({ QEMU_OPTS: "-nographic", QEMU_KERNEL_PARAMS: "console=ttyS0,115200n8", NIX_DISK_IMAGE: "/w/nixos.qcow2", TMPDIR: "/w" });
    expect(runnerEnv("aarch64", "/w", { QEMU_OPTS: "-m 2048" }, "tcg")).toMatchObject({ QEMU_OPTS: "-m 2048 -nographic -machine accel=tcg", QEMU_KERNEL_PARAMS: "console=ttyAMA0,115200n8" });
  });
  test("firmware per format and system: the catalogue's on x86_64, UEFI on aarch64, direct for kernel and runner boots", () => {
    expect(firmwaresFor(entry("iso"), "x86_64-linux")).toEqual(["bios", "uefi"]);
    expect(firmwaresFor(entry("iso"), "aarch64-linux")).toEqual(["uefi"]);
    expect(firmwaresFor(entry("qcow"), "x86_64-linux")).toEqual(["bios"]);
    expect(firmwaresFor(entry("raw-efi"), "x86_64-linux")).toEqual(["uefi"]);
    expect(firmwaresFor(entry("sd-aarch64"), "aarch64-linux")).toEqual(["direct"]);
    expect(firmwaresFor(entry("vm"), "x86_64-linux")).toEqual(["direct"]);
    expect(firmwaresFor(entry("lxc"), "x86_64-linux")).toEqual([]);
  });
});
