// Every Nix call goes through here: one place that spawns Nix with the
// features it needs and a scrubbed environment, streams or captures its
// output, and turns Ctrl-C into a clean stop.
import { spawn } from "node:child_process";
import { StringDecoder } from "node:string_decoder";
import { ExitCode, UserError } from "../core/errors.js";

export type NixTool = "nix" | "nix-instantiate" | "nix-build" | "nix-store";

export interface NixRunOptions {
  /** Copy Nix's stderr (progress, build logs) to ours as it comes. */
  streamStderr?: boolean;
  /** Stops Nix (SIGINT, then SIGKILL) when aborted. */
  signal?: AbortSignal;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Each whole line of Nix's stderr as it comes (without the newline). */
  onStderrLine?: (line: string) => void;
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

/**
 * Every Nix call names the experimental features it uses (the `nix` command,
 * flakes for getFlake), so it works whatever the user's nix.conf says.
 */
export const FEATURE_FLAGS = ["--extra-experimental-features", "nix-command flakes"] as const;

/** Variables Nix may see: what it needs to run, fetch and build (never the runner's tokens or the action's inputs). */
const ENV_NAMES = new Set([
  "PATH",
  "HOME",
  "USER",
  "LOGNAME",
  "SHELL",
  "TERM",
  "TMPDIR",
  "TMP",
  "TEMP",
  "TZ",
  "LANG",
  "LANGUAGE",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "CURL_CA_BUNDLE",
  "GIT_SSL_CAINFO",
  "http_proxy",
  "https_proxy",
  "ftp_proxy",
  "all_proxy",
  "no_proxy",
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "FTP_PROXY",
  "ALL_PROXY",
  "NO_PROXY",
  // git+ssh flake inputs
  "SSH_AUTH_SOCK",
  "GIT_SSH",
  "GIT_SSH_COMMAND",
]);
const ENV_PREFIXES = ["NIX_", "LC_", "XDG_", "NIXROOT_"];

/**
 * The environment a Nix child gets: `env` less everything Nix does not need.
 * A configuration or flake input could read any variable with
 * builtins.getEnv, so ACTIONS_RUNTIME_TOKEN, GITHUB_TOKEN, INPUT_* and the
 * like never reach it.
 */
export function nixEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    if (ENV_NAMES.has(name) || ENV_PREFIXES.some((prefix) => name.startsWith(prefix))) kept[name] = value;
  }
  return kept;
}

export function runNix(tool: NixTool, args: readonly string[], options: NixRunOptions = {}): Promise<NixResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new NixInterrupted());
      return;
    }
    const child = spawn(binary(tool), [...FEATURE_FLAGS, ...args], {
      cwd: options.cwd,
      env: nixEnvironment(options.env ?? process.env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    const onLine = options.onStderrLine;
    let partial = "";
    const decoder = new StringDecoder("utf8");
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => {
      stderr.push(chunk);
      if (options.streamStderr) process.stderr.write(chunk);
      if (onLine) {
        const lines = (partial + decoder.write(chunk)).split("\n");
        partial = lines.pop() ?? "";
        for (const line of lines) onLine(line);
      }
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
      partial += decoder.end();
      if (onLine && partial !== "") onLine(partial);
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
