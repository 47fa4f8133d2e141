// Boots one image file of a catalogue format, once per firmware it boots by
// (an x86_64 ISO both ways): unpack what QEMU needs, overlay the disk, pick
// KVM or TCG, run QEMU, judge the console. Under KVM, a guest whose kernel
// never shows (a KVM that cannot run QEMU guests) is booted again under TCG.
import { constants } from "node:fs";
import { mkdir, mkdtemp, open, rm } from "node:fs/promises";
import { join } from "node:path";
import type { BootFacts, Container, Firmware, Format, NixSystem } from "../core/catalogue.js";
import { unbootableOn } from "../core/aarch64-boot.js";
import { ExitCode, isUserError } from "../core/errors.js";
import type { Stage } from "./console.js";
import { bootMedia, NotBootable, type BootMedia } from "./media.js";
import { copyVars, createOverlay } from "./overlay.js";
import { qemuArgs, runnerEnv, type Accel, type BootFirmware, type QemuMedium } from "./qemu-args.js";
import { runQemu, type BootFailureKind } from "./run-qemu.js";
import { accelerators, archOf, hostArch, locateQemu, locateUefi, type ToolSearch } from "./tools.js";

export const DEFAULT_TIMEOUT = { kvm: 300, tcg: 900 } as const;
export const DEFAULT_HANG = { kvm: 90, tcg: 240 } as const;
/** Under KVM, the kernel must show within this many seconds, else the boot is retried under TCG. */
export const KVM_KERNEL_WITHIN = 30;

export interface BootAttempt {
  firmware: BootFirmware;
  accel: Accel;
  ok: boolean;
  reason: string;
  kind?: BootFailureKind;
  seconds: number;
  stages: Stage[];
  lastLines: string[];
  /** The console log file. */
  log: string;
  /** Set when a KVM attempt was abandoned for TCG: why. */
  kvmFallback?: string;
}

export interface BootResult {
  format: string;
  system: NixSystem;
  file: string;
  /** "booted", "failed", or "skipped" (a format that does not boot, or what is not implemented). */
  status: "booted" | "failed" | "skipped";
  reason: string;
  /** How the medium was made (e.g. "disk.raw inside"). */
  medium?: string;
  attempts: BootAttempt[];
  /** The exit code of a failure of kind environment (no QEMU, no firmware, unusable file). */
  exitCode?: number;
}

export interface BootOptions {
  /** Seconds for the whole boot (default by accelerator: DEFAULT_TIMEOUT). */
  timeoutSeconds?: number;
  /** Seconds without console output that make a hang (default: DEFAULT_HANG, at most half the timeout). */
  hangSeconds?: number;
  /** Whether KVM may be used (the caller opened the device). */
  kvm: boolean;
  /** Where console logs go: `<logDir>/<logName>.<firmware>.console.log`. */
  logDir: string;
  logName: string;
  tools?: ToolSearch;
  log?: (line: string) => void;
  signal?: AbortSignal;
  /** The firmware to boot by (default: all the format's, for its system). */
  firmware?: Firmware[];
}

/** What booting needs to know of a format: the catalogue's entry, or a custom format's declared container. */
export type BootFormat = Pick<Format, "name" | "container" | "compression" | "boot">;

/** How an image of a container boots when no catalogue entry says (a custom format that declares its container). */
export function bootFactsOf(container: Container): BootFacts | null {
  switch (container) {
    case "qcow2":
    case "raw-mbr":
    case "vhd":
    case "vhdx":
    case "vmdk":
    case "ova":
    case "vagrant-box":
    case "gce-tar":
    case "vma":
      return { how: "disk", firmware: ["bios"] };
    case "raw-gpt":
      return { how: "disk", firmware: ["uefi"] };
    case "iso":
      return { how: "cdrom", firmware: ["bios", "uefi"] };
    case "sd-image":
    case "kexec-tar":
    case "kexec-bundle":
      return { how: "kernel", firmware: [] };
    case "vm-runner":
      return { how: "runner", firmware: [] };
    default:
      return null;
  }
}

/** Whether `device` opens read-write (KVM usable by this user). */
export async function kvmUsable(device: string): Promise<boolean> {
  try {
    const handle = await open(device, constants.O_RDWR);
    await handle.close();
    return true;
  } catch {
    return false;
  }
}

/** The firmware an image of `format` boots by on `system`: x86_64 as the catalogue says, aarch64 always UEFI, kernel/runner boots direct. */
export function firmwaresFor(format: BootFormat, system: NixSystem): BootFirmware[] {
  const boot = format.boot;
  if (!boot) return [];
  if (boot.how === "kernel" || boot.how === "runner") return ["direct"];
  if (system === "aarch64-linux") return ["uefi"];
  return boot.firmware.length > 0 ? [...boot.firmware] : ["bios"];
}

function skipped(format: BootFormat, system: NixSystem, file: string, reason: string): BootResult {
  return { format: format.name, system, file, status: "skipped", reason, attempts: [] };
}

