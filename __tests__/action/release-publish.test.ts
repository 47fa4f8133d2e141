// Publishing to today's GitHub, run as the runner runs the action (the
// bundle, INPUT_*, the command files; the main scenario as the user
// `runner`) against the REST stand-in with immutable releases switched on:
// the offline-buildable fixture formats of __tests__/fixtures/formats (not
// NixOS images) are built by Nix and published — a single job's release
// complete when published; a matrix of drafts (one image over the asset
// limit, here small and injected: split, then reassembled), then mode:
// publish refusing an incomplete draft and publishing a complete one; an
// immutable published release refused before anything is built.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readInputs, type InputName } from "../../src/action/inputs.js";
import type { ImageOutput } from "../../src/action/report.js";
import { loadCatalogue } from "../../src/core/catalogue.js";
import { ExitCode } from "../../src/core/errors.js";
import { projectPath } from "../../src/core/paths.js";
import { parseReleaseManifest } from "../../src/publish/release-manifest.js";
import { releaseAssetName } from "../../src/publish/release.js";
import { NIXPKGS } from "../helpers/nix.js";
import { startGitHubTestServers, type GitHubTestServers, type StoredRelease } from "../servers/index.js";
import { actionDir, ensureTestUser, runAction, runnerNixpkgs } from "./harness.js";

const T = { timeout: 600_000 };
const CONFIG = projectPath("__tests__", "fixtures", "fixture-formats.nix");
let servers: GitHubTestServers;
let runnerNixpkgsPath: string;

beforeAll(async () => {
  await actionDir();
  await ensureTestUser("runner");
  runnerNixpkgsPath = await runnerNixpkgs("runner");
  servers = await startGitHubTestServers();
  servers.github.setImmutableReleases(servers.repository, true);
}, 600_000);

afterAll(async () => {
  await servers?.stop();
});

const sha256 = (data: Buffer): string => createHash("sha256").update(data).digest("hex");
const seed = (): string => randomBytes(6).toString("hex");
const imagesOf = (outputs: Record<string, string>): ImageOutput[] => JSON.parse(outputs.images ?? "null") as ImageOutput[];
/** The release asset an image became (its file name, with the system put in when it lacks it). */
const assetOf = (image: ImageOutput | undefined): string => releaseAssetName(image?.file ?? "", image?.system ?? "");
const releaseOf = (tag: string): StoredRelease | undefined => servers.github.releases.find((r) => r.tagName === tag);
const assetNames = (release: StoredRelease | undefined): string[] => (release?.assets ?? []).map((a) => `${a.name} (${a.state})`).sort();

/** A directory owned by the runner user (workspace, out-dir, RUNNER_TEMP). */
function runnerDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  execFileSync("chown", ["1001:1001", dir]);
  return dir;
}

/** "METHOD path status" of the stand-in's requests since `index`, ids masked. */
function trail(index: number): string[] {
  return servers.github.requests
    .slice(index)
    .map((r) => `${r.host === "uploads" ? "upload " : ""}${r.method} ${r.path.replace(/^\/repos\/[^/]+\/[^/]+/, "").replace(/\d{5,}/g, "N")}${r.query.name ? `?name=${r.query.name.replace(/\.(upload|replaced)-[0-9a-f]{8}$/, ".$1-*")}` : ""} ${r.status}`);
}

describe("the inputs of mode: publish and split-large-assets", () => {
  const read = (given: Partial<Record<InputName, string>>) => (name: InputName): string => given[name] ?? "";
  const env = { GITHUB_WORKSPACE: tmpdir(), RUNNER_TEMP: tmpdir() };
  it("mode: publish needs a tag and a token, plans as mode: plan (no files checked), and split-large-assets defaults to true", () => {
    const catalogue = loadCatalogue();
    expect(() => readInputs(catalogue, { env, read: read({ mode: "publish", formats: "iso", "github-token": "t" }) })).toThrow(
      /^The input 'release-tag' is empty, and this run was not started by a tag .*so there is no release to publish\./,
    );
    expect(() => readInputs(catalogue, { env, read: read({ mode: "publish", formats: "iso", "release-tag": "v1" }) })).toThrow(/^The input 'github-token' is empty, and mode: publish needs it/);
    const inputs = readInputs(catalogue, { env, read: read({ mode: "publish", formats: "iso, sd-aarch64", system: "x86_64-linux, aarch64-linux", "release-tag": "v1", "github-token": "t" }) });
    expect(inputs).toMatchObject({ mode: "publish", splitLargeAssets: true, releaseTag: "v1" });
    // As mode: plan: the pairs that exist (sd-aarch64 only on aarch64).
    expect(inputs.request.targets.map((t) => `${t.system}`)).toHaveLength(3);
    expect(readInputs(catalogue, { env, read: read({ formats: "iso", "split-large-assets": "false" }) }).splitLargeAssets).toBe(false);
    expect(() => readInputs(catalogue, { env, read: read({ formats: "iso", "split-large-assets": "no" }) })).toThrow(/^The input 'split-large-assets' is 'no', which is not a boolean\./);
  });
});

