// Puts a complete scratch asset in place under its real name without a moment
// where the release could end up with neither the old asset nor the new one:
//
//   1. the old asset (if any) is renamed to a backup name,
//   2. the new one is renamed to the real name (GitHub keeps names unique, so
//      this is the commit point: it fails with 422 when another job got there first),
//   3. the backup is deleted.
//
// A failure in 2 renames the backup back. Only the asset seen before the
// upload began ("expected") is ever moved aside: one that appeared since is
// another job's, and is left alone (compare-and-swap on the asset id).
import { ExitCode, UserError } from "../core/errors.js";
import { deleteAsset, listAssets, scratchName, type Asset } from "./asset-upload.js";
import type { GitHubClient } from "./github-client.js";
import { causeOf, hasErrorCode, httpFailure, type Repository } from "./github-errors.js";

export interface SwapRequest {
  client: GitHubClient;
  repository: Repository;
  releaseId: number;
  /** The complete scratch asset holding the new bytes. */
  scratch: Asset;
  name: string;
  /** sha256 (hex) of the new bytes. */
  sha256: string;
  /** The id of the asset `name` had before the upload began; undefined when there was none. */
  expectedId: number | undefined;
  /** Told about problems that do not fail the swap (a backup that could not be deleted). */
  warn?: (message: string) => void;
}

/** An incomplete upload older than a job may run (6 h on GitHub's runners) is a leftover. */
export const STALE_UPLOAD_MS = 6 * 3600_000;

export type SwapOutcome =
  /** The new asset is in place (`replaced`: an older one was swapped out). */
  | { kind: "swapped"; asset: Asset; replaced: boolean }
  /** Another job put the same bytes there meanwhile; the scratch asset was removed. */
  | { kind: "identical"; asset: Asset }
  /** Another job put different bytes there meanwhile; the scratch asset is still there for the caller. */
  | { kind: "conflict"; current: Asset };

async function rename(client: GitHubClient, repository: Repository, id: number, name: string): Promise<Asset> {
  const res = await client.rest.repos.updateReleaseAsset({ ...repository, asset_id: id, name });
  return { ...res.data, digest: (res.data as { digest?: string | null }).digest ?? null };
}

function sameBytes(asset: Asset, sha256: string): boolean {
  return asset.digest === `sha256:${sha256}`;
}

/** swapIntoPlace, removing the scratch asset when the swap fails on a REST error it did not handle. */
export async function swapOrDiscard(req: SwapRequest): Promise<SwapOutcome> {
  try {
    return await swapIntoPlace(req);
  } catch (error) {
    if (!(error instanceof UserError)) await deleteAsset(req.client, req.repository, req.scratch.id).catch(() => undefined);
    throw error;
  }
}

export async function swapIntoPlace(req: SwapRequest): Promise<SwapOutcome> {
  const { client, repository } = req;
  let expected = req.expectedId;
  for (let round = 1; round <= 5; round++) {
    const current = (await listAssets(client, repository, req.releaseId)).find((a) => a.name === req.name);
    if (current && current.id !== expected && current.state !== "uploaded") {
      const started = current.created_at ? Date.parse(current.created_at) : Number.NaN;
      if (Date.now() - started > STALE_UPLOAD_MS) {
        await deleteAsset(client, repository, current.id);
        continue;
      }
      await deleteAsset(client, repository, req.scratch.id).catch(() => undefined);
      throw new UserError(
        `An incomplete upload named ${req.name} (state '${current.state ?? "unknown"}', started ${current.created_at ?? "recently"}) is on the release: another upload in progress, or one that broke off.`,
        `If no other job is uploading ${req.name}, delete that asset on the release page, then re-run; this job's upload was removed.`,
        ExitCode.failed,
      );
    }
    if (current && current.id !== expected) {
      if (current.state === "uploaded" && sameBytes(current, req.sha256)) {
        await deleteAsset(client, repository, req.scratch.id);
        return { kind: "identical", asset: current };
      }
      return { kind: "conflict", current };
    }
    let backup: Asset | undefined;
    if (current) {
      try {
        backup = await rename(client, repository, current.id, scratchName(req.name, "replaced"));
      } catch (error) {
        if (httpFailure(error)?.status === 404) continue; // gone meanwhile: look again
        await deleteAsset(client, repository, req.scratch.id).catch(() => undefined);
        throw new UserError(
          `Could not move the previous ${req.name} aside to replace it (${causeOf(error)}); the release still has the previous one.`,
          "Re-run the job.",
          ExitCode.failed,
        );
      }
    }
    try {
      const placed = await rename(client, repository, req.scratch.id, req.name);
      if (backup) {
        await deleteAsset(client, repository, backup.id).catch((error: unknown) =>
          req.warn?.(`The replaced ${req.name} is still on the release as '${backup?.name}' (${causeOf(error)}); delete it.`),
        );
      }
      return { kind: "swapped", asset: placed, replaced: backup !== undefined };
    } catch (error) {
      if (hasErrorCode(httpFailure(error), "already_exists")) {
        // Another job put an asset named `name` there between our look and our rename:
        // its asset supersedes the old one we moved aside; the next round compares.
        if (backup) await deleteAsset(client, repository, backup.id).catch(() => undefined);
        expected = undefined;
        continue;
      }
      const restored = backup
        ? await rename(client, repository, backup.id, req.name).then(
            () => true,
            () => false,
          )
        : true;
      if (restored) {
        await deleteAsset(client, repository, req.scratch.id).catch(() => undefined);
        throw new UserError(
          `Could not put the new ${req.name} in place (${causeOf(error)}); the release keeps ${backup ? "the previous one" : "no asset of that name"}.`,
          "Re-run the job.",
          ExitCode.failed,
        );
      }
      throw new UserError(
        `Could not put the new ${req.name} in place (${causeOf(error)}), nor put the previous one back: the release has the new one as '${req.scratch.name}' and the previous one as '${backup?.name}'.`,
        `Rename one of them to '${req.name}' on the release page (or re-run the job), and delete the other.`,
        ExitCode.failed,
      );
    }
  }
  throw new UserError(
    `The asset ${req.name} kept changing while this job tried to put its own in place.`,
    "Make sure only one job publishes each asset name (put the system or matrix values in the names), then re-run.",
    ExitCode.failed,
  );
}
