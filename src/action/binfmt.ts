// Building for another CPU than the runner's: the kernel runs the other CPU's
// programs through QEMU (binfmt_misc), and Nix is told it may build for that
// system (extra-platforms). When no working binfmt_misc entry exists, QEMU is
// installed (Debian/Ubuntu qemu-user-static) and registered with the F flag:
// the kernel opens the interpreter once, so it also works inside Nix's build
// sandbox and chroots, where /usr/bin is not visible.
import { access, chmod, constants, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import type { NixSystem } from "../core/catalogue.js";
import { ExitCode, UserError } from "../core/errors.js";
import { ELF_MAGIC, PROBE_EXIT_CODE, matchesMagic, probeExecutable } from "./elf-probe.js";
import { execAsRoot, execCommand, rootAccess, type ExecResult } from "./exec.js";

export const DEFAULT_BINFMT_DIR = "/proc/sys/fs/binfmt_misc";

/** QEMU's name for each CPU (qemu-<cpu>-static, binfmt entry qemu-<cpu>). */
const QEMU_CPU: Record<NixSystem, string> = { "aarch64-linux": "aarch64", "x86_64-linux": "x86_64" };

/** One registered binfmt_misc handler (a file in the binfmt_misc directory). */
export interface BinfmtEntry {
  name: string;
  enabled: boolean;
  interpreter: string;
  /** Flags letters, e.g. "F" or "POCF". */
  flags: string;
  offset: number;
  magic?: Buffer;
  mask?: Buffer;
}

export interface EmulationOptions {
  /** The runner's system. */
  hostSystem: NixSystem;
  /** Where binfmt_misc is mounted; default /proc/sys/fs/binfmt_misc. */
  binfmtDir?: string;
  /** Where the probe program is written; default the OS temporary directory. */
  tempDir?: string;
  /** Progress lines for the log. */
  log?: (line: string) => void;
  /** Where to look for qemu-<cpu>-static; default qemuSearchPath(PATH): /usr/bin first. */
  searchPath?: string[];
}

export interface Emulation {
  system: NixSystem;
  /** The binfmt_misc entry that runs the system's programs. */
  entry: string;
  interpreter: string;
  /** Whether the entry has the F (fix binary) flag. */
  fixBinary: boolean;
  /** Whether this run registered the entry (false: it was there). */
  registered: boolean;
  /** Whether this run installed QEMU. */
  installed: boolean;
  /** Lines for Nix's configuration (NIX_CONFIG). */
  nixConfig: string[];
}

/** Parses a binfmt_misc entry file. */
export function parseBinfmtEntry(name: string, text: string): BinfmtEntry {
  const lines = text.split("\n").map((l) => l.trim());
  const value = (key: string): string | undefined => {
    const line = lines.find((l) => l.startsWith(`${key} `) || l.startsWith(`${key}:`));
    return line?.slice(key.length).replace(/^:?\s*/, "");
  };
  const hex = (text: string | undefined): Buffer | undefined => (text && /^[0-9a-f]+$/i.test(text) ? Buffer.from(text, "hex") : undefined);
  return {
    name,
    enabled: lines[0] === "enabled",
    interpreter: value("interpreter") ?? "",
    flags: value("flags") ?? "",
    offset: Number(value("offset") ?? "0") || 0,
    magic: hex(value("magic")),
    mask: hex(value("mask")),
  };
}

/** Every entry registered in `dir`. */
export async function listBinfmtEntries(dir: string): Promise<BinfmtEntry[]> {
  const names = (await readdir(dir)).filter((n) => n !== "register" && n !== "status");
  const entries: BinfmtEntry[] = [];
  for (const name of names) {
    try {
      entries.push(parseBinfmtEntry(name, await readFile(join(dir, name), "utf8")));
    } catch {
      // An entry removed while we read: not there.
    }
  }
  return entries;
}

/** The entry the kernel would use for `system`'s executables (enabled, magic matching). */
export function entryFor(system: NixSystem, entries: readonly BinfmtEntry[]): BinfmtEntry | undefined {
  const head = probeExecutable(system).subarray(0, 64);
  return entries.find((e) => e.enabled && e.magic !== undefined && matchesMagic(head, e.magic, e.mask ?? Buffer.alloc(e.magic.length, 0xff), e.offset));
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function executable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/**
 * Where qemu-<cpu>-static is looked for: /usr/bin first (Debian's and
 * Ubuntu's qemu-user-static, the package installQemu installs), then PATH,
 * then /usr/local/bin. /usr/bin comes before PATH on purpose: the interpreter
 * found here is registered with binfmt_misc's F flag, so the kernel keeps it
 * open and runs every foreign program of the machine through it, for all
 * later steps and users too. A directory an earlier workflow step put at the
 * front of PATH (a tool cache, a setup action, a checkout's bin/) must not
 * choose that program; the system package's binary is the one to trust.
 */
export function qemuSearchPath(pathVariable: string = process.env.PATH ?? ""): string[] {
  return [...new Set(["/usr/bin", ...pathVariable.split(delimiter).filter(Boolean), "/usr/local/bin"])];
}

/** Where qemu-<cpu>-static is, if installed (in `searchPath`, default qemuSearchPath()). */
export async function findQemu(system: NixSystem, searchPath?: readonly string[]): Promise<string | undefined> {
  const name = `qemu-${QEMU_CPU[system]}-static`;
  const dirs = searchPath ?? qemuSearchPath();
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (await executable(candidate)) return candidate;
  }
  return undefined;
}

/** Runs the probe program for `system`: does the kernel run that CPU's programs? */
export async function probeRuns(system: NixSystem, tempDir?: string): Promise<{ ok: boolean; detail: string }> {
  const dir = await mkdtemp(join(tempDir ?? tmpdir(), "binfmt-probe-"));
  const path = join(dir, `probe-${system}`);
  try {
    await writeFile(path, probeExecutable(system));
    await chmod(path, 0o755);
    const result = await execCommand(path, []);
    const ok = result.code === PROBE_EXIT_CODE;
    return { ok, detail: ok ? `exit ${result.code}` : `exit ${result.code}${result.stderr.trim() ? `: ${result.stderr.trim()}` : ""}` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function noPrivileges(system: NixSystem, what: string): UserError {
  return new UserError(
    `Building for ${system} needs QEMU emulation (binfmt_misc), and ${what} needs root, but the action runs as an unprivileged user without passwordless sudo.`,
    `Run the job where sudo works without a password (GitHub-hosted runners), set up emulation before this step (e.g. docker/setup-qemu-action), or build on an ${system} runner.`,
    ExitCode.environment,
  );
}

/** "failed (exit N): <last lines of its output>" */
function failed(result: ExecResult): string {
  const text = (result.stderr || result.stdout).trim().split("\n").slice(-5).join("\n");
  return `failed (exit ${result.code})${text ? `: ${text}` : ""}`;
}

/** Mounts binfmt_misc at `dir` when it is not mounted (no `register` file there). */
async function ensureMounted(system: NixSystem, dir: string, log: (line: string) => void): Promise<void> {
  if (!(await exists(dir))) {
    // The kernel may have binfmt_misc as a module that is not loaded yet.
    await execAsRoot("modprobe", ["binfmt_misc"]).catch(() => undefined);
  }
  if (!(await exists(dir))) {
    throw new UserError(
      `Building for ${system} on this ${system === "aarch64-linux" ? "x86_64" : "aarch64"} runner needs binfmt_misc emulation, but ${dir} does not exist: this kernel (or container) has no binfmt_misc.`,
      `Build on an ${system} runner (e.g. ubuntu-24.04-arm for aarch64-linux), use a runner whose kernel has binfmt_misc, or leave ${system} out of system:.`,
      ExitCode.environment,
    );
  }
  if (await exists(join(dir, "register"))) return;
  log(`mounting binfmt_misc at ${dir}`);
  const result = await execAsRoot("mount", ["-t", "binfmt_misc", "binfmt_misc", dir]);
  if (result === undefined) throw noPrivileges(system, "mounting binfmt_misc");
  if (result.code !== 0 || !(await exists(join(dir, "register")))) {
    throw new UserError(
      `Building for ${system} needs binfmt_misc, which is not mounted at ${dir}, and mounting it ${result.code !== 0 ? failed(result) : "gave no register file"}.`,
      "Run the job on a runner (or container) that may mount binfmt_misc (privileged), or mount it before this step.",
      ExitCode.environment,
    );
  }
}

/** Installs Debian's/Ubuntu's qemu-user-static; its path, or a UserError. */
async function installQemu(system: NixSystem, options: EmulationOptions, log: (line: string) => void): Promise<string> {
  const name = `qemu-${QEMU_CPU[system]}-static`;
  if ((await execCommand("apt-get", ["--version"])).code !== 0) {
    throw new UserError(
      `Building for ${system} needs ${name} (QEMU user emulation), which is not installed, and this runner has no apt-get to install it.`,
      `Install QEMU's static user emulators before this step (the qemu-user-static package, or docker/setup-qemu-action), or build on an ${system} runner.`,
      ExitCode.environment,
    );
  }
  if ((await rootAccess()) === undefined) throw noPrivileges(system, "installing qemu-user-static");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = ["install", "-y", "-q", "--no-install-recommends", "qemu-user-static"];
  log("installing qemu-user-static (apt-get)");
  let result = await execAsRoot("apt-get", install, { env, stream: true });
  if (result && result.code !== 0) {
    // Package lists may be missing or stale on a fresh runner.
    log("apt-get install failed; updating the package lists and trying again");
    await execAsRoot("apt-get", ["update", "-q"], { env, stream: true });
    result = await execAsRoot("apt-get", install, { env, stream: true });
  }
  if (result === undefined) throw noPrivileges(system, "installing qemu-user-static");
  const path = await findQemu(system, options.searchPath);
  if (result.code !== 0 || !path) {
    throw new UserError(
      `Building for ${system} needs ${name}, and installing qemu-user-static with apt-get ${result.code !== 0 ? failed(result) : `did not provide ${name}`}.`,
      `Install qemu-user-static before this step, or build on an ${system} runner.`,
      ExitCode.environment,
    );
  }
  return path;
}

/** The binfmt_misc registration line for QEMU (with F: the interpreter is opened now, so it works in sandboxes). */
export function registrationLine(system: NixSystem, interpreter: string, name = `qemu-${QEMU_CPU[system]}`): string {
  const esc = (b: Buffer): string => [...b].map((byte) => `\\x${byte.toString(16).padStart(2, "0")}`).join("");
  const { magic, mask } = ELF_MAGIC[system];
  return `:${name}:M::${esc(magic)}:${esc(mask)}:${interpreter}:F`;
}

async function writeAsRoot(system: NixSystem, path: string, text: string): Promise<void> {
  const access = await rootAccess();
  if (access === undefined) throw noPrivileges(system, `writing ${path}`);
  if (access === "root") {
    await writeFile(path, text);
    return;
  }
  const result = await execAsRoot("tee", [path], { input: text });
  if (!result || result.code !== 0) throw new Error(result ? `tee ${path} ${failed(result)}` : `cannot write ${path}`);
}

/**
 * Makes sure this machine runs `system`'s programs and Nix may build for it;
 * returns how, with the lines for Nix's configuration. A UserError (exit code
 * 4, environment) when it cannot: no binfmt_misc, no privileges, no QEMU.
 */
export async function ensureEmulation(system: NixSystem, options: EmulationOptions): Promise<Emulation> {
  const log = options.log ?? (() => undefined);
  if (system === options.hostSystem) throw new Error(`ensureEmulation: ${system} is the host's own system`);
  const dir = options.binfmtDir ?? DEFAULT_BINFMT_DIR;
  await ensureMounted(system, dir, log);

  if ((await readFile(join(dir, "status"), "utf8").catch(() => "enabled")).trim() === "disabled") {
    log(`binfmt_misc is disabled; enabling it (${join(dir, "status")})`);
    await writeAsRoot(system, join(dir, "status"), "1");
  }

  let entry = entryFor(system, await listBinfmtEntries(dir));
  let registered = false;
  let installed = false;
  if (entry) {
    log(`${system}: binfmt_misc entry '${entry.name}' runs ${entry.interpreter} (flags: ${entry.flags || "none"})`);
  } else {
    let interpreter = await findQemu(system, options.searchPath);
    if (!interpreter) {
      interpreter = await installQemu(system, options, log);
      installed = true;
      // The package may have registered its own entries (binfmt-support, systemd-binfmt).
      entry = entryFor(system, await listBinfmtEntries(dir));
    }
    if (!entry) {
      const name = `qemu-${QEMU_CPU[system]}`;
      const existing = join(dir, name);
      if (await exists(existing)) await writeAsRoot(system, existing, "-1"); // a disabled or foreign entry of that name
      log(`${system}: registering ${interpreter} with binfmt_misc as '${name}' (flags: F)`);
      try {
        await writeAsRoot(system, join(dir, "register"), registrationLine(system, interpreter, name));
      } catch (error) {
        if (error instanceof UserError) throw error;
        throw new UserError(
          `Registering QEMU for ${system} with binfmt_misc (${join(dir, "register")}) failed: ${error instanceof Error ? error.message : String(error)}.`,
          `Run the job on a runner that may register binfmt_misc handlers (privileged), or build on an ${system} runner.`,
          ExitCode.environment,
        );
      }
      registered = true;
      entry = entryFor(system, await listBinfmtEntries(dir));
      if (!entry) {
        throw new UserError(
          `QEMU was registered for ${system} with binfmt_misc, but no enabled entry for ${system} programs shows in ${dir}.`,
          `Check the runner's binfmt_misc (cat ${dir}/*), or build on an ${system} runner.`,
          ExitCode.environment,
        );
      }
    }
  }

  const probe = await probeRuns(system, options.tempDir);
  if (!probe.ok) {
    throw new UserError(
      `This machine does not run ${system} programs: a test program run through binfmt_misc entry '${entry.name}' (${entry.interpreter}) gave ${probe.detail} instead of exit ${PROBE_EXIT_CODE}.`,
      `Check that ${entry.interpreter} exists and is a static QEMU for ${system} (or remove the entry: echo -1 > ${join(dir, entry.name)}), or build on an ${system} runner.`,
      ExitCode.environment,
    );
  }
  log(`${system}: a test program for ${system} ran (${probe.detail})`);

  const fixBinary = entry.flags.includes("F");
  const nixConfig = [`extra-platforms = ${system}`];
  // Without F the kernel opens the interpreter by path at each exec: the build sandbox must hold it.
  if (!fixBinary) nixConfig.push(`extra-sandbox-paths = ${entry.interpreter}`);
  return { system, entry: entry.name, interpreter: entry.interpreter, fixBinary, registered, installed, nixConfig };
}
