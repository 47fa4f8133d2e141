// Releases on today's GitHub, against the REST stand-in modelling it:
// immutable releases (a release is published only when complete), drafts
// filled by matrix jobs and published by mode: publish's check, assets split
// below the 2 GiB limit (a small limit injected here), and rate limits told
// by their headers, whatever their wording.
import { createHash } from "node:crypto";
import { truncate, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ExitCode, isUserError } from "../../src/core/errors.js";
import { uploadReleaseAssets } from "../../src/publish/index.js";
import { checkReleaseTakesAssets, publishPlannedRelease } from "../../src/publish/release-publish.js";
import { parseReleaseManifest } from "../../src/publish/release-manifest.js";
import { planParts } from "../../src/publish/split.js";
import { PRIMARY_LIMIT_MESSAGE, SECONDARY_LIMIT_MESSAGE, type GitHubRestStub, type StoredRelease } from "../servers/github-rest.js";
import { releaseBench, sha256, sha256File, zstdImage } from "./fixtures.js";

const REPO = "octo-org/nixos-images";
const IMMUTABLE = "octo-org/immutable";
const bench = releaseBench({
  prefix: "release-immutable-",
  stub: { repositories: [REPO, IMMUTABLE], immutableReleases: [IMMUTABLE] },
  repository: IMMUTABLE,
  images: { a: zstdImage("nixos-x86_64-linux.img.zst", 3 * 1024 * 1024), b: zstdImage("nixos-aarch64-linux.img.zst", 2 * 1024 * 1024) },
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

const A = { format: "raw-efi", system: "x86_64-linux" };
const B = { format: "raw-efi", system: "aarch64-linux" };

async function failure(run: Promise<unknown>): Promise<unknown> {
  return run.then(
    () => new Error("expected a failure"),
    (e: unknown) => e,
  );
}

/** "METHOD path status" of the requests since `index`, ids and scratch suffixes masked. */
function trail(index: number): string[] {
  return github.requests.slice(index).map((r) =>
    `${r.host === "uploads" ? "upload " : ""}${r.method} ${r.path.replace(/^\/repos\/[^/]+\/[^/]+/, "").replace(/\d{5,}/g, "N")}${r.query.name ? `?name=${r.query.name.replace(/\.(upload|replaced)-[0-9a-f]{8}$/, ".$1-*")}` : ""} ${r.status}`,
  );
}

const names = (release: StoredRelease | undefined): string[] => (release?.assets ?? []).map((a) => a.name).sort();

describe("immutable releases", () => {
  it("single job: the release is created as a draft, gets every asset and SHA256SUMS, and only then is published (immutable, complete)", async () => {
    const index = github.requests.length;
    const published = await uploadReleaseAssets([{ path: imageA, image: A }, { path: imageB, image: B }], options("v1", { makeLatest: "true" }));
    const release = github.releases.find((r) => r.tagName === "v1")!;
    expect(published).toMatchObject({ created: true, draft: false, published: true, immutable: true });
    expect(release).toMatchObject({ draft: false, immutable: true });
    expect(github.latestReleaseId(IMMUTABLE)).toBe(release.id);
    expect(names(release)).toEqual([basename(imageA), basename(imageB), "SHA256SUMS", "nixos-images.json"].sort());
    const requests = trail(index);
    // Created as a draft (the POST's body said draft: true), published by the PATCH at the very end.
    const create = requests.findIndex((r) => r.startsWith("POST /releases 201"));
    const publish = requests.findIndex((r) => r.startsWith("PATCH /releases/N 200"));
    const lastUpload = requests.findLastIndex((r) => r.startsWith("upload POST"));
    expect(create).toBeGreaterThanOrEqual(0);
    expect(publish).toBe(requests.length - 1);
    expect(lastUpload).toBeLessThan(publish);
    expect(requests.filter((r) => r.startsWith("upload POST")).every((r) => r.endsWith(" 201"))).toBe(true);
    // What the stand-in says to what the old order did (publish, then upload): refused, and the tag is burnt.
    const later = await fetch(`${github.uploadsUrl}/repos/${IMMUTABLE}/releases/${release.id}/assets?name=late.img`, {
      method: "POST",
      headers: { authorization: `token ${github.tokens.write}`, "content-type": "application/octet-stream", "content-length": "3" },
      body: "abc",
    });
    expect(later.status).toBe(422);
    expect(((await later.json()) as { message: string }).message).toBe("Cannot upload assets to an immutable release.");
    console.log(`requests: ${requests.join(" | ")}`);
  });

  it("a published immutable release is refused before any upload (and by the early check), naming the fix; exit 2", async () => {
    github.addRelease(IMMUTABLE, "v2");
    for (const attempt of [() => checkReleaseTakesAssets({ token: github.tokens.write, tag: "v2", ...FAST }), () => uploadReleaseAssets([{ path: imageA }], options("v2"))]) {
      const index = github.requests.length;
      const error = await failure(attempt());
      expect(isUserError(error) && error.problem).toBe(`The release v2 in ${IMMUTABLE} is published and immutable: GitHub lets no asset be added to it or replaced.`);
      expect(isUserError(error) && error.fix).toMatch(/new tag .*let the action create that release/);
      expect(isUserError(error) && error.exitCode).toBe(ExitCode.usage);
      expect(trail(index)).toEqual(["GET /releases/tags/v2 200"]);
    }
    // A release published before the switch was turned on is mutable: it takes assets.
    github.addRelease(IMMUTABLE, "old", { immutable: false });
    await expect(uploadReleaseAssets([{ path: imageA }], options("old"))).resolves.toMatchObject({ created: false, immutable: false });
  });

  it("a tag an immutable release used (deleted since) is refused by GitHub with code custom; the message says to take a new tag", async () => {
    const gone = github.addRelease(IMMUTABLE, "v3");
    github.releases.splice(github.releases.indexOf(gone), 1);
    const error = await failure(uploadReleaseAssets([{ path: imageA }], options("v3")));
    expect(isUserError(error) && error.problem).toMatch(/^The tag v3 in octo-org\/immutable was used by an immutable release: GitHub never gives it to another release/);
    expect(isUserError(error) && error.exitCode).toBe(ExitCode.usage);
    expect(github.releases.filter((r) => r.tagName === "v3")).toEqual([]);
  });
});

describe("a matrix of drafts, then mode: publish", () => {
  it("two jobs (draft: true) at once; publish with one image missing is refused and lists it; a wrong digest is listed; complete: published", async () => {
    // Job A alone first.
    await uploadReleaseAssets([{ path: imageA, image: A }], options("m1", { draft: true }));
    const draft = github.releases.find((r) => r.tagName === "m1")!;
    expect(draft).toMatchObject({ draft: true, immutable: false });
    // Drafts are not found by tag, only in the list.
    expect((await fetch(`${github.apiUrl}/repos/${IMMUTABLE}/releases/tags/m1`, { headers: { authorization: `token ${github.tokens.write}` } })).status).toBe(404);

    const plan = { token: github.tokens.write, tag: "m1", planned: [A, B], ...FAST };
    const missing = await failure(publishPlannedRelease(plan));
    expect(isUserError(missing) && missing.problem).toBe(
      `The draft release m1 in ${IMMUTABLE} does not hold every planned image as SHA256SUMS lists it (1 problem): raw-efi (aarch64-linux): no image on the release (its job failed, has not run, or published under another tag). The draft was not published and stays a draft.`,
    );
    expect(isUserError(missing) && missing.exitCode).toBe(ExitCode.verify);
    expect(draft.draft).toBe(true);

    // Job B, and a re-run of job A, at once: the manifest keeps both entries.
    await Promise.all([
      uploadReleaseAssets([{ path: imageB, image: B }], options("m1", { draft: true })),
      uploadReleaseAssets([{ path: imageA, image: A }], options("m1", { draft: true })),
    ]);
    const manifest = parseReleaseManifest((await github.assetBytes(draft.assets.find((a) => a.name === "nixos-images.json")!)).toString("utf8"));
    expect(manifest?.map((m) => [m.format, m.system, m.asset, m.sha256])).toEqual([
      ["raw-efi", "aarch64-linux", basename(imageB), await sha256File(imageB)],
      ["raw-efi", "x86_64-linux", basename(imageA), await sha256File(imageA)],
    ]);

    // Damage: SHA256SUMS says another hash for B, and the manifest's A asset is gone.
    const sums = draft.assets.find((a) => a.name === "SHA256SUMS")!;
    const good = sums.bytes;
    sums.bytes = Buffer.from(good.toString("utf8").replace(await sha256File(imageB), "0".repeat(64)));
    const assetA = draft.assets.find((a) => a.name === basename(imageA))!;
    draft.assets.splice(draft.assets.indexOf(assetA), 1);
    const wrong = await failure(publishPlannedRelease(plan));
    expect(isUserError(wrong) && wrong.problem).toMatch(/\(2 problems\): nixos-x86_64-linux\.img\.zst \(raw-efi \(x86_64-linux\)\): not on the release\. nixos-aarch64-linux\.img\.zst \(raw-efi \(aarch64-linux\)\): GitHub has sha256 [0-9a-f]{64}, SHA256SUMS lists 0{64}\. The draft was not published/);
    expect(draft.draft).toBe(true);
    sums.bytes = good;
    draft.assets.push(assetA);

    // Without GitHub's digest (an older server), the assets are downloaded and hashed.
    github.configure({ digests: false });
    const index = github.requests.length;
    const done = await publishPlannedRelease({ ...plan, makeLatest: "true" });
    expect(done).toMatchObject({ alreadyPublished: false, immutable: true, tag: "m1" });
    expect(draft).toMatchObject({ draft: false, immutable: true });
    expect(trail(index).filter((r) => /GET \/releases\/assets\/N /.test(r))).toHaveLength(5); // SHA256SUMS, manifest, A, B; the manifest again for the notes
    // A re-run of the publish job: published already, complete: nothing to do.
    await expect(publishPlannedRelease(plan)).resolves.toMatchObject({ alreadyPublished: true });
  });

  it("publish with no draft at all says to run it after the build jobs", async () => {
    const error = await failure(publishPlannedRelease({ token: github.tokens.write, tag: "none", planned: [A], ...FAST }));
    expect(isUserError(error) && error.problem).toMatch(/^There is no draft for tag none in octo-org\/immutable to publish/);
    expect(isUserError(error) && error.fix).toMatch(/needs: the matrix job/);
    expect(isUserError(error) && error.exitCode).toBe(ExitCode.verify);
  });
});

describe("assets at or above the limit are split", () => {
  it("plans parts below the limit, numbered so that cat name.part* takes them in order", () => {
    const limit = 2 * 1024 ** 3;
    const parts = planParts("x.img", 2.5 * 1024 ** 3, limit);
    expect(parts.map((p) => [p.name, p.size])).toEqual([
      ["x.img.part01", 1280 * 1024 ** 2],
      ["x.img.part02", 1280 * 1024 ** 2],
    ]);
    expect(planParts("x", limit - 1, limit)).toEqual([]);
    expect(planParts("x", limit, limit).map((p) => p.size)).toEqual([1024 ** 3, 1024 ** 3]);
    const many = planParts("y", 1000, 11);
    expect(many).toHaveLength(100);
    expect(many[0]?.name).toBe("y.part001");
    expect(many.every((p) => p.size < 11)).toBe(true);
  });

  it("the stand-in refuses 2 GiB or more from Content-Length, as GitHub does, without taking the bytes", async () => {
    const release = github.addRelease(REPO, "limit", { draft: true });
    const res = await fetch(`${github.uploadsUrl}/repos/${REPO}/releases/${release.id}/assets?name=big.img`, {
      method: "POST",
      headers: { authorization: `token ${github.tokens.write}`, "content-type": "application/octet-stream", "content-length": String(2 * 1024 ** 3) },
      body: new ReadableStream({ start: (c) => c.close() }),
      duplex: "half",
    } as RequestInit).catch((error: unknown) => error);
    if (res instanceof Response) {
      expect(res.status).toBe(422);
      expect(JSON.stringify(await res.json())).toContain("size must be less than 2147483648");
    }
    expect(release.assets).toEqual([]);
  });

  it("a file over the limit goes up in parts; SHA256SUMS lists parts and whole; the notes say how to reassemble; cat of the parts is the file", async () => {
    const limit = 1024 * 1024;
    github.configure({ maxAssetBytes: limit });
    const big = join(dir, "nixos-big-x86_64-linux.img");
    await writeFile(big, Buffer.concat([Buffer.from("head"), createHash("sha512").update("seed").digest()]));
    await truncate(big, 2.5 * limit);
    const published = await uploadReleaseAssets([{ path: big, image: A }], options("s1", { maxAssetBytes: limit, releaseBody: "Images." }));
    const release = github.releases.find((r) => r.tagName === "s1")!;
    const [asset] = published.assets;
    expect(asset?.parts?.map((p) => p.name)).toEqual(["nixos-big-x86_64-linux.img.part01", "nixos-big-x86_64-linux.img.part02", "nixos-big-x86_64-linux.img.part03"]);
    expect(release.assets.every((a) => a.size < limit)).toBe(true);
    expect(names(release)).toEqual([...asset!.parts!.map((p) => p.name), "SHA256SUMS", "nixos-images.json"].sort());
    // Reassembly: the parts in name order are the file.
    const parts = release.assets.filter((a) => a.name.includes(".part")).sort((a, b) => (a.name < b.name ? -1 : 1));
    const joined = Buffer.concat(await Promise.all(parts.map((p) => github.assetBytes(p))));
    expect(sha256(joined)).toBe(await sha256File(big));
    expect(asset?.sha256).toBe(await sha256File(big));
    const sums = (await github.assetBytes(release.assets.find((a) => a.name === "SHA256SUMS")!)).toString("utf8");
    expect(sums.split("\n").filter(Boolean).map((l) => l.split("  ")[1])).toEqual([basename(big), ...parts.map((p) => p.name)]);
    expect(sums).toContain(`${await sha256File(big)}  ${basename(big)}\n`);
    expect(release.body).toMatch(/^Images\.\n\n<!-- nixos-generators: split images -->\n### Images in parts\n/);
    expect(release.body).toContain(`cat ${basename(big)}.part* > ${basename(big)} && sha256sum -c --ignore-missing SHA256SUMS`);
    expect(release).toMatchObject({ draft: false, immutable: true });
    console.log(`split: ${parts.map((p) => `${p.name} ${p.size} B`).join(", ")}; body:\n${release.body}`);
  });

  it("a re-run of a now-whole image removes its old parts; lines and manifest follow", async () => {
    github.setImmutableReleases(REPO, false);
    const limit = 1024 * 1024;
    const file = join(dir, "nixos-rerun-x86_64-linux.img");
    await writeFile(file, "");
    await truncate(file, 1.5 * limit);
    await uploadReleaseAssets([{ path: file, image: A }], options("r1", { maxAssetBytes: limit, repository: REPO }));
    const release = github.releases.find((r) => r.tagName === "r1")!;
    expect(names(release)).toEqual([`${basename(file)}.part01`, `${basename(file)}.part02`, "SHA256SUMS", "nixos-images.json"].sort());
    await truncate(file, limit / 2);
    await uploadReleaseAssets([{ path: file, image: A }], options("r1", { maxAssetBytes: limit, repository: REPO }));
    expect(names(release)).toEqual([basename(file), "SHA256SUMS", "nixos-images.json"].sort());
    const sums = (await github.assetBytes(release.assets.find((a) => a.name === "SHA256SUMS")!)).toString("utf8");
    expect(sums).toBe(`${await sha256File(file)}  ${basename(file)}\n`);
    expect(release.body ?? "").not.toContain("split images");
  });
});

describe("rate limits by their headers, not their wording", () => {
  for (const [label, fault] of [
    ["429 'Too Many Requests' with only retry-after", { rateLimit: "bare", status: 429 }],
    ["403 'Too Many Requests' with only retry-after", { rateLimit: "bare", status: 403 }],
    [`403 "${SECONDARY_LIMIT_MESSAGE.slice(0, 40)}…" with retry-after`, { rateLimit: "secondary", status: 403 }],
    [`429 "${PRIMARY_LIMIT_MESSAGE.slice(0, 30)}…" with x-ratelimit-remaining 0`, { rateLimit: "primary", status: 429 }],
  ] as const) {
    it(`${label}: waited out and retried, on the API and the uploads host`, async () => {
      github.inject({ host: "api", method: "GET", path: /\/releases\/tags\//, retryAfter: 2, ...fault });
      github.inject({ host: "uploads", retryAfter: 1, ...fault });
      const notes: string[] = [];
      const index = github.requests.length;
      const started = Date.now();
      const published = await uploadReleaseAssets([{ path: imageB }], options(`rl-${fault.rateLimit}-${fault.status}`, { checksums: false, repository: REPO, onNote: (n) => notes.push(n) }));
      expect(published.assets).toHaveLength(1);
      const limited = trail(index).filter((r) => r.endsWith(` ${fault.status}`));
      expect(limited.map((r) => r.split(" ")[0])).toEqual(["GET", "upload"]);
      // Each was asked again after the wait.
      expect(trail(index).filter((r) => r.startsWith("GET /releases/tags/"))).toHaveLength(2);
      expect(Date.now() - started).toBeGreaterThanOrEqual(2 * 50);
      expect(notes.filter((n) => /rate limit: waiting \d+ s/.test(n))).toHaveLength(2);
    });
  }

  it("a limit longer than the cap is not waited for: one error with the time to re-run", async () => {
    github.inject({ host: "api", method: "GET", rateLimit: "bare", status: 429, retryAfter: 3600 });
    const index = github.requests.length;
    const error = await failure(uploadReleaseAssets([{ path: imageB }], options("rl-long", { repository: REPO, maxRateLimitWaitSeconds: 60 })));
    expect(isUserError(error) && error.problem).toMatch(/^GitHub's API rate limit stopped the attempt to look up the release for tag rl-long \(429 Too Many Requests\)/);
    expect(isUserError(error) && error.fix).toMatch(/Re-run the job in 3600 s/);
    expect(isUserError(error) && error.exitCode).toBe(ExitCode.environment);
    expect(trail(index)).toHaveLength(1);
  });
});
