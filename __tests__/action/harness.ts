// Runs the action the way a GitHub runner does: the ncc bundle
// (dist/index.js, in an action directory with nix/ and action.yml beside it)
// under Node 24 as a child process, inputs as INPUT_<NAME> variables (with the
// defaults of action.yml), and the runner's command files (GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY, GITHUB_ENV, GITHUB_PATH) read back afterwards.
//
// As root (the tests' own user), or, with `user: "runner"`, as a hosted
// runner's user: uid 1001, HOME=/home/runner, passwordless sudo
// (/etc/sudoers.d/runner), not in any device group, with a Nix of its own
// (see runnerNix below). `callAs` runs one exported function of a source
// module as such a user.
import { execFile, execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { chmod, chown, cp, mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { projectPath } from "../../src/core/paths.js";

const execFileP = promisify(execFile);

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out.sort();
}

/** A hash of everything the bundle is made of (sources, lock file, nix/, action.yml). */
function sourceHash(): string {
  const hash = createHash("sha256");
  const root = projectPath();
  for (const file of [...filesUnder(projectPath("src")), ...filesUnder(projectPath("nix")), projectPath("package-lock.json"), projectPath("action.yml")]) {
    hash.update(relative(root, file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * The action directory as a runner checks it out: action.yml, dist/ (built by
 * ncc exactly as scripts/build-dist.mjs builds dist/index.js) and nix/. Built
 * once per source state and shared by the test files (a lock directory keeps
 * two workers from building at once).
 */
export async function actionDir(): Promise<string> {
  const dir = join(tmpdir(), `nixos-generators-action-${sourceHash()}`);
  const ready = join(dir, "dist", "index.js");
  if (existsSync(ready)) return dir;
  const lock = `${dir}.lock`;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      // Another worker builds; a lock older than 10 minutes is a dead one.
      if (existsSync(ready)) return dir;
      if (Date.now() - statSync(lock, { throwIfNoEntry: false })!.mtimeMs > 600_000) await rm(lock, { recursive: true, force: true });
      await sleep(500);
    }
  }
  try {
    if (existsSync(ready)) return dir;
    const building = await mkdtemp(`${dir}.build-`);
    await execFileP(
      projectPath("node_modules", ".bin", "ncc"),
      ["build", projectPath("src", "action", "main.ts"), "--out", join(building, "dist"), "--quiet", "--no-source-map-register", "--license", "licenses.txt"],
      { cwd: projectPath(), maxBuffer: 64 * 1024 * 1024 },
    );
    await cp(projectPath("nix"), join(building, "nix"), { recursive: true });
    await cp(projectPath("action.yml"), join(building, "action.yml"));
    await rm(dir, { recursive: true, force: true });
    await rename(building, dir);
    return dir;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** The inputs of action.yml with their defaults as written (expressions unevaluated). */
export function actionYmlInputs(text: string = readFileSync(projectPath("action.yml"), "utf8")): Map<string, string> {
  const inputs = new Map<string, string>();
  const block = /^inputs:\n([\s\S]*?)^\S/m.exec(text)?.[1] ?? "";
  let current: string | undefined;
  for (const line of block.split("\n")) {
    const name = /^ {2}([a-z0-9-]+):\s*$/.exec(line);
    if (name) {
      current = name[1];
      continue;
    }
    const def = /^ {4}default:\s*(.*)$/.exec(line);
    if (def && current) {
      let value = (def[1] ?? "").trim();
      if (/^".*"$/.test(value) || /^'.*'$/.test(value)) value = value.slice(1, -1);
      inputs.set(current, value);
    }
  }
  return inputs;
}

/** Reads a runner command file: `name=value` lines and `name<<DELIMITER` blocks. */
export function parseCommandFile(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name = "", delimiter = ""] = heredoc;
      const value: string[] = [];
      for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? "");
      if (i >= lines.length) throw new Error(`unterminated ${name}<<${delimiter} in a command file`);
      result[name] = value.join("\n");
    } else if (line.includes("=")) {
      const at = line.indexOf("=");
      result[line.slice(0, at)] = line.slice(at + 1);
    } else if (line.trim() !== "") {
      throw new Error(`unexpected line in a command file: ${line}`);
    }
  }
  return result;
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr, as the runner's log shows them. */
  log: string;
  outputs: Record<string, string>;
  summary: string;
  /** GITHUB_PATH entries added. */
  path: string[];
  /** GITHUB_ENV variables exported. */
  exported: Record<string, string>;
  /** `::error…::` lines, their messages unescaped. */
  errors: { properties: string; message: string }[];
  durationMs: number;
}

function unescapeCommand(text: string): string {
  return text.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
}

export interface RunActionOptions {
  /** Inputs by their action.yml names; the others get action.yml's defaults. */
  inputs?: Record<string, string>;
  /** The runner's variables (startGitHubTestServers().env, …), added to a small base. */
  env?: Record<string, string | undefined>;
  /** The github.token the runner puts in github-token's default. */
  token?: string;
  timeoutMs?: number;
  /** Run as this test user (created when missing) instead of root: HOME, USER and a PATH with its Nix first. */
  user?: TestUserName;
}

/** Node 24 (the node devDependency), as the runner's node24. */
export const NODE = process.execPath;

/** PATH with Node and the machine's tools (Nix is in /usr/local/bin here; its wrapper needs chroot from sbin). */
export const BASE_PATH = [dirname(NODE), "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"].join(":");

export async function runAction(options: RunActionOptions = {}): Promise<ActionRun> {
  const dir = await actionDir();
  const user = options.user ? await ensureTestUser(options.user) : undefined;
  if (user) {
    await chmod(dir, 0o755);
    await runnerNix(user);
  }
  const files = await mkdtemp(join(tmpdir(), "action-run-"));
  try {
    const env: Record<string, string> = {
      PATH: user ? `${RUNNER_NIX_BIN}:${BASE_PATH}` : BASE_PATH,
      HOME: user?.home ?? process.env.HOME ?? "/root",
      ...(user ? { USER: user.name, LOGNAME: user.name } : {}),
      LANG: "C.UTF-8",
      GITHUB_ACTIONS: "true",
      RUNNER_TEMP: join(files, "runner-temp"),
      GITHUB_WORKSPACE: join(files, "workspace"),
    };
    // A test user's single-user Nix has its store in its home (runnerNix); a daemon's client uses the machine's /nix.
    if (user && options.env?.NIX_REMOTE === undefined) env.NIXOS_GENERATORS_NIX_DIR = join(user.home, "nix");
    for (const [k, v] of Object.entries(options.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    await mkdir(env.RUNNER_TEMP!, { recursive: true });
    await mkdir(env.GITHUB_WORKSPACE!, { recursive: true });
    const commandFiles = { GITHUB_OUTPUT: "output", GITHUB_STEP_SUMMARY: "summary", GITHUB_ENV: "env", GITHUB_PATH: "path", GITHUB_STATE: "state" };
    for (const [variable, name] of Object.entries(commandFiles)) {
      env[variable] = join(files, name);
      await writeFile(env[variable]!, "");
    }
    // The runner sets every input: the given value, else action.yml's default (expressions evaluated).
    const given = options.inputs ?? {};
    for (const [name, fallback] of actionYmlInputs(await readFile(join(dir, "action.yml"), "utf8"))) {
      const value = (given[name] ?? fallback).replace(/\$\{\{\s*github\.token\s*\}\}/g, options.token ?? "").replace(/\$\{\{\s*runner\.temp\s*\}\}/g, env.RUNNER_TEMP!);
      env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] = value;
    }
    for (const name of Object.keys(given)) {
      if (!actionYmlInputs(await readFile(join(dir, "action.yml"), "utf8")).has(name)) throw new Error(`runAction: '${name}' is not an input of action.yml`);
    }

    if (user) await chownTree(files, user);
    const started = performance.now();
    const child = spawn(NODE, [join(dir, "dist", "index.js")], {
      cwd: env.GITHUB_WORKSPACE,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const all: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => {
      out.push(c);
      all.push(c);
    });
    child.stderr.on("data", (c: Buffer) => {
      err.push(c);
      all.push(c);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 300_000);
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    clearTimeout(timer);
    const durationMs = performance.now() - started;

    const stdout = Buffer.concat(out).toString("utf8");
    const read = (name: string): Promise<string> => readFile(join(files, name), "utf8");
    // ACTION_TEST_LOG_DIR=dir keeps each run's log, outputs and summary there (for reading them).
    const keep = process.env.ACTION_TEST_LOG_DIR;
    if (keep) {
      await mkdir(keep, { recursive: true });
      const base = join(keep, `${Date.now()}-${process.pid}`);
      await writeFile(`${base}.log`, Buffer.concat(all));
      await writeFile(`${base}.outputs`, await read("output"));
      await writeFile(`${base}.summary.md`, await read("summary"));
    }
    const errors = [...stdout.matchAll(/^::error(?: ([^:]*))?::(.*)$/gm)].map((m) => ({ properties: m[1] ?? "", message: unescapeCommand(m[2] ?? "") }));
    return {
      code,
      stdout,
      stderr: Buffer.concat(err).toString("utf8"),
      log: Buffer.concat(all).toString("utf8"),
      outputs: parseCommandFile(await read("output")),
      summary: await read("summary"),
      path: (await read("path")).split("\n").filter(Boolean),
      exported: parseCommandFile(await read("env")),
      errors,
      durationMs,
    };
  } finally {
    await rm(files, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// Test users: a hosted runner's user, and one without sudo.

export type TestUserName = "runner" | "runner-nosudo";

export interface TestUser {
  name: TestUserName;
  uid: number;
  gid: number;
  home: string;
  sudo: boolean;
}

/** GitHub's hosted runners: user runner, uid 1001, passwordless sudo (/etc/sudoers.d/runner). */
const TEST_USERS: Record<TestUserName, Omit<TestUser, "name">> = {
  runner: { uid: 1001, gid: 1001, home: "/home/runner", sudo: true },
  "runner-nosudo": { uid: 1002, gid: 1002, home: "/home/runner-nosudo", sudo: false },
};

function commandWorks(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Creates the user when missing (idempotent; sudo installed with apt-get when absent). */
export async function ensureTestUser(name: TestUserName): Promise<TestUser> {
  const user: TestUser = { name, ...TEST_USERS[name] };
  if (!commandWorks("sudo", ["--version"])) {
    execFileSync("apt-get", ["install", "-y", "-q", "sudo"], { stdio: "ignore", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  }
  // Another test process may create them at the same moment: a failure counts only if they are still missing.
  if (!commandWorks("getent", ["group", name]) && !commandWorks("groupadd", ["-g", String(user.gid), name]) && !commandWorks("getent", ["group", name])) {
    throw new Error(`ensureTestUser: could not create the group ${name} (gid ${user.gid})`);
  }
  const useradd = ["-u", String(user.uid), "-g", String(user.gid), "-m", "-d", user.home, "-s", "/bin/bash", name];
  if (!commandWorks("getent", ["passwd", name]) && !commandWorks("useradd", useradd) && !commandWorks("getent", ["passwd", name])) {
    throw new Error(`ensureTestUser: could not create the user ${name} (uid ${user.uid})`);
  }
  const sudoers = `/etc/sudoers.d/${name}`;
  if (user.sudo && !existsSync(sudoers)) {
    await mkdir("/etc/sudoers.d", { recursive: true });
    const tmp = `${sudoers}.${process.pid}.tmp`;
    await writeFile(tmp, `${name} ALL=(ALL) NOPASSWD:ALL\n`, { mode: 0o440 });
    execFileSync("visudo", ["-c", "-f", tmp], { stdio: "ignore" });
    await rename(tmp, sudoers);
  }
  return user;
}

async function chownTree(path: string, user: TestUser): Promise<void> {
  await chown(path, user.uid, user.gid);
  if (!statSync(path).isDirectory()) return;
  for (const entry of readdirSync(path)) await chownTree(join(path, entry), user);
}

// ---------------------------------------------------------------------------
// The test users' Nix.
//
// The machine's Nix (scripts/install-nix) enters its Debian root through a
// private mount namespace, which only root may make: `nix` fails for anyone
// else ("unshare failed: Operation not permitted"). The test users get what
// the action installs for a user on a hosted runner, a single-user Nix with a
// store the user owns: wrappers in RUNNER_NIX_BIN make an unprivileged user
// namespace (unshare --user --map-root-user: the user's uid is root inside,
// nothing more) to enter the same root, with the store at <home>/nix/store
// (NIX_STORE_DIR, NIX_STATE_DIR, NIX_LOG_DIR). Nix runs as that user: its
// files are the user's, and it can open /dev/kvm only when the user can. No
// check is weakened: nothing runs as the real root.
//
// The store directory is <home>/nix/store rather than /nix/store because the
// action reads store paths itself (to copy images out): bound over /nix in
// the namespace, they would not be where the action looks. The one visible
// difference: src/nix/build.ts's dry-run parser expects /nix/store paths, so
// the count of derivations to build reads 0 for such a store.
//
// With NIX_REMOTE set, the wrapper leaves the store settings alone and Nix is
// a client of that daemon (a multi-user install, see startNixDaemon).
//
// Measured here (2 cores): `nix --version` through runuser + this wrapper
// 0.18-0.28 s, through a `sudo nix` wrapper 0.24-0.37 s; adding the pinned
// nixpkgs (442 MB) to the user's store once: 9.3 s. The sudo wrapper was not
// taken: Nix would run as root, so it would find /dev/kvm usable whatever its
// permissions, write root-owned files into the user's directories, and test
// nothing a hosted runner's user meets.

export const RUNNER_NIX_BIN = "/usr/local/lib/nixos-generators-test/runner-nix/bin";
const RUNNER_NIX_TOOLS = ["nix", "nix-instantiate", "nix-build", "nix-store", "nix-env", "nix-shell"];

/** The entry script of scripts/install-nix's root (read from its `nix` wrapper). */
function nixRootEntry(): string {
  const wrapper = readFileSync("/usr/local/bin/nix", "utf8");
  const entry = /^exec (\S+) nix "\$@"$/m.exec(wrapper)?.[1];
  if (!entry || !wrapper.includes("Written by nixos-generators")) throw new Error("runnerNix: /usr/local/bin/nix is not scripts/install-nix's wrapper");
  return entry;
}

/** The wrappers (shared by the test users) and the user's own store; returns the user's store directory. */
export async function runnerNix(user: TestUser): Promise<string> {
  const store = join(user.home, "nix");
  if (!existsSync(store)) {
    await mkdir(store, { recursive: true });
    await chown(store, user.uid, user.gid);
  }
  const entry = nixRootEntry();
  const script = `#!/bin/sh
# Written by nixos-generators' __tests__/action/harness.ts (runnerNix): Nix for
# an unprivileged test user, in a user namespace, with its own store under
# $HOME/nix; with NIX_REMOTE, a daemon's client.
tool=$(basename "$0")
if [ -z "\${NIX_REMOTE:-}" ]; then
  export NIX_STORE_DIR="$HOME/nix/store" NIX_STATE_DIR="$HOME/nix/var/nix" NIX_LOG_DIR="$HOME/nix/var/log/nix"
fi
exec unshare --user --map-root-user --mount --pid --fork --kill-child --propagation private env _NIXROOT_IN_NS=1 ${entry} "$tool" "$@"
`;
  await mkdir(RUNNER_NIX_BIN, { recursive: true });
  for (const tool of RUNNER_NIX_TOOLS) {
    const path = join(RUNNER_NIX_BIN, tool);
    if (existsSync(path) && readFileSync(path, "utf8") === script) continue;
    await writeFile(`${path}.${process.pid}.tmp`, script, { mode: 0o755 });
    await rename(`${path}.${process.pid}.tmp`, path);
  }
  return store;
}

export interface AsUserResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a program as the test user (its HOME, its Nix first on PATH). */
export async function execAs(name: TestUserName, command: string, args: readonly string[], env: Record<string, string> = {}): Promise<AsUserResult> {
  const user = await ensureTestUser(name);
  await runnerNix(user);
  const child = spawn(command, args, {
    cwd: user.home,
    env: { PATH: `${RUNNER_NIX_BIN}:${BASE_PATH}`, HOME: user.home, USER: user.name, LOGNAME: user.name, LANG: "C.UTF-8", ...env },
    uid: user.uid,
    gid: user.gid,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on("data", (c: Buffer) => out.push(c));
  child.stderr.on("data", (c: Buffer) => err.push(c));
  const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
  return { code, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
}

/** Whether the test user can open `path` read-write (a shell's `exec 3<>`, as the user). */
export async function userCanOpen(name: TestUserName, path: string): Promise<boolean> {
  return (await execAs(name, "sh", ["-c", 'exec 3<>"$1"', "sh", path])).code === 0;
}

/** The pinned test nixpkgs in the test user's store (added once, ~9 s; a GC root keeps it). */
export async function runnerNixpkgs(name: TestUserName = "runner"): Promise<string> {
  const user = await ensureTestUser(name);
  const store = await runnerNix(user);
  const dir = process.env.NIXPKGS_TEST_DIR ?? "/opt/nixpkgs-26.11pre";
  const marker = readdirSync(dir).find((f) => f.startsWith(".prepared-from-"));
  if (!marker) throw new Error(`runnerNixpkgs: ${dir} is not a prepared nixpkgs (no .prepared-from-* marker)`);
  const root = join(store, "var", "nix", "gcroots", "nixos-generators-test-nixpkgs");
  const known = existsSync(root) ? readlinkSync(root) : undefined;
  if (known && existsSync(join(known, marker))) return known;
  const added = await execAs(name, join(RUNNER_NIX_BIN, "nix-store"), ["--add", dir]);
  if (added.code !== 0) throw new Error(`runnerNixpkgs: nix-store --add ${dir} as ${name} failed: ${added.stderr}`);
  const path = added.stdout.trim();
  await mkdir(dirname(root), { recursive: true });
  await rm(root, { force: true });
  await symlink(path, root).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error;
  });
  await chownTree(dirname(root), user);
  return path;
}

// ---------------------------------------------------------------------------
// A Nix daemon (a multi-user install, as another action leaves it): the
// machine's nix-daemon on its own socket and nix.conf directory, for clients
// with NIX_REMOTE=unix://<socket> (and NIX_CONF_DIR, so they read the
// daemon's nix.conf, as they would /etc/nix/nix.conf).

export interface NixDaemon {
  socket: string;
  /** NIX_REMOTE for its clients. */
  remote: string;
  /** NIX_CONF_DIR for its clients. */
  confDir: string;
  stop(): Promise<void>;
}

/** Starts a nix-daemon whose nix.conf is the machine's plus `extraConf` (e.g. "trusted-users = root"). */
export async function startNixDaemon(extraConf: string): Promise<NixDaemon> {
  const dir = await mkdtemp(join(tmpdir(), "nix-daemon-"));
  await chmod(dir, 0o755);
  const confDir = join(dir, "etc");
  await mkdir(confDir);
  const entry = nixRootEntry();
  const machineConf = readFileSync(join(dirname(entry), "etc", "nix", "nix.conf"), "utf8");
  await writeFile(join(confDir, "nix.conf"), `${machineConf}\n${extraConf}\n`, { mode: 0o644 });
  const socket = join(dir, "socket");
  const child = spawn(entry, ["nix-daemon"], {
    env: { PATH: BASE_PATH, HOME: "/root", NIX_DAEMON_SOCKET_PATH: socket, NIX_CONF_DIR: confDir },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const log: Buffer[] = [];
  child.stderr.on("data", (c: Buffer) => log.push(c));
  const exited = new Promise<void>((resolve) => child.on("close", () => resolve()));
  for (let i = 0; !existsSync(socket); i++) {
    if (i > 100 || child.exitCode !== null) {
      child.kill("SIGKILL");
      throw new Error(`startNixDaemon: no socket at ${socket}: ${Buffer.concat(log).toString("utf8")}`);
    }
    await sleep(100);
  }
  return {
    socket,
    remote: `unix://${socket}`,
    confDir,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      await Promise.race([exited, sleep(5000).then(() => child.kill("SIGKILL"))]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------------------
// One exported async function of a source module, run as a test user: the
// module is bundled (ncc, as the action) with a small entry that calls the
// function with JSON arguments (the last one, an options object, gets a `log`
// collecting the lines) and prints the outcome as JSON.

export interface CallOutcome<T> {
  value?: T;
  /** A thrown error: a UserError's fields, or another error's message. */
  error?: { name: string; message: string; problem?: string; fix?: string; exitCode?: number };
  /** What the function logged (through the `log` option it was given). */
  lines: string[];
  stderr: string;
}

const probeBundles = new Map<string, Promise<string>>();

/** The bundle for `module`, built once per source state (and once per test process). */
function probeBundle(module: string): Promise<string> {
  let bundle = probeBundles.get(module);
  if (!bundle) {
    bundle = buildProbeBundle(module);
    probeBundles.set(module, bundle);
  }
  return bundle;
}

async function buildProbeBundle(module: string): Promise<string> {
  const rel = relative(projectPath(), module);
  const dir = join(tmpdir(), `nixos-generators-probe-${sourceHash()}-${createHash("sha256").update(rel).digest("hex").slice(0, 8)}`);
  const ready = join(dir, "out", "index.js");
  if (existsSync(ready)) return ready;
  const building = await mkdtemp(`${dir}.build-`);
  const entry = `import * as probed from ${JSON.stringify(module.replace(/\.ts$/, ".js"))};
type Fn = (...args: unknown[]) => Promise<unknown>;
const [name, args] = JSON.parse(process.argv[2] ?? "[]") as [string, unknown[]];
const lines: string[] = [];
const fn = (probed as unknown as Record<string, Fn | undefined>)[name];
if (!fn) throw new Error("no function " + name);
const options = { ...(args.pop() as Record<string, unknown>), log: (line: string) => lines.push(line) };
fn(...args, options).then(
  (value) => process.stdout.write(JSON.stringify({ value, lines })),
  (e: unknown) => {
    const error: Error & { problem?: string; fix?: string; exitCode?: number } = e instanceof Error ? e : new Error(String(e));
    process.stdout.write(JSON.stringify({ error: { name: error.name, message: error.message, problem: error.problem, fix: error.fix, exitCode: error.exitCode }, lines }));
  },
);
`;
  await writeFile(join(building, "entry.ts"), entry);
  await writeFile(
    join(building, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: { target: "ES2023", module: "NodeNext", moduleResolution: "NodeNext", strict: true, skipLibCheck: true, esModuleInterop: true, resolveJsonModule: true, types: ["node"], typeRoots: [projectPath("node_modules", "@types")] },
      files: ["entry.ts"],
    }),
  );
  await execFileP(projectPath("node_modules", ".bin", "ncc"), ["build", join(building, "entry.ts"), "--out", join(building, "out"), "--quiet", "--no-source-map-register"], {
    cwd: projectPath(),
    maxBuffer: 64 * 1024 * 1024,
  });
  await chmod(building, 0o755);
  // Another test process may have finished the same bundle first: keep that one.
  await rename(building, dir).catch(async () => {
    await rm(building, { recursive: true, force: true });
    if (!existsSync(ready)) throw new Error(`callAs: no bundle at ${ready}`);
  });
  return ready;
}

/** Calls `fn(...args, options)` of the module (a path under src/) as the test user. */
export async function callAs<T = unknown>(
  name: TestUserName,
  module: string,
  fn: string,
  args: unknown[],
  options: Record<string, unknown> = {},
  env: Record<string, string> = {},
): Promise<CallOutcome<T>> {
  const bundle = await probeBundle(projectPath(module));
  const result = await execAs(name, NODE, [bundle, JSON.stringify([fn, [...args, options]])], env);
  if (result.stdout.trim() === "") throw new Error(`callAs ${module} ${fn}: no answer (exit ${result.code}): ${result.stderr}`);
  const parsed = JSON.parse(result.stdout) as Omit<CallOutcome<T>, "stderr">;
  return { ...parsed, stderr: result.stderr };
}
