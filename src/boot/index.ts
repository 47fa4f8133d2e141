// The boot test: boot each image of a run, in parallel up to the cores, and
// turn failures into one message each (exit code 6, ExitCode.boot).
import { mkdir } from "node:fs/promises";
import { availableParallelism } from "node:os";
import type { NixSystem } from "../core/catalogue.js";
import { ExitCode, UserError } from "../core/errors.js";
import { bootImage, type BootFormat, type BootOptions, type BootResult } from "./boot-image.js";

export { bootFactsOf, bootImage, firmwaresFor, kvmUsable, DEFAULT_HANG, DEFAULT_TIMEOUT, type BootFormat, type BootResult, type BootOptions } from "./boot-image.js";

export interface BootJob {
  file: string;
  format: BootFormat;
  system: NixSystem;
  /** The console log's name (without .console.log). */
  logName: string;
  /** Where its console log goes (default: the options' logDir). */
  logDir?: string;
}

/** Runs `work` over `items`, at most `limit` at once, results in the items' order. */
export async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** Boots every job, up to `parallel` (default: the cores) at once. */
export function bootAll(jobs: readonly BootJob[], options: Omit<BootOptions, "logName"> & { parallel?: number }): Promise<BootResult[]> {
  const parallel = options.parallel ?? availableParallelism();
  return inParallel(jobs, parallel, async (job) => {
    if (job.logDir) await mkdir(job.logDir, { recursive: true });
    return bootImage(job.file, job.format, job.system, { ...options, logName: job.logName, logDir: job.logDir ?? options.logDir });
  });
}

/** The error of a failed boot: what failed and why, the console's last lines, where the log is. */
export function bootFailure(result: BootResult): UserError {
  const failed = result.attempts.filter((a) => !a.ok);
  const details = failed
    .map((a) => [`${a.firmware} (${a.accel}, ${a.seconds} s): ${a.reason}`, `console log: ${a.log}`, "last console lines:", ...a.lastLines.map((l) => `  | ${l}`)].join("\n"))
    .join("\n\n");
  return new UserError(
    `The ${result.format} image for ${result.system} did not boot: ${result.reason}.`,
    // No attempt: QEMU never started, the file is not what its format builds (media.ts).
    failed.length > 0 ? "Read the console's last lines below (and its log); the image was not published." : "Check the image with `nixos-generate verify`; it was not booted, nor published.",
    result.exitCode === ExitCode.environment ? ExitCode.environment : ExitCode.boot,
    details || undefined,
  );
}
