// The release's images manifest (nixos-images.json): which asset is which
// image (format, system), its size and sha256, and its parts when it was
// split. Every job merges its own images in (compare-and-swap, asset-merge.ts),
// so concurrent matrix jobs never overwrite each other's entries; mode:
// publish reads it to check a draft against the plan. An entry whose asset is
// gone from the release is dropped at the next merge.
import { z } from "zod";
import { updateMergedAsset, type MergedAssetResult } from "./asset-merge.js";
import type { ReleaseRef, UploadPolicy } from "./asset-upload.js";
import type { GitHubClient } from "./github-client.js";
import type { Repository } from "./github-errors.js";

export const RELEASE_MANIFEST_ASSET_NAME = "nixos-images.json";

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);
const partSchema = z.strictObject({ name: z.string().min(1), size: z.number().int().nonnegative(), sha256: sha256Hex });

export const releaseImageSchema = z.strictObject({
  format: z.string().min(1),
  system: z.string().min(1),
  /** The file's name (an asset, or the name its parts reassemble to). */
  asset: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: sha256Hex,
  /** Set when the file is on the release in parts (`<asset>.part01`, …), in order. */
  parts: z.array(partSchema).min(2).optional(),
});
export type ReleaseImage = z.infer<typeof releaseImageSchema>;

const manifestSchema = z.strictObject({ version: z.literal(1), images: z.array(releaseImageSchema) });

/** The entries of a manifest text; a text that is not one (hand-edited, damaged) reads as none. */
export function parseReleaseManifest(text: string): ReleaseImage[] | undefined {
  if (text.trim() === "") return [];
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.images : undefined;
  } catch {
    return undefined;
  }
}

export function formatReleaseManifest(images: readonly ReleaseImage[]): string {
  const sorted = [...images].sort((a, b) => (a.format === b.format ? (a.system < b.system ? -1 : 1) : a.format < b.format ? -1 : 1));
  return `${JSON.stringify({ version: 1, images: sorted }, null, 2)}\n`;
}

const key = (image: Pick<ReleaseImage, "format" | "system">): string => `${image.format}\0${image.system}`;

/** Whether the release holds the entry's file: the asset, or every one of its parts. */
export function entryPresent(image: ReleaseImage, present: ReadonlySet<string>): boolean {
  return image.parts ? image.parts.every((p) => present.has(p.name)) : present.has(image.asset);
}

/** The existing entries with `ours` put in (by format and system), keeping only those the release still holds. */
export function mergeReleaseManifest(existing: readonly ReleaseImage[], ours: readonly ReleaseImage[], present: ReadonlySet<string>): ReleaseImage[] {
  const byKey = new Map<string, ReleaseImage>();
  for (const image of existing) if (entryPresent(image, present)) byKey.set(key(image), image);
  for (const image of ours) byKey.set(key(image), image);
  return [...byKey.values()];
}

export interface ManifestRequest {
  client: GitHubClient;
  repository: Repository;
  release: ReleaseRef;
  images: readonly ReleaseImage[];
  policy?: UploadPolicy;
  warn?: (message: string) => void;
}

export async function updateReleaseManifest(req: ManifestRequest): Promise<MergedAssetResult> {
  return updateMergedAsset({
    client: req.client,
    repository: req.repository,
    release: req.release,
    name: RELEASE_MANIFEST_ASSET_NAME,
    merge: (text, present) => formatReleaseManifest(mergeReleaseManifest(parseReleaseManifest(text) ?? [], req.images, present)),
    ...(req.policy ? { policy: req.policy } : {}),
    ...(req.warn ? { warn: req.warn } : {}),
    stake: `their entries in ${RELEASE_MANIFEST_ASSET_NAME}`,
  });
}
