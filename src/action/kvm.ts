// KVM for the formats nixpkgs builds in a QEMU VM (make-disk-image.nix and
// friends: requiredSystemFeatures = [ "kvm" ]):
// 1. checkKvm: no device at all -> stop before anything is evaluated, with
//    the ways out (not Nix's "a 'x86_64-linux' with features {kvm} is
//    required" after an evaluation).
// 2. ensureKvmAccess: a device this user cannot open (GitHub's hosted
//    runners: root:kvm 0660, and the runner user is not in kvm) is made
//    usable the way GitHub documents it, a udev rule giving it mode 0666, or,
//    where udev does not apply it, chmod 0666. Proved by opening it read-write.
// 3. recheckKvmAccess: after an apt install (udev may re-apply the device's
//    old permissions), the same again when needed.
// 4. ensureNixKvmFeature: Nix lists 'kvm' in system-features only when it
//    could open /dev/kvm when it started (or nix.conf says so); otherwise
//    extra-system-features = kvm for our Nix calls.
// Settings (for tests; production defaults are the real ones):
// NIXOS_GENERATORS_KVM_DEVICE, NIXOS_GENERATORS_UDEV_RULES_DIR,
// NIXOS_GENERATORS_UDEVADM.
import { lstat, stat } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { BuilderChoice, Catalogue } from "../core/catalogue.js";
import { ExitCode, UserError, isUserError } from "../core/errors.js";
import { KVM_DEVICE, kvmDevice, openReadWrite } from "../core/kvm-device.js";
import { formatName, targetBuilder, type GenerateRequest, type Target } from "../core/request.js";
import { orList } from "../core/resolve-formats.js";
import type { KvmProbe } from "../pipeline/builder-choice.js";
import { execAsRoot, execCommand, rootAccess, type ExecResult } from "./exec.js";
import { addNixConfig } from "./install-nix.js";
import { readNixSettings, settingWords } from "./nix-config.js";

export { KVM_DEVICE, openReadWrite };
export const UDEV_RULES_DIR = "/etc/udev/rules.d";
/** GitHub's documented rule (its blog post on hardware-accelerated Android virtualization on Linux runners), as runner docs repeat it. */
export const KVM_UDEV_RULE = 'KERNEL=="kvm", GROUP="kvm", MODE="0666", OPTIONS+="static_node=kvm"';
export const KVM_UDEV_RULE_FILE = "99-kvm4all.rules";
export const NIX_KVM_LINE = "extra-system-features = kvm";

/** How to make the device usable (for tests; the defaults are the real ones). */
export interface KvmSettings {
  device: string;
  udevRulesDir: string;
  /** The udevadm program (a name on PATH, or a path). */
  udevadm: string;
}

export function kvmSettings(env: NodeJS.ProcessEnv = process.env): KvmSettings {
  return {
    device: kvmDevice(env),
    udevRulesDir: env.NIXOS_GENERATORS_UDEV_RULES_DIR || UDEV_RULES_DIR,
    udevadm: env.NIXOS_GENERATORS_UDEVADM || "udevadm",
  };
}

/** Whether building the target needs KVM: a catalogue format nixpkgs builds in a VM, with the vm builder (the target's own, under auto). */
export function needsKvm(target: Target, builder: BuilderChoice): boolean {
  return targetBuilder(target, builder) === "vm" && target.format.kind === "catalogue" && target.format.entry.needsKvm;
}

/** The names of the formats of the request that need KVM. */
export function kvmFormats(request: Pick<GenerateRequest, "targets" | "builder">): string[] {
  return [...new Set(request.targets.filter((t) => needsKvm(t, request.builder)).map((t) => formatName(t.format)))];
}

/** Fails (exit 4) when targets need KVM and there is no KVM device (`device`, default NIXOS_GENERATORS_KVM_DEVICE or /dev/kvm). */
export async function checkKvm(request: GenerateRequest, catalogue: Catalogue, device = kvmSettings().device): Promise<void> {
  const needing = kvmFormats(request);
  if (needing.length === 0) return;
  const present = await stat(device).then(
    (s) => s.isCharacterDevice(),
    () => false,
  );
  if (present) return;
  const repartable = needing.filter((name) => catalogue.lookup(name)?.builders.includes("repart"));
  const others = needing.filter((name) => !repartable.includes(name));
  throw new UserError(
    `${orList(needing)} ${needing.length === 1 ? "is" : "are"} built in a QEMU VM (Nix system feature 'kvm'), and this runner has no KVM device (${device}).`,
    [
      "Build on an x86_64 GitHub-hosted runner (ubuntu-latest) or a self-hosted runner with KVM",
      repartable.length > 0 ? `, or set builder: repart for ${orList(repartable)} (UEFI disks made without a VM)` : "",
      others.length > 0 && repartable.length > 0 ? `; ${orList(others)} ${others.length === 1 ? "needs" : "need"} KVM either way` : "",
      ".",
    ].join(""),
    ExitCode.environment,
  );
}

