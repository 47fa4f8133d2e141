// Where the boot test's QEMU and firmware come from, in this order:
//   1. PATH: qemu-system-<arch>, qemu-img;
//   2. firmware files at the usual places: Debian's ovmf (/usr/share/OVMF),
//      qemu-efi-aarch64 (/usr/share/qemu-efi-aarch64), AAVMF (/usr/share/AAVMF),
//      Fedora's edk2 (/usr/share/edk2), QEMU's own edk2 copies
//      (/usr/share/qemu, and share/qemu next to the qemu-system found);
//   3. the configuration's nixpkgs through Nix: `qemu` (its bin/ and its
//      share/qemu/edk2-*), `OVMF.fd` (FV/OVMF_CODE.fd) — built or fetched.
// Nothing is installed through apt.
import { access, constants, stat } from "node:fs/promises";
import { delimiter, dirname, join } from "node:path";
import { ExitCode, UserError } from "../core/errors.js";
import type { NixSystem } from "../core/catalogue.js";

export type Arch = "x86_64" | "aarch64";
export const archOf = (system: NixSystem): Arch => (system === "aarch64-linux" ? "aarch64" : "x86_64");

/** The architecture of the machine this runs on, as Node names it (`process.arch`); undefined for one the boot test does not know. */
export function hostArch(nodeArch: string = process.arch): Arch | undefined {
  if (nodeArch === "x64") return "x86_64";
  if (nodeArch === "arm64") return "aarch64";
  return undefined;
}

/** The accelerators to try, in order: KVM (when allowed) runs guests of the host's own architecture only; TCG always. */
export function accelerators(kvm: boolean, guest: Arch, host: Arch | undefined): ("kvm" | "tcg")[] {
  return kvm && guest === host ? ["kvm", "tcg"] : ["tcg"];
}

/** UEFI firmware: the code (read-only pflash, or -bios when there is no vars template) and a vars template to copy. */
export interface UefiFirmware {
  code: string;
  vars?: string;
  /** Where it was found: "path" (a usual place) or "nix". */
  from: "path" | "nix";
}

export interface Tools {
  qemu: string;
  qemuImg: string;
  /** For how the tool was found: "path" or "nix". */
  from: "path" | "nix";
}

/** Runs `nix build` of an attribute of the configuration's nixpkgs; the output path, or throws a UserError. */
export type NixPackageBuilder = (attribute: "qemu" | "OVMF.fd") => Promise<string>;

export interface ToolSearch {
  /** PATH to search (default process.env.PATH). */
  path?: string;
  /** Root for the usual firmware places (tests; default "/"). */
  root?: string;
  nix?: NixPackageBuilder;
}

async function isFile(path: string, mode = constants.R_OK): Promise<boolean> {
  return access(path, mode).then(
    () => true,
    () => false,
  );
}

/** A program on PATH, or undefined. */
export async function onPath(program: string, path = process.env.PATH ?? ""): Promise<string | undefined> {
  for (const dir of path.split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, program);
    if (await isFile(candidate, constants.X_OK)) return candidate;
  }
  return undefined;
}

/** The firmware pairs searched, best first, for one architecture (relative to `root`, and to QEMU's share/qemu). */
export function firmwareCandidates(arch: Arch, qemu: string | undefined, root = "/"): { code: string; vars?: string }[] {
  const at = (...parts: string[]) => join(root, ...parts);
  const qemuShare = qemu ? [join(dirname(dirname(qemu)), "share", "qemu")] : [];
  if (arch === "x86_64") {
    return [
      { code: at("usr/share/OVMF/OVMF_CODE_4M.fd"), vars: at("usr/share/OVMF/OVMF_VARS_4M.fd") },
      { code: at("usr/share/OVMF/OVMF_CODE.fd"), vars: at("usr/share/OVMF/OVMF_VARS.fd") },
      { code: at("usr/share/edk2/ovmf/OVMF_CODE.fd"), vars: at("usr/share/edk2/ovmf/OVMF_VARS.fd") },
      { code: at("usr/share/edk2/x64/OVMF_CODE.fd"), vars: at("usr/share/edk2/x64/OVMF_VARS.fd") },
      ...[at("usr/share/qemu"), ...qemuShare].map((dir) => ({ code: join(dir, "edk2-x86_64-code.fd"), vars: join(dir, "edk2-i386-vars.fd") })),
    ];
  }
  return [
    { code: at("usr/share/AAVMF/AAVMF_CODE.fd"), vars: at("usr/share/AAVMF/AAVMF_VARS.fd") },
    { code: at("usr/share/qemu-efi-aarch64/QEMU_EFI.fd") },
    { code: at("usr/share/edk2/aarch64/QEMU_EFI-pflash.raw"), vars: at("usr/share/edk2/aarch64/vars-template-pflash.raw") },
    ...[at("usr/share/qemu"), ...qemuShare].map((dir) => ({ code: join(dir, "edk2-aarch64-code.fd"), vars: join(dir, "edk2-arm-vars.fd") })),
  ];
}

