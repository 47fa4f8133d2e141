// One workflow artifact per image, through the official artifact client: a
// single-file image unarchived (the download is the image itself, as
// upload-artifact's `archive: false`), or zipped on request and always for a
// directory.
import { mkdir, mkdtemp, readdir, rm, stat, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import {
  ArtifactNotFoundError,
  DefaultArtifactClient,
  GHESNotSupportedError,
  NetworkError,
  UsageError,
  type ArtifactClient,
} from "@actions/artifact";
import { ExitCode, UserError } from "../core/errors.js";
import { guarded } from "../core/system-error.js";
import { artifactNames, DEFAULT_ARTIFACT_NAME_TEMPLATE, keepRequiredPrefix } from "./artifact-name.js";
import { checkCompressionLevel, DEFAULT_ZIP_COMPRESSION_LEVEL, zipCompressionLevel } from "./compression.js";
import type { ImageFile } from "./image.js";

export interface ArtifactUploadOptions {
  /** Placeholders <format>, <system>, <file>; default "<format>-<system>". */
  nameTemplate?: string;
  /** Days GitHub keeps the artifact; unset or 0 is the repository's default. */
  retentionDays?: number;
  /** Zip level (0-9) for zipped images that are not compressed already; default DEFAULT_ZIP_COMPRESSION_LEVEL. */
  compressionLevel?: number;
  /**
   * Zip a single-file image too (the download is then a .zip holding it);
   * default false: uploaded as it is. A directory image is always zipped.
   */
  archive?: boolean;
  /** Delete an artifact of the same name in this run first (a re-run of the job); default false. */
  overwrite?: boolean;
  /** The artifact client; the real one unless a caller brings its own. */
  client?: ArtifactClient;
}

export interface UploadedArtifact {
  /** The artifact's name in the workflow run. */
  name: string;
  /** The artifact's id (GitHub REST "artifact_id"). */
  id: number;
  /** Bytes uploaded (the image, or the zip). */
  size: number;
  /** sha256 of what was uploaded (the image itself when not archived), hex. */
  digest: string;
  /** False: the artifact is the image file itself; true: a zip holding it. */
  archived: boolean;
  /** The zip level used (0 when not archived). */
  compressionLevel: number;
  /** An artifact of the same name was deleted first (overwrite). */
  replaced: boolean;
  /** The image that was uploaded. */
  path: string;
}

/** The longest retention GitHub allows (private repositories; public ones stop at 90). */
const MAX_RETENTION_DAYS = 400;

function checkRetentionDays(days: number): void {
  if (!Number.isInteger(days) || days < 0 || days > MAX_RETENTION_DAYS) {
    throw new UserError(
      `The artifact retention of ${days} days is not a whole number from 1 to ${MAX_RETENTION_DAYS}.`,
      "Give a number of days (at most 90 for public repositories), or leave it unset for the repository's default.",
      ExitCode.usage,
    );
  }
}

function checkRunnerEnvironment(): void {
  const missing = ["ACTIONS_RUNTIME_TOKEN", "ACTIONS_RESULTS_URL"].filter((name) => !process.env[name]);
  if (missing.length > 0) {
    throw new UserError(
      `Uploading workflow artifacts needs ${missing.join(" and ")}, which GitHub gives only to an action's own steps.`,
      "Use the action (`uses:`) to upload artifacts rather than the command line in a `run:` step, or turn artifact upload off.",
      ExitCode.environment,
    );
  }
}

/** The files to put in the artifact and the directory their zip paths are relative to. */
async function filesOf(path: string): Promise<{ files: string[]; root: string }> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new Error(`the image to upload is missing: ${path}`);
  }
  if (!info.isDirectory()) return { files: [path], root: dirname(path) };
  const entries = await readdir(path, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => !e.isDirectory())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  if (files.length === 0) throw new Error(`the image directory to upload is empty: ${path}`);
  return { files, root: path };
}

