// The build's progress lines: "built D of T derivations[, R running][, F failed] (S s)",
// from Nix's counts as they change (src/nix/build-log.ts). T is the dry run's
// count of what will be built (Nix's own "expected" is an estimate). A line
// when a derivation finishes, at most one per THROTTLE_MS; a failure at once;
// and, when the build ends, the count it ended at if that was not shown.
import type { BuildProgress } from "../nix/build-log.js";

export const THROTTLE_MS = 5000;

export interface BuildProgressLog {
  /** Nix's counts changed. */
  onProgress: (progress: BuildProgress) => void;
  /** The build ended: show where, if the last change was not shown. */
  finish: () => void;
}

export function buildProgressLog(expected: number, log: (line: string) => void, now: () => number = Date.now): BuildProgressLog {
  const started = now();
  let shown = { at: 0, done: 0, failed: 0 };
  let last: BuildProgress | undefined;
  const show = ({ done, running, failed }: BuildProgress) => {
    shown = { at: now(), done, failed };
    log(`built ${done} of ${expected} derivations${running > 0 ? `, ${running} running` : ""}${failed > 0 ? `, ${failed} failed` : ""} (${((now() - started) / 1000).toFixed(0)} s)`);
  };
  return {
    onProgress: (progress) => {
      last = progress;
      const changed = progress.done !== shown.done || progress.failed !== shown.failed;
      if (changed && (progress.failed !== shown.failed || now() - shown.at >= THROTTLE_MS)) show(progress);
    },
    finish: () => {
      if (last && (last.done !== shown.done || last.failed !== shown.failed)) show({ ...last, running: 0 });
    },
  };
}
