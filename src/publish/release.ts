// Release assets: find or create the release for a tag, upload each file under
// a scratch name and swap it in (an asset is never lost, and another job's
// asset is never deleted), keep SHA256SUMS right, and report each asset as it is.
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { ExitCode, UserError } from "../core/errors.js";
import { swapOrDiscard } from "./asset-swap.js";
import { deleteAsset, fileSource, listAssets, uploadScratchAsset, type UploadPolicy } from "./asset-upload.js";
import { CHECKSUMS_ASSET_NAME, updateChecksums } from "./checksums.js";
import { apiBaseUrl, createGitHubClient, type ClientPolicy } from "./github-client.js";
import { explainFailure, parseRepository, type Repository } from "./github-errors.js";
import { findOrCreateRelease, type MakeLatest } from "./release-target.js";

/**
 * The release asset name of an image: its file name, with the system in front
 * when the name does not carry it (nixpkgs names a Proxmox image
 * `vzdump-qemu-<name>.vma.zst` on every system). Asset names are unique in a
 * release and an upload replaces the same-name asset, so without the system
 * the jobs of a matrix over systems would overwrite each other's images.
 */
export function releaseAssetName(fileName: string, system: string): string {
  return fileName.includes(system) ? fileName : `${system}-${fileName}`;
}

/** GitHub refuses release assets of 2 GiB or more. */
export const MAX_RELEASE_ASSET_BYTES = 2 * 1024 ** 3;

export interface ReleaseOptions extends UploadPolicy, ClientPolicy {
  /** A token with `contents: write` on the repository. */
  token: string;
  /** The release's tag; the tag is created (at targetCommitish) when the release is published. */
  tag: string;
  /** The title of a release this creates; default the tag. An existing release keeps its own. */
  releaseName?: string;
  /** The text of a release this creates (before the generated notes, with generateNotes). */
  releaseBody?: string;
  /** GitHub writes the notes of a release this creates. */
  generateNotes?: boolean;
  /** Create the release as a draft (an existing release keeps its state). */
  draft?: boolean;
  prerelease?: boolean;
  makeLatest?: MakeLatest;
  /** The commit a new tag points at; default GITHUB_SHA (GitHub's default branch when unset). */
  targetCommitish?: string;
  /** owner/name; default GITHUB_REPOSITORY. */
  repository?: string;
  /** REST API base; default GITHUB_API_URL, else https://api.github.com. */
  apiUrl?: string;
  /** Keep a SHA256SUMS asset with a line per asset; default true. */
  checksums?: boolean;
  /** Called as each asset is in place (before the others are done). */
  onAsset?: (asset: UploadedAsset) => void;
  /** Notes that do not fail the upload (rate-limit waits, a leftover that could not be removed). */
  onNote?: (message: string) => void;
}

export interface ReleaseAssetFile {
  path: string;
  /** The asset's name; default the file's name. */
  name?: string;
}

export interface UploadedAsset {
  name: string;
  /** Where a browser downloads it (browser_download_url). */
  url: string;
  id: number;
  size: number;
  /** sha256 of the file, hex. */
  sha256: string;
  /** "uploaded": this job's bytes are in place; "identical": another job had put the same bytes there. */
  outcome: "uploaded" | "identical";
  /** An older asset of the name was swapped out. */
  replaced: boolean;
}

export interface FailedAsset {
  name: string;
  error: UserError;
}

export interface PublishedRelease {
  id: number;
  /** The release page (html_url). */
  url: string;
  tag: string;
  /** True when this call created the release. */
  created: boolean;
  draft: boolean;
  /** The assets in place, in the order given. */
  assets: UploadedAsset[];
  failed: FailedAsset[];
  /** The SHA256SUMS asset after this job's lines went in. */
  checksums?: { url: string; content: string };
}

/** Thrown when some asset could not be uploaded; `published` says what is on the release. */
export class ReleaseUploadError extends UserError {
  constructor(
    readonly published: PublishedRelease,
    problem: string,
    fix: string,
    exitCode: UserError["exitCode"],
  ) {
    super(problem, fix, exitCode);
  }
}

