// Release assets through GitHub's REST API: find or create the release for a
// tag, replace same-name assets, stream each file from disk.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { ExitCode, UserError } from "../core/errors.js";
import {
  apiBaseUrl,
  apiFailure,
  fetchOrExplain,
  githubHeaders,
  nextPageUrl,
  parseRepository,
  readErrorBody,
  repoName,
  causeOf,
  type ApiContext,
} from "./github-api.js";
import { expandUriTemplate } from "./uri-template.js";

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

export interface ReleaseOptions {
  /** A token with `contents: write` on the repository. */
  token: string;
  /** The release's tag; the tag is created (at targetCommitish) if it does not exist. */
  tag: string;
  /** The title of a release this creates; default the tag. An existing release keeps its own. */
  releaseName?: string;
  /** The commit a new tag points at; default GITHUB_SHA (GitHub's default branch when unset). */
  targetCommitish?: string;
  /** owner/name; default GITHUB_REPOSITORY. */
  repository?: string;
  /** REST API base; default GITHUB_API_URL, else https://api.github.com. */
  apiUrl?: string;
  /** Tries per asset when the upload fails on the way (network, 5xx); default 3. */
  attempts?: number;
  /** Wait before the second try, doubled each time; default 2000 ms. */
  retryDelayMs?: number;
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
}

export interface PublishedRelease {
  id: number;
  /** The release page (html_url). */
  url: string;
  tag: string;
  /** True when this call created the release. */
  created: boolean;
  assets: UploadedAsset[];
}

const releaseSchema = z.object({
  id: z.number().int(),
  tag_name: z.string(),
  html_url: z.string(),
  upload_url: z.string(),
});
type Release = z.infer<typeof releaseSchema>;

const assetSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  size: z.number().int(),
  state: z.string().optional(),
  browser_download_url: z.string(),
});
type Asset = z.infer<typeof assetSchema>;

/** Names GitHub stores unchanged (it renames names with other characters, or leading/trailing periods). */
const SAFE_ASSET_NAME = /^[A-Za-z0-9_+-](?:[A-Za-z0-9._+-]*[A-Za-z0-9_+-])?$/;

const TAG_FIX =
  "Use a tag name git accepts (no spaces, '..', '~', '^', ':', '?', '*', '[', '\\', and not starting with '-'), or create the tag first.";

function parseBody<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new Error(`GitHub sent an unexpected ${what}: ${parsed.error.message}`);
  return parsed.data;
}

class ReleaseClient {
  readonly ctx: ApiContext;
  readonly base: string;

  constructor(ctx: ApiContext) {
    this.ctx = ctx;
    this.base = `${ctx.apiUrl}/repos/${encodeURIComponent(ctx.repository.owner)}/${encodeURIComponent(ctx.repository.repo)}`;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { ...githubHeaders(this.ctx.token), ...extra };
  }

  private async fail(res: Response, action: string, onValidation?: string): Promise<never> {
    const body = await readErrorBody(res);
    throw apiFailure(res.status, body, res.headers, {
      action,
      repository: this.ctx.repository,
      ...(onValidation ? { onValidation } : {}),
    });
  }

  /** The published release for the tag, or undefined (GitHub answers 404 for drafts too). */
  async releaseByTag(tag: string): Promise<Release | undefined> {
    const action = `look up the release for tag ${tag}`;
    const res = await fetchOrExplain(`${this.base}/releases/tags/${encodeURIComponent(tag)}`, { headers: this.headers() }, action);
    if (res.status === 404) {
      await res.body?.cancel();
      return undefined;
    }
    if (res.status !== 200) return this.fail(res, action);
    return parseBody(releaseSchema, await res.json(), "release");
  }

  /** Creates the release; undefined when another job created it first (422 already_exists). */
  async createRelease(tag: string, name: string, target: string | undefined): Promise<Release | undefined> {
    const action = `create the release ${tag}`;
    const res = await fetchOrExplain(
      `${this.base}/releases`,
      {
        method: "POST",
        headers: this.headers({ "Content-Type": "application/json" }),
        body: JSON.stringify({ tag_name: tag, name, ...(target ? { target_commitish: target } : {}) }),
      },
      action,
    );
    if (res.status === 201) return parseBody(releaseSchema, await res.json(), "release");
    if (res.status === 422) {
      const body = await readErrorBody(res);
      const raced = (body.errors ?? []).some((e) => typeof e === "object" && e.code === "already_exists");
      if (raced) return undefined;
      throw apiFailure(422, body, res.headers, { action, repository: this.ctx.repository, onValidation: TAG_FIX });
    }
    return this.fail(res, action);
  }

  async listAssets(release: Release): Promise<Asset[]> {
    const action = `list the assets of release ${release.tag_name}`;
    const assets: Asset[] = [];
    let url: string | undefined = `${this.base}/releases/${release.id}/assets?per_page=100`;
    for (let page = 0; url && page < 1000; page++) {
      const res = await fetchOrExplain(url, { headers: this.headers() }, action);
      if (res.status !== 200) return this.fail(res, action);
      assets.push(...parseBody(z.array(assetSchema), await res.json(), "asset list"));
      url = nextPageUrl(res.headers.get("link"));
    }
    return assets;
  }

  /** Deletes an asset; one already gone (404) counts as deleted. */
  async deleteAsset(asset: Pick<Asset, "id" | "name">): Promise<void> {
    const action = `delete the release asset ${asset.name}`;
    const res = await fetchOrExplain(`${this.base}/releases/assets/${asset.id}`, { method: "DELETE", headers: this.headers() }, action);
    await res.body?.cancel();
    if (res.status === 204 || res.status === 404) return;
    return this.fail(res, action);
  }