/** A UserError for what the artifact client reports, when the user can act on it. */
function explainClientError(error: unknown, name: string): unknown {
  if (error instanceof UsageError) {
    return new UserError(
      "The artifact storage quota of this account is used up, so GitHub refused the upload.",
      "Delete old artifacts (or shorten their retention), or raise the account's Actions storage limit.",
      ExitCode.environment,
    );
  }
  if (error instanceof GHESNotSupportedError) {
    return new UserError(
      "This GitHub Enterprise Server does not support the artifact service (v4) this action uses.",
      "Publish the images as release assets instead, or turn artifact upload off.",
      ExitCode.environment,
    );
  }
  if (error instanceof NetworkError) {
    return new UserError(
      `The runner could not reach GitHub's artifact storage (${error.code}).`,
      "A self-hosted runner must reach *.actions.githubusercontent.com and *.blob.core.windows.net; check its proxy and firewall, then re-run.",
      ExitCode.environment,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  // The client reports a refused or unresolvable endpoint as a plain Error:
  // "Failed to CreateArtifact: Unable to make request: ECONNREFUSED".
  const unreachable = /Unable to make request: (E[A-Z_]+)/.exec(message);
  if (unreachable) {
    return new UserError(
      `The runner could not reach GitHub's artifact storage (${unreachable[1]}).`,
      "A self-hosted runner must reach *.actions.githubusercontent.com and *.blob.core.windows.net; check its proxy and firewall, then re-run.",
      ExitCode.environment,
    );
  }
  if (/CreateArtifact/.test(message) && (/\(409\)/.test(message) || /already exists/i.test(message))) {
    return new UserError(
      `An artifact named '${name}' already exists in this workflow run.`,
      "For a re-run of the job, set overwrite: true; otherwise give each job its own names (put <format> and <system>, or the matrix values, in the artifact name template).",
      ExitCode.usage,
    );
  }
  if (/backend IDs|JWT/i.test(message)) {
    return new UserError(
      "The ACTIONS_RUNTIME_TOKEN of this job is not one the artifact service accepts.",
      "Run the action in a GitHub-hosted or up-to-date self-hosted runner; do not set ACTIONS_RUNTIME_TOKEN yourself.",
      ExitCode.environment,
    );
  }
  return error;
}

/** The file extension of an image name: the last one, with a compression suffix its container's (".img.zst"). */
export function imageExtension(fileName: string): string {
  const match = /(?:\.[A-Za-z][A-Za-z0-9]{0,5})?\.(?:zst|zstd|xz|gz|bz2|lz4|lzma)$/.exec(fileName) ?? /\.[A-Za-z0-9]{1,8}$/.exec(fileName);
  return match?.[0] ?? "";
}

/**
 * An unarchived artifact is downloaded under its name: the name, ending in
 * the image's extension, and starting with a prefix the image's tool needs
 * (keepRequiredPrefix: `vzdump-qemu-` for qmrestore).
 */
export function unarchivedName(name: string, fileName: string): string {
  const extension = imageExtension(fileName);
  const named = keepRequiredPrefix(name, fileName);
  return extension && !named.toLowerCase().endsWith(extension.toLowerCase()) ? `${named}${extension}` : named;
}

const TEMP_INSTEAD = "point RUNNER_TEMP at a directory this user may write (the runner sets it to its _temp directory)";

/** A fresh directory in RUNNER_TEMP (else the system's temporary directory) for the links unarchived artifacts are uploaded from. */
async function linkDirectory(): Promise<string> {
  const temp = process.env.RUNNER_TEMP || tmpdir();
  const which = process.env.RUNNER_TEMP ? `RUNNER_TEMP (${temp})` : `the temporary directory ${temp}`;
  return guarded(
    { problem: `Making a directory in ${which} for the artifact upload failed`, target: temp, owner: "runner", instead: TEMP_INSTEAD },
    () => mkdtemp(join(temp, "artifact-")),
  );
}

/** Deletes the artifact `name` of this run (upload-artifact's overwrite); true when there was one. */
async function deleteExisting(client: ArtifactClient, name: string): Promise<boolean> {
  try {
    await client.deleteArtifact(name);
    return true;
  } catch (error) {
    if (error instanceof ArtifactNotFoundError) return false;
    throw explainClientError(error, name);
  }
}

/**
 * Uploads each image as its own artifact, one after another (an upload is
 * disk- and network-bound, and the zip level-1 deflate wants the CPU).
 * Everything is checked before the first upload starts.
 */
export async function uploadImageArtifacts(
  images: readonly ImageFile[],
  options: ArtifactUploadOptions = {},
): Promise<UploadedArtifact[]> {
  const names = artifactNames(options.nameTemplate ?? DEFAULT_ARTIFACT_NAME_TEMPLATE, images);
  if (options.retentionDays !== undefined) checkRetentionDays(options.retentionDays);
  const level = options.compressionLevel ?? DEFAULT_ZIP_COMPRESSION_LEVEL;
  checkCompressionLevel(level);
  if (images.length === 0) return [];
  const contents = await Promise.all(images.map((image) => filesOf(image.path)));
  if (!options.client) checkRunnerEnvironment();
  const client = options.client ?? new DefaultArtifactClient();

  const plans = images.map((image, index) => {
    const { files, root } = contents[index] as { files: string[]; root: string };
    const single = files.length === 1 && files[0] === image.path;
    const archived = options.archive === true || !single;
    const templateName = names[index] as string;
    return { image, files, root, archived, name: archived ? templateName : unarchivedName(templateName, basename(image.path)) };
  });
  const seen = new Set<string>();
  for (const plan of plans) {
    if (seen.has(plan.name)) {
      throw new UserError(
        `Two images would both become the artifact '${plan.name}'.`,
        "Put <format> and <system> in the artifact name template so each image gets its own artifact.",
        ExitCode.usage,
      );
    }
    seen.add(plan.name);
  }

  // Unarchived, the client names the artifact after the file: a link under the artifact's name,
  // in a directory of RUNNER_TEMP made before anything is deleted or uploaded.
  const linkRoot = plans.some((plan) => !plan.archived) ? await linkDirectory() : undefined;
  const uploaded: UploadedArtifact[] = [];
  try {
    for (const [index, plan] of plans.entries()) {
      const { image, name, archived } = plan;
      const compressionLevel = archived ? zipCompressionLevel(image.format, level) : 0;
      const replaced = options.overwrite ? await deleteExisting(client, name) : false;
      let response;
      try {
        let files = plan.files;
        let root = plan.root;
        if (!archived && linkRoot) {
          root = join(linkRoot, String(index));
          const link = join(root, name);
          await guarded({ problem: `Linking the image ${image.path} as ${link} for the artifact '${name}' failed`, target: root, owner: "runner", instead: TEMP_INSTEAD }, async () => {
            await mkdir(root);
            await symlink(image.path, link);
          });
          files = [link];
        }
        response = await client.uploadArtifact(name, files, root, {
          ...(archived ? { compressionLevel } : { skipArchive: true }),
          ...(options.retentionDays ? { retentionDays: options.retentionDays } : {}),
        });
      } catch (error) {
        throw explainClientError(error, name);
      }
      if (response.id === undefined || response.size === undefined || response.digest === undefined) {
        throw new Error(`the artifact service gave no id, size or digest for '${name}': ${JSON.stringify(response)}`);
      }
      uploaded.push({ name, id: response.id, size: response.size, digest: response.digest, archived, compressionLevel, replaced, path: image.path });
    }
  } finally {
    if (linkRoot) await rm(linkRoot, { recursive: true, force: true });
  }
  return uploaded;
}
