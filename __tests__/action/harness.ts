// Runs the action the way a GitHub runner does: the ncc bundle
// (dist/index.js, in an action directory with nix/ and action.yml beside it)
// under Node 24 as a child process, inputs as INPUT_<NAME> variables (with the
// defaults of action.yml), and the runner's command files (GITHUB_OUTPUT,
// GITHUB_STEP_SUMMARY, GITHUB_ENV, GITHUB_PATH) read back afterwards.
import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
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
}

/** Node 24 (the node devDependency), as the runner's node24. */
export const NODE = process.execPath;

/** PATH with Node and the machine's tools (Nix is in /usr/local/bin here; its wrapper needs chroot from sbin). */
export const BASE_PATH = [dirname(NODE), "/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"].join(":");

export async function runAction(options: RunActionOptions = {}): Promise<ActionRun> {
  const dir = await actionDir();
  const files = await mkdtemp(join(tmpdir(), "action-run-"));
  try {
    const env: Record<string, string> = {
      PATH: BASE_PATH,
      HOME: process.env.HOME ?? "/root",
      LANG: "C.UTF-8",
      GITHUB_ACTIONS: "true",
      RUNNER_TEMP: join(files, "runner-temp"),
      GITHUB_WORKSPACE: join(files, "workspace"),
    };
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

    const started = performance.now();
    const child = spawn(NODE, [join(dir, "dist", "index.js")], { cwd: env.GITHUB_WORKSPACE, env, stdio: ["ignore", "pipe", "pipe"] });
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
