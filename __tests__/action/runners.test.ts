// The `runners` input: the matrix's runs-on per system, through the bundle as
// a runner runs it (plan mode reads the catalogue only: no Nix). The matrix
// output is read with fromJSON's semantics (JSON.parse). And plan mode's
// warning for a private repository (the event payload says so) whose
// aarch64-linux entries would go to GitHub's standard arm64 label.
import { writeFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseRunners, privateArmWarning, repositoryIsPrivate } from "../../src/action/runners.js";
import { ExitCode } from "../../src/core/errors.js";
import { userError } from "../cli/user-error.js";
import { NODE, actionDir, runAction, type ActionRun } from "./harness.js";

const NO_NIX = { PATH: dirname(NODE), NIXOS_GENERATORS_NIX_BIN: "/nonexistent/nix-bin" };
const PLAN = { mode: "plan", formats: "iso, qcow-efi", system: "x86_64-linux\naarch64-linux" };

interface Entry {
  format: string;
  system: string;
  runner: string | string[];
}
const matrixOf = (run: ActionRun): Entry[] => (JSON.parse(run.outputs.matrix ?? "null") as { include: Entry[] }).include;

/** An event payload file (GITHUB_EVENT_PATH) for a repository that is private or not. */
function eventFile(isPrivate: boolean): string {
  const path = join(mkdtempSync(join(tmpdir(), "event-")), "event.json");
  writeFileSync(path, JSON.stringify({ ref: "refs/heads/main", repository: { full_name: "me/images", private: isPrivate } }));
  return path;
}

