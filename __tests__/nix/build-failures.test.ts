// A failed build names its cause from the failing builder's own log, and a
// build reports Nix's counts as it goes: real Nix builds of the small
// derivations in __tests__/fixtures/build-faults.nix (each fails for a real
// reason on this machine: /dev/full, no network, a timeout, a missing system
// feature), read back through --log-format internal-json.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ExitCode, UserError } from "../../src/core/errors.js";
import { projectPath } from "../../src/core/paths.js";
import { buildAll } from "../../src/nix/build.js";
import { BuildLog, type BuildProgress } from "../../src/nix/build-log.js";
import { FEATURE_FLAGS } from "../../src/nix/run.js";

const execFileP = promisify(execFile);
const FAULTS = projectPath("__tests__", "fixtures", "build-faults.nix");
const T = { timeout: 120_000 };

async function instantiate(attr: string, nonce: string): Promise<string> {
  const { stdout } = await execFileP("nix-instantiate", [FAULTS, "--argstr", "nonce", nonce, "-A", attr]);
  return stdout.trim();
}

async function failure(attr: string, env: NodeJS.ProcessEnv = process.env): Promise<UserError> {
  const drv = await instantiate(attr, randomBytes(5).toString("hex"));
  const error = await buildAll([drv], { streamStderr: false, env }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

describe("a build's progress and log", () => {
  it("renders Nix's JSON log as `nix build -L` prints it and counts derivations done of expected", T, async () => {
    const nonce = randomBytes(5).toString("hex");
    const drv = await instantiate("chain", nonce);
    const lines: string[] = [];
    const progress: BuildProgress[] = [];
    const log = new BuildLog({ line: (l) => lines.push(l), progress: (p) => progress.push(p) });
    const child = execFile("nix", [...FEATURE_FLAGS, "build", "--no-link", "-L", "--log-format", "internal-json", `${drv}^out`]);
    let partial = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split("\n");
      partial = parts.pop() ?? "";
      for (const part of parts) log.feed(part);
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    if (partial) log.feed(partial);
    expect(code).toBe(0);
    expect(lines.every((l) => !l.startsWith("@nix"))).toBe(true);
    expect(lines).toContain(`dependency-${nonce}> hello from the dependency`);
    expect(lines).toContain(`chain-${nonce}> chained`);
    expect(lines.some((l) => l.startsWith("building '/nix/store/") && l.includes(`-chain-${nonce}.drv'`))).toBe(true);
    // Nix's own counts: the last says both are done, none failed. (Nix's
    // "expected" is its own estimate, one more than the two here.)
    expect(progress.at(-1)).toMatchObject({ done: 2, running: 0, failed: 0 });
    expect(progress.some((p) => p.done === 1)).toBe(true);
    expect(log.tailOf(drv)).toContain("chained");
  });

  it("buildAll reports the counts through onProgress", T, async () => {
    const drv = await instantiate("chain", randomBytes(5).toString("hex"));
    const seen: BuildProgress[] = [];
    const outputs = await buildAll([drv], { streamStderr: false, onProgress: (p) => seen.push(p) });
    expect(outputs).toHaveLength(1);
    expect(outputs[0]).toMatch(/^\/nix\/store\/[0-9a-z]{32}-chain-/);
    expect(seen.at(-1)?.done).toBe(2);
  });
});

describe("a failed build names its cause", () => {
  it("a full disk: exit 4, the builder's own line", T, async () => {
    const error = await failure("diskFull");
    expect(error.exitCode).toBe(ExitCode.environment);
    expect(error.problem).toMatch(/^The build failed because the disk is full: Cannot build '\/nix\/store\/[0-9a-z]{32}-disk-full-[0-9a-f]+\.drv': builder failed with exit code 1 \("cat: write error: No space left on device"\)\.$/);
    expect(error.fix).toMatch(/^Free disk space .*free-disk-space: true.* Read the build log above, or 'nix log \/nix\/store\/.*-disk-full-.*\.drv'\.$/);
  });

  it("no network: exit 4, the line that shows it", T, async () => {
    const error = await failure("offline");
    expect(error.exitCode).toBe(ExitCode.environment);
    expect(error.problem).toMatch(/^The build failed because a download failed \(no network, or the host is unreachable\): Cannot build '.*-offline-.*\.drv'.*Could not resolve host: example\.invalid"\)\.$/);
  });

  it("a timeout (Nix's own, timeout = 1): exit 1", T, async () => {
    const error = await failure("slow", { ...process.env, NIX_CONFIG: "timeout = 1" });
    expect(error.exitCode).toBe(ExitCode.failed);
    expect(error.problem).toMatch(/^The build failed because the build ran out of time: timed out after 1 seconds/);
    expect(error.fix).toMatch(/--option timeout/);
  });

  it("KVM missing from Nix's system features: exit 4", T, async () => {
    const error = await failure("needsKvm", { ...process.env, NIX_CONFIG: "system-features = benchmark" });
    expect(error.exitCode).toBe(ExitCode.environment);
    expect(error.problem).toMatch(/^The build failed because the build needs KVM.*Required features: \{kvm\}/);
  });

  it("a dependency that fails for another reason: it is named, not the image on top, exit 1", T, async () => {
    const error = await failure("onTopOfBroken");
    expect(error.exitCode).toBe(ExitCode.failed);
    expect(error.problem).toMatch(/^The build failed: Cannot build '\/nix\/store\/[0-9a-z]{32}-broken-dependency-[0-9a-f]+\.drv': builder failed with exit code 3\.$/);
    expect(error.problem).not.toContain("on-top");
  });
});
