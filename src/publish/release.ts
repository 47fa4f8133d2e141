// Release assets: find or create the release for a tag (a new one as a
// draft), upload each file under a scratch name and swap it in (an asset is
// never lost, and another job's asset is never deleted) — in parts when it is
// at or above GitHub's 2 GiB limit — keep SHA256SUMS and the images manifest
// right, report each asset as it is, and publish the draft once it is complete.
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { ExitCode, UserError } from "../core/errors.js";
import { swapOrDiscard } from "./asset-swap.js";
import { deleteAsset, fileSource, listAssets, uploadScratchAsset, type Asset, type AssetSource, type UploadPolicy } from "./asset-upload.js";
import { CHECKSUMS_ASSET_NAME, updateChecksums, type ChecksumEntry } from "./checksums.js";
import { apiBaseUrl, createGitHubClient, type ClientPolicy, type GitHubClient } from "./github-client.js";
import { causeOf, explainFailure, parseRepository, type Repository } from "./github-errors.js";
import { checkReleaseContents } from "./release-check.js";
import { RELEASE_MANIFEST_ASSET_NAME, updateReleaseManifest, type ReleaseImage } from "./release-manifest.js";
import { syncReassemblyNotes } from "./release-notes.js";
import { GITHUB_ASSET_LIMIT_BYTES, PART_NAME, WholeFileHash, assetLimitBytes, planParts, rangeSource, type Part } from "./split.js";
import { withSystem } from "./artifact-name.js";
import { findOrCreateRelease, publishDraft, type MakeLatest, type Release } from "./release-target.js";

/**
 * The release asset name of an image: its file name, with the system put in
 * when the name does not carry it (nixpkgs names a Proxmox image
 * `vzdump-qemu-<name>.vma.zst` on every system). Asset names are unique in a
 * release and an upload replaces the same-name asset, so without the system
 * the jobs of a matrix over systems would overwrite each other's images. The
 * system goes after a prefix the file needs (`vzdump-qemu-`: qmrestore reads
 * no other name), else in front.
 */
export function releaseAssetName(fileName: string, system: string): string {
  return fileName.includes(system) ? fileName : withSystem(fileName, system);
}

/** GitHub refuses release assets of 2 GiB or more. */
export const MAX_RELEASE_ASSET_BYTES = GITHUB_ASSET_LIMIT_BYTES;

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
  /**
   * Leave the release a draft (the build jobs of a matrix; a last job with
   * mode: publish publishes it). Otherwise a draft this uploads to (one it
   * created, always as a draft) is published once every asset is on it.
   */
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
  /** Upload a file at or above the limit in parts below it (default true); otherwise it is refused before any request. */
  splitLargeAssets?: boolean;
  /** GitHub's asset limit; default 2 GiB (NIXOS_GENERATORS_RELEASE_ASSET_LIMIT for tests). */
  maxAssetBytes?: number;
  /** Called as each asset is in place (before the others are done). */
  onAsset?: (asset: UploadedAsset) => void;
  /** Notes that do not fail the upload (rate-limit waits, a leftover that could not be removed). */
  onNote?: (message: string) => void;
}

export interface ReleaseAssetFile {
  path: string;
  /** The asset's name; default the file's name. */
  name?: string;
  /** The image it is, recorded in the release's images manifest (mode: publish checks a draft by it). */
  image?: { format: string; system: string };
}

export interface UploadedPart {
  name: string;
  url: string;
  id: number;
  size: number;
  sha256: string;
}

export interface UploadedAsset {
  name: string;
  /** Where a browser downloads it (browser_download_url; of the first part for a split file). */
  url: string;
  id: number;
  size: number;
  /** sha256 of the file, hex. */
  sha256: string;
  /** "uploaded": this job's bytes are in place; "identical": another job had put the same bytes there. */
  outcome: "uploaded" | "identical";
  /** An older asset of the name was swapped out. */
  replaced: boolean;
  /** Set when the file went up in parts (it was at or above the asset limit). */
  parts?: UploadedPart[];
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
  /** Still a draft when this call ended (draft: true, or something failed). */
  draft: boolean;
  /** This call published the draft. */
  published: boolean;
  /** GitHub made it immutable when it was published. */
  immutable: boolean;
  /** The assets in place, in the order given. */
  assets: UploadedAsset[];
  failed: FailedAsset[];
  /** The SHA256SUMS asset after this job's lines went in. */
  checksums?: { url: string; content: string };
}