/** The `::warning …::` annotations of a run, unescaped. */
const warnings = (run: ActionRun): string[] =>
  [...run.stdout.matchAll(/^::warning(?: [^:]*)?::(.*)$/gm)].map((m) => (m[1] ?? "").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%"));

beforeAll(async () => {
  await actionDir();
}, 600_000);

describe("parseRunners", () => {
  it("a label or a list of labels per system; empty: none", () => {
    expect(parseRunners("")).toEqual({});
    expect(parseRunners('{"aarch64-linux": ["self-hosted", "arm64"], "x86_64-linux": "big-x86"}')).toEqual({ "aarch64-linux": ["self-hosted", "arm64"], "x86_64-linux": "big-x86" });
  });

  it("bad JSON, a non-object, an unknown system, a bad value: one usage error each, naming it", () => {
    const notJson = userError(() => parseRunners("{aarch64-linux: arm}"));
    expect(notJson.exitCode).toBe(ExitCode.usage);
    expect(notJson.problem).toMatch(/^The input 'runners' is not JSON \(.+\)\.$/);
    expect(notJson.fix).toBe(`Give a JSON object from system (x86_64-linux, aarch64-linux) to a runner label or a list of labels, e.g. runners: '{"aarch64-linux": ["self-hosted", "arm64"]}'.`);
    expect(userError(() => parseRunners('["ubuntu-latest"]')).problem).toBe("The input 'runners' is a JSON array, not an object from system to runner labels.");
    expect(userError(() => parseRunners('"ubuntu-latest"')).problem).toBe("The input 'runners' is a JSON string, not an object from system to runner labels.");
    const unknown = userError(() => parseRunners('{"aarch64-linx": "arm"}'));
    expect(unknown.problem).toBe("The input 'runners' names 'aarch64-linx', which is not a system this action builds for.");
    expect(unknown.fix).toMatch(/^Did you mean 'aarch64-linux'\? Use 'x86_64-linux' or 'aarch64-linux' as keys/);
    for (const value of ["[]", '""', "42", '["arm64", ""]', '{"labels": ["x"]}']) {
      const e = userError(() => parseRunners(`{"aarch64-linux": ${value}}`));
      expect(e.problem, value).toBe(`The input 'runners' gives aarch64-linux ${JSON.stringify(JSON.parse(value))}, which is not what runs-on takes.`);
      expect(e.exitCode).toBe(ExitCode.usage);
    }
  });

  it("the private-repository warning: only private, with aarch64 entries and no mapping for them", () => {
    const label = "ubuntu-24.04-arm";
    expect(privateArmWarning(["x86_64-linux", "aarch64-linux"], {}, true, label)).toMatch(/^This repository is private/);
    expect(privateArmWarning(["x86_64-linux", "aarch64-linux"], {}, false, label)).toBeUndefined();
    expect(privateArmWarning(["x86_64-linux"], {}, true, label)).toBeUndefined();
    expect(privateArmWarning(["aarch64-linux"], { "aarch64-linux": "ubuntu-latest" }, true, label)).toBeUndefined();
    expect(repositoryIsPrivate({ GITHUB_EVENT_PATH: eventFile(true) })).toBe(true);
    expect(repositoryIsPrivate({ GITHUB_EVENT_PATH: eventFile(false) })).toBe(false);
    expect(repositoryIsPrivate({ GITHUB_EVENT_PATH: "/nonexistent/event.json" })).toBe(false);
    expect(repositoryIsPrivate({})).toBe(false);
  });
});

describe("plan mode with runners, as the runner runs the action", { timeout: 600_000 }, () => {
  it("every entry of a mapped system carries its runs-on; the others keep GitHub's hosted labels", async () => {
    const run = await runAction({ inputs: { ...PLAN, runners: '{"aarch64-linux": ["self-hosted", "arm64"]}' }, env: NO_NIX });
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(ExitCode.ok);
    const include = matrixOf(run);
    console.log(`matrix: ${run.outputs.matrix}`);
    expect(include.map((e) => [e.format, e.system, e.runner])).toEqual([
      ["iso", "x86_64-linux", "ubuntu-latest"],
      ["iso", "aarch64-linux", ["self-hosted", "arm64"]],
      ["qcow-efi", "x86_64-linux", "ubuntu-latest"],
      ["qcow-efi", "aarch64-linux", ["self-hosted", "arm64"]],
    ]);
    // Both systems mapped, one to a label: a string stays a string.
    const both = await runAction({ inputs: { ...PLAN, runners: '{"x86_64-linux": "nix-x86", "aarch64-linux": "ubuntu-latest"}' }, env: NO_NIX });
    expect(matrixOf(both).map((e) => e.runner)).toEqual(["nix-x86", "ubuntu-latest", "nix-x86", "ubuntu-latest"]);
  });

  it("a bad runners value: exit 2 with the message, an empty matrix output and no images", async () => {
    const run = await runAction({ inputs: { ...PLAN, runners: '{"arm64": "ubuntu-24.04-arm"}' }, env: NO_NIX });
    expect(run.code).toBe(ExitCode.usage);
    expect(run.errors.map((e) => e.message)).toEqual([
      "The input 'runners' names 'arm64', which is not a system this action builds for.\n  Use 'x86_64-linux' or 'aarch64-linux' as keys, e.g. runners: '{\"aarch64-linux\": [\"self-hosted\", \"arm64\"]}'.",
    ]);
    expect(run.outputs.matrix).toBeUndefined();
    expect(run.outputs.images).toBe("[]");
  });

  it("a private repository with aarch64 entries and no mapping: a warning naming both ways out; none when mapped or public", async () => {
    const run = await runAction({ inputs: PLAN, env: { ...NO_NIX, GITHUB_EVENT_PATH: eventFile(true) } });
    expect(run.code).toBe(ExitCode.ok);
    const [warning, ...more] = warnings(run);
    expect(more).toEqual([]);
    console.log(`private-repository warning: ${warning}`);
    expect(warning).toContain("This repository is private, and the matrix sends its aarch64-linux images to ubuntu-24.04-arm");
    expect(warning).toContain(`map aarch64-linux to runners you have with the runners input (e.g. runners: '{"aarch64-linux": ["self-hosted", "arm64"]}')`);
    expect(warning).toContain(`runners: '{"aarch64-linux": "ubuntu-latest"}' (the build step, given system: aarch64-linux, sets up QEMU user emulation with binfmt_misc there`);
    expect(run.stdout).toMatch(/^::warning title=aarch64 runners in a private repository::This repository is private/m);
    // The plan is still the default one.
    expect(matrixOf(run).filter((e) => e.system === "aarch64-linux").map((e) => e.runner)).toEqual(["ubuntu-24.04-arm", "ubuntu-24.04-arm"]);

    const mapped = await runAction({ inputs: { ...PLAN, runners: '{"aarch64-linux": "ubuntu-latest"}' }, env: { ...NO_NIX, GITHUB_EVENT_PATH: eventFile(true) } });
    expect(warnings(mapped)).toEqual([]);
    const publicRepo = await runAction({ inputs: PLAN, env: { ...NO_NIX, GITHUB_EVENT_PATH: eventFile(false) } });
    expect(warnings(publicRepo)).toEqual([]);
    const x86Only = await runAction({ inputs: { ...PLAN, system: "x86_64-linux" }, env: { ...NO_NIX, GITHUB_EVENT_PATH: eventFile(true) } });
    expect(warnings(x86Only)).toEqual([]);
  });
});
