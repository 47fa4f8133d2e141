// The action's success path, run for real as the runner runs it (the bundle,
// INPUT_* variables, the command files) against the local GitHub services:
// the offline-buildable custom formats of __tests__/fixtures/formats (not
// NixOS images; their builder is the Nix root's /bin/sh) are built by Nix,
// copied out of the store, verified, recorded, uploaded and cached by our
// code; a second run restores them from the cache and builds nothing.
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImageOutput } from "../../src/action/report.js";
import { ExitCode } from "../../src/core/errors.js";
import { projectPath } from "../../src/core/paths.js";
import { readManifest } from "../../src/verify/manifest.js";
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

const sha256 = (data: Buffer): string => createHash("sha256").update(data).digest("hex");
const seed = (): string => randomBytes(6).toString("hex");
const imagesOf = (outputs: Record<string, string>): ImageOutput[] => JSON.parse(outputs.images ?? "null") as ImageOutput[];

describe("the action builds, verifies, publishes and caches custom formats", () => {
  it("artifacts: built -> copied out -> verified -> manifest -> uploaded (the bytes in Azurite) -> cached; the second run builds nothing", T, async () => {
    const inputs = { config: CONFIG, formats: "mbr-disk, blob", nixpkgs: NIXPKGS, "special-args": `seed=${seed()}`, cache: "true" };
    const artifactsBefore = servers.results.artifacts.length;
    const cacheBefore = servers.results.cacheEntries.length;
    const first = await runAction({ inputs, env: servers.env, token: servers.tokens.write });
    expect(first.errors).toEqual([]);
    expect(first.code).toBe(ExitCode.ok);
    expect(first.stdout).toContain("::group::Build 2 images\n");
    expect(first.log).toMatch(/building '\/nix\/store\/[^']+-blob\.drv'/);

    const images = imagesOf(first.outputs);
    expect(images.map((i) => [i.format, i.custom, i.cached, i.uploaded, i.ok, i.container])).toEqual([
      ["mbr-disk", true, false, true, true, "raw-mbr"],
      ["blob", true, false, true, true, "raw-mbr"],
    ]);
    const outDir = join(servers.runnerTemp, "nixos-images");
    const manifest = await readManifest(first.outputs.manifest ?? "");
    expect(manifest.images.map((e) => e.path)).toEqual(images.map((i) => i.path));
    for (const image of images) {
      // The same bytes in the store, in out-dir and in Azurite.
      expect(image.storePath, image.format).toMatch(/^\/nix\/store\//);
      const inStore = sha256(readFileSync(image.storePath ?? ""));
      const inOutDir = sha256(readFileSync(join(outDir, image.path)));
      const artifact = servers.results.artifacts.find((a) => a.id === image.artifactId);
      expect(artifact, image.format).toBeDefined();
      const inAzurite = sha256(await servers.results.readArtifactBlob(artifact!));
      expect([inStore, inOutDir, inAzurite, image.sha256]).toEqual([inStore, inStore, inStore, inStore]);
      console.log(`${image.format}: sha256 ${inStore} in the store (${image.storePath}), in out-dir and in Azurite`);
    }
    expect(images[1]?.path).toMatch(/^blob-x86_64-linux\/blob-[0-9a-f]+\.img$/);
    expect(servers.results.artifacts.length - artifactsBefore).toBe(2);
    // Cached by derivation: mbr-disk. blob names its file only when built, so it is not cached (it stays in the store).
    expect(servers.results.cacheEntries.length - cacheBefore).toBe(1);
    expect(first.summary).toMatch(/\| mbr-disk \(custom\) \| x86_64-linux \| \S+\.img \| 4\.0 MiB \| `[0-9a-f]{64}` \| \[mbr-disk-x86_64-linux\.img\]/);

    // A re-run of the job (the artifacts are there already: overwrite): mbr-disk comes from the cache; Nix builds nothing.
    const second = await runAction({ inputs: { ...inputs, overwrite: "true" }, env: servers.env, token: servers.tokens.write });
    expect(second.errors).toEqual([]);
    expect(second.code).toBe(ExitCode.ok);
    // mbr-disk is not built at all; blob is realised from the store, where it is already: no builder runs.
    expect(second.stdout).toContain("::group::Build 1 image\n");
    expect(second.log).not.toContain("building '");
    expect(second.log).not.toMatch(/derivations? will be built/);
    const again = imagesOf(second.outputs);
    // blob names its file only after a build (found by its extension), so it is not cached: it is in the store already.
    expect(again.map((i) => [i.format, i.cached, i.sha256])).toEqual([
      ["mbr-disk", true, images[0]?.sha256],
      ["blob", false, images[1]?.sha256],
    ]);
    console.log(`second run: ${second.log.match(/^Restored the image from the cache.*$/m)?.[0] ?? "(no restore line)"}; no builder ran`);
  });

  it("format-path: a custom format from a file in the workspace, with no formats named, kept in out-dir (upload: none)", T, async () => {
    const run = await runAction({
      inputs: { "format-path": join(projectPath("__tests__", "fixtures", "formats"), "mbr-disk.nix"), nixpkgs: NIXPKGS, "special-args": `seed=${seed()}`, upload: "none" },
      env: servers.env,
      token: servers.tokens.write,
    });
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(ExitCode.ok);
    const [image] = imagesOf(run.outputs);
    expect(image).toMatchObject({ format: "mbr-disk", custom: true, ok: true, uploaded: false, container: "raw-mbr" });
    const inOutDir = readFileSync(join(servers.runnerTemp, "nixos-images", image?.path ?? ""));
    expect(sha256(inOutDir)).toBe(image?.sha256);
    expect(JSON.parse(run.outputs.matrix ?? "")).toEqual({ include: [{ format: "mbr-disk", system: "x86_64-linux", custom: true, kvm: false, runner: "ubuntu-latest" }] });
  });

  it("a failing format beside a good one: the good one is published, the failed one reported, exit 1", T, async () => {
    const releasesBefore = servers.github.releases.length;
    const run = await runAction({
      inputs: { config: CONFIG, formats: "mbr-disk\nbroken", nixpkgs: NIXPKGS, "special-args": `seed=${seed()}`, upload: "release", "release-tag": "v-success-path" },
      env: servers.env,
      token: servers.tokens.write,
    });
    expect(run.code).toBe(ExitCode.failed);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]?.message).toMatch(/^broken \(x86_64-linux\): The build failed: (builder for|Cannot build) '\/nix\/store\/[^']+\.drv'.*exit code 1\./);
    const images = imagesOf(run.outputs);
    expect(images.map((i) => [i.format, i.ok, i.uploaded])).toEqual([
      ["mbr-disk", true, true],
      ["broken", false, false],
    ]);
    expect(images[1]?.error).toMatch(/The build failed/);
    const release = servers.github.releases.find((r) => r.tagName === "v-success-path");
    expect(servers.github.releases.length).toBe(releasesBefore + 1);
    const asset = release?.assets.find((a) => a.name === images[0]?.file);
    expect(asset?.sha256).toBe(images[0]?.sha256);
    expect(run.summary).toContain("❌ build failed");
    expect(run.summary).toMatch(/### 1 image failed\n\n- \*\*broken \(x86_64-linux\)\*\*, build: The build failed/);
  });

  it("the configuration's warnings become annotations; the log counts derivations built", T, async () => {
    const dir = mkdtempSync(join(servers.runnerTemp, "warns-"));
    const config = join(dir, "configuration.nix");
    writeFileSync(config, `{ imports = [ ${CONFIG} ]; warnings = [ "fixture: this configuration warns" ]; }\n`);
    const run = await runAction({
      inputs: { config, formats: "mbr-disk", nixpkgs: NIXPKGS, "special-args": `seed=${seed()}`, upload: "none" },
      env: servers.env,
      token: servers.tokens.write,
    });
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(ExitCode.ok);
    const warnings = run.stdout.split("\n").filter((l) => l.startsWith("::warning"));
    expect(warnings).toEqual(["::warning title=NixOS evaluation warning::fixture: this configuration warns"]);
    // One fresh derivation (the seed): Nix's count, as it finishes.
    expect(run.log).toMatch(/^built 1 of 1 derivations \(\d+ s\)$/m);
  });

  it("an evaluation failure still writes the outputs and the summary: each image, not built, with the reason", T, async () => {
    const dir = mkdtempSync(join(servers.runnerTemp, "bad-"));
    const config = join(dir, "configuration.nix");
    writeFileSync(config, `{ imports = [ ${CONFIG} ]; networking.hostName = ; }\n`);
    const run = await runAction({
      inputs: { config, formats: "mbr-disk, blob", nixpkgs: NIXPKGS, upload: "none" },
      env: servers.env,
      token: servers.tokens.write,
    });
    expect(run.code).toBe(ExitCode.config);
    expect(run.errors).toHaveLength(1);
    const problem = /^Nix syntax error in .*configuration\.nix:1: unexpected ';'/;
    expect(run.errors[0]?.message).toMatch(problem);
    const images = imagesOf(run.outputs);
    expect(images.map((i) => [i.format, i.system, i.ok, i.uploaded, i.drvPath, i.storePath])).toEqual([
      ["mbr-disk", "x86_64-linux", false, false, null, null],
      ["blob", "x86_64-linux", false, false, null, null],
    ]);
    for (const image of images) expect(image.error).toMatch(problem);
    expect(run.outputs.manifest).toBe("");
    expect(run.summary).toContain("| mbr-disk | x86_64-linux | ❌ not built |");
    expect(run.summary).toMatch(/### The run stopped before any image was built\n\nNix syntax error in .*\n\n\*\*Fix:\*\* Fix the Nix syntax at /);
  });
});