/** Thrown when some asset could not be uploaded; `published` says what is on the release. */
export class ReleaseUploadError extends UserError {
  readonly published: PublishedRelease;

  constructor(published: PublishedRelease, problem: string, fix: string, exitCode: UserError["exitCode"]) {
    super(problem, fix, exitCode);
    this.published = published;
  }
}

/** Names GitHub stores unchanged (it renames names with other characters, or leading/trailing periods). */
const SAFE_ASSET_NAME = /^[A-Za-z0-9_+-](?:[A-Za-z0-9._+-]*[A-Za-z0-9_+-])?$/;

interface PreparedFile {
  path: string;
  name: string;
  size: number;
  image?: { format: string; system: string };
  /** Set when the file is uploaded in parts. */
  parts?: Part[];
}

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

const RESERVED_NAMES = [CHECKSUMS_ASSET_NAME, RELEASE_MANIFEST_ASSET_NAME];

async function prepare(files: readonly ReleaseAssetFile[], checksums: boolean, limit: number, split: boolean): Promise<PreparedFile[]> {
  const seen = new Set<string>();
  const prepared: PreparedFile[] = [];
  const claim = (name: string): void => {
    if (seen.has(name)) {
      throw new UserError(
        `Two files would become the release asset '${name}'.`,
        "Give each image its own asset name (asset names are unique within a release).",
        ExitCode.usage,
      );
    }
    seen.add(name);
  };
  for (const file of files) {
    const name = file.name ?? basename(file.path);
    if (!SAFE_ASSET_NAME.test(name)) {
      throw new UserError(
        `'${name}' is not a release asset name GitHub keeps as it is.`,
        "Use only letters, digits, '.', '_', '-' and '+', not starting or ending with '.': GitHub renames other names, and a renamed asset could not be found again to replace it.",
        ExitCode.usage,
      );
    }
    if ((checksums && name === CHECKSUMS_ASSET_NAME) || name === RELEASE_MANIFEST_ASSET_NAME) {
      throw new UserError(`An image would become the release asset '${name}', a name this action keeps for its own file.`, "Give the image another asset name.", ExitCode.usage);
    }
    claim(name);
    let info;
    try {
      info = await stat(file.path);
    } catch {
      throw new Error(`the file to attach to the release is missing: ${file.path}`);
    }
    if (!info.isFile()) throw new Error(`a release asset must be a file: ${file.path}`);
    const entry: PreparedFile = { path: file.path, name, size: info.size, ...(file.image ? { image: file.image } : {}) };
    if (info.size >= limit) {
      if (!split) {
        throw new UserError(
          `${name} is ${gib(info.size)}; GitHub refuses release assets of ${gib(limit)} or more.`,
          "Leave split-large-assets: at true (the file is uploaded in parts below the limit), build a compressed variant of the format (or compress: the image), make the disk smaller (disk-size), or publish it as a workflow artifact (upload: artifact), which has no such limit.",
          ExitCode.usage,
        );
      }
      entry.parts = planParts(name, info.size, limit);
      for (const part of entry.parts) {
        if (RESERVED_NAMES.includes(part.name)) throw new UserError(`A part of ${name} would be named '${part.name}'.`, "Give the image another asset name.", ExitCode.usage);
        claim(part.name);
      }
    }
    prepared.push(entry);
  }
  return prepared;
}

/** Errors that every further request would get too (token, permission, repository): stop at the first. */
function stopsEverything(error: UserError): boolean {
  return error.exitCode === ExitCode.environment;
}

interface Placed {
  asset: Asset;
  sha256: string;
  outcome: "uploaded" | "identical";
  replaced: boolean;
}

interface Session {
  client: GitHubClient;
  repository: Repository;
  release: Release;
  tag: string;
  policy: UploadPolicy;
  /** What each name held before this job touched it: only that asset may be swapped out. */
  before: Map<string, number>;
  note: (message: string) => void;
}

