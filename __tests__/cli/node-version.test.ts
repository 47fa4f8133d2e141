// The CLI on a Node.js without zstd in node:zlib: one message, exit 4.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { nodeTooOld } from "../../src/cli/node-version.js";
import { ExitCode } from "../../src/core/errors.js";
import { buildCli } from "../helpers/cli.js";

/** A `node` on this machine other than the one running the tests, and older than 22.15 (Debian's is 20 here). */
function olderNode(): string | undefined {
  for (const candidate of ["/usr/bin/node", "/bin/node"]) {
    if (!existsSync(candidate)) continue;
    const version = execFileSync(candidate, ["--version"], { encoding: "utf8" }).trim();
    const [major = 0, minor = 0] = version.replace(/^v/, "").split(".").map(Number);
    if (major < 22 || (major === 22 && minor < 15)) return candidate;
  }
  return undefined;
}

describe("the Node.js the CLI runs on", () => {
  test("a Node.js without zstd is refused naming its version and the fix; the one running the tests passes", () => {
    const error = nodeTooOld("v20.20.2", false);
    expect(error?.exitCode).toBe(ExitCode.environment);
    expect(error?.problem).toBe("nixos-generate needs Node.js 24 (22.15 at the least), and this is Node.js v20.20.2, whose node:zlib has no zstd.");
    expect(error?.fix).toMatch(/^Run it with Node\.js 24/);
    expect(nodeTooOld()).toBeUndefined();
  });

  const old = olderNode();
  test.runIf(old !== undefined)("the real bundle under an older node: exit 4, one message, no stack trace", async () => {
    const run = spawnSync(old as string, [await buildCli(), "-f", "iso", "--dry-run"], { encoding: "utf8" });
    expect(run.status).toBe(ExitCode.environment);
    expect(run.stderr).toMatch(/^error: nixos-generate needs Node\.js 24 \(22\.15 at the least\), and this is Node\.js v\d+\.\d+\.\d+, whose node:zlib has no zstd\./);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe("");
  }, 300_000);
});
