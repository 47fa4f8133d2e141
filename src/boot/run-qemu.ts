// Runs one QEMU boot and watches its serial console until a verdict, a hang
// (no output for `hangSeconds`), the timeout, or QEMU's own end. The console
// is copied to a log file as it comes. QEMU is stopped (SIGTERM, then
// SIGKILL) once the boot is judged.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { ConsoleWatcher, type Stage } from "./console.js";

export type BootFailureKind = "panic" | "emergency" | "hang" | "timeout" | "qemu" | "kvm";

export interface QemuRun {
  ok: boolean;
  /** Why it failed (or what showed it booted). */
  reason: string;
  kind?: BootFailureKind;
  seconds: number;
  stages: Stage[];
  lastLines: string[];
  kernelSeen: boolean;
}

export interface QemuRunOptions {
  command: string;
  args: readonly string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  logFile: string;
  timeoutSeconds: number;
  hangSeconds: number;
  /** Under KVM: give up (kind "kvm") when the kernel has not shown itself by then. */
  kernelWithinSeconds?: number;
  onStage?: (stage: Stage, seconds: number) => void;
  signal?: AbortSignal;
}

export function runQemu(options: QemuRunOptions): Promise<QemuRun> {
  return new Promise((resolve) => {
    const started = Date.now();
    const seconds = () => (Date.now() - started) / 1000;
    const watcher = new ConsoleWatcher();
    const log = createWriteStream(options.logFile);
    const decoder = new StringDecoder("utf8");
    let lastOutput = Date.now();
    let stderr = "";
    let done = false;
    const child = spawn(options.command, options.args, { env: options.env ?? process.env, cwd: options.cwd, stdio: ["ignore", "pipe", "pipe"], detached: true });

    const stop = () => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      // The whole group: a runner script's QEMU is its child.
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
      setTimeout(() => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
        } catch {
          /* already gone */
        }
      }, 3000).unref();
    };
    const finish = (result: Omit<QemuRun, "seconds" | "stages" | "lastLines" | "kernelSeen">) => {
      if (done) return;
      done = true;
      clearInterval(timer);
      options.signal?.removeEventListener("abort", onAbort);
      stop();
      const tail = watcher.lastLines();
      log.end(() =>
        resolve({ ...result, seconds: Math.round(seconds() * 10) / 10, stages: watcher.stages(), lastLines: tail.length > 0 ? tail : stderr.trim().split("\n").slice(-15), kernelSeen: watcher.kernelSeen }),
      );
    };
    const onAbort = () => finish({ ok: false, kind: "timeout", reason: "interrupted" });
    options.signal?.addEventListener("abort", onAbort);

    const timer = setInterval(() => {
      const now = Date.now();
      if (options.kernelWithinSeconds !== undefined && !watcher.kernelSeen && seconds() > options.kernelWithinSeconds) {
        finish({ ok: false, kind: "kvm", reason: `the kernel did not start within ${options.kernelWithinSeconds} s under KVM` });
      } else if (seconds() > options.timeoutSeconds) {
        finish({ ok: false, kind: "timeout", reason: `timeout: not booted within ${options.timeoutSeconds} s` });
      } else if ((now - lastOutput) / 1000 > options.hangSeconds) {
        finish({ ok: false, kind: "hang", reason: `hang: no console output for ${options.hangSeconds} s` });
      }
    }, 250);

    child.stdout.on("data", (chunk: Buffer) => {
      if (done) return;
      lastOutput = Date.now();
      log.write(chunk);
      for (const stage of watcher.feed(decoder.write(chunk))) options.onStage?.(stage, seconds());
      const verdict = watcher.verdict;
      if (verdict) finish(verdict.ok ? { ok: true, reason: verdict.reason } : { ok: false, kind: verdict.kind, reason: verdict.reason });
    });
    child.stderr.on("data", (chunk: Buffer) => {
      if (done) return;
      stderr += chunk.toString("utf8");
      if (stderr.length > 20000) stderr = stderr.slice(-20000);
      log.write(chunk);
      // QEMU pauses the guest (it does not exit) on a KVM internal error.
      if (/KVM internal error/.test(stderr)) finish({ ok: false, kind: "kvm", reason: "KVM could not run the guest (KVM internal error)" });
    });
    child.on("error", (error) => finish({ ok: false, kind: "qemu", reason: `QEMU could not be started: ${error.message}` }));
    child.on("close", (code, signal) => {
      if (done) return;
      const kvm = /KVM internal error|kvm_.*Assertion|failed to set MSR|emulation failure/.test(stderr);
      const last = stderr.trim().split("\n").filter((l) => !/^qemu-system[^:]*: warning:/.test(l)).slice(-1)[0] ?? "";
      finish({
        ok: false,
        kind: kvm ? "kvm" : "qemu",
        reason: `QEMU ended (${signal ?? `exit ${code}`}) before the system booted${last ? `: ${last}` : ""}`,
      });
    });
  });
}