/** One asset: uploaded under a scratch name, then swapped in under `name`. */
async function place(s: Session, name: string, source: AssetSource): Promise<Placed> {
  const { asset: scratch, sha256 } = await uploadScratchAsset({ client: s.client, repository: s.repository, release: s.release, name, source, policy: s.policy });
  const outcome = await swapOrDiscard({ client: s.client, repository: s.repository, releaseId: s.release.id, scratch, name, sha256, expectedId: s.before.get(name), warn: s.note });
  if (outcome.kind === "conflict") {
    await deleteAsset(s.client, s.repository, scratch.id).catch(() => undefined);
    throw new UserError(
      `Another job put a different ${name} on release ${s.tag} while this job uploaded its own; that one was kept.`,
      "Give each job its own asset names (the images of a matrix differ by format and system), then re-run if this job's image is the one wanted.",
      ExitCode.failed,
    );
  }
  return { asset: outcome.asset, sha256, outcome: outcome.kind === "swapped" ? "uploaded" : "identical", replaced: outcome.kind === "swapped" && outcome.replaced };
}

/** The file as one asset, or part by part (each read from its range of the file, the whole hashed on the way). */
async function placeFile(s: Session, file: PreparedFile): Promise<UploadedAsset> {
  if (!file.parts) {
    const placed = await place(s, file.name, fileSource(file.path, file.size));
    return { name: file.name, url: placed.asset.browser_download_url, id: placed.asset.id, size: placed.asset.size, sha256: placed.sha256, outcome: placed.outcome, replaced: placed.replaced };
  }
  const whole = new WholeFileHash();
  const parts: UploadedPart[] = [];
  let replaced = false;
  let identical = true;
  for (const part of file.parts) {
    // The part is uploaded whole before it is swapped in (also when another job's identical one wins).
    const placed = await place(s, part.name, whole.through(rangeSource(file.path, part.start, part.size)));
    whole.commit();
    replaced ||= placed.replaced;
    identical &&= placed.outcome === "identical";
    parts.push({ name: part.name, url: placed.asset.browser_download_url, id: placed.asset.id, size: placed.asset.size, sha256: placed.sha256 });
  }
  const first = parts[0] as UploadedPart;
  return { name: file.name, url: first.url, id: first.id, size: file.size, sha256: whole.digest(), outcome: identical ? "identical" : "uploaded", replaced, parts };
}

/**
 * Removes what an earlier run left under this file's names that the file no
 * longer has: parts beyond its count (or all of them, when it is whole now),
 * and the whole-file asset when it is in parts now.
 */
async function removeStale(s: Session, files: readonly UploadedAsset[]): Promise<void> {
  const assets = await listAssets(s.client, s.repository, s.release.id);
  for (const file of files) {
    const keep = new Set(file.parts ? file.parts.map((p) => p.name) : [file.name]);
    for (const asset of assets) {
      if (asset.state !== "uploaded" || keep.has(asset.name)) continue;
      const stalePart = PART_NAME.exec(asset.name)?.[1] === file.name;
      if (stalePart || (file.parts && asset.name === file.name)) {
        await deleteAsset(s.client, s.repository, asset.id).catch((error: unknown) => s.note(`The old ${asset.name} is still on release ${s.tag} (${causeOf(error)}); delete it.`));
      }
    }
  }
}

function checksumEntries(assets: readonly UploadedAsset[]): ChecksumEntry[] {
  return assets.flatMap((a) => [...(a.parts ?? []).map((p) => ({ name: p.name, sha256: p.sha256 })), { name: a.name, sha256: a.sha256 }]);
}

function manifestEntries(prepared: readonly PreparedFile[], assets: readonly UploadedAsset[]): ReleaseImage[] {
  return assets.flatMap((a) => {
    const image = prepared.find((p) => p.name === a.name)?.image;
    if (!image) return [];
    return [{ format: image.format, system: image.system, asset: a.name, size: a.size, sha256: a.sha256, ...(a.parts ? { parts: a.parts.map((p) => ({ name: p.name, size: p.size, sha256: p.sha256 })) } : {}) }];
  });
}

