// One workflow artifact per image, through the official artifact client.
import { readdir, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import {
  DefaultArtifactClient,
  GHESNotSupportedError,
  NetworkError,
  UsageError,
  type ArtifactClient,
} from "@actions/artifact";
import { ExitCode, UserError } from "../core/errors.js";
import { artifactNames, DEFAULT_ARTIFACT_NAME_TEMPLATE } from "./artifact-name.js";
import { checkCompressionLevel, DEFAULT_ZIP_COMPRESSION_LEVEL, zipCompressionLevel } from "./compression.js";
import type { ImageFile } from "./image.js";

export interface ArtifactUploadOptions {
  /** Placeholders <format>, <system>, <file>; default "<format>-<system>". */
  nameTemplate?: string;
  /** Days GitHub keeps the artifact; unset or 0 is the repository's default. */
  retentionDays?: number;
  /** Zip level (0-9) for images that are not compressed already; default DEFAULT_ZIP_COMPRESSION_LEVEL. */
  compressionLevel?: number;
  /** The artifact client; the real one unless a caller brings its own. */
  client?: ArtifactClient;
}

export interface UploadedArtifact {
  /** The artifact's name in the workflow run. */
  name: string;
  /** The artifact's id (GitHub REST "artifact_id"). */
  id: number;
  /** Bytes uploaded (the zip). */
  size: number;
  /** sha256 of the uploaded zip, hex. */
  digest: string;
  /** The zip level used. */
  compressionLevel: number;
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
  if (/CreateArtifact/.test(message) && (/\(409\)/.test(message) || /already exists/i.test(message))) {
    return new UserError(
      `An artifact named '${name}' already exists in this workflow run.`,
      "Artifact names are unique per run: give each job its own, e.g. put <format> and <system> in the artifact name template or add the matrix values to it.",
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

  const uploaded: UploadedArtifact[] = [];
  for (const [index, image] of images.entries()) {
    const name = names[index] as string;
    const { files, root } = contents[index] as { files: string[]; root: string };
    const compressionLevel = zipCompressionLevel(image.format, level);
    let response;
    try {
      response = await client.uploadArtifact(name, files, root, {
        compressionLevel,
        ...(options.retentionDays ? { retentionDays: options.retentionDays } : {}),
      });
    } catch (error) {
      throw explainClientError(error, name);
    }
    if (response.id === undefined || response.size === undefined || response.digest === undefined) {
      throw new Error(`the artifact service gave no id, size or digest for '${name}': ${JSON.stringify(response)}`);
    }
    uploaded.push({ name, id: response.id, size: response.size, digest: response.digest, compressionLevel, path: image.path });
  }
  return uploaded;
}