/** The size of a flash unit of aarch64's virt machine: a pflash drive must be exactly this big. */
export const VIRT_FLASH_BYTES = 64 * 1024 * 1024;

async function sizeOf(path: string): Promise<number | undefined> {
  return stat(path).then(
    (s) => s.size,
    () => undefined,
  );
}

/**
 * The first candidate whose code is there; without its vars (so booted with -bios) when the vars
 * template is missing, or, on aarch64, when code and vars are not both 64 MiB (QEMU refuses a
 * smaller pflash unit on virt: "device requires 67108864 bytes"; Debian's AAVMF pair is padded,
 * qemu-efi-aarch64's QEMU_EFI.fd is 2 MiB and -bios only).
 */
async function firstPresent(candidates: readonly { code: string; vars?: string }[], arch: Arch): Promise<{ code: string; vars?: string } | undefined> {
  for (const c of candidates) {
    if (!(await isFile(c.code))) continue;
    if (c.vars === undefined) return { code: c.code };
    if (!(await isFile(c.vars))) return { code: c.code };
    if (arch === "aarch64" && ((await sizeOf(c.code)) !== VIRT_FLASH_BYTES || (await sizeOf(c.vars)) !== VIRT_FLASH_BYTES)) return { code: c.code };
    return c;
  }
  return undefined;
}

const NO_QEMU_FIX =
  "Install QEMU (Debian/Ubuntu: apt-get install qemu-system-x86 qemu-utils, plus qemu-system-arm for aarch64), or let Nix build it from the configuration's nixpkgs (needs a binary cache or network).";

/** qemu-system-<arch> and qemu-img: from PATH, else from the configuration's nixpkgs. */
export async function locateQemu(arch: Arch, search: ToolSearch = {}): Promise<Tools> {
  const qemu = await onPath(`qemu-system-${arch}`, search.path);
  const qemuImg = await onPath("qemu-img", search.path);
  if (qemu && qemuImg) return { qemu, qemuImg, from: "path" };
  if (!search.nix) {
    throw new UserError(`The boot test needs qemu-system-${arch} and qemu-img, and ${qemu ? "qemu-img" : `qemu-system-${arch}`} is not on PATH.`, NO_QEMU_FIX, ExitCode.environment);
  }
  let out: string;
  try {
    out = await search.nix("qemu");
  } catch (error) {
    const why = error instanceof UserError ? error.problem : String(error);
    throw new UserError(`The boot test needs qemu-system-${arch}: it is not on PATH, and Nix could not build qemu from the configuration's nixpkgs (${why}).`, NO_QEMU_FIX, ExitCode.environment);
  }
  return { qemu: qemu ?? join(out, "bin", `qemu-system-${arch}`), qemuImg: qemuImg ?? join(out, "bin", "qemu-img"), from: "nix" };
}

/** UEFI firmware for `arch`: at the usual places (and next to `qemu`), else from the configuration's nixpkgs. */
export async function locateUefi(arch: Arch, qemu: string | undefined, search: ToolSearch = {}): Promise<UefiFirmware> {
  const found = await firstPresent(firmwareCandidates(arch, qemu, search.root), arch);
  if (found) return { ...found, from: "path" };
  const name = arch === "x86_64" ? "OVMF" : "AAVMF";
  const fix = `Install it (Debian/Ubuntu: apt-get install ${arch === "x86_64" ? "ovmf" : "qemu-efi-aarch64"}), or let Nix build it from the configuration's nixpkgs (needs a binary cache or network).`;
  if (!search.nix) throw new UserError(`The boot test needs UEFI firmware (${name}) for ${arch}, and none is at the usual places (${firmwareCandidates(arch, qemu, search.root)[0]?.code}, …).`, fix, ExitCode.environment);
  const tried: string[] = [];
  // x86_64: nixpkgs' OVMF.fd; aarch64 (and x86_64 as a second try): the edk2 builds nixpkgs' qemu ships.
  for (const attribute of arch === "x86_64" ? (["OVMF.fd", "qemu"] as const) : (["qemu"] as const)) {
    try {
      const out = await search.nix(attribute);
      const candidates =
        attribute === "OVMF.fd" ? [{ code: join(out, "FV", "OVMF_CODE.fd"), vars: join(out, "FV", "OVMF_VARS.fd") }] : firmwareCandidates(arch, join(out, "bin", `qemu-system-${arch}`), "/nonexistent").slice(-1);
      const firmware = await firstPresent(candidates, arch);
      if (firmware) return { ...firmware, from: "nix" };
      tried.push(`${attribute}: no ${candidates.map((c) => c.code).join(", ")}`);
    } catch (error) {
      tried.push(`${attribute}: ${error instanceof UserError ? error.problem : String(error)}`);
    }
  }
  throw new UserError(`The boot test needs UEFI firmware (${name}) for ${arch}: none at the usual places, and Nix could not provide it (${tried.join("; ")}).`, fix, ExitCode.environment);
}
