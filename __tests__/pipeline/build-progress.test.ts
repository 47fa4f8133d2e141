// The build's progress lines, on a clock the test moves: a finished
// derivation shows at most once per 5 s, a failure at once, and the count the
// build ended at is shown when the last change was not.
import { describe, expect, it } from "vitest";
import { buildProgressLog, THROTTLE_MS } from "../../src/pipeline/build-progress.js";

function harness(expected: number) {
  let clock = 1_000_000;
  const lines: string[] = [];
  const progress = buildProgressLog(expected, (line) => lines.push(line), () => clock);
  return {
    lines,
    progress,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe("buildProgressLog", () => {
  it("shows the first finished derivation, then at most one line per 5 s", () => {
    const { lines, progress, advance } = harness(10);
    progress.onProgress({ done: 0, expected: 12, running: 2, failed: 0 });
    expect(lines).toEqual([]); // nothing finished yet
    advance(1000);
    progress.onProgress({ done: 1, expected: 12, running: 2, failed: 0 });
    expect(lines).toEqual(["built 1 of 10 derivations, 2 running (1 s)"]);
    advance(THROTTLE_MS - 1);
    progress.onProgress({ done: 2, expected: 12, running: 1, failed: 0 });
    expect(lines).toHaveLength(1);
    advance(1);
    progress.onProgress({ done: 3, expected: 12, running: 1, failed: 0 });
    expect(lines.at(-1)).toBe("built 3 of 10 derivations, 1 running (6 s)");
  });

  it("shows a failure at once, however soon after the last line", () => {
    const { lines, progress, advance } = harness(4);
    advance(2000);
    progress.onProgress({ done: 1, expected: 4, running: 1, failed: 0 });
    advance(10);
    progress.onProgress({ done: 1, expected: 4, running: 0, failed: 1 });
    expect(lines).toEqual(["built 1 of 4 derivations, 1 running (2 s)", "built 1 of 4 derivations, 1 failed (2 s)"]);
  });

  it("finish shows where the build ended when that was not shown, with nothing running, and only then", () => {
    const { lines, progress, advance } = harness(3);
    progress.onProgress({ done: 1, expected: 3, running: 1, failed: 0 });
    advance(1000);
    progress.onProgress({ done: 3, expected: 3, running: 1, failed: 0 });
    expect(lines).toEqual(["built 1 of 3 derivations, 1 running (0 s)"]);
    progress.finish();
    expect(lines.at(-1)).toBe("built 3 of 3 derivations (1 s)");
    progress.finish();
    expect(lines).toHaveLength(2);
  });

  it("finish says nothing when Nix reported no counts (nothing to build)", () => {
    const { lines, progress } = harness(0);
    progress.finish();
    expect(lines).toEqual([]);
  });
});
