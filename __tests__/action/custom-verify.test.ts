// The action verifies a custom format as far as the format declares, as the
// runner runs it: the fixture formats build offline (not NixOS images). An
// image of no container verify knows (firmware, no formatContainer) is
// reported and kept; the same bytes from a format that declares them a qcow2
// (declared) fail verification, and the run fails with exit 5.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImageOutput } from "../../src/action/report.js";
import { ExitCode } from "../../src/core/errors.js";
import { projectPath } from "../../src/core/paths.js";
import { NIXPKGS } from "../helpers/nix.js";
import { startGitHubTestServers, type GitHubTestServers } from "../servers/index.js";
import { actionDir, runAction } from "./harness.js";

const T = { timeout: 600_000 };
const CONFIG = projectPath("__tests__", "fixtures", "fixture-formats.nix");
let servers: GitHubTestServers;

beforeAll(async () => {
  await actionDir();
  servers = await startGitHubTestServers();
}, 600_000);

afterAll(async () => {
  await servers?.stop();
});

describe("the action holds a custom format to the container it declares", () => {
  it("firmware (declares none) passes with its notes; declared (qcow2) fails verification: exit 5", T, async () => {
    const run = await runAction({
      inputs: { config: CONFIG, formats: "firmware, declared", nixpkgs: NIXPKGS, "special-args": `seed=${randomBytes(6).toString("hex")}`, upload: "none" },
      env: servers.env,
      token: servers.tokens.write,
    });
    expect(run.code, run.stdout).toBe(ExitCode.verify);
    const images = JSON.parse(run.outputs.images ?? "null") as ImageOutput[];
    expect(images.map((i) => [i.format, i.custom, i.ok])).toEqual([
      ["firmware", true, true],
      ["declared", true, false],
    ]);
    expect(images[0]).toMatchObject({ container: "unknown" });
    expect(existsSync(join(servers.runnerTemp, "nixos-images", images[0]?.path ?? "missing"))).toBe(true);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]?.message).toMatch(/The declared image for x86_64-linux did not pass verification/);
    expect(run.stdout).toMatch(/held to no container \(its custom format declares no formatContainer\)/);
  });
});
