// Publishing the images the pipeline kept: one workflow artifact each, or
// assets of a release, then (opt-in) signed build provenance. An upload that
// fails stops the uploads but not the report of what was done.
import * as core from "@actions/core";
import type { ImageFile } from "../publish/index.js";
import { artifactNames, releaseAssetName, uploadImageArtifacts, uploadReleaseAssets } from "../publish/index.js";
import { attestImages } from "../publish/attest.js";
import { uploadedFile } from "../pipeline/compress.js";
import { publishPlannedRelease, type ReleaseAccess } from "../publish/release-publish.js";
import type { Catalogue } from "../core/catalogue.js";
import type { MatrixEntry } from "./matrix.js";
import { writeSummary } from "./report.js";
import type { ImageOutcome } from "../pipeline/pipeline.js";
import type { ActionInputs } from "./inputs.js";
import { isPublishable } from "./images.js";
import { bytes } from "./markdown.js";

/** Where one image was published. */
export interface Published {
  artifact?: { id: number; name: string; url: string };
  assetUrl?: string;
}

export interface PublishResult {
  published: Map<ImageOutcome, Published>;
  /** The failure that stopped publishing, if one did. */
  error?: unknown;
}

type Phase = <T>(name: string, work: () => Promise<T>) => Promise<T>;

function artifactUrl(id: number): string {
  const server = process.env.GITHUB_SERVER_URL || "https://github.com";
  return `${server}/${process.env.GITHUB_REPOSITORY ?? ""}/actions/runs/${process.env.GITHUB_RUN_ID ?? ""}/artifacts/${id}`;
}

/** What publishing needs of an image: its file (the compressed copy, with compress), and what verify found it to be. */
function imageFile(image: ImageOutcome): ImageFile {
  const format = image.target.format;
  const detected = image.report?.detected;
  const { path, compression } = uploadedFile(image);
  const entry =
    format.kind === "catalogue"
      ? format.entry
      : { name: image.format, compression: detected?.compression ?? "none", container: detected?.container === "unknown" || !detected ? "raw-mbr" : detected.container };
  return { path, format: compression ? { ...entry, compression } : entry, system: image.target.system };
}

/** The name an image is published under as a release asset (its compressed copy's, with compress). */
export function assetNameOf(image: ImageOutcome): string {
  return releaseAssetName(uploadedFile(image).fileName, image.target.system);
}

async function uploadArtifacts(images: readonly ImageOutcome[], inputs: ActionInputs, published: Map<ImageOutcome, Published>): Promise<void> {
  const files = images.map(imageFile);
  artifactNames(inputs.artifactName, files); // every name checked before the first upload
  for (const [index, image] of images.entries()) {
    const [artifact] = await uploadImageArtifacts([files[index] as ImageFile], {
      nameTemplate: inputs.artifactName,
      ...(inputs.retentionDays !== undefined ? { retentionDays: inputs.retentionDays } : {}),
      archive: inputs.archive,
      overwrite: inputs.overwrite,
      compressionLevel: inputs.compressionLevel,
    });
    if (!artifact) continue;
    published.set(image, { artifact: { id: artifact.id, name: artifact.name, url: artifactUrl(artifact.id) } });
    core.info(`uploaded ${uploadedFile(image).path} as artifact '${artifact.name}' (id ${artifact.id}, ${bytes(artifact.size)}${artifact.archived ? " zip" : ", unarchived"})`);
  }
}

/**
 * The images as release assets. When an image of this step failed, the
 * release is left a draft: published (and, with immutable releases, locked)
 * without it, it could never get it.
 */