/** Names GitHub stores unchanged (it renames names with other characters, or leading/trailing periods). */
const SAFE_ASSET_NAME = /^[A-Za-z0-9_+-](?:[A-Za-z0-9._+-]*[A-Za-z0-9_+-])?$/;

interface PreparedFile {
  path: string;
  name: string;
  size: number;
}

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

async function prepare(files: readonly ReleaseAssetFile[], checksums: boolean): Promise<PreparedFile[]> {
  const seen = new Set<string>();
  const prepared: PreparedFile[] = [];
  for (const file of files) {
    const name = file.name ?? basename(file.path);
    if (!SAFE_ASSET_NAME.test(name)) {
      throw new UserError(
        `'${name}' is not a release asset name GitHub keeps as it is.`,
        "Use only letters, digits, '.', '_', '-' and '+', not starting or ending with '.': GitHub renames other names, and a renamed asset could not be found again to replace it.",
        ExitCode.usage,
      );
    }
    if (checksums && name === CHECKSUMS_ASSET_NAME) {
      throw new UserError(`An image would become the release asset '${name}', the name of the checksums file.`, "Give the image another asset name.", ExitCode.usage);
    }
    if (seen.has(name)) {
      throw new UserError(
        `Two files would become the release asset '${name}'.`,
        "Give each image its own asset name (asset names are unique within a release).",
        ExitCode.usage,
      );
    }
    seen.add(name);
    let info;
    try {
      info = await stat(file.path);
    } catch {
      throw new Error(`the file to attach to the release is missing: ${file.path}`);
    }
    if (!info.isFile()) throw new Error(`a release asset must be a file: ${file.path}`);
    if (info.size >= MAX_RELEASE_ASSET_BYTES) {
      throw new UserError(
        `${name} is ${gib(info.size)}; GitHub refuses release assets of 2 GiB or more.`,
        "Build a compressed variant of the format (e.g. qcow with compression, an .img.zst/.xz one, or an ISO), make the disk smaller (disk-size), or publish it as a workflow artifact (upload: artifact), which has no such limit.",
        ExitCode.usage,
      );
    }
    prepared.push({ path: file.path, name, size: info.size });
  }
  return prepared;
}

/** Errors that every further request would get too (token, permission, repository): stop at the first. */
function stopsEverything(error: UserError): boolean {
  return error.exitCode === ExitCode.environment;
}

/**
 * Attaches the files to the release of `tag` in the repository, creating the
 * release when there is none (a draft for the tag is used). An asset of the
 * same name is replaced safely; every file is tried and reported on its own.
 */