  /** One upload attempt: the file streamed from disk with its exact length. */
  async upload(release: Release, path: string, name: string, size: number): Promise<Response> {
    const url = expandUriTemplate(release.upload_url, { name });
    const body = Readable.toWeb(createReadStream(path)) as NodeReadableStream<Uint8Array>;
    const init: RequestInit & { duplex: "half" } = {
      method: "POST",
      headers: this.headers({ "Content-Type": "application/octet-stream", "Content-Length": String(size) }),
      body: body as unknown as ReadableStream<Uint8Array>,
      duplex: "half",
    };
    return fetch(url, init);
  }
}

interface PreparedFile {
  path: string;
  name: string;
  size: number;
}

async function prepare(files: readonly ReleaseAssetFile[]): Promise<PreparedFile[]> {
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
    prepared.push({ path: file.path, name, size: info.size });
  }
  return prepared;
}

/**
 * Deletes what a failed upload left under `name`: the asset GitHub keeps in
 * state "starter" (never a complete one another job may have uploaded), and
 * the asset `incomplete` when GitHub took fewer bytes than were sent.
 * Returns false when that failed.
 */
async function removePartial(client: ReleaseClient, release: Release, name: string, incomplete?: number): Promise<boolean> {
  try {
    for (const asset of await client.listAssets(release)) {
      if (asset.name === name && (asset.state !== "uploaded" || asset.id === incomplete)) await client.deleteAsset(asset);
    }
    return true;
  } catch {
    return false;
  }
}

async function uploadOne(
  client: ReleaseClient,
  release: Release,
  file: PreparedFile,
  attempts: number,
  retryDelayMs: number,
): Promise<UploadedAsset> {
  const action = `upload ${file.name} to release ${release.tag_name}`;
  for (let attempt = 1; ; attempt++) {
    let failure: UserError;
    let transient: boolean;
    let incomplete: number | undefined;
    try {
      const res = await client.upload(release, file.path, file.name, file.size);
      if (res.status === 201) {
        const asset = parseBody(assetSchema, await res.json(), "release asset");
        if (asset.size === file.size) {
          return { name: asset.name, url: asset.browser_download_url, id: asset.id, size: asset.size };
        }
        incomplete = asset.id;
        failure = new UserError(
          `GitHub stored ${asset.size} of the ${file.size} bytes of ${file.name}.`,
          "Re-run the job; the incomplete asset has been removed.",
          ExitCode.failed,
        );
        transient = true;
      } else {
        const body = await readErrorBody(res);
        failure = apiFailure(res.status, body, res.headers, {
          action,
          repository: client.ctx.repository,
          onValidation: "Asset names must be unique within a release; rename the asset or delete the existing one.",
        });
        transient = res.status >= 500;
      }
    } catch (error) {
      if (error instanceof UserError) throw error;
      failure = new UserError(
        `The upload of ${file.name} to release ${release.tag_name} broke off (${causeOf(error)}).`,
        "Re-run the job; the incomplete asset has been removed.",
        ExitCode.failed,
      );
      transient = true;
    }
    // GitHub keeps a failed upload as an asset in state "starter" under the
    // same name; it blocks the next upload and must not be left behind.
    const cleaned = await removePartial(client, release, file.name, incomplete);
    if (!cleaned) {
      throw new UserError(
        failure.problem,
        `Delete the incomplete asset '${file.name}' from the release ${release.html_url}, then re-run the job.`,
        failure.exitCode,
      );
    }
    if (!transient || attempt >= attempts) throw failure;
    await sleep(retryDelayMs * 2 ** (attempt - 1));
  }
}

/**
 * Attaches the files to the release of `tag` in the repository, creating the
 * release when there is none. An asset of the same name is replaced; a failed
 * upload leaves no partial asset behind.
 */
export async function uploadReleaseAssets(
  files: readonly ReleaseAssetFile[],
  options: ReleaseOptions,
): Promise<PublishedRelease> {
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
  const repository = parseRepository(options.repository ?? process.env.GITHUB_REPOSITORY);
  const prepared = await prepare(files);
  const attempts = Math.max(1, Math.floor(options.attempts ?? 3));
  const retryDelayMs = Math.max(0, options.retryDelayMs ?? 2000);
  const client = new ReleaseClient({ token: options.token, apiUrl: apiBaseUrl(options.apiUrl), repository });

  let created = false;
  let release = await client.releaseByTag(tag);
  if (!release) {
    const target = options.targetCommitish ?? process.env.GITHUB_SHA;
    release = await client.createRelease(tag, options.releaseName ?? tag, target);
    if (release) created = true;
    else release = await client.releaseByTag(tag);
    if (!release) {
      throw new UserError(
        `GitHub says a release for tag ${tag} exists in ${repoName(repository)}, but does not show it.`,
        "It is probably a draft: publish or delete the draft release, then re-run.",
        ExitCode.usage,
      );
    }
  }

  const existing = created ? [] : await client.listAssets(release);
  const assets: UploadedAsset[] = [];
  for (const file of prepared) {
    for (const old of existing.filter((a) => a.name === file.name)) await client.deleteAsset(old);
    assets.push(await uploadOne(client, release, file, attempts, retryDelayMs));
  }
  return { id: release.id, url: release.html_url, tag: release.tag_name, created, assets };
}