/**
 * Attaches the files to the release of `tag` in the repository. A release
 * this creates is a draft until every file (and SHA256SUMS) is on it; then,
 * unless `draft`, it is published. A draft for the tag is used (and published
 * the same way); a published mutable release takes the files as it is; a
 * published immutable one is refused before any upload. An asset of the
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
  const limit = options.maxAssetBytes ?? assetLimitBytes();
  const prepared = await prepare(files, checksums, limit, options.splitLargeAssets ?? true);
  const note = options.onNote ?? (() => undefined);
  const client = createGitHubClient({ ...options, token: options.token, apiUrl: apiBaseUrl(options.apiUrl), onWait: note });

  const target = options.targetCommitish ?? process.env.GITHUB_SHA;
  const { release, created } = await findOrCreateRelease(client, repository, tag, {
    name: options.releaseName ?? tag,
    ...(options.releaseBody ? { body: options.releaseBody } : {}),
    ...(options.generateNotes ? { generateNotes: true } : {}),
    ...(options.prerelease ? { prerelease: true } : {}),
    ...(target ? { targetCommitish: target } : {}),
  });
  const result: PublishedRelease = {
    id: release.id,
    url: release.html_url,
    tag: release.tag_name,
    created,
    draft: release.draft,
    published: false,
    immutable: release.immutable ?? false,
    assets: [],
    failed: [],
  };

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
  const session: Session = { client, repository, release, tag, policy, before, note };

  for (const [index, file] of prepared.entries()) {
    try {
      const uploaded = await placeFile(session, file);
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

  // The release's own files: each a step of its own, so one failing does not hide the others.
  const step = async (name: string, action: string, work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (error) {
      const explained = explainFailure(error, { action, repository });
      if (!(explained instanceof UserError)) throw explained;
      result.failed.push({ name, error: explained });
    }
  };
  if (result.assets.length > 0) {
    await step("stale parts", `remove stale parts from release ${tag}`, () => removeStale(session, result.assets));
    if (checksums) {
      await step(CHECKSUMS_ASSET_NAME, `update ${CHECKSUMS_ASSET_NAME} on release ${tag}`, async () => {
        const sums = await updateChecksums({ client, repository, release, entries: checksumEntries(result.assets), policy, warn: note });
        result.checksums = { url: sums.asset.browser_download_url, content: sums.content };
      });
    }
    const images = manifestEntries(prepared, result.assets);
    if (images.length > 0) {
      await step(RELEASE_MANIFEST_ASSET_NAME, `update ${RELEASE_MANIFEST_ASSET_NAME} on release ${tag}`, async () => {
        await updateReleaseManifest({ client, repository, release, images, policy, warn: note });
      });
    }
    if (result.assets.some((a) => a.parts) || (release.body ?? "").includes("nixos-generators: split images")) {
      await step("release notes", `write the reassembly commands into release ${tag}`, () => syncReassemblyNotes(client, repository, release.id, tag));
    }
  }

  if (result.failed.length > 0) {
    const first = result.failed[0] as FailedAsset;
    const done = result.assets.map((a) => a.name);
    const failedNames = result.failed.map((f) => f.name);
    const total = prepared.length + (checksums && (failedNames.includes(CHECKSUMS_ASSET_NAME) || result.checksums) ? 1 : 0);
    throw new ReleaseUploadError(
      result,
      `${failedNames.length} of ${total} release assets did not get onto release ${tag} (${failedNames.join(", ")})${done.length ? `; ${done.join(", ")} did` : ""}${release.draft ? "; the release stays a draft" : ""}. ${first.error.problem}`,
      first.error.fix,
      first.error.exitCode,
    );
  }

  if (release.draft && !options.draft) await publishComplete(client, repository, release, options, result);
  return result;
}

/** Publishes the draft once it holds every asset SHA256SUMS and the images manifest list, with their digests. */
async function publishComplete(client: GitHubClient, repository: Repository, release: Release, options: ReleaseOptions, result: PublishedRelease): Promise<void> {
  const tag = release.tag_name;
  try {
    const contents = await checkReleaseContents(client, repository, release.id, undefined, options.checksums ?? true);
    if (contents.problems.length > 0) {
      throw new ReleaseUploadError(
        result,
        `The draft release ${tag} is not complete, so it was not published: ${contents.problems.join(" ")}`,
        "Re-run the job that uploads the missing or damaged assets; the release stays a draft until then.",
        ExitCode.verify,
      );
    }
    const published = await publishDraft(client, repository, release, {
      ...(options.prerelease !== undefined ? { prerelease: options.prerelease } : {}),
      ...(options.makeLatest ? { makeLatest: options.makeLatest } : {}),
    });
    result.draft = published.draft;
    result.published = !published.draft;
    result.immutable = published.immutable ?? false;
    result.url = published.html_url;
  } catch (error) {
    const explained = explainFailure(error, { action: `publish the draft release ${tag}`, repository });
    if (explained instanceof ReleaseUploadError || !(explained instanceof UserError)) throw explained;
    throw new ReleaseUploadError(result, `${explained.problem} The release stays a draft, with every asset on it.`, explained.fix, explained.exitCode);
  }
}
