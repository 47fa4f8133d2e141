// Running the few non-Nix programs the action needs (apt-get, mount, the Nix
// installer), and running them as root: directly when the action is root,
// else through passwordless sudo (as on GitHub-hosted runners).
import { spawn } from "node:child_process";

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  /** Written to the program's standard input. */
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Copy the program's output to the log as it comes (stdout and stderr to our stderr). */
  stream?: boolean;
}

/** Runs a program to its end; a program that cannot be started gives code 127 and the reason in stderr. */
export function execCommand(command: string, args: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.input !== undefined ? "pipe" : "ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => {
      out.push(chunk);
      if (options.stream) process.stderr.write(chunk);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      err.push(chunk);
      if (options.stream) process.stderr.write(chunk);
    });
    let failed: Error | undefined;
    child.on("error", (error) => {
      failed = error;
    });
    child.on("close", (code, signal) => {
      const stderr = Buffer.concat(err).toString("utf8");
      resolve({
        code: failed ? 127 : (code ?? (signal ? 128 : 1)),
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: failed ? `${stderr}${failed.message}` : stderr,
      });
    });
    if (options.input !== undefined && child.stdin) {
      child.stdin.on("error", () => undefined);
      child.stdin.end(options.input);
    }
  });
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

let sudoWorks: boolean | undefined;

/** How to become root: "root" (we are), "sudo" (passwordless), or undefined (we cannot). */
export async function rootAccess(): Promise<"root" | "sudo" | undefined> {
  if (isRoot()) return "root";
  sudoWorks ??= (await execCommand("sudo", ["-n", "true"])).code === 0;
  return sudoWorks ? "sudo" : undefined;
}

/** Runs a program as root; undefined when there is no way to (not root, no passwordless sudo). */
export async function execAsRoot(command: string, args: readonly string[], options: ExecOptions = {}): Promise<ExecResult | undefined> {
  const access = await rootAccess();
  if (access === undefined) return undefined;
  if (access === "root") return execCommand(command, args, options);
  // sudo resets the environment; keep the few variables apt and the installers look at.
  const keep = ["DEBIAN_FRONTEND", "http_proxy", "https_proxy", "no_proxy"].filter((name) => options.env?.[name] ?? process.env[name]);
  const envArgs = keep.map((name) => `${name}=${options.env?.[name] ?? process.env[name] ?? ""}`);
  return execCommand("sudo", ["-n", ...(envArgs.length ? ["env", ...envArgs] : []), command, ...args], options);
}
