// Run the real `nixos-generate` bundle (built from the sources once per test
// file) as a user would: a child process with argv, env and a cwd.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectPath } from "../../src/core/paths.js";

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Build dist/cli from the sources into a temp dir; returns the entry path. */
export function buildCli(): string {
  const out = mkdtempSync(join(tmpdir(), "nixos-generate-dist-"));
  execFileSync(process.execPath, [projectPath("scripts", "build-dist.mjs"), out], { stdio: "pipe" });
  return join(out, "cli", "index.js");
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