describe("releases on a repository with immutable releases", () => {
  it("as the runner: one job's release is a draft until every image, SHA256SUMS and the manifest are on it, then published (immutable, complete)", T, async () => {
    const index = servers.github.requests.length;
    const run = await runAction({
      user: "runner",
      inputs: { config: CONFIG, formats: "mbr-disk, blob", nixpkgs: runnerNixpkgsPath, "special-args": `seed=${seed()}`, upload: "release", "release-tag": "v-immutable", "install-nix": "never", "out-dir": join(runnerDir("rel-out-"), "images") },
      env: { ...servers.env, GITHUB_WORKSPACE: runnerDir("rel-ws-"), RUNNER_TEMP: runnerDir("rel-tmp-") },
      token: servers.tokens.write,
    });
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(ExitCode.ok);
    const images = imagesOf(run.outputs);
    expect(images.map((i) => [i.format, i.ok, i.uploaded])).toEqual([
      ["mbr-disk", true, true],
      ["blob", true, true],
    ]);
    const release = releaseOf("v-immutable");
    expect(release).toMatchObject({ draft: false, immutable: true });
    expect(assetNames(release)).toEqual([...images.map((i) => `${assetOf(i)} (uploaded)`), "SHA256SUMS (uploaded)", "nixos-images.json (uploaded)"].sort());
    for (const image of images) expect(release?.assets.find((a) => a.name === assetOf(image))?.sha256).toBe(image.sha256);
    const requests = trail(index);
    const publish = requests.indexOf("PATCH /releases/N 200");
    expect(requests.filter((r) => r.startsWith("POST /releases ")).at(0)).toBe("POST /releases 201");
    expect(publish).toBeGreaterThan(requests.findLastIndex((r) => r.startsWith("upload POST")));
    expect(run.log).toMatch(/created release v-immutable; published it \(immutable\) with every asset on it/);
    console.log(`stand-in saw (${requests.length} requests): ${requests.join(" | ")}`);
    console.log(`release v-immutable: draft=${release?.draft} immutable=${release?.immutable} assets=${assetNames(release).join(", ")}`);
  });

  it("a published immutable release is refused before anything is evaluated or built (exit 2, the fix named)", T, async () => {
    servers.github.addRelease(servers.repository, "v-locked");
    const index = servers.github.requests.length;
    const run = await runAction({
      inputs: { config: CONFIG, formats: "mbr-disk", nixpkgs: NIXPKGS, upload: "release", "release-tag": "v-locked" },
      env: servers.env,
      token: servers.tokens.write,
    });
    expect(run.code).toBe(ExitCode.usage);
    expect(run.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^The release v-locked in octo-org\/nixos-images is published and immutable: GitHub lets no asset be added to it or replaced\.[\s\S]*new tag/),
    ]);
    // Checked right after Nix is set up: nothing was evaluated or built.
    expect(run.stdout).toContain("::group::Check the release\n");
    expect(run.stdout).not.toMatch(/::group::(Evaluat|Build)/);
    expect(run.log).not.toMatch(/building '|\.drv/);
    expect(trail(index)).toEqual(["GET /releases/tags/v-locked 200"]);
    expect(imagesOf(run.outputs).map((i) => [i.format, i.ok, i.uploaded])).toEqual([["mbr-disk", false, false]]);
  });

  it("a matrix: two build jobs with draft: true (the second's image over the asset limit, 1.5 MiB here: split), then mode: publish — refused while an image is missing (listed, still a draft), published when complete; the parts put together are the image", T, async () => {
    const tag = "v-matrix";
    const limit = 1536 * 1024;
    const job = (format: string, env: Record<string, string> = {}) =>
      runAction({
        inputs: { config: CONFIG, formats: format, nixpkgs: NIXPKGS, "special-args": `seed=${seed()}`, upload: "release", "release-tag": tag, draft: "true" },
        env: { ...servers.env, ...env },
        token: servers.tokens.write,
      });
    const publish = () =>
      runAction({ inputs: { config: CONFIG, formats: "mbr-disk, blob", mode: "publish", "release-tag": tag }, env: servers.env, token: servers.tokens.write });

    const first = await job("mbr-disk");
    expect(first.code).toBe(ExitCode.ok);
    expect(first.log).toMatch(/it stays a draft \(draft: true; a last job with mode: publish publishes it\)/);
    const early = await publish();
    expect(early.code).toBe(ExitCode.verify);
    expect(early.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^The draft release v-matrix in octo-org\/nixos-images does not hold every planned image as SHA256SUMS lists it \(1 problem\): blob \(x86_64-linux\): no image on the release .* The draft was not published and stays a draft\./),
    ]);
    // mode: publish runs no Nix.
    expect(early.log).not.toMatch(/Set up Nix|Evaluat/);
    expect(releaseOf(tag)).toMatchObject({ draft: true, immutable: false });

    // The stand-in refuses 1.5 MiB or more as GitHub refuses 2 GiB; the action is told the same limit.
    servers.github.configure({ maxAssetBytes: limit });
    const second = await job("blob", { NIXOS_GENERATORS_RELEASE_ASSET_LIMIT: String(limit) }).finally(() => servers.github.configure({ maxAssetBytes: 2 * 1024 ** 3 }));
    expect(second.errors).toEqual([]);
    expect(second.code).toBe(ExitCode.ok);
    expect(second.log).toMatch(/is on the release in 3 parts, each below the release asset limit/);
    const index = servers.github.requests.length;
    const done = await publish();
    expect(done.errors).toEqual([]);
    expect(done.code).toBe(ExitCode.ok);
    const release = releaseOf(tag);
    expect(release).toMatchObject({ draft: false, immutable: true });
    const [mbr] = imagesOf(first.outputs);
    const [blob] = imagesOf(second.outputs);
    const manifest = parseReleaseManifest((await servers.github.assetBytes(release!.assets.find((a) => a.name === "nixos-images.json")!)).toString("utf8"));
    expect(manifest?.map((m) => [m.format, m.system, m.asset, m.sha256, m.parts?.length])).toEqual([
      ["blob", "x86_64-linux", assetOf(blob), blob?.sha256, 3],
      ["mbr-disk", "x86_64-linux", assetOf(mbr), mbr?.sha256, undefined],
    ]);
    // The split image: three parts below the limit; cat name.part* > name is the image, as in out-dir.
    const name = assetOf(blob);
    const parts = release!.assets.filter((a) => a.name.startsWith(`${name}.part`)).sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(parts.map((p) => p.name)).toEqual(["01", "02", "03"].map((n) => `${name}.part${n}`));
    expect(parts.every((p) => p.size < limit)).toBe(true);
    expect(release!.assets.some((a) => a.name === name)).toBe(false);
    const joined = Buffer.concat(await Promise.all(parts.map((p) => servers.github.assetBytes(p))));
    expect(sha256(joined)).toBe(blob?.sha256);
    expect(sha256(readFileSync(join(servers.runnerTemp, "nixos-images", blob?.path ?? "")))).toBe(blob?.sha256);
    const sums = (await servers.github.assetBytes(release!.assets.find((a) => a.name === "SHA256SUMS")!)).toString("utf8");
    expect(sums).toContain(`${blob?.sha256}  ${name}\n`);
    for (const part of parts) expect(sums).toContain(`${part.sha256}  ${part.name}\n`);
    expect(sums).toContain(`${mbr?.sha256}  ${assetOf(mbr)}\n`);
    expect(release!.body).toContain(`cat ${name}.part* > ${name} && sha256sum -c --ignore-missing SHA256SUMS`);
    console.log(`split: ${name} (${blob?.size} B) -> ${parts.map((p) => `${p.name} ${p.size} B`).join(", ")}`);
    expect(done.summary).toMatch(/## Release v-matrix\n\n\[v-matrix\]\(.*\) is published \(immutable\): every planned image is on it/);
    const requests = trail(index);
    expect(requests.at(-1)).toBe("PATCH /releases/N 200");
    expect(requests.some((r) => r.startsWith("upload "))).toBe(false);
    console.log(`publish job: ${requests.join(" | ")}`);
    console.log(`release ${tag}: draft=${release?.draft} immutable=${release?.immutable} assets=${assetNames(release).join(", ")}`);
  });
});