export interface KvmAccess {
  device: string;
  /** "already": usable as it was; "udev": the udev rule; "chmod": chmod 0666 (udev did not apply the rule). */
  how: "already" | "udev" | "chmod";
}

export interface KvmAccessOptions extends Partial<KvmSettings> {
  log?: (line: string) => void;
  /** How long to wait for udev to apply the rule after `udevadm trigger`. */
  udevWaitMs?: number;
}

function whoAmI(): string {
  return `uid ${process.getuid?.() ?? "?"}`;
}

function outcome(result: ExecResult | undefined): string {
  if (!result) return "not run";
  if (result.code === 0) return "ok";
  return `exit ${result.code}${result.stderr.trim() ? `: ${result.stderr.trim().split("\n").slice(-1)[0]}` : ""}`;
}

/** Polls until the device opens or `ms` pass. */
async function opensWithin(device: string, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  for (;;) {
    if ((await openReadWrite(device)) === "") return true;
    if (Date.now() >= until) return false;
    await sleep(100);
  }
}

const UDEV_STEPS = `echo '${KVM_UDEV_RULE}' | sudo tee ${UDEV_RULES_DIR}/${KVM_UDEV_RULE_FILE}; sudo udevadm control --reload-rules; sudo udevadm trigger --name-match=kvm`;

/**
 * Makes the KVM device usable by this user, or fails (exit 4) saying why.
 * Where the user can open it already, nothing changes.
 */
export async function ensureKvmAccess(options: KvmAccessOptions = {}): Promise<KvmAccess> {
  const settings = { ...kvmSettings(), ...options };
  const { device } = settings;
  const log = options.log ?? (() => undefined);
  const before = await openReadWrite(device);
  if (before === "") {
    log(`${device}: opened read-write as ${whoAmI()}; usable as it is`);
    return { device, how: "already" };
  }
  if (before === "ENOENT") {
    throw new UserError(`The KVM device ${device} is gone (it was there when the action started).`, "Re-run the job; if it happens again, build on a runner with KVM or set builder: repart.", ExitCode.environment);
  }
  // Only a character device itself is made world-usable: never what a symbolic link (or a setting) points at.
  const node = await lstat(device).catch(() => undefined);
  if (!node?.isCharacterDevice()) {
    throw new UserError(
      `${device} is not a character device (${node?.isSymbolicLink() ? "a symbolic link" : "another kind of file"}), so the action does not change its permissions.`,
      "Point NIXOS_GENERATORS_KVM_DEVICE at the KVM device node itself (/dev/kvm), or unset it.",
      ExitCode.environment,
    );
  }
  const mode = `mode ${(node.mode & 0o777).toString(8).padStart(4, "0")}, owner ${node.uid}:${node.gid}`;
  log(`${device}: this user (${whoAmI()}) cannot open it read-write (${before}; ${mode}); making it usable`);
  if ((await rootAccess()) === undefined) {
    throw new UserError(
      `The KVM device ${device} exists, but this user (${whoAmI()}) cannot open it read-write (${before}; ${mode}), and the job has neither root nor passwordless sudo to change that.`,
      `Make it usable before this step (GitHub's way: ${UDEV_STEPS}), or run the job as a user in the device's group.`,
      ExitCode.environment,
    );
  }

  const tried: string[] = [];
  const version = await execCommand(settings.udevadm, ["--version"]);
  if (version.code === 0) {
    const rules = join(settings.udevRulesDir, KVM_UDEV_RULE_FILE);
    const write = await execAsRoot("tee", [rules], { input: `${KVM_UDEV_RULE}\n` });
    const reload = write?.code === 0 ? await execAsRoot(settings.udevadm, ["control", "--reload-rules"]) : undefined;
    const trigger = reload?.code === 0 ? await execAsRoot(settings.udevadm, ["trigger", "--name-match=kvm"]) : undefined;
    if (trigger?.code === 0) await execAsRoot(settings.udevadm, ["settle", "--timeout=10"]);
    const detail = `writing ${rules}: ${outcome(write)}; udevadm control --reload-rules: ${outcome(reload)}; udevadm trigger --name-match=kvm: ${outcome(trigger)}`;
    if (trigger?.code === 0 && (await opensWithin(device, options.udevWaitMs ?? 3000))) {
      log(`${device}: udev rule ${rules} (${KVM_UDEV_RULE}) applied; opened read-write as ${whoAmI()}`);
      return { device, how: "udev" };
    }
    tried.push(`the udev rule (${detail}${trigger?.code === 0 ? "; the device still did not open" : ""})`);
    log(`${device}: the udev rule did not make it usable (${detail}); falling back to chmod 0666`);
  } else {
    tried.push(`no udev rule (${settings.udevadm} not found)`);
    log(`${device}: no udevadm (${settings.udevadm}); using chmod 0666`);
  }

  const chmod = await execAsRoot("chmod", ["0666", device]);
  const after = await openReadWrite(device);
  if (chmod?.code === 0 && after === "") {
    log(`${device}: chmod 0666; opened read-write as ${whoAmI()}`);
    return { device, how: "chmod" };
  }
  tried.push(`chmod 0666 (${outcome(chmod)}${chmod?.code === 0 ? `; opening it still failed: ${after}` : ""})`);
  throw new UserError(
    `The KVM device ${device} exists, but this user (${whoAmI()}) cannot open it read-write (${before}; ${mode}), and making it usable failed: ${tried.join("; ")}.`,
    `Make it usable before this step (GitHub's way: ${UDEV_STEPS}), or build with builder: repart where the format allows it.`,
    ExitCode.environment,
  );
}

