// The release's SHA256SUMS asset (`sha256sum -c` format), kept right while
// several matrix jobs add images: each job reads the current file, merges its
// own lines, uploads the result under a scratch name and swaps it in only if
// the file is still the one it read; otherwise it reads again and re-merges.
import { setTimeout as sleep } from "node:timers/promises";
import { ExitCode, UserError } from "../core/errors.js";
import { swapOrDiscard } from "./asset-swap.js";
import { bytesSource, deleteAsset, isScratchName, listAssets, uploadScratchAsset, type Asset, type ReleaseRef, type UploadPolicy } from "./asset-upload.js";
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

async function download(client: GitHubClient, repository: Repository, asset: Asset): Promise<string> {
  const res = await client.rest.repos.getReleaseAsset({ ...repository, asset_id: asset.id, headers: { accept: "application/octet-stream" } });
  const data: unknown = res.data;
  if (typeof data === "string") return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString("utf8");
  throw new Error(`GitHub sent ${typeof data} for the content of ${asset.name}`);
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

export interface ChecksumsResult {
  asset: Asset;
  content: string;
  /** False when the file on the release already said exactly this. */
  changed: boolean;
}

export async function updateChecksums(req: ChecksumsRequest): Promise<ChecksumsResult> {
  const { client, repository, release } = req;
  const rounds = req.rounds ?? 8;
  for (let round = 1; round <= rounds; round++) {
    const assets = await listAssets(client, repository, release.id);
    const current = assets.find((a) => a.name === CHECKSUMS_ASSET_NAME && a.state !== "starter");
    const text = current ? await download(client, repository, current) : "";
    const present = new Set(assets.filter((a) => a.state === "uploaded" && !isScratchName(a.name) && a.name !== CHECKSUMS_ASSET_NAME).map((a) => a.name));
    for (const entry of req.entries) present.add(entry.name);
    const content = formatChecksums(mergeChecksums(parseChecksums(text), req.entries, present));
    if (current && content === text) return { asset: current, content, changed: false };

    const { asset: scratch, sha256 } = await uploadScratchAsset({
      client,
      repository,
      release,
      name: CHECKSUMS_ASSET_NAME,
      source: bytesSource(Buffer.from(content, "utf8")),
      ...(req.policy ? { policy: req.policy } : {}),
    });
    const outcome = await swapOrDiscard({
      client,
      repository,
      releaseId: release.id,
      scratch,
      name: CHECKSUMS_ASSET_NAME,
      sha256,
      expectedId: current?.id,
      ...(req.warn ? { warn: req.warn } : {}),
    });
    if (outcome.kind === "swapped") return { asset: outcome.asset, content, changed: true };
    if (outcome.kind === "identical") return { asset: outcome.asset, content, changed: false };
    // Another job wrote SHA256SUMS after we read it: drop ours, read theirs, merge again.
    await deleteAsset(client, repository, scratch.id);
    await sleep(Math.floor(Math.random() * 50 * round));
  }
  throw new UserError(
    `${CHECKSUMS_ASSET_NAME} on release ${release.tag_name} kept changing under this job (${rounds} tries).`,
    `Re-run the job; the images are on the release, only their lines in ${CHECKSUMS_ASSET_NAME} may be missing.`,
    ExitCode.failed,
  );
}
