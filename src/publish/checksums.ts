// The release's SHA256SUMS asset (`sha256sum -c` format), kept right while
// several matrix jobs add images (a compare-and-swap merge, asset-merge.ts).
// A split image has a line for each part and one for the whole file.
import { updateMergedAsset, type MergedAssetResult } from "./asset-merge.js";
import type { ReleaseRef, UploadPolicy } from "./asset-upload.js";
import type { GitHubClient } from "./github-client.js";
import type { Repository } from "./github-errors.js";

export const CHECKSUMS_ASSET_NAME = "SHA256SUMS";

export interface ChecksumEntry {
  name: string;
  /** hex */
  sha256: string;
}

const LINE = /^([0-9a-f]{64}) [ *](.+)$/;

/** The entries of a SHA256SUMS text (lines that are not `<hex>  <name>` are dropped). */
export function parseChecksums(text: string): ChecksumEntry[] {
  const entries: ChecksumEntry[] = [];
  for (const line of text.split("\n")) {
    const match = LINE.exec(line.trimEnd());
    if (match) entries.push({ sha256: match[1] as string, name: match[2] as string });
  }
  return entries;
}

/** `<hex>  <name>` lines sorted by name, as `sha256sum` writes them. */
export function formatChecksums(entries: readonly ChecksumEntry[]): string {
  return [...entries]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((e) => `${e.sha256}  ${e.name}\n`)
    .join("");
}

/**
 * The existing entries with `ours` put in (replacing lines of the same name),
 * keeping only names that are assets of the release (`present`), so a deleted
 * or replaced image leaves no stale line.
 */
export function mergeChecksums(existing: readonly ChecksumEntry[], ours: readonly ChecksumEntry[], present: ReadonlySet<string>): ChecksumEntry[] {
  const byName = new Map<string, ChecksumEntry>();
  for (const entry of existing) if (present.has(entry.name)) byName.set(entry.name, entry);
  for (const entry of ours) byName.set(entry.name, entry);
  return [...byName.values()];
}

export interface ChecksumsRequest {
  client: GitHubClient;
  repository: Repository;
  release: ReleaseRef;
  entries: readonly ChecksumEntry[];
  policy?: UploadPolicy;
  /** Rounds of read-merge-swap before giving up; default 8. */
  rounds?: number;
  warn?: (message: string) => void;
}

export async function updateChecksums(req: ChecksumsRequest): Promise<MergedAssetResult> {
  return updateMergedAsset({
    client: req.client,
    repository: req.repository,
    release: req.release,
    name: CHECKSUMS_ASSET_NAME,
    merge: (text, present) => {
      const names = new Set(present);
      for (const entry of req.entries) names.add(entry.name);
      return formatChecksums(mergeChecksums(parseChecksums(text), req.entries, names));
    },
    ...(req.policy ? { policy: req.policy } : {}),
    ...(req.rounds !== undefined ? { rounds: req.rounds } : {}),
    ...(req.warn ? { warn: req.warn } : {}),
    stake: `their lines in ${CHECKSUMS_ASSET_NAME}`,
  });
}
