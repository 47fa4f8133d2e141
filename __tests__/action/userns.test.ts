// builder: repart and unprivileged user namespaces: AppArmor's restriction
// (Ubuntu 24.04 runners) is lifted through root, then a namespace is made.
// This machine has no AppArmor: a stand-in file plays the sysctl. Also as the
// unprivileged `runner` user (harness.ts), where the lift goes through sudo.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ensureUserNamespaces } from "../../src/action/userns.js";
import { ExitCode, isUserError } from "../../src/core/errors.js";
import { callAs } from "./harness.js";

const dir = mkdtempSync(join(tmpdir(), "userns-"));

describe("ensureUserNamespaces", () => {
  it("lifts AppArmor's restriction (1 -> 0) and proves a user namespace can be made", async () => {
    const sysctl = join(dir, "restricted");
    writeFileSync(sysctl, "1\n");
    const lines: string[] = [];
    await ensureUserNamespaces({ sysctlPath: sysctl, log: (l) => lines.push(l) });
    expect(readFileSync(sysctl, "utf8").trim()).toBe("0");
    expect(lines).toEqual([
      `AppArmor restricted unprivileged user namespaces (${sysctl} was 1); set it to 0 for systemd-repart.`,
      "unprivileged user namespaces: usable (unshare --user --map-root-user true)",
    ]);
  });

  it("leaves an unrestricted machine (0, or no AppArmor at all) as it is", async () => {
    const sysctl = join(dir, "open");
    writeFileSync(sysctl, "0\n");
    const lines: string[] = [];
    await ensureUserNamespaces({ sysctlPath: sysctl, log: (l) => lines.push(l) });
    await ensureUserNamespaces({ sysctlPath: join(dir, "absent"), log: (l) => lines.push(l) });
    expect(readFileSync(sysctl, "utf8")).toBe("0\n");
    expect(lines).toEqual(["unprivileged user namespaces: usable (unshare --user --map-root-user true)", "unprivileged user namespaces: usable (unshare --user --map-root-user true)"]);
  });

  it("fails with exit 4 and the fix when the restriction cannot be lifted (an immutable stand-in: even root cannot write it)", async () => {
    const sysctl = join(dir, "immutable");
    writeFileSync(sysctl, "1\n");
    execFileSync("chattr", ["+i", sysctl]);
    try {
      const error = await ensureUserNamespaces({ sysctlPath: sysctl }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isUserError(error)).toBe(true);
      if (!isUserError(error)) return;
      expect(error.exitCode).toBe(ExitCode.environment);
      expect(error.problem).toMatch(new RegExp(`^builder: repart needs unprivileged user namespaces, and AppArmor restricts them here \\(${sysctl} is 1\\); writing 0 to it failed: `));
      expect(error.fix).toContain("sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0");
    } finally {
      execFileSync("chattr", ["-i", sysctl]);
    }
  });
});

describe("ensureUserNamespaces as the runner user", { timeout: 120_000 }, () => {
  /** A root-owned stand-in sysctl holding 1, in a directory the runner can reach. */
  function restricted(): string {
    const dir = mkdtempSync(join(tmpdir(), "userns-runner-"));
    chmodSync(dir, 0o755);
    const sysctl = join(dir, "apparmor_restrict_unprivileged_userns");
    writeFileSync(sysctl, "1\n", { mode: 0o644 });
    return sysctl;
  }

  it("lifts the restriction through sudo (the file is root's) and makes a namespace as the runner", async () => {
    const sysctl = restricted();
    expect(statSync(sysctl).uid).toBe(0);
    const run = await callAs("runner", "src/action/userns.ts", "ensureUserNamespaces", [], { sysctlPath: sysctl });
    expect(run.error).toBeUndefined();
    expect(readFileSync(sysctl, "utf8").trim()).toBe("0");
    expect(run.lines).toEqual([
      `AppArmor restricted unprivileged user namespaces (${sysctl} was 1); set it to 0 for systemd-repart.`,
      "unprivileged user namespaces: usable (unshare --user --map-root-user true)",
    ]);
  });

  it("a user without sudo: exit 4, the sysctl untouched", async () => {
    const sysctl = restricted();
    const run = await callAs("runner-nosudo", "src/action/userns.ts", "ensureUserNamespaces", [], { sysctlPath: sysctl });
    expect(run.error?.exitCode).toBe(ExitCode.environment);
    expect(run.error?.problem).toBe(
      `builder: repart needs unprivileged user namespaces, and AppArmor restricts them here (${sysctl} is 1); this job has neither root nor passwordless sudo to change that.`,
    );
    expect(readFileSync(sysctl, "utf8")).toBe("1\n");
  });
});
