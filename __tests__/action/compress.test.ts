// compress: zstd | xz, as the runner runs the action (user runner, its own
// Nix), against the local GitHub services: the offline-buildable fixture
// format mbr-disk (a 4 MiB raw disk, not a NixOS image) is built, verified,
// compressed into out-dir and uploaded as that compressed file; the outputs
// and the manifest carry both names and both digests; what the services hold
// decompresses to the verified image.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { zstdDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImageOutput } from "../../src/action/report.js";
import { ExitCode } from "../../src/core/errors.js";
import { projectPath } from "../../src/core/paths.js";
import { readManifest } from "../../src/verify/manifest.js";
import { startGitHubTestServers, type GitHubTestServers } from "../servers/index.js";
import { NODE, actionDir, ensureTestUser, runAction, runnerNixpkgs } from "./harness.js";

const T = { timeout: 600_000 };
const FIXTURES = projectPath("__tests__", "fixtures", "fixture-formats.nix");
const sha256 = (data: Buffer): string => createHash("sha256").update(data).digest("hex");
const imagesOf = (outputs: Record<string, string>): ImageOutput[] => JSON.parse(outputs.images ?? "null") as ImageOutput[];
let servers: GitHubTestServers;
let nixpkgs: string;

beforeAll(async () => {
  await actionDir();
  servers = await startGitHubTestServers();
  await ensureTestUser("runner");
  nixpkgs = await runnerNixpkgs("runner");
}, 600_000);

afterAll(async () => {
  await servers?.stop();
});

/** A directory owned by the runner (for workspaces and out-dirs). */
function runnerDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  execFileSync("chown", ["1001:1001", dir]);
  return dir;
}

function inputs(extra: Record<string, string>): Record<string, string> {
  return { config: FIXTURES, formats: "mbr-disk", nixpkgs, "special-args": `seed=${randomBytes(6).toString("hex")}`, "install-nix": "never", "out-dir": join(runnerDir("compress-out-"), "images"), ...extra };
}

describe("compress", () => {
  it("zstd, upload: artifact — the artifact is <name>.img.zst, its bytes the compressed file, which decompresses to the verified image", T, async () => {
    const given = inputs({ compress: "zstd" });
    // The runner's own RUNNER_TEMP (the servers' is root's): the artifact upload makes a directory there.
    const run = await runAction({ user: "runner", inputs: given, env: { ...servers.env, GITHUB_WORKSPACE: runnerDir("compress-ws-"), RUNNER_TEMP: runnerDir("compress-temp-") } });
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout).toContain("::group::Compress 1 image (zstd)");
    const [image] = imagesOf(run.outputs);
    expect(image).toMatchObject({ format: "mbr-disk", ok: true, builder: "vm", uploaded: true, container: "raw-mbr" });
    const outDir = given["out-dir"] ?? "";
    const verified = readFileSync(join(outDir, image?.path ?? ""));
    expect(sha256(verified)).toBe(image?.sha256);
    expect(image?.compressed).toMatchObject({ file: `${image?.file}.zst`, path: `${image?.path}.zst`, compression: "zstd" });
    const compressed = readFileSync(join(outDir, image?.compressed?.path ?? ""));
    expect(image?.compressed?.sha256).toBe(sha256(compressed));
    expect(image?.compressed?.size).toBe(compressed.length);
    expect(image?.artifactName).toBe("mbr-disk-x86_64-linux.img.zst");
    const artifact = servers.results.artifacts.find((a) => a.id === image?.artifactId);
    const uploaded = await servers.results.readArtifactBlob(artifact!);
    expect(sha256(uploaded)).toBe(image?.compressed?.sha256);
    expect(sha256(zstdDecompressSync(uploaded))).toBe(image?.sha256);
    // The manifest says the same.
    const manifest = await readManifest(run.outputs.manifest ?? "");
    expect(manifest.images[0]).toMatchObject({ sha256: image?.sha256, builder: "vm", compressed: image?.compressed });
    console.log(`zstd: image ${image?.file} ${image?.size} B sha256 ${image?.sha256}; uploaded ${image?.compressed?.file} ${image?.compressed?.size} B sha256 ${image?.compressed?.sha256}`);
  });

  it("xz, upload: release — the asset is <file>.img.xz, its bytes the compressed file, which decompresses to the verified image", T, async () => {
    const given = inputs({ compress: "xz", upload: "release", "release-tag": "v-compress" });
    const run = await runAction({ user: "runner", inputs: given, env: { ...servers.env, GITHUB_WORKSPACE: runnerDir("compress-ws-"), RUNNER_TEMP: runnerDir("compress-temp-") }, token: servers.tokens.write });
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(ExitCode.ok);
    const [image] = imagesOf(run.outputs);
    expect(image?.compressed).toMatchObject({ file: `${image?.file}.xz`, compression: "xz" });
    const release = servers.github.releases.find((r) => r.tagName === "v-compress");
    const asset = release?.assets.find((a) => a.name.endsWith(".img.xz"));
    // The image's file name carries the system: the asset is named after the compressed file as it is.
    expect(asset?.name).toBe(`${image?.file}.xz`);
    expect(image?.assetUrl).toContain(encodeURIComponent(asset?.name ?? "?"));
    const bytes = await servers.github.assetBytes(asset!);
    expect(sha256(bytes)).toBe(image?.compressed?.sha256);
    const dir = mkdtempSync(join(tmpdir(), "compress-asset-"));
    const file = join(dir, "asset.xz");
    (await import("node:fs")).writeFileSync(file, bytes);
    expect(sha256(execFileSync("xz", ["-dc", file], { maxBuffer: 64 * 1024 * 1024 }))).toBe(image?.sha256);
    console.log(`xz: image ${image?.file} ${image?.size} B sha256 ${image?.sha256}; asset ${asset?.name} ${image?.compressed?.size} B sha256 ${image?.compressed?.sha256}`);
  });

  it("xz with no xz on the runner: exit 4 before Nix is set up or anything built", T, async () => {
    const run = await runAction({
      user: "runner",
      inputs: inputs({ compress: "xz", upload: "none" }),
      env: { PATH: dirname(NODE), NIXOS_GENERATORS_NIX_BIN: "/nonexistent/nix-bin", NIXOS_GENERATORS_XZ: "/nonexistent/xz" },
    });
    expect(run.code).toBe(ExitCode.environment);
    expect(run.errors.map((e) => e.message)).toEqual([
      "compress: xz runs the system's xz program, and '/nonexistent/xz --version' does not run on this runner.\n  Install xz-utils before this step (sudo apt-get install -y xz-utils), or set compress: zstd (built into the action).",
    ]);
    expect(run.stdout).not.toContain("::group::Set up Nix");
  });

  it("a bad compress value: exit 2 naming the input", T, async () => {
    const run = await runAction({ inputs: { formats: "iso", compress: "gzip" }, env: { PATH: dirname(NODE), NIXOS_GENERATORS_NIX_BIN: "/nonexistent/nix-bin" } });
    expect(run.code).toBe(ExitCode.usage);
    expect(run.errors[0]?.message).toBe("The input 'compress' is 'gzip', which is not one of 'none', 'zstd', 'xz'.\n  Set compress: to 'none' or 'zstd' or 'xz', or leave it out for 'none'.");
  });
});
