// Release assets through Octokit against a stand-in of GitHub's REST API and uploads host.
import { randomBytes } from "node:crypto";
import { stat, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ExitCode, isUserError } from "../../src/core/errors.js";
import { uploadReleaseAssets, type ReleaseOptions } from "../../src/publish/index.js";
import type { GitHubRestStub } from "../servers/github-rest.js";
import { qcow2Image, releaseBench, sha256, sha256File, zstdImage } from "./fixtures.js";

const REPO = "octo-org/nixos-images";
const bench = releaseBench({
  prefix: "release-test-",
  stub: { repositories: [REPO, "octo-org/other"], maxPerPage: 2 },
  repository: REPO,
  images: { qcow2: qcow2Image("nixos-x86_64-linux.qcow2", 64), zst: zstdImage("nixos-sd-image-aarch64-linux.img.zst", 6 * 1024 * 1024) },
});
const { options } = bench;
let github: GitHubRestStub;
let dir: string;
let qcow2: string;
let zst: string;
beforeAll(() => {
  ({ github, dir } = bench);
  ({ qcow2, zst } = bench.images);
});

const visible = (release: { assets: Array<{ name: string; state: string }> }) => release.assets.map((a) => a.name).sort();

async function download(url: string): Promise<Buffer> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

describe("uploadReleaseAssets", () => {
  it("creates the release when the tag has none and uploads the files, streamed with their length", async () => {
    const since = github.requests.length;
    const published = await uploadReleaseAssets([{ path: qcow2 }, { path: zst }], options("v1.0.0", { releaseName: "NixOS images 1.0" }));

    expect(published.created).toBe(true);
    expect(github.releases).toHaveLength(1);
    const release = github.releases[0]!;
    expect(published.id).toBe(release.id);
    expect(release.tagName).toBe("v1.0.0");
    expect(release.name).toBe("NixOS images 1.0");
    expect(release.targetCommitish).toBe(process.env.GITHUB_SHA);
    expect(published.assets.map((a) => a.name)).toEqual([basename(qcow2), basename(zst)]);
    expect(visible(release)).toEqual(["SHA256SUMS", basename(qcow2), basename(zst)].sort());
    for (const [index, file] of [qcow2, zst].entries()) {
      const asset = published.assets[index]!;
      const stored = release.assets.find((a) => a.id === asset.id)!;
      expect(stored.state).toBe("uploaded");
      expect(stored.sha256).toBe(await sha256File(file));
      expect(asset.size).toBe((await stat(file)).size);
      expect(sha256(await download(asset.url))).toBe(await sha256File(file));
    }

    // Every API and upload request (not the test's own downloads) carries GitHub's headers.
    const requests = github.requests.slice(since).filter((r) => !r.path.includes("/releases/download/"));
    expect(requests.length).toBeGreaterThanOrEqual(4);
    for (const request of requests) {
      expect(request.headers.authorization).toBe(`token ${github.tokens.write}`);
      expect(request.headers.accept).toMatch(/^application\/(vnd\.github\+json|octet-stream)$/);
      expect(request.headers["x-github-api-version"]).toBe("2022-11-28");
    }
    // Each file went up under a scratch name of its own, then was renamed.
    const uploads = requests.filter((r) => r.host === "uploads" && !r.query.name?.startsWith("SHA256SUMS"));
    expect(uploads.map((u) => u.query.name?.replace(/\.upload-[0-9a-f]{8}$/, ""))).toEqual([basename(qcow2), basename(zst)]);
    expect(new Set(uploads.map((u) => u.query.name)).size).toBe(2);
    for (const upload of uploads) {
      expect(upload.status).toBe(201);
      expect(upload.headers["content-type"]).toBe("application/octet-stream");
      expect(upload.headers["transfer-encoding"]).toBeUndefined();
      const file = upload.query.name?.startsWith(basename(qcow2)) ? qcow2 : zst;
      expect(Number(upload.headers["content-length"])).toBe((await stat(file)).size);
    }
  });

  it("reuses the release the tag already has", async () => {
    const existing = github.addRelease(REPO, "v2", { name: "Made by hand" });
    const published = await uploadReleaseAssets([{ path: zst }], options("v2", { releaseName: "ignored" }));
    expect(published.created).toBe(false);
    expect(published.id).toBe(existing.id);
    expect(github.releases).toHaveLength(1);
    expect(existing.name).toBe("Made by hand");
    expect(visible(existing)).toEqual([basename(zst), "SHA256SUMS"].sort());
    expect(existing.assets.find((a) => a.name === basename(zst))!.sha256).toBe(await sha256File(zst));
  });

  it("replaces an asset of the same name, also when it is on a later page of the asset list", async () => {
    const release = github.addRelease(REPO, "v3");
    const keep1 = github.addAsset(release, "SHA256SUMS", Buffer.from("sums"));
    const keep2 = github.addAsset(release, "README.txt", Buffer.from("readme"));
    const old = github.addAsset(release, basename(qcow2), randomBytes(1000));
    const published = await uploadReleaseAssets([{ path: qcow2 }], options("v3"));

    expect(visible(release)).toEqual(["README.txt", "SHA256SUMS", basename(qcow2)]);
    expect(release.assets.some((a) => a.id === keep2.id)).toBe(true);
    expect(release.assets.some((a) => a.id === keep1.id)).toBe(false); // SHA256SUMS was swapped for a correct one
    expect(release.assets.some((a) => a.id === old.id)).toBe(false);
    expect(published.assets[0]).toMatchObject({ outcome: "uploaded", replaced: true });
    expect(release.assets.find((a) => a.name === basename(qcow2))!.sha256).toBe(await sha256File(qcow2));
    // The list came in pages of 2 and the old asset was on the second.
    expect(github.requests.some((r) => r.method === "GET" && r.path.endsWith("/assets") && r.query.page === "2")).toBe(true);
    // The old one was moved aside by a rename, then deleted.
    expect(github.requests.some((r) => r.method === "PATCH" && r.path.endsWith(`/releases/assets/${old.id}`))).toBe(true);
    expect(github.requests.some((r) => r.method === "DELETE" && r.path.endsWith(`/releases/assets/${old.id}`))).toBe(true);
  });

  it("uses the name given for an asset", async () => {
    const published = await uploadReleaseAssets([{ path: zst, name: "sd-card.img.zst" }], options("v4"));
    expect(published.assets[0]!.name).toBe("sd-card.img.zst");
    expect(visible(github.releases[0]!)).toEqual(["SHA256SUMS", "sd-card.img.zst"]);
  });

  it("tells the user to add `permissions: contents: write` when the token may only read (403)", async () => {
    const error = await uploadReleaseAssets([{ path: zst }], options("v5", { token: github.tokens.read })).catch((e: unknown) => e);
    expect(isUserError(error)).toBe(true);
    if (!isUserError(error)) return;
    expect(error.problem).toMatch(/not allowed to create the release v5 in octo-org\/nixos-images \(403 Resource not accessible by integration\)/);
    expect(error.fix).toMatch(/permissions: contents: write/);
    expect(error.exitCode).toBe(ExitCode.environment);
    expect(github.releases).toHaveLength(0);
  });

  it("says the same when the release exists but the token cannot upload to it", async () => {
    const release = github.addRelease(REPO, "v5b");
    const error = await uploadReleaseAssets([{ path: zst }], options("v5b", { token: github.tokens.read })).catch((e: unknown) => e);
    expect(isUserError(error) && error.fix).toMatch(/permissions: contents: write/);
    expect(release.assets).toHaveLength(0);
  });

  it("explains a token GitHub does not accept (401)", async () => {
    const error = await uploadReleaseAssets([{ path: zst }], options("v6", { token: "ghs_expired" })).catch((e: unknown) => e);
    expect(isUserError(error) && error.problem).toMatch(/did not accept the token.*401 Bad credentials/);
  });

  it("explains a repository that does not exist or is out of the token's reach (404)", async () => {
    const error = await uploadReleaseAssets([{ path: zst }], options("v7", { repository: "octo-org/missing" })).catch((e: unknown) => e);
    expect(isUserError(error) && error.problem).toMatch(/no repository octo-org\/missing/);
  });

  it("explains a tag GitHub refuses (422)", async () => {
    const error = await uploadReleaseAssets([{ path: zst }], options("bad..tag")).catch((e: unknown) => e);
    expect(isUserError(error)).toBe(true);
    if (!isUserError(error)) return;
    expect(error.problem).toMatch(/422 Validation Failed; tag_name is not a valid tag/);
    expect(error.exitCode).toBe(ExitCode.usage);
  });

  it("retries an upload that broke off, leaving no partial asset", async () => {
    const size = (await stat(qcow2)).size;
    github.failUploads({ afterBytes: Math.floor(size / 2), times: 1 });
    const published = await uploadReleaseAssets([{ path: qcow2 }], options("v8"));
    const release = github.releases[0]!;
    expect(visible(release)).toEqual([basename(qcow2), "SHA256SUMS"].sort());
    const asset = release.assets.find((a) => a.name === basename(qcow2))!;
    expect(asset.id).toBe(published.assets[0]!.id);
    expect(asset.state).toBe("uploaded");
    expect(asset.sha256).toBe(await sha256File(qcow2));
  });

  it("retries after a 5xx from the uploads host", async () => {
    const since = github.requests.length;
    github.failUploads({ status: 502, times: 1 });
    await uploadReleaseAssets([{ path: zst }], options("v9"));
    const release = github.releases[0]!;
    expect(release.assets.map((a) => [a.name, a.state]).sort()).toEqual([[basename(zst), "uploaded"], ["SHA256SUMS", "uploaded"]].sort());
    const uploads = github.requests.slice(since).filter((r) => r.host === "uploads" && r.query.name?.startsWith(basename(zst)));
    expect(uploads.map((u) => u.status)).toEqual([502, 201]);
  });

  it("gives up after the last try and deletes the partial asset GitHub kept", async () => {
    const since = github.requests.length;
    github.failUploads({ afterBytes: 100_000, times: 3 });
    const error = await uploadReleaseAssets([{ path: qcow2 }], options("v10", { attempts: 3 })).catch((e: unknown) => e);
    expect(isUserError(error) && error.problem).toMatch(/upload of nixos-x86_64-linux.qcow2 to release v10 broke off \(.*\), on all 3 tries/);
    expect(github.releases[0]!.assets).toEqual([]);
    const uploads = github.requests.slice(since).filter((r) => r.host === "uploads" && r.query.name?.startsWith(basename(qcow2)));
    expect(uploads.length).toBe(3);
  });

  it("removes an incomplete asset older than a job can run, but never a fresh one (another upload in progress)", async () => {
    const release = github.addRelease(REPO, "v11");
    const stale = github.addAsset(release, basename(zst), Buffer.alloc(0), "starter");
    stale.createdAt = new Date(Date.now() - 7 * 3600_000);
    await uploadReleaseAssets([{ path: zst }], options("v11"));
    expect(release.assets.map((a) => [a.name, a.state]).sort()).toEqual([[basename(zst), "uploaded"], ["SHA256SUMS", "uploaded"]].sort());

    const other = github.addRelease(REPO, "v11b");
    const fresh = github.addAsset(other, basename(zst), Buffer.alloc(0), "starter");
    const error = await uploadReleaseAssets([{ path: zst }], options("v11b")).catch((e: unknown) => e);
    expect(isUserError(error) && error.problem).toMatch(/incomplete upload named nixos-sd-image-aarch64-linux\.img\.zst .* another upload in progress/);
    expect(other.assets.map((a) => a.id)).toEqual([fresh.id]); // left alone, and our scratch upload removed
  });

  it("refuses two files with one asset name, a name GitHub would rename, an empty tag, no token", async () => {
    const copy = join(dir, "copy");
    await writeFile(copy, "x");
    const cases: Array<[Parameters<typeof uploadReleaseAssets>[0], ReleaseOptions, RegExp]> = [
      [[{ path: zst }, { path: copy, name: basename(zst) }], options("v12"), /Two files would become/],
      [[{ path: zst }], options("  "), /No release tag/],
      [[{ path: zst }], options("v12", { token: "" }), /needs a GitHub token/],
      [[{ path: zst }], options("v12", { repository: "not a repo" }), /not a repository/],
      [[{ path: zst, name: "my image.img.zst" }], options("v12"), /not a release asset name GitHub keeps/],
      [[{ path: zst, name: ".hidden" }], options("v12"), /not a release asset name GitHub keeps/],
    ];
    for (const [files, opts, pattern] of cases) {
      const error = await uploadReleaseAssets(files, opts).catch((e: unknown) => e);
      expect(isUserError(error) && error.problem, String(pattern)).toMatch(pattern);
    }
    expect(github.releases).toHaveLength(0);
  });
});
