// The action with boot-test: true, as the runner runs it (node dist/index.js
// as the unprivileged user runner, INPUT_*, GITHUB_OUTPUT, the step summary),
// against the local Azurite and REST stand-ins: two custom formats whose
// images are boot-test stand-ins (fixtures/standin-configuration.nix; NOT
// NixOS images) are built by Nix, verified, then booted in QEMU (TCG: the
// runner user cannot open /dev/kvm). The one that boots is uploaded; the one
// that panics is not, its console log is beside it in out-dir, the reason is
// in `images` and the summary, and the run exits 6.
import { existsSync, readFileSync } from "node:fs";
import { chown, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImageOutput } from "../../src/action/report.js";
import { ExitCode } from "../../src/core/errors.js";
import { projectPath } from "../../src/core/paths.js";
import { actionDir, runAction } from "../action/harness.js";
import { NIXPKGS } from "../helpers/nix.js";
import { startGitHubTestServers, type GitHubTestServers } from "../servers/index.js";
import { standins } from "./standins.js";

const CONFIG = projectPath("__tests__", "boot", "fixtures", "standin-configuration.nix");
let servers: GitHubTestServers;

async function runnerDir(prefix: string): Promise<string> {
  const made = await mkdtemp(join(tmpdir(), prefix));
  await chown(made, 1001, 1001);
  return made;
}
let dir: string;

beforeAll(async () => {
  dir = await standins();
  await actionDir();
  servers = await startGitHubTestServers();
}, 600_000);

afterAll(async () => {
  await servers?.stop();
});

describe("boot-test: true", () => {
  it("boots each image after verify and before upload: the one that boots is uploaded, the one that panics is not (exit 6)", { timeout: 900_000 }, async () => {
    // The runner user's own workspace, temp and out-dir (the servers' are root's).
    const outDir = await runnerDir("boot-action-out-");
    const inputs = { "out-dir": outDir, config: CONFIG, formats: "standin-disk, standin-panic", nixpkgs: NIXPKGS, "special-args": `standins=${dir}\nseed=${randomBytes(6).toString("hex")}`, "boot-test": "true" };
    const artifactsBefore = servers.results.artifacts.length;
    const env = { ...servers.env, GITHUB_WORKSPACE: await runnerDir("boot-action-ws-"), RUNNER_TEMP: await runnerDir("boot-action-temp-") };
    const run = await runAction({ inputs, env, token: servers.tokens.write, user: "runner" });
    console.log(run.log.split("\n").filter((l) => /boot|standin-/.test(l)).slice(0, 60).join("\n"));
    console.log(run.summary);
    expect(run.code, run.log.slice(-3000)).toBe(ExitCode.boot);
    const images = JSON.parse(run.outputs.images ?? "null") as ImageOutput[];
    expect(images.map((i) => [i.format, i.ok, i.uploaded, i.boot?.status])).toEqual([
      ["standin-disk", true, true, "booted"],
      ["standin-panic", true, false, "failed"],
    ]);
    const [disk, panic] = images;
    expect(disk?.boot?.reason).toMatch(/^booted \(bios tcg \d+(\.\d)? s\)$/);
    expect(panic?.error).toMatch(/^The standin-panic image for x86_64-linux did not boot: bios: kernel panic: Kernel panic - not syncing/);
    expect(panic?.boot?.reason).toMatch(/^bios: kernel panic: /);
    // The console logs beside the images in out-dir.
    expect(panic?.boot?.logs).toEqual([join(outDir, "standin-panic-x86_64-linux", "standin-panic.console.log")]);
    expect(readFileSync(panic?.boot?.logs[0] ?? "", "utf8")).toContain("Kernel panic - not syncing");
    expect(existsSync(join(outDir, disk?.path ?? "nothing"))).toBe(true);
    // Only the booted image reached Azurite.
    const uploaded = servers.results.artifacts.slice(artifactsBefore).map((a) => a.name);
    expect(uploaded).toEqual([disk?.artifactName]);
    expect(run.stdout).toContain("::group::Boot 2 images\n");
    expect(run.log).toMatch(/standin-disk \(x86_64-linux\): stage 2 \(\d+\.\d s\)/);
    expect(run.summary).toMatch(/### Boot test\n\n- \*\*standin-disk \(x86_64-linux\)\*\*: ✅ booted \(bios tcg [\d.]+ s\)\n- \*\*standin-panic \(x86_64-linux\)\*\*: ❌ bios: kernel panic/);
    expect(run.summary).toContain("❌ boot failed");
    expect(run.errors.map((e) => e.message).join("\n")).toMatch(/did not boot: bios: kernel panic/);
  });
});
