// The faults a release upload must survive without losing an asset, injected
// by the REST stand-in in GitHub's wire format. Each scenario states the
// release's assets before and after; with SCENARIO_LOG=<file> they are also
// written there as a table.
import { appendFileSync } from "node:fs";
import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ExitCode, isUserError } from "../../src/core/errors.js";
import { ReleaseUploadError, uploadReleaseAssets, type UploadedAsset } from "../../src/publish/index.js";
import type { GitHubRestStub, StoredRelease } from "../servers/github-rest.js";
import { makeZstd, releaseBench, sha256, sha256File, zstdImage } from "./fixtures.js";

const REPO = "octo-org/nixos-images";
const bench = releaseBench({
  prefix: "release-faults-",
  stub: { repositories: [REPO] },
  repository: REPO,
  images: { a: zstdImage("nixos-x86_64-linux.img.zst", 3 * 1024 * 1024), b: zstdImage("nixos-aarch64-linux.img.zst", 2 * 1024 * 1024) },
  fast: { timeoutMs: 1000, stallTimeoutMs: 500, answerTimeoutMs: 500 },
});
const { options, fast: FAST } = bench;
let github: GitHubRestStub;
let dir: string;
let imageA: string;
let imageB: string;
beforeAll(() => {
  ({ github, dir } = bench);
  ({ a: imageA, b: imageB } = bench.images);
});

/** "name (state, sha256 prefix)" of each asset, sorted: what a user would see on the release page. */
function assets(release: StoredRelease | undefined): string[] {
  return (release?.assets ?? []).map((a) => `${a.name} (${a.state}, ${a.sha256.slice(0, 8)})`).sort();
}

function log(scenario: string, before: string[], after: string[], result: string): void {
  const file = process.env.SCENARIO_LOG;
  if (!file) return;
  appendFileSync(file, `| ${scenario} | ${before.join("<br>") || "(none)"} | ${after.join("<br>") || "(none)"} | ${result.replace(/\|/g, "\\|")} |\n`);
}

async function failure(run: Promise<unknown>): Promise<unknown> {
  return run.then(
    () => new Error("expected a failure"),
    (e: unknown) => e,
  );
}

function since(index: number) {
  return github.requests.slice(index);
}