async function uploadRelease(images: readonly ImageOutcome[], inputs: ActionInputs, published: Map<ImageOutcome, Published>, failed: number): Promise<void> {
  const byName = new Map(images.map((i) => [assetNameOf(i), i]));
  const release = await uploadReleaseAssets(
    images.map((i) => ({ path: uploadedFile(i).path, name: assetNameOf(i), image: { format: i.format, system: i.target.system } })),
    {
      token: inputs.githubToken,
      tag: inputs.releaseTag ?? "",
      splitLargeAssets: inputs.splitLargeAssets,
      ...(inputs.releaseName !== undefined ? { releaseName: inputs.releaseName } : {}),
      ...(inputs.releaseBody !== undefined ? { releaseBody: inputs.releaseBody } : {}),
      generateNotes: inputs.generateReleaseNotes,
      draft: inputs.draft || failed > 0,
      prerelease: inputs.prerelease,
      makeLatest: inputs.makeLatest,
      // Each asset is recorded as it lands, so a later failure does not hide it.
      onAsset: (asset) => {
        const image = byName.get(asset.name);
        if (image) published.set(image, { assetUrl: asset.url });
      },
      onNote: (message) => core.info(message),
    },
  );
  for (const asset of release.assets) {
    const image = byName.get(asset.name);
    if (image) published.set(image, { assetUrl: asset.url });
  }
  for (const asset of release.assets.filter((a) => a.parts)) {
    core.info(`${asset.name} (${bytes(asset.size)}) is on the release in ${asset.parts?.length} parts, each below the release asset limit (GitHub's: 2 GiB): ${asset.parts?.map((p) => p.name).join(", ")}`);
  }
  const state = release.published
    ? `published it${release.immutable ? " (immutable)" : ""} with every asset on it`
    : release.draft
      ? inputs.draft
        ? "it stays a draft (draft: true; a last job with mode: publish publishes it)"
        : `it stays a draft: ${failed} image${failed === 1 ? "" : "s"} of this step failed (re-run the job, or publish it with mode: publish once all are there)`
      : "it was published already";
  core.info(`${release.created ? "created" : "updated"} release ${release.tag}; ${state}: ${release.url}`);
}

/** What the release functions need to reach the repository. */
export function releaseAccess(inputs: ActionInputs): ReleaseAccess {
  return { token: inputs.githubToken, tag: inputs.releaseTag ?? "", onNote: (message) => core.info(message) };
}

/**
 * mode: publish — the plan (formats × systems, as mode: plan computes it),
 * less the VM runners (never uploaded), checked against the draft and published.
 */
export async function publishPlan(inputs: ActionInputs, include: readonly MatrixEntry[], catalogue: Catalogue): Promise<void> {
  const planned = include.filter((m) => m.custom || catalogue.lookup(m.format)?.container !== "vm-runner").map((m) => ({ format: m.format, system: m.system }));
  const result = await publishPlannedRelease({ ...releaseAccess(inputs), planned, prerelease: inputs.prerelease, makeLatest: inputs.makeLatest });
  const done = result.alreadyPublished ? "was published already" : `is published${result.immutable ? " (immutable)" : ""}`;
  core.info(`release ${result.tag} ${done}, with ${planned.length} image(s): ${result.url}`);
  const rows = result.images.map((i) => `| ${i.format} | ${i.system} | ${i.asset}${i.parts ? ` (${i.parts.length} parts)` : ""} | \`${i.sha256}\` |`);
  await writeSummary(
    [`## Release ${result.tag}`, "", `[${result.tag}](${result.url}) ${done}: every planned image is on it, each asset's digest the one SHA256SUMS lists.`, "", "| Format | System | Asset | sha256 |", "| --- | --- | --- | --- |", ...rows, ""].join("\n"),
  );
}

async function attest(images: readonly ImageOutcome[], inputs: ActionInputs, published: Map<ImageOutcome, Published>): Promise<void> {
  const subjects = images.flatMap((image) => {
    const where = published.get(image);
    // The file uploaded: the compressed copy's digest, with compress.
    const { sha256 } = uploadedFile(image);
    if (!where || !sha256) return [];
    return [{ name: where.artifact?.name ?? assetNameOf(image), sha256 }];
  });
  if (subjects.length === 0) return;
  const attested = await attestImages(subjects, { token: inputs.githubToken });
  core.info(`signed build provenance for ${subjects.length} image(s)${attested.url ? `: ${attested.url}` : ""}`);
}

/** Uploads the portable images that passed, as the inputs say. */
export async function publishImages(images: readonly ImageOutcome[], inputs: ActionInputs, phase: Phase): Promise<PublishResult> {
  const published = new Map<ImageOutcome, Published>();
  const publishable = images.filter(isPublishable);
  if (inputs.upload === "none" || publishable.length === 0) return { published };
  const what = inputs.upload === "artifact" ? "artifact" : "release asset";
  try {
    await phase(`Upload ${publishable.length} ${what}${publishable.length === 1 ? "" : "s"}`, () =>
      inputs.upload === "artifact" ? uploadArtifacts(publishable, inputs, published) : uploadRelease(publishable, inputs, published, images.filter((i) => i.failure).length),
    );
    if (inputs.attest) await phase("Attest build provenance", () => attest(publishable, inputs, published));
  } catch (error) {
    return { published, error };
  }
  return { published };
}
