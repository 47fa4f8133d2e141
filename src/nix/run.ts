// Every Nix call goes through here: one place that spawns Nix, streams or
// captures its output, and turns Ctrl-C into a clean stop.
import { spawn } from "node:child_process";
import { ExitCode, UserError } from "../core/errors.js";

export type NixTool = "nix" | "nix-instantiate" | "nix-build" | "nix-store";

export interface NixRunOptions {
  /** Copy Nix's stderr (progress, build logs) to ours as it comes. */
  streamStderr?: boolean;
  /** Stops Nix (SIGINT, then SIGKILL) when aborted. */
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface NixResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The Nix binary name a tool is called by (overridable for tests of a missing Nix). */
function binary(tool: NixTool): string {
  const dir = process.env.NIXOS_GENERATORS_NIX_BIN;
  return dir ? `${dir}/${tool}` : tool;
}

export class NixInterrupted extends UserError {
  constructor() {
    super("Interrupted: Nix was stopped.", "Run the command again to continue; finished store paths are kept.", ExitCode.interrupted);
  }
}

export function runNix(tool: NixTool, args: readonly string[], options: NixRunOptions = {}): Promise<NixResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new NixInterrupted());
      return;
    }
    const child = spawn(binary(tool), args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr.push(chunk);
      if (options.streamStderr) process.stderr.write(chunk);
    });
    let killTimer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      child.kill("SIGINT");
      killTimer = setTimeout(() => child.kill("SIGKILL"), 5000);
    };
    options.signal?.addEventListener("abort", onAbort, { once: true });
    child.on("error", (error: NodeJS.ErrnoException) => {
      options.signal?.removeEventListener("abort", onAbort);
      if (error.code === "ENOENT") {
        reject(
          new UserError(
            `Nix is not installed: '${binary(tool)}' was not found on PATH.`,
            "Install Nix 2.18 or newer (scripts/install-nix on Debian, or https://nixos.org/download), or set the action's install-nix input to 'auto'.",
            ExitCode.environment,
          ),
        );
      } else reject(error);
    });
    child.on("close", (code, signal) => {
      options.signal?.removeEventListener("abort", onAbort);
      if (killTimer) clearTimeout(killTimer);
      if (options.signal?.aborted) {
        reject(new NixInterrupted());
        return;
      }
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(stdout).toString("utf8"),
        stderr: Buffer.concat(stderr).toString("utf8"),
      });
    });
  });
}