describe("release uploads under faults", () => {
  it("existing asset + refused replacement (403): the release keeps the old asset, untouched", async () => {
    const release = github.addRelease(REPO, "f1");
    const old = github.addAsset(release, basename(imageA), Buffer.from("the previous image"));
    const before = assets(release);
    // A token that may read but not write: GitHub answers the upload with 403.
    const error = await failure(uploadReleaseAssets([{ path: imageA }], options("f1", { token: github.tokens.read })));
    expect(isUserError(error) && error.problem).toMatch(/not allowed to upload nixos-x86_64-linux\.img\.zst .*403 Resource not accessible by integration/);
    expect(isUserError(error) && error.fix).toMatch(/permissions: contents: write/);
    expect(release.assets.map((a) => a.id)).toEqual([old.id]);
    expect(assets(release)).toEqual(before);
    log("existing asset + 403 on the upload", before, assets(release), isUserError(error) ? error.problem : String(error));
  });

  it("existing asset + the uploads host failing every try (5xx): the old asset stays, no scratch left", async () => {
    const release = github.addRelease(REPO, "f1b");
    const old = github.addAsset(release, basename(imageA), Buffer.from("the previous image"));
    const before = assets(release);
    github.failUploads({ status: 502, times: 3 });
    const error = await failure(uploadReleaseAssets([{ path: imageA }], options("f1b", { attempts: 3 })));
    expect(isUserError(error) && error.problem).toMatch(/GitHub failed when trying to upload nixos-x86_64-linux\.img\.zst .*502/);
    expect(release.assets.map((a) => a.id)).toEqual([old.id]);
    log("existing asset + 502 on all 3 upload tries", before, assets(release), isUserError(error) ? error.problem : "");
  });

  it("existing asset + the rename into place refused (5xx on every retry): the old asset is put back", async () => {
    const release = github.addRelease(REPO, "f1c");
    const old = github.addAsset(release, basename(imageA), Buffer.from("the previous image"));
    const before = assets(release);
    // The first PATCH (moving the old asset aside) goes through; the next 4 (the rename of the new one, with 3 retries) fail.
    let patches = 0;
    github.before(
      (r) => r.method === "PATCH" && ++patches === 2,
      () => github.inject({ host: "api", method: "PATCH", times: 4, status: 503 }),
    );
    const error = await failure(uploadReleaseAssets([{ path: imageA }], options("f1c", { checksums: false })));
    expect(isUserError(error) && error.problem).toMatch(/Could not put the new nixos-x86_64-linux\.img\.zst in place .*the release keeps the previous one/);
    expect(release.assets.map((a) => [a.id, a.name])).toEqual([[old.id, basename(imageA)]]);
    expect(assets(release)).toEqual(before);
    log("existing asset + 503 on renaming the new one into place", before, assets(release), isUserError(error) ? error.problem : "");
  });

  it("a replacement that works: old asset swapped for the new one, the name never missing for longer than one rename", async () => {
    const release = github.addRelease(REPO, "f1d");
    const old = github.addAsset(release, basename(imageA), Buffer.from("the previous image"));
    const before = assets(release);
    const index = github.requests.length;
    const published = await uploadReleaseAssets([{ path: imageA }], options("f1d", { checksums: false }));
    expect(published.assets[0]).toMatchObject({ outcome: "uploaded", replaced: true });
    const writes = since(index)
      .filter((r) => r.method !== "GET")
      .map((r) => `${r.method} ${r.host}`);
    // upload (scratch name) → rename old aside → rename new into place → delete old.
    expect(writes).toEqual(["POST uploads", "PATCH api", "PATCH api", "DELETE api"]);
    expect(release.assets.some((a) => a.id === old.id)).toBe(false);
    expect(release.assets.map((a) => a.sha256)).toEqual([await sha256File(imageA)]);
    log("existing asset, replaced (no fault)", before, assets(release), "uploaded, replaced: true");
  });

  it("concurrent same-name upload, different bytes: one job's asset is kept whole, the other job is told, nothing is deleted from under either", async () => {
    const release = github.addRelease(REPO, "f2");
    const other = join(dir, "same-name-other");
    await makeZstd(other, 2 * 1024 * 1024);
    const name = basename(imageA);
    const before = assets(release);
    const results = await Promise.allSettled([
      uploadReleaseAssets([{ path: imageA, name }], options("f2", { checksums: false })),
      uploadReleaseAssets([{ path: other, name }], options("f2", { checksums: false })),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const bad = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(bad).toHaveLength(1);
    expect(isUserError(bad[0]!.reason) && bad[0]!.reason.problem).toMatch(/Another job put a different nixos-x86_64-linux\.img\.zst on release f2 .*that one was kept/);
    const winner = results[0]!.status === "fulfilled" ? imageA : other;
    expect(release.assets.map((a) => [a.name, a.state, a.sha256])).toEqual([[name, "uploaded", await sha256File(winner)]]);
    log("two jobs upload the same name at once (different bytes)", before, assets(release), `one kept; the other job: ${(bad[0]!.reason as Error).message.slice(0, 120)}…`);
  });

  it("concurrent same-name upload, same bytes: both jobs succeed, one asset", async () => {
    const release = github.addRelease(REPO, "f2b");
    const [a, b] = await Promise.all([
      uploadReleaseAssets([{ path: imageA }], options("f2b", { checksums: false })),
      uploadReleaseAssets([{ path: imageA }], options("f2b", { checksums: false })),
    ]);
    expect([a.assets[0]!.outcome, b.assets[0]!.outcome].sort()).toEqual(["identical", "uploaded"]);
    expect(a.assets[0]!.id).toBe(b.assets[0]!.id);
    expect(release.assets.map((x) => x.name)).toEqual([basename(imageA)]);
  });

  it("another job's upload in progress (its scratch asset, state starter) is never deleted", async () => {
    const release = github.addRelease(REPO, "f2c");
    // While this job uploads, another job's upload of the same image is half way (its own scratch name).
    github.before(
      (r) => r.host === "uploads",
      () => void github.addAsset(release, `${basename(imageA)}.upload-0badc0de`, Buffer.alloc(0), "starter"),
    );
    const before = assets(release);
    await uploadReleaseAssets([{ path: imageA }], options("f2c", { checksums: false }));
    const after = assets(release);
    expect(after).toContain(`${basename(imageA)}.upload-0badc0de (starter, ${sha256(Buffer.alloc(0)).slice(0, 8)})`);
    expect(after.filter((n) => n.startsWith(`${basename(imageA)} (uploaded`))).toHaveLength(1);
    log("another job's upload in progress (starter) during ours", before, after, "ours in place; theirs untouched");
  });

  it("429 with retry-after (secondary rate limit) on the API and on the uploads host: waits, then goes on", async () => {
    const index = github.requests.length;
    github.inject({ host: "api", method: "GET", path: /\/releases\/tags\//, rateLimit: "secondary", retryAfter: 4 });
    github.inject({ host: "uploads", rateLimit: "secondary", retryAfter: 2 });
    const notes: string[] = [];
    const started = Date.now();
    const published = await uploadReleaseAssets([{ path: imageA }], options("f3", { checksums: false, onNote: (n) => notes.push(n) }));
    expect(published.assets.map((a) => a.name)).toEqual([basename(imageA)]);
    const log429 = since(index).filter((r) => r.status === 429);
    expect(log429.map((r) => r.host)).toEqual(["api", "uploads"]);
    // 4 + 2 "seconds" of 50 ms each.
    expect(Date.now() - started).toBeGreaterThanOrEqual(6 * 50);
    expect(notes.join("\n")).toMatch(/secondary rate limit: waiting 4 s .*\n.*secondary rate limit: waiting 2 s/);
    expect(assets(github.releases[0])).toEqual([`${basename(imageA)} (uploaded, ${(await sha256File(imageA)).slice(0, 8)})`]);
    log("429 + retry-after: 4 on the tag lookup, 429 + retry-after: 2 on the upload", [], assets(github.releases[0]), `uploaded; waited ${notes.length} times`);
  });

  it("a primary rate limit (403, x-ratelimit-remaining 0) is waited out until x-ratelimit-reset; one too far off fails with the time", async () => {
    github.inject({ host: "api", method: "POST", path: /\/releases$/, rateLimit: "primary", retryAfter: 1 });
    const published = await uploadReleaseAssets([{ path: imageB }], options("f3b", { checksums: false }));
    expect(published.created).toBe(true);

    github.inject({ host: "api", method: "GET", rateLimit: "primary", retryAfter: 3600 });
    const error = await failure(uploadReleaseAssets([{ path: imageB }], options("f3c", { maxRateLimitWaitSeconds: 60 })));
    expect(isUserError(error) && error.problem).toMatch(/rate limit stopped the attempt to look up the release for tag f3c/);
    expect(isUserError(error) && error.fix).toMatch(/Re-run the job after \d{4}-\d\d-\d\dT/);
  });

  it("5xx then success: API and uploads both retried", async () => {
    const index = github.requests.length;
    github.inject({ host: "api", method: "GET", path: /\/assets$/, status: 502, times: 2 });
    github.inject({ host: "api", method: "POST", path: /\/releases$/, status: 503 });
    github.failUploads({ status: 500 });
    const published = await uploadReleaseAssets([{ path: imageA }], options("f4", { checksums: false }));
    expect(published.assets).toHaveLength(1);
    const statuses = since(index).map((r) => `${r.method} ${r.path.replace(/.*\/releases/, "…/releases").replace(/\d+/g, "N")} ${r.status}`);
    expect(statuses).toContain("POST …/releases 503");
    expect(statuses).toContain("POST …/releases 201");
    expect(statuses.filter((s) => s === "GET …/releases/N/assets 502")).toHaveLength(2);
    expect(statuses.filter((s) => s.startsWith("POST …/releases/N/assets"))).toEqual(["POST …/releases/N/assets 500", "POST …/releases/N/assets 201"]);
    expect(assets(github.releases[0])).toEqual([`${basename(imageA)} (uploaded, ${(await sha256File(imageA)).slice(0, 8)})`]);
    log("503 on creating the release, 502 ×2 on listing assets, 500 on the upload", [], assets(github.releases[0]), "uploaded after retries");
  });

  it("a stalled upload (no answer after the last byte, then no bytes moving) is ended by the watchdog and tried again", async () => {
    const index = github.requests.length;
    github.failUploads({ stall: true });
    github.failUploads({ stall: true, afterBytes: 64 * 1024 });
    const started = Date.now();
    const published = await uploadReleaseAssets([{ path: imageA }], options("f5", { checksums: false, attempts: 3 }));
    const elapsed = Date.now() - started;
    expect(published.assets).toHaveLength(1);
    expect(elapsed).toBeLessThan(10_000);
    // The two stalled requests never got an answer (-1: closed unanswered, 0: still open on the server side).
    const statuses = since(index).filter((r) => r.host === "uploads").map((r) => r.status);
    expect(statuses).toHaveLength(3);
    expect(statuses.slice(0, 2).every((s) => s <= 0)).toBe(true);
    expect(statuses[2]).toBe(201);
    expect(assets(github.releases[0])).toEqual([`${basename(imageA)} (uploaded, ${(await sha256File(imageA)).slice(0, 8)})`]);
    log("upload stalls twice (no answer; body stops moving)", [], assets(github.releases[0]), `uploaded on try 3 after ${elapsed} ms`);
  });

  it("a stalled API request times out and is retried", async () => {
    github.inject({ host: "api", method: "GET", path: /\/releases\/tags\//, stall: true });
    const started = Date.now();
    const published = await uploadReleaseAssets([{ path: imageB }], options("f5b", { checksums: false }));
    expect(published.assets).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(FAST.timeoutMs);
  });

  it("second of two fails: the first is on the release and reported so, the second reported failed", async () => {
    const reported: UploadedAsset[] = [];
    // Both tries of the second file fail (its upload starts after the first's succeeded).
    github.before(
      (r) => r.host === "uploads" && r.status === 0 && (r.query.name ?? "").startsWith(basename(imageB)),
      () => github.failUploads({ status: 502, times: 2 }),
    );
    const error = await failure(uploadReleaseAssets([{ path: imageA }, { path: imageB }], options("f6", { attempts: 2, onAsset: (a) => reported.push(a) })));
    expect(error).toBeInstanceOf(ReleaseUploadError);
    if (!(error instanceof ReleaseUploadError)) return;
    expect(error.problem).toMatch(/^1 of 3 release assets did not get onto release f6 \(nixos-aarch64-linux\.img\.zst\); nixos-x86_64-linux\.img\.zst did; the release stays a draft\./);
    // Not published: a repository with immutable releases keeps no half release.
    expect(github.releases[0]).toMatchObject({ draft: true, publishedAt: null });
    expect(error.exitCode).toBe(ExitCode.failed);
    expect(error.published.assets.map((a) => a.name)).toEqual([basename(imageA)]);
    expect(error.published.failed.map((f) => f.name)).toEqual([basename(imageB)]);
    expect(reported.map((a) => a.name)).toEqual([basename(imageA)]);
    const release = github.releases[0]!;
    expect(release.assets.map((a) => a.name).sort()).toEqual([basename(imageA), "SHA256SUMS"].sort());
    expect(error.published.checksums?.content).toBe(`${await sha256File(imageA)}  ${basename(imageA)}\n`);
    log("two images, the second's upload fails (502 ×2)", [], assets(release), error.problem.slice(0, 140));
  });
});

describe("releases: draft, prerelease, latest, notes", () => {
  it("creates a draft (not latest), and uses an existing draft for the tag instead of refusing it", async () => {
    const first = await uploadReleaseAssets([{ path: imageA }], options("d1", { draft: true, releaseName: "Images d1", releaseBody: "Built by CI.", generateNotes: true }));
    expect(first).toMatchObject({ created: true, draft: true });
    const draft = github.releases.find((r) => r.id === first.id)!;
    expect(draft).toMatchObject({ draft: true, name: "Images d1" });
    expect(draft.body).toMatch(/^Built by CI\.\n\n## What's Changed/);
    expect(github.latestReleaseId(REPO)).not.toBe(first.id);
    const second = await uploadReleaseAssets([{ path: imageB }], options("d1", { draft: true }));
    expect(second).toMatchObject({ id: first.id, created: false, draft: true });
    expect(github.releases).toHaveLength(1);
    expect(draft.assets.map((a) => a.name).sort()).toEqual([basename(imageA), basename(imageB), "SHA256SUMS"].sort());
  });

  it("matrix jobs creating a draft at once settle on one draft", async () => {
    const results = await Promise.all(
      [imageA, imageB].map((path) => uploadReleaseAssets([{ path }], options("d2", { draft: true, checksums: false }))),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(github.releases.filter((r) => r.tagName === "d2")).toHaveLength(1);
    expect(github.releases[0]!.assets.map((a) => a.name).sort()).toEqual([basename(imageA), basename(imageB)].sort());
  });

  it("passes prerelease and make_latest", async () => {
    await uploadReleaseAssets([{ path: imageA }], options("p1", { makeLatest: "true", checksums: false }));
    const latest = github.latestReleaseId(REPO);
    await uploadReleaseAssets([{ path: imageA }], options("p2", { makeLatest: "false", checksums: false }));
    expect(github.latestReleaseId(REPO)).toBe(latest);
    await uploadReleaseAssets([{ path: imageA }], options("p3", { prerelease: true, checksums: false }));
    expect(github.releases.find((r) => r.tagName === "p3")).toMatchObject({ prerelease: true });
    expect(github.latestReleaseId(REPO)).toBe(latest);
    expect(github.releases.find((r) => r.tagName === "p2")?.makeLatest).toBe("false");
  });

  it("with splitting off (split-large-assets: false), refuses an image of 2 GiB or more before any request, naming the fix", async () => {
    const big = join(dir, "nixos-x86_64-linux.img");
    await writeFile(big, "");
    await truncate(big, 2 * 1024 ** 3);
    const index = github.requests.length;
    const error = await failure(uploadReleaseAssets([{ path: big }], options("big", { splitLargeAssets: false })));
    expect(isUserError(error) && error.problem).toBe("nixos-x86_64-linux.img is 2.00 GiB; GitHub refuses release assets of 2.00 GiB or more.");
    expect(isUserError(error) && error.fix).toMatch(/split-large-assets: at true .*compressed variant .*\(upload: artifact\)/);
    expect(github.requests.length).toBe(index);
    await rm(big);
  });
});

describe("SHA256SUMS", () => {
  it("holds every job's lines after two matrix jobs publish at once, and follows a replaced image", async () => {
    const [a, b] = await Promise.all([
      uploadReleaseAssets([{ path: imageA }], options("s1")),
      uploadReleaseAssets([{ path: imageB }], options("s1")),
    ]);
    const release = github.releases.find((r) => r.tagName === "s1")!;
    const sums = release.assets.find((x) => x.name === "SHA256SUMS")!;
    const expected = `${await sha256File(imageB)}  ${basename(imageB)}\n${await sha256File(imageA)}  ${basename(imageA)}\n`;
    expect(sums.bytes.toString("utf8")).toBe(expected);
    expect([a.checksums?.content, b.checksums?.content]).toContain(expected);
    expect(release.assets.map((x) => x.name).sort()).toEqual([basename(imageA), basename(imageB), "SHA256SUMS"].sort());
    log("SHA256SUMS after two jobs published at once", [], assets(release), JSON.stringify(sums.bytes.toString("utf8")));
    if (process.env.SCENARIO_LOG) appendFileSync(process.env.SCENARIO_LOG, `\nSHA256SUMS after two jobs:\n\n${sums.bytes.toString("utf8")}\n`);

    // A re-run replaces imageA with new bytes: its line follows.
    const changed = join(await mkdtemp(join(dir, "rerun-")), basename(imageA));
    await makeZstd(changed, 1024 * 1024);
    await uploadReleaseAssets([{ path: changed }], options("s1"));
    const after = release.assets.find((x) => x.name === "SHA256SUMS")!.bytes.toString("utf8");
    expect(after).toBe(`${await sha256File(imageB)}  ${basename(imageB)}\n${await sha256File(changed)}  ${basename(imageA)}\n`);
  });
});