/** Boots `file`, an image of catalogue format `format` for `system`. Never throws for the image's faults: they are in the result. */
export async function bootImage(file: string, format: BootFormat, system: NixSystem, options: BootOptions): Promise<BootResult> {
  const log = options.log ?? (() => undefined);
  const tag = `${format.name} (${system})`;
  if (!format.boot) return skipped(format, system, file, `${format.name} is not booted (${format.container}: it runs as a container, or is not a system)`);
  const unbootable = unbootableOn(format, system);
  if (unbootable) return { format: format.name, system, file, status: "failed", reason: `not booted: ${unbootable} (build raw-efi for aarch64)`, attempts: [], exitCode: ExitCode.boot };
  const arch = archOf(system);
  const work = await mkdtemp(join(options.logDir, `.boot-${options.logName}-`));
  try {
    let media: BootMedia;
    try {
      media = await bootMedia(file, format.container, format.compression, work);
    } catch (error) {
      if (error instanceof NotBootable) return skipped(format, system, file, error.message);
      if (isUserError(error)) return { format: format.name, system, file, status: "failed", reason: error.problem.replace(/\.$/, ""), attempts: [], exitCode: error.exitCode };
      throw error;
    }
    const tools = await locateQemu(arch, options.tools);
    // The image may say its firmware itself (a VMA's qemu-server.conf); aarch64 boots by UEFI whatever it says.
    let firmwares = media.kind === "disk" && media.firmware && system !== "aarch64-linux" ? [media.firmware] : firmwaresFor(format, system);
    if (options.firmware) firmwares = firmwares.filter((f) => f === "direct" || options.firmware?.includes(f));
    const attempts: BootAttempt[] = [];
    for (const firmware of firmwares) {
      const attemptWork = join(work, firmware);
      await mkdir(attemptWork, { recursive: true });
      let medium: QemuMedium | undefined;
      if (media.kind === "disk") medium = { kind: "disk", file: await createOverlay(tools.qemuImg, media.file, media.format, attemptWork), format: "qcow2" };
      else if (media.kind === "cdrom") medium = { kind: "cdrom", file: media.file };
      else if (media.kind === "kernel") {
        medium = { kind: "kernel", kernel: media.kernel, initrd: media.initrd, append: media.append };
        if (media.disk) medium.disk = { file: await createOverlay(tools.qemuImg, media.disk.file, media.disk.format, attemptWork), format: "qcow2" };
      }
      const uefi = firmware === "uefi" ? await locateUefi(arch, tools.qemu, options.tools) : undefined;
      const logFile = join(options.logDir, `${options.logName}${firmwares.length > 1 ? `.${firmware}` : ""}.console.log`);
      let fallback: string | undefined;
      // A runner script picks its accelerator itself (accel=kvm:tcg); under TCG it is told so.
      const accels: readonly Accel[] = accelerators(options.kvm, arch, hostArch());
      if (options.kvm && accels[0] !== "kvm") log(`${tag}: KVM runs guests of this machine's own architecture (${hostArch() ?? process.arch}) only; booting under TCG`);
      for (const accel of accels) {
        const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_TIMEOUT[accel];
        const hangSeconds = Math.min(options.hangSeconds ?? DEFAULT_HANG[accel], Math.max(5, Math.floor(timeoutSeconds / 2)));
        log(`${tag}: booting (${media.note}; ${firmware === "direct" ? (media.kind === "runner" ? "its runner" : "kernel booted directly") : firmware.toUpperCase()}; ${accel.toUpperCase()}; timeout ${timeoutSeconds} s, hang ${hangSeconds} s)`);
        const vars = uefi?.vars ? await copyVars(uefi.vars, attemptWork) : undefined;
        const command =
          media.kind === "runner"
            ? { command: media.script, args: [] as string[], env: runnerEnv(arch, attemptWork, process.env, accel) }
            : { command: tools.qemu, args: qemuArgs({ arch, accel, firmware, medium: medium as QemuMedium, ...(uefi ? { uefi: { code: uefi.code, ...(vars ? { vars } : {}) } } : {}) }) };
        const run = await runQemu({
          ...command,
          cwd: attemptWork,
          logFile,
          timeoutSeconds,
          hangSeconds,
          ...(accel === "kvm" ? { kernelWithinSeconds: KVM_KERNEL_WITHIN } : {}),
          onStage: (stage, s) => log(`${tag}: ${stage} (${s.toFixed(1)} s)`),
          ...(options.signal ? { signal: options.signal } : {}),
        });
        const attempt: BootAttempt = { firmware, accel, ok: run.ok, reason: run.reason, seconds: run.seconds, stages: run.stages, lastLines: run.lastLines, log: logFile, ...(run.kind ? { kind: run.kind } : {}), ...(fallback ? { kvmFallback: fallback } : {}) };
        // A KVM that cannot run the guest (its kernel never showed): boot again under TCG.
        if (accel === "kvm" && !run.ok && (run.kind === "kvm" || (!run.kernelSeen && run.kind !== "panic" && run.kind !== "emergency"))) {
          fallback = run.reason;
          log(`${tag}: KVM did not run the guest (${run.reason}); booting again under TCG`);
          continue;
        }
        attempts.push(attempt);
        log(`${tag}: ${run.ok ? "booted" : "FAILED"} (${firmware}, ${accel}) in ${run.seconds} s: ${run.reason}`);
        break;
      }
    }
    const failed = attempts.filter((a) => !a.ok);
    const reason =
      failed.length > 0
        ? failed.map((a) => `${a.firmware === "direct" ? "" : `${a.firmware}: `}${a.reason}`).join("; ")
        : `booted (${attempts.map((a) => `${a.firmware} ${a.accel} ${a.seconds} s`).join(", ")})`;
    return { format: format.name, system, file, status: failed.length > 0 ? "failed" : "booted", reason, medium: media.note, attempts };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
