// The action's boot-test input: off by default, true boots with the console
// logs in out-dir, anything else is exit 2 naming the input. (The action run
// itself: action.test.ts.)
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { readInputs, type InputName } from "../../src/action/inputs.js";
import { loadCatalogue } from "../../src/core/catalogue.js";
import { ExitCode, UserError } from "../../src/core/errors.js";

const catalogue = loadCatalogue();

async function read(given: Partial<Record<InputName, string>>) {
  const workspace = await mkdtemp(join(tmpdir(), "boot-inputs-"));
  const env = { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: workspace };
  return readInputs(catalogue, { env, arch: "x64", read: (name) => given[name] ?? "" });
}

describe("boot-test input", () => {
  test("default false: no boot; true: boot with logs in out-dir", async () => {
    expect((await read({ formats: "qcow", mode: "plan" })).request.boot).toBeUndefined();
    const on = await read({ formats: "qcow", mode: "plan", "boot-test": "true", "out-dir": "/tmp/images" });
    expect(on.request.boot).toEqual({ logDir: "/tmp/images" });
  });
  test("not a boolean: exit 2 naming the input", async () => {
    const error = await read({ formats: "qcow", mode: "plan", "boot-test": "yes please" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(ExitCode.usage);
    expect((error as UserError).problem).toBe("The input 'boot-test' is 'yes please', which is not a boolean.");
  });
});
