// Whether a release holds what it should before it is published: an asset
// (or every part) for each image the plan names, as the images manifest
// records them, and every asset's bytes the ones SHA256SUMS lists. The
// digest is GitHub's (`digest: "sha256:…"` on the asset, 2025); an asset
// without one is downloaded and hashed, streamed.
import { createHash } from "node:crypto";
import { downloadText, presentNames } from "./asset-merge.js";
import { isScratchName, listAssets, type Asset } from "./asset-upload.js";
import { CHECKSUMS_ASSET_NAME, parseChecksums } from "./checksums.js";
import { baseFetch, type GitHubClient } from "./github-client.js";
import type { Repository } from "./github-errors.js";
import { RELEASE_MANIFEST_ASSET_NAME, parseReleaseManifest, type ReleaseImage } from "./release-manifest.js";

export interface PlannedImage {
  format: string;
  system: string;
}

export interface ReleaseContents {
  /** What is wrong or missing, one line each; empty when the release is complete. */
  problems: string[];
  /** The manifest's entries for the planned images (all entries without a plan). */
  images: ReleaseImage[];
  /** Assets whose digest was checked, by name. */
  checked: string[];
}

/** The sha256 of an asset's bytes, downloaded and hashed as they arrive (never held whole). */
export async function assetSha256(client: GitHubClient, repository: Repository, asset: Pick<Asset, "id" | "name">): Promise<string> {
  let digest: string | undefined;
  const inner = baseFetch();
  const hashing = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const res = await inner(input, init);
    if (!res.ok || !res.body) return res;
    const hash = createHash("sha256");
    for await (const chunk of res.body) hash.update(chunk);
    digest = hash.digest("hex");
    return new Response(null, { status: 204 });
  };
  await client.request("GET /repos/{owner}/{repo}/releases/assets/{asset_id}", {
    ...repository,
    asset_id: asset.id,
    headers: { accept: "application/octet-stream" },
    request: { fetch: hashing },
  });
  if (digest === undefined) throw new Error(`GitHub sent no content for ${asset.name}`);
  return digest;
}

const label = (image: PlannedImage): string => `${image.format} (${image.system})`;

/**
 * Checks the release against `planned` (or, without a plan, against what its
 * manifest lists). Never throws for what it finds: each finding is a line.
 */
export async function checkReleaseContents(
  client: GitHubClient,
  repository: Repository,
  releaseId: number,
  planned: readonly PlannedImage[] | undefined,
  /** SHA256SUMS must be there (false: a release kept without one, checksums: false). */
  requireChecksums = true,
): Promise<ReleaseContents> {
  const problems: string[] = [];
  const assets = await listAssets(client, repository, releaseId);
  const byName = new Map(assets.filter((a) => a.state === "uploaded" && !isScratchName(a.name)).map((a) => [a.name, a]));
  const unfinished = new Set(assets.filter((a) => a.state !== "uploaded").map((a) => a.name));

  const sumsAsset = byName.get(CHECKSUMS_ASSET_NAME);
  const sums = new Map<string, string>();
  if (!sumsAsset) {
    if (requireChecksums) problems.push(`${CHECKSUMS_ASSET_NAME} is not on the release.`);
  } else for (const entry of parseChecksums(await downloadText(client, repository, sumsAsset))) sums.set(entry.name, entry.sha256);

  const manifestAsset = byName.get(RELEASE_MANIFEST_ASSET_NAME);
  let manifest: ReleaseImage[] = [];
  if (!manifestAsset) {
    if (planned && planned.length > 0) problems.push(`${RELEASE_MANIFEST_ASSET_NAME} (which asset is which image; each build job adds its images) is not on the release.`);
  } else {
    const parsed = parseReleaseManifest(await downloadText(client, repository, manifestAsset));
    if (parsed === undefined) problems.push(`${RELEASE_MANIFEST_ASSET_NAME} on the release is not an images manifest this action wrote.`);
    manifest = parsed ?? [];
  }

  const images: ReleaseImage[] = [];
  if (planned) {
    for (const want of planned) {
      const found = manifest.find((m) => m.format === want.format && m.system === want.system);
      if (found) images.push(found);
      else if (manifestAsset) problems.push(`${label(want)}: no image on the release (its job failed, has not run, or published under another tag).`);
    }
  } else {
    images.push(...manifest);
  }

  // Every name that must be there, and what SHA256SUMS must say for it.
  const checked: string[] = [];
  const digests = new Map<string, string>();
  const digestOf = async (asset: Asset): Promise<string> => {
    const known = digests.get(asset.name);
    if (known) return known;
    const digest = asset.digest?.startsWith("sha256:") ? asset.digest.slice("sha256:".length) : await assetSha256(client, repository, asset);
    digests.set(asset.name, digest);
    return digest;
  };
  const seen = new Set<string>();
  const checkAsset = async (name: string, expected: string | undefined, what: string): Promise<void> => {
    seen.add(name);
    const asset = byName.get(name);
    if (!asset) {
      problems.push(`${name}${what}: ${unfinished.has(name) ? "its upload did not finish" : "not on the release"}.`);
      return;
    }
    const listed = sums.get(name);
    if (sumsAsset && listed === undefined) problems.push(`${name}${what}: not listed in ${CHECKSUMS_ASSET_NAME}.`);
    const digest = await digestOf(asset);
    if (!checked.includes(name)) checked.push(name);
    if (listed !== undefined && digest !== listed) problems.push(`${name}${what}: GitHub has sha256 ${digest}, ${CHECKSUMS_ASSET_NAME} lists ${listed}.`);
    if (expected !== undefined && digest !== expected) problems.push(`${name}${what}: GitHub has sha256 ${digest}, ${RELEASE_MANIFEST_ASSET_NAME} records ${expected}.`);
  };
  for (const image of images) {
    const what = ` (${label(image)})`;
    seen.add(image.asset);
    if (image.parts) {
      for (const part of image.parts) await checkAsset(part.name, part.sha256, what);
      const whole = sums.get(image.asset);
      if (sumsAsset && whole === undefined) problems.push(`${image.asset}${what}: the whole file (of ${image.parts.length} parts) is not listed in ${CHECKSUMS_ASSET_NAME}.`);
      else if (whole !== undefined && whole !== image.sha256) problems.push(`${image.asset}${what}: ${CHECKSUMS_ASSET_NAME} lists ${whole} for the whole file, ${RELEASE_MANIFEST_ASSET_NAME} ${image.sha256}.`);
    } else {
      await checkAsset(image.asset, image.sha256, what);
    }
  }
  // The other assets SHA256SUMS lists (a whole file of parts is no asset: its parts are checked).
  const present = presentNames(assets);
  for (const name of sums.keys()) {
    if (seen.has(name)) continue;
    if (byName.has(name)) await checkAsset(name, undefined, "");
    else if (!present.has(name)) problems.push(`${name}: listed in ${CHECKSUMS_ASSET_NAME} but not on the release.`);
  }
  return { problems, images, checked };
}
