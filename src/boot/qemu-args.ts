// The QEMU command line for one boot: the machine of the architecture, KVM or
// TCG, the firmware (BIOS, UEFI pflash, or the kernel booted directly), the
// medium (a copy-on-write overlay of the disk, the ISO read-only), the first
// serial port on standard output, no display, no reboot.
import type { Arch, UefiFirmware } from "./tools.js";
import type { DiskFormat } from "./media.js";

export type Accel = "kvm" | "tcg";
export type BootFirmware = "bios" | "uefi" | "direct";

/** What QEMU is given once the medium is ready (the disk already an overlay). */
export type QemuMedium =
  | { kind: "disk"; file: string; format: DiskFormat }
  | { kind: "cdrom"; file: string }
  | { kind: "kernel"; kernel: string; initrd: string; append: string; disk?: { file: string; format: DiskFormat } };

export interface QemuPlan {
  arch: Arch;
  accel: Accel;
  firmware: BootFirmware;
  medium: QemuMedium;
  /** UEFI code and a writable copy of its vars (for firmware "uefi"). */
  uefi?: { code: string; vars?: string };
  memoryMiB?: number;
}

/** The serial console's kernel parameter for the architecture's QEMU machine. */
export const serialConsole = (arch: Arch): string => (arch === "aarch64" ? "ttyAMA0" : "ttyS0");

function drive(arch: Arch, file: string, format: string, media: "disk" | "cdrom"): string[] {
  const readonly = media === "cdrom" ? ",readonly=on" : "";
  if (arch === "x86_64") return ["-drive", `file=${file},format=${format},if=ide,media=${media}${readonly}`];
  // aarch64's virt machine has no IDE: virtio for a disk, SCSI for a CD.
  const id = media === "cdrom" ? "cd0" : "hd0";
  return media === "cdrom"
    ? ["-device", "virtio-scsi-pci", "-drive", `file=${file},format=${format},if=none,id=${id},media=cdrom${readonly}`, "-device", `scsi-cd,drive=${id}`]
    : ["-drive", `file=${file},format=${format},if=virtio`];
}

/** The device of the last console= parameter of a kernel command line (e.g. "ttyAMA0"), or undefined. */
export function lastConsole(append: string): string | undefined {
  const consoles = append.split(/\s+/).filter((w) => w.startsWith("console="));
  return consoles[consoles.length - 1]?.slice("console=".length).split(",")[0];
}

/** The arguments after the qemu-system-<arch> program. */
export function qemuArgs(plan: QemuPlan): string[] {
  const { arch, accel, medium } = plan;
  const args: string[] = [];
  if (arch === "x86_64") args.push("-machine", `q35,accel=${accel}`);
  // aarch64: the virt machine with the best GIC the host has (a KVM host may have no GICv2; nixpkgs'
  // qemu-common.nix sets gic-version=max too); under TCG the max CPU with QEMU's own pointer-authentication
  // algorithm (emulating QARMA, the default, made a stand-in's direct kernel boot 11 s instead of 3 s).
  else args.push("-machine", `virt,gic-version=max,accel=${accel}`, "-cpu", accel === "kvm" ? "host" : "max,pauth-impdef=on");
  args.push("-m", String(plan.memoryMiB ?? 1024), "-smp", "1");
  args.push("-nodefaults", "-display", "none", "-vga", "none", "-monitor", "none", "-serial", "stdio", "-no-reboot");
  args.push("-device", "virtio-rng-pci");
  if (plan.firmware === "uefi") {
    if (!plan.uefi) throw new Error("qemuArgs: UEFI boot without firmware");
    if (plan.uefi.vars) {
      args.push("-drive", `if=pflash,format=raw,unit=0,readonly=on,file=${plan.uefi.code}`);
      args.push("-drive", `if=pflash,format=raw,unit=1,file=${plan.uefi.vars}`);
    } else args.push("-bios", plan.uefi.code);
  }
  switch (medium.kind) {
    case "disk":
      args.push(...drive(arch, medium.file, medium.format, "disk"));
      break;
    case "cdrom":
      args.push(...drive(arch, medium.file, "raw", "cdrom"));
      break;
    case "kernel": {
      const console = serialConsole(arch);
      // The image's own parameters, and the serial console last: the last console= becomes /dev/console,
      // where stage 1 and systemd write (sd-image-aarch64.nix names ttyAMA0 and then tty0).
      const append = lastConsole(medium.append) === console ? medium.append : `${medium.append} console=${console},115200n8`.trim();
      args.push("-kernel", medium.kernel, "-initrd", medium.initrd, "-append", append);
      if (medium.disk) args.push(...drive(arch, medium.disk.file, medium.disk.format, "disk"));
      break;
    }
  }
  return args;
}

/** The environment a NixOS VM runner (run-<name>-vm) is started with: headless, its console on the serial port, its disk in `work`; under TCG, `-machine accel=tcg` (after the runner's own accel=kvm:tcg, it wins). */
export function runnerEnv(arch: Arch, work: string, base: NodeJS.ProcessEnv = process.env, accel: Accel = "kvm"): NodeJS.ProcessEnv {
  return {
    ...base,
    QEMU_OPTS: [base.QEMU_OPTS, "-nographic", ...(accel === "tcg" ? ["-machine accel=tcg"] : [])].filter(Boolean).join(" "),
    QEMU_KERNEL_PARAMS: [base.QEMU_KERNEL_PARAMS, `console=${serialConsole(arch)},115200n8`].filter(Boolean).join(" "),
    NIX_DISK_IMAGE: `${work}/nixos.qcow2`,
    TMPDIR: work,
  };
}
