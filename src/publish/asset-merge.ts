// A release asset that several matrix jobs write together (SHA256SUMS, the
// images manifest): each job reads the current file, merges its own part in,
// uploads the result under a scratch name and swaps it in only if the file is
// still the one it read (compare-and-swap on the asset id); otherwise it
// reads again and merges again. No job's part is lost to another's write.
import { setTimeout as sleep } from "node:timers/promises";
import { ExitCode, UserError } from "../core/errors.js";
import { swapOrDiscard } from "./asset-swap.js";
import { bytesSource, deleteAsset, isScratchName, listAssets, uploadScratchAsset, type Asset, type ReleaseRef, type UploadPolicy } from "./asset-upload.js";
import type { GitHubClient } from "./github-client.js";
import type { Repository } from "./github-errors.js";
import { PART_NAME } from "./split.js";

/** The text of an asset (GitHub sends the bytes for accept: application/octet-stream). */
export async function downloadText(client: GitHubClient, repository: Repository, asset: Pick<Asset, "id" | "name">): Promise<string> {
  const res = await client.rest.repos.getReleaseAsset({ ...repository, asset_id: asset.id, headers: { accept: "application/octet-stream" } });
  const data: unknown = res.data;
  if (typeof data === "string") return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString("utf8");
  throw new Error(`GitHub sent ${typeof data} for the content of ${asset.name}`);
}

/**
 * The names a release holds, for merging: its complete assets (not scratch
 * uploads), those being replaced, and the whole-file names of split images
 * (`x.part01` holds `x`). A line or entry for a name not held is dropped.
 */
export function presentNames(assets: readonly Asset[]): Set<string> {
  const present = new Set<string>();
  for (const asset of assets) {
    if (asset.state !== "uploaded") continue;
    // An asset moved aside while another job swaps in its replacement (asset-swap.ts) still holds its name.
    const name = isScratchName(asset.name) ? /^(.+)\.replaced-[0-9a-f]{8}$/.exec(asset.name)?.[1] : asset.name;
    if (name === undefined) continue;
    present.add(name);
    const whole = PART_NAME.exec(name)?.[1];
    if (whole !== undefined) present.add(whole);
  }
  return present;
}

export interface MergedAssetRequest {
  client: GitHubClient;
  repository: Repository;
  release: ReleaseRef;
  name: string;
  /** The new content from the current one ("" when there is none) and the names on the release. */
  merge: (current: string, present: ReadonlySet<string>) => string;
  policy?: UploadPolicy;
  /** Rounds of read-merge-swap before giving up; default 8. */
  rounds?: number;
  warn?: (message: string) => void;
  /** What is lost when it gives up, for the fix ("their lines in SHA256SUMS"). */
  stake: string;
}

export interface MergedAssetResult {
  asset: Asset;
  content: string;
  /** False when the file on the release already said exactly this. */
  changed: boolean;
}

export async function updateMergedAsset(req: MergedAssetRequest): Promise<MergedAssetResult> {
  const { client, repository, release } = req;
  const rounds = req.rounds ?? 8;
  for (let round = 1; round <= rounds; round++) {
    const assets = await listAssets(client, repository, release.id);
    const current = assets.find((a) => a.name === req.name && a.state !== "starter");
    const text = current ? await downloadText(client, repository, current) : "";
    const present = presentNames(assets);
    present.delete(req.name);
    const content = req.merge(text, present);
    if (current && content === text) return { asset: current, content, changed: false };

    const { asset: scratch, sha256 } = await uploadScratchAsset({
      client,
      repository,
      release,
      name: req.name,
      source: bytesSource(Buffer.from(content, "utf8")),
      ...(req.policy ? { policy: req.policy } : {}),
    });
    const outcome = await swapOrDiscard({
      client,
      repository,
      releaseId: release.id,
      scratch,
      name: req.name,
      sha256,
      expectedId: current?.id,
      ...(req.warn ? { warn: req.warn } : {}),
    });
    if (outcome.kind === "swapped") return { asset: outcome.asset, content, changed: true };
    if (outcome.kind === "identical") return { asset: outcome.asset, content, changed: false };
    // Another job wrote it after we read it: drop ours, read theirs, merge again.
    await deleteAsset(client, repository, scratch.id);
    await sleep(Math.floor(Math.random() * 50 * round));
  }
  throw new UserError(
    `${req.name} on release ${release.tag_name} kept changing under this job (${rounds} tries).`,
    `Re-run the job; the images are on the release, only ${req.stake} may be missing.`,
    ExitCode.failed,
  );
}
