// Run the real `nixos-generate` bundle (built from the sources once per test
// file) as a user would: a child process with argv, env and a cwd.
import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { projectPath } from "../../src/core/paths.js";
import { buildOnce } from "./build-once.js";

const execFileP = promisify(execFile);

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** A hash of what the CLI bundle is made of: src/ and the lock file. */
function cliSourceHash(): string {
  const hash = createHash("sha256");
  for (const file of [...filesUnder(projectPath("src")), projectPath("package-lock.json")]) {
    hash.update(relative(projectPath(), file)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * dist/cli built by ncc from the sources, as scripts/build-dist.mjs builds it;
 * returns the entry path. Built once per source state and shared by the test
 * files.
 */
export async function buildCli(): Promise<string> {
  const dir = await buildOnce(join(tmpdir(), `nixos-generate-cli-${cliSourceHash()}`), join("cli", "index.js"), async (into) => {
    await execFileP(
      projectPath("node_modules", ".bin", "ncc"),
      ["build", projectPath("src", "cli", "main.ts"), "--out", join(into, "cli"), "--quiet", "--no-source-map-register", "--license", "licenses.txt"],
      { cwd: projectPath(), maxBuffer: 64 * 1024 * 1024 },
    );
  });
  return join(dir, "cli", "index.js");
}

export function runCli(
  entry: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; interruptAfterMs?: number; interruptWhen?: RegExp } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [entry, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: { ...process.env, NIXOS_GENERATORS_ROOT: projectPath(), ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    let interrupted = false;
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      // Ctrl-C once stderr shows the pattern (e.g. a build under way).
      if (options.interruptWhen && !interrupted && options.interruptWhen.test(stderr)) {
        interrupted = true;
        child.kill("SIGINT");
      }
    });
    if (options.interruptAfterMs !== undefined) setTimeout(() => child.kill("SIGINT"), options.interruptAfterMs);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