/**
 * For builder: auto on this runner: whether KVM is usable, after making it
 * usable as ensureKvmAccess does (a hosted runner's device opens only then).
 * A device that is missing, or that cannot be made usable, is "not usable":
 * auto then takes repart where it can.
 */
export async function probeRunnerKvm(options: KvmAccessOptions = {}): Promise<KvmProbe> {
  const settings = { ...kvmSettings(), ...options };
  const { device } = settings;
  const opened = await openReadWrite(device);
  if (opened === "") return { device, usable: true };
  const node = await lstat(device).catch(() => undefined);
  if (!node?.isCharacterDevice()) return { device, usable: false, why: opened };
  try {
    await ensureKvmAccess(options);
    return { device, usable: true };
  } catch (error) {
    if (!isUserError(error)) throw error;
    options.log?.(`${device}: not usable for builder auto: ${error.problem}`);
    return { device, usable: false, why: `${opened}, and making it usable failed` };
  }
}

/**
 * After something that may re-apply the device's permissions (an apt install
 * runs udev triggers): when the device no longer opens, make it usable again.
 * Call it after every package install the action does while KVM is needed
 * (run.ts calls it after ensureEmulation installed qemu-user-static).
 */
export async function recheckKvmAccess(previous: KvmAccess | undefined, options: KvmAccessOptions = {}): Promise<KvmAccess | undefined> {
  if (!previous) return undefined;
  const log = options.log ?? (() => undefined);
  const now = await openReadWrite(previous.device);
  if (now === "") {
    log(`${previous.device}: still opens read-write`);
    return previous;
  }
  log(`${previous.device}: no longer opens read-write (${now}); its permissions were re-applied`);
  return ensureKvmAccess({ ...options, device: previous.device });
}

export interface NixKvmFeature {
  /** system-features before. */
  before: string[];
  /** system-features after (the same when 'kvm' was there). */
  after: string[];
  /** The line added to NIX_CONFIG, if any. */
  added?: string;
}

/**
 * Makes Nix list 'kvm' in system-features for this process's Nix calls
 * (NIX_CONFIG). A Nix lists it by itself when it could open /dev/kvm when it
 * started; a Nix whose nix.conf sets system-features, or one that started
 * before the device was usable, may not.
 */
export async function ensureNixKvmFeature(options: { log?: (line: string) => void; env?: NodeJS.ProcessEnv } = {}): Promise<NixKvmFeature> {
  const log = options.log ?? (() => undefined);
  const env = options.env ?? process.env;
  const before = settingWords((await readNixSettings(["system-features"], env)).get("system-features"));
  log(`Nix system-features: ${before.join(" ") || "(none)"}`);
  if (before.includes("kvm")) return { before, after: before };
  addNixConfig([NIX_KVM_LINE], env);
  const after = settingWords((await readNixSettings(["system-features"], env)).get("system-features"));
  if (!after.includes("kvm")) {
    throw new UserError(
      `Nix does not list 'kvm' in system-features (${after.join(" ") || "none"}), even with '${NIX_KVM_LINE}' in NIX_CONFIG, so it would refuse to build the formats that need KVM.`,
      "Add 'kvm' to system-features in nix.conf (/etc/nix/nix.conf, or ~/.config/nix/nix.conf) before this step.",
      ExitCode.environment,
    );
  }
  log(`Nix did not list 'kvm'; added '${NIX_KVM_LINE}'; system-features now: ${after.join(" ")}`);
  return { before, after, added: NIX_KVM_LINE };
}