export async function uploadReleaseAssets(files: readonly ReleaseAssetFile[], options: ReleaseOptions): Promise<PublishedRelease> {
  const tag = options.tag.trim();
  if (tag === "") {
    throw new UserError("No release tag was given.", "Give the tag to publish the images under, e.g. v1.0 or ${{ github.ref_name }}.", ExitCode.usage);
  }
  if (!options.token) {
    throw new UserError(
      "Publishing a release needs a GitHub token, and none was given.",
      "Pass `github-token: ${{ github.token }}` (the default) and `permissions: contents: write` to the job.",
      ExitCode.usage,
    );
  }
  const repository: Repository = parseRepository(options.repository ?? process.env.GITHUB_REPOSITORY);
  const checksums = options.checksums ?? true;
  const prepared = await prepare(files, checksums);
  const note = options.onNote ?? (() => undefined);
  const client = createGitHubClient({ ...options, token: options.token, apiUrl: apiBaseUrl(options.apiUrl), onWait: note });

  const target = options.targetCommitish ?? process.env.GITHUB_SHA;
  const { release, created } = await findOrCreateRelease(client, repository, tag, {
    name: options.releaseName ?? tag,
    ...(options.releaseBody ? { body: options.releaseBody } : {}),
    ...(options.generateNotes ? { generateNotes: true } : {}),
    ...(options.draft ? { draft: true } : {}),
    ...(options.prerelease ? { prerelease: true } : {}),
    ...(options.makeLatest ? { makeLatest: options.makeLatest } : {}),
    ...(target ? { targetCommitish: target } : {}),
  });
  const result: PublishedRelease = { id: release.id, url: release.html_url, tag: release.tag_name, created, draft: release.draft, assets: [], failed: [] };

  // What each name held before this job touched it: only that asset may be swapped out.
  let before: Map<string, number>;
  try {
    before = new Map((await listAssets(client, repository, release.id)).filter((a) => a.state === "uploaded").map((a) => [a.name, a.id]));
  } catch (error) {
    throw explainFailure(error, { action: `list the assets of release ${tag}`, repository });
  }

  const policy: UploadPolicy = {
    ...(options.attempts !== undefined ? { attempts: options.attempts } : {}),
    ...(options.retryDelayMs !== undefined ? { retryDelayMs: options.retryDelayMs } : {}),
    ...(options.stallTimeoutMs !== undefined ? { stallTimeoutMs: options.stallTimeoutMs } : {}),
    ...(options.answerTimeoutMs !== undefined ? { answerTimeoutMs: options.answerTimeoutMs } : {}),
  };
  for (const [index, file] of prepared.entries()) {
    try {
      const { asset: scratch, sha256 } = await uploadScratchAsset({ client, repository, release, name: file.name, source: fileSource(file.path, file.size), policy });
      const outcome = await swapOrDiscard({ client, repository, releaseId: release.id, scratch, name: file.name, sha256, expectedId: before.get(file.name), warn: note });
      if (outcome.kind === "conflict") {
        await deleteAsset(client, repository, scratch.id).catch(() => undefined);
        throw new UserError(
          `Another job put a different ${file.name} on release ${tag} while this job uploaded its own; that one was kept.`,
          "Give each job its own asset names (the images of a matrix differ by format and system), then re-run if this job's image is the one wanted.",
          ExitCode.failed,
        );
      }
      const asset = outcome.asset;
      const uploaded: UploadedAsset = {
        name: asset.name,
        url: asset.browser_download_url,
        id: asset.id,
        size: asset.size,
        sha256,
        outcome: outcome.kind === "swapped" ? "uploaded" : "identical",
        replaced: outcome.kind === "swapped" && outcome.replaced,
      };
      result.assets.push(uploaded);
      options.onAsset?.(uploaded);
    } catch (error) {
      const explained = explainFailure(error, { action: `upload ${file.name} to release ${tag}`, repository });
      if (!(explained instanceof UserError)) throw explained;
      result.failed.push({ name: file.name, error: explained });
      if (stopsEverything(explained)) {
        for (const rest of prepared.slice(index + 1)) result.failed.push({ name: rest.name, error: explained });
        break;
      }
    }
  }

  if (checksums && result.assets.length > 0) {
    try {
      const sums = await updateChecksums({
        client,
        repository,
        release,
        entries: result.assets.map((a) => ({ name: a.name, sha256: a.sha256 })),
        policy,
        warn: note,
      });
      result.checksums = { url: sums.asset.browser_download_url, content: sums.content };
    } catch (error) {
      const explained = explainFailure(error, { action: `update ${CHECKSUMS_ASSET_NAME} on release ${tag}`, repository });
      if (!(explained instanceof UserError)) throw explained;
      result.failed.push({ name: CHECKSUMS_ASSET_NAME, error: explained });
    }
  }

  if (result.failed.length > 0) {
    const first = result.failed[0] as FailedAsset;
    const done = result.assets.map((a) => a.name);
    const failedNames = result.failed.map((f) => f.name);
    throw new ReleaseUploadError(
      result,
      `${failedNames.length} of ${prepared.length + (failedNames.includes(CHECKSUMS_ASSET_NAME) || result.checksums ? 1 : 0)} release assets did not get onto release ${tag} (${failedNames.join(", ")})${done.length ? `; ${done.join(", ")} did` : ""}. ${first.error.problem}`,
      first.error.fix,
      first.error.exitCode,
    );
  }
  return result;
}
