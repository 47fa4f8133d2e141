// The evaluation request goes to Nix through a file in TMPDIR: a TMPDIR that
// cannot hold it is one UserError naming the directory (the system-error
// rule), before any Nix runs.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/core/errors.js";
import { evaluate } from "../../src/nix/evaluate.js";
import { userErrorAsync } from "../cli/user-error.js";

const INPUT = { config: { kind: "default" as const }, includes: [], nixOptions: [], showTrace: false, specialArgs: [] };

describe("the evaluation request file", () => {
  const previous = process.env.TMPDIR;
  const scratch = mkdtempSync(join(tmpdir(), "request-file-"));
  afterEach(() => {
    process.env.TMPDIR = previous;
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("a TMPDIR under a regular file: exit 4, the directory and the cause named, nothing left", async () => {
    const file = join(scratch, "a-file");
    writeFileSync(file, "not a directory\n");
    process.env.TMPDIR = join(file, "tmp");
    const e = await userErrorAsync(() => evaluate(INPUT, [{ format: "lxc", system: "x86_64-linux" }], { processes: 1 }));
    expect(e.problem).toBe(`The evaluation request could not be written to the temporary directory ${join(file, "tmp")}: ${file} is a file, not a directory (ENOTDIR).`);
    expect(e.fix).toBe("Give a path whose every parent is a directory, or make TMPDIR (RUNNER_TEMP in the action) a writable directory with free space.");
    expect(e.exitCode).toBe(ExitCode.environment);
    expect(readdirSync(scratch)).toEqual(["a-file"]);
  });
});
