// A stand-in for GitHub's REST API (releases and their assets) and its
// uploads host, with GitHub's status codes and error bodies: it stores what is
// uploaded so tests can compare bytes, and can be told to break uploads.
//
// Drafts and immutable releases behave as GitHub answers them: a draft is
// seen only in the release list (and by id) with a token that may push, never
// by GET /releases/tags/{tag}; a repository with immutable releases enabled
// makes every release it publishes immutable: no asset can be added (422
// "Cannot upload assets to an immutable release."), and its tag can never be
// used by another release, even after it is deleted (422, code custom,
// "tag_name was used by an immutable release"). Uploads of 2 GiB or more are
// refused from their Content-Length, as GitHub does, and bytes are streamed:
// an asset above `memoryAssetBytes` goes to a temporary file, not memory.
import { createHash, randomInt } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, open, readFile, rm } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listen, readBody, sendJson } from "./http.js";

export type TokenPermission = "read" | "write";

export interface StoredAsset {
  id: number;
  releaseId: number;
  name: string;
  label: string | null;
  /** "starter" while (or after a failed) upload, "uploaded" when complete. */
  state: "starter" | "uploaded";
  contentType: string;
  size: number;
  /** The bytes, for an asset kept in memory (empty when `file` holds them). */
  bytes: Buffer;
  /** Where the bytes are, for an asset larger than memoryAssetBytes. */
  file?: string;
  sha256: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface StoredRelease {
  id: number;
  repository: string;
  tagName: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  /** Published while the repository had immutable releases enabled: assets and tag are locked. */
  immutable: boolean;
  targetCommitish: string;
  createdAt: Date;
  publishedAt: Date | null;
  assets: StoredAsset[];
  /** What the client asked for as make_latest ("true" when not given, as GitHub). */
  makeLatest: "true" | "false" | "legacy";
}

export interface LoggedRequest {
  host: "api" | "uploads";
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage["headers"];
  status: number;
}

export interface UploadFailure {
  /** Break the connection after this many body bytes, or answer `status` after the whole body. */
  afterBytes?: number;
  status?: number;
  /** Stop reading the body after `afterBytes` (default: read it all) and never answer. */
  stall?: boolean;
  /** How many uploads fail this way (the next ones); default 1. */
  times?: number;
}

/**
 * A fault on the next matching requests of either host, answered before the
 * request is handled, in GitHub's wire format: a 5xx, a 429 or 403 rate limit
 * with its headers, or no answer at all.
 */
export interface Fault {
  host?: LoggedRequest["host"];
  method?: string;
  /** Matched against the path (without the query). */
  path?: RegExp;
  /**
   * "secondary": 429 (or `status` 403) with retry-after and GitHub's
   * secondary-limit message; "primary": 403 (or 429) with
   * x-ratelimit-remaining 0, the reset time and "API rate limit exceeded for
   * …"; "bare": 429 (or 403) "Too Many Requests" with only retry-after.
   */
  rateLimit?: "secondary" | "primary" | "bare";
  /** Seconds in retry-after (secondary) or until x-ratelimit-reset (primary); default 1. */
  retryAfter?: number;
  /** Answer this status (5xx) instead; with rateLimit, the status of the limit's answer. */
  status?: number;
  /** Never answer (the connection stays open until the client gives up). */
  stall?: boolean;
  /** How many requests it hits; default 1. */
  times?: number;
}

/** Runs before a request is handled (a test makes "another job" act at that moment). */
export type RequestHook = (request: LoggedRequest) => Promise<void> | void;

export interface GitHubRestOptions {
  /** owner/name of the repositories that exist; default ["octo-org/nixos-images"]. */
  repositories?: string[];
  /** Largest per_page honoured (GitHub: 100); lower it to test pagination. */
  maxPerPage?: number;
  /** Repositories with immutable releases enabled (Settings → General → Releases). */
  immutableReleases?: string[];
  /** Uploads of this many bytes or more are refused (GitHub: 2 GiB); lower it to test splitting. */
  maxAssetBytes?: number;
  /** Assets larger than this are stored in a temporary file; default 64 MiB. */
  memoryAssetBytes?: number;
  /** Send assets' `digest` (GitHub since 2025; default true); false: null, as older servers (GHES) do. */
  digests?: boolean;
}

export interface GitHubRestStub {
  /** Use as GITHUB_API_URL. */
  apiUrl: string;
  /** The uploads host (release upload_url points here). */
  uploadsUrl: string;
  repositories: string[];
  /** Tokens with contents: write and contents: read. */
  tokens: { write: string; read: string };
  addToken(token: string, permission: TokenPermission): void;
  releases: StoredRelease[];
  requests: LoggedRequest[];
  /** Adds a published (or draft) release, as if made earlier (immutable when the repository has the switch on, or when told). */
  addRelease(repository: string, tag: string, options?: { name?: string; draft?: boolean; immutable?: boolean }): StoredRelease;
  /** Turns the repository's "immutable releases" switch on or off (releases published later follow it). */
  setImmutableReleases(repository: string, enabled: boolean): void;
  /** The bytes of an asset, wherever they are stored. */
  assetBytes(asset: StoredAsset): Promise<Buffer>;
  /** Changes the upload size limit (GitHub: 2 GiB) and whether digests are sent. */
  configure(settings: { maxAssetBytes?: number; digests?: boolean }): void;
  /** Adds an asset to a release, as if uploaded earlier (or left "starter" by a failed upload). */
  addAsset(release: StoredRelease, name: string, bytes: Buffer, state?: StoredAsset["state"]): StoredAsset;
  failUploads(failure: UploadFailure): void;
  inject(fault: Fault): void;
  /** Runs `hook` (awaited) before the first request that matches `when`, then forgets it. */
  before(when: (request: LoggedRequest) => boolean, hook: RequestHook): void;
  /** The id of the release GitHub would show as latest. */
  latestReleaseId(repository: string): number | undefined;
  stop(): Promise<void>;
}

const SUPPORTED_API_VERSIONS = ["2022-11-28", "2026-03-10"];
const DOCS = "https://docs.github.com/rest/releases";

/** Whether git accepts `tag` as refs/tags/<tag> (git check-ref-format rules). */
export function isValidTagName(tag: string): boolean {
  if (tag === "" || tag === "@" || tag.startsWith("-") || tag.startsWith("/") || tag.endsWith("/") || tag.endsWith(".")) return false;
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(tag) || tag.includes("..") || tag.includes("@{") || tag.includes("//")) return false;
  return tag.split("/").every((part) => part !== "" && !part.startsWith(".") && !part.endsWith(".lock"));
}

/** GitHub's timestamps: ISO 8601 to the second. */
function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

export const PRIMARY_LIMIT_MESSAGE = "API rate limit exceeded for installation ID 1. If you reach out to GitHub Support for help, please include the request ID.";
export const GITHUB_MAX_ASSET_BYTES = 2 * 1024 ** 3;
const IMMUTABLE_UPLOAD_MESSAGE = "Cannot upload assets to an immutable release.";
const IMMUTABLE_TAG_ERROR = { resource: "Release", code: "custom", field: "tag_name", message: "tag_name was used by an immutable release" };

export const SECONDARY_LIMIT_MESSAGE =
  "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.";

function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function error(res: ServerResponse, status: number, message: string, extra: Record<string, unknown> = {}): void {
  sendJson(res, status, { message, documentation_url: DOCS, status: String(status), ...extra });
}

export async function startGitHubRestStub(options: GitHubRestOptions = {}): Promise<GitHubRestStub> {
  const repositories = options.repositories ?? ["octo-org/nixos-images"];
  const maxPerPage = options.maxPerPage ?? 100;
  let maxAssetBytes = options.maxAssetBytes ?? GITHUB_MAX_ASSET_BYTES;
  let digests = options.digests ?? true;
  const memoryAssetBytes = options.memoryAssetBytes ?? 64 * 1024 * 1024;
  const immutableRepos = new Set(options.immutableReleases ?? []);
  /** repository\0tag of every release that was ever immutable: the tag stays taken. */
  const burnedTags = new Set<string>();
  let spillDir: string | undefined;
  const tokens = new Map<string, TokenPermission>();
  const writeToken = `ghs_write${randomInt(1e9, 9e9)}`;
  const readToken = `ghs_read${randomInt(1e9, 9e9)}`;
  tokens.set(writeToken, "write");
  tokens.set(readToken, "read");
  const releases: StoredRelease[] = [];
  const requests: LoggedRequest[] = [];
  const failures: UploadFailure[] = [];
  const faults: Fault[] = [];
  const hooks: Array<{ when: (request: LoggedRequest) => boolean; hook: RequestHook }> = [];
  const latest = new Map<string, number>();
  let nextReleaseId = randomInt(100_000, 900_000);
  let nextAssetId = randomInt(1_000_000, 9_000_000);
  let apiUrl = "";
  let uploadsUrl = "";

  function repoPath(repository: string): string {
    return `/repos/${repository}`;
  }

  function assetJson(release: StoredRelease, asset: StoredAsset): Record<string, unknown> {
    return {
      url: `${apiUrl}${repoPath(release.repository)}/releases/assets/${asset.id}`,
      browser_download_url: `${apiUrl}/${release.repository}/releases/download/${encodeURIComponent(release.tagName)}/${encodeURIComponent(asset.name)}`,
      id: asset.id,
      node_id: `RA_${asset.id}`,
      name: asset.name,
      label: asset.label,
      state: asset.state,
      content_type: asset.contentType,
      size: asset.size,
      digest: digests && asset.state === "uploaded" ? `sha256:${asset.sha256}` : null,
      download_count: 0,
      created_at: isoSeconds(asset.createdAt),
      updated_at: isoSeconds(asset.updatedAt),
      uploader: { login: "github-actions[bot]", id: 41898282, type: "Bot" },
    };
  }

  function releaseJson(release: StoredRelease): Record<string, unknown> {
    const base = `${apiUrl}${repoPath(release.repository)}/releases/${release.id}`;
    return {
      url: base,
      html_url: `${apiUrl}/${release.repository}/releases/tag/${encodeURIComponent(release.tagName)}`,
      assets_url: `${base}/assets`,
      upload_url: `${uploadsUrl}${repoPath(release.repository)}/releases/${release.id}/assets{?name,label}`,
      tarball_url: `${apiUrl}${repoPath(release.repository)}/tarball/${encodeURIComponent(release.tagName)}`,
      zipball_url: `${apiUrl}${repoPath(release.repository)}/zipball/${encodeURIComponent(release.tagName)}`,
      id: release.id,
      node_id: `RE_${release.id}`,
      tag_name: release.tagName,
      target_commitish: release.targetCommitish,
      name: release.name,
      body: release.body,
      draft: release.draft,
      prerelease: release.prerelease,
      immutable: release.immutable,
      created_at: isoSeconds(release.createdAt),
      published_at: release.publishedAt ? isoSeconds(release.publishedAt) : null,
      author: { login: "github-actions[bot]", id: 41898282, type: "Bot" },
      assets: release.assets.map((a) => assetJson(release, a)),
    };
  }

  /** Publishes a release (at creation or from a draft): immutable when the repository says so; latest unless told not. */
  function publish(release: StoredRelease, immutable = immutableRepos.has(release.repository)): void {
    release.draft = false;
    release.publishedAt = new Date();
    release.immutable = immutable;
    if (immutable) burnedTags.add(`${release.repository}\0${release.tagName}`);
    // A published full release becomes the latest unless make_latest is "false".
    if (!release.prerelease && release.makeLatest !== "false") latest.set(release.repository, release.id);
  }

  function addRelease(
    repository: string,
    tag: string,
    o: { name?: string; draft?: boolean; prerelease?: boolean; makeLatest?: StoredRelease["makeLatest"]; immutable?: boolean } = {},
  ): StoredRelease {
    const release: StoredRelease = {
      id: nextReleaseId++,
      repository,
      tagName: tag,
      name: o.name ?? null,
      body: null,
      draft: true,
      prerelease: o.prerelease ?? false,
      immutable: false,
      targetCommitish: "main",
      createdAt: new Date(),
      publishedAt: null,
      assets: [],
      makeLatest: o.makeLatest ?? "true",
    };
    releases.push(release);
    if (!(o.draft ?? false)) publish(release, o.immutable ?? immutableRepos.has(repository));
    return release;
  }

  const tagBurned = (repository: string, tag: string): boolean => burnedTags.has(`${repository}\0${tag}`);

  async function assetBytes(asset: StoredAsset): Promise<Buffer> {
    return asset.file ? readFile(asset.file) : asset.bytes;
  }

  function sendAsset(res: ServerResponse, asset: StoredAsset): void {
    res.writeHead(200, { "Content-Type": asset.contentType, "Content-Length": String(asset.size) });
    if (asset.file) createReadStream(asset.file).pipe(res);
    else res.end(asset.bytes);
  }

  function dropAsset(release: StoredRelease, asset: StoredAsset): void {
    release.assets.splice(release.assets.indexOf(asset), 1);
    if (asset.file) void rm(asset.file, { force: true });
  }

  function addAsset(release: StoredRelease, name: string, bytes: Buffer, state: StoredAsset["state"] = "uploaded"): StoredAsset {
    const asset: StoredAsset = {
      id: nextAssetId++,
      releaseId: release.id,
      name,
      label: null,
      state,
      contentType: "application/octet-stream",
      size: bytes.length,
      bytes,
      sha256: sha256(bytes),
      createdAt: new Date(),
      updatedAt: new Date(),
    };
    release.assets.push(asset);
    return asset;
  }

  /** One page of `items` with GitHub's Link header (per_page up to maxPerPage, default 30). */
  function sendPage(res: ServerResponse, url: URL, items: unknown[]): void {
    const perPage = Math.min(Math.max(Number(url.searchParams.get("per_page") ?? 30) || 30, 1), maxPerPage);
    const page = Math.max(Number(url.searchParams.get("page") ?? 1) || 1, 1);
    const last = Math.max(Math.ceil(items.length / perPage), 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const link = (p: number, rel: string): string => {
      const u = new URL(url.href);
      u.searchParams.set("per_page", String(perPage));
      u.searchParams.set("page", String(p));
      return `<${apiUrl}${u.pathname}${u.search}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(page - 1, "prev"), link(1, "first"));
    if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
    sendJson(res, 200, slice, links.length ? { Link: links.join(", ") } : {});
  }

  interface Authorized {
    permission: TokenPermission;
  }

  /** Token and API-version checks every API request passes; undefined when answered. */
  function authorize(req: IncomingMessage, res: ServerResponse): Authorized | undefined {
    const version = req.headers["x-github-api-version"];
    if (typeof version === "string" && !SUPPORTED_API_VERSIONS.includes(version)) {
      error(res, 400, `API version ${version} is not supported.`);
      return undefined;
    }
    const match = /^(?:Bearer|token)\s+(\S+)$/i.exec(req.headers.authorization ?? "");
    if (!match) {
      error(res, 401, "Requires authentication");
      return undefined;
    }
    const permission = tokens.get(match[1] as string);
    if (!permission) {
      error(res, 401, "Bad credentials");
      return undefined;
    }
    return { permission };
  }

  function forbidden(res: ServerResponse): void {
    error(res, 403, "Resource not accessible by integration");
  }

  function findRelease(repository: string, id: number): StoredRelease | undefined {
    return releases.find((r) => r.repository === repository && r.id === id);
  }

  /** PATCH /repos/{owner}/{repo}/releases/{id}: title, notes, prerelease, make_latest, and publishing a draft. */
  async function updateRelease(req: IncomingMessage, res: ServerResponse, release: StoredRelease): Promise<void> {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse((await readBody(req)).toString("utf8")) as Record<string, unknown>;
    } catch {
      return error(res, 400, "Problems parsing JSON");
    }
    const makeLatest = body.make_latest;
    if (makeLatest !== undefined && makeLatest !== "true" && makeLatest !== "false" && makeLatest !== "legacy") {
      return error(res, 422, "Validation Failed", { errors: [{ resource: "Release", code: "invalid", field: "make_latest" }] });
    }
    const tag = typeof body.tag_name === "string" ? body.tag_name : release.tagName;
    if (release.immutable && (tag !== release.tagName || body.draft === true)) {
      // (The stand-in's wording: an immutable release keeps its tag and stays published.)
      return error(res, 422, "Validation Failed", { errors: [{ resource: "Release", code: "custom", field: body.draft === true ? "draft" : "tag_name", message: "an immutable release cannot be changed" }] });
    }
    const publishing = release.draft && body.draft === false;
    if (publishing || tag !== release.tagName) {
      if (!isValidTagName(tag)) return error(res, 422, "Validation Failed", { errors: [{ resource: "Release", code: "invalid", field: "tag_name", message: "tag_name is not a valid tag" }] });
      if (tagBurned(release.repository, tag)) return error(res, 422, "Validation Failed", { errors: [IMMUTABLE_TAG_ERROR] });
      if ((publishing || !release.draft) && releases.some((r) => r !== release && r.repository === release.repository && r.tagName === tag && !r.draft)) {
        return error(res, 422, "Validation Failed", { errors: [{ resource: "Release", code: "already_exists", field: "tag_name" }] });
      }
    }
    release.tagName = tag;
    if (typeof body.name === "string") release.name = body.name;
    if (typeof body.body === "string") release.body = body.body;
    if (typeof body.prerelease === "boolean") release.prerelease = body.prerelease;
    if (makeLatest !== undefined) release.makeLatest = makeLatest;
    if (typeof body.target_commitish === "string") release.targetCommitish = body.target_commitish;
    if (publishing) publish(release);
    else if (body.draft === true && !release.draft) {
      release.draft = true;
      release.publishedAt = null;
      if (latest.get(release.repository) === release.id) latest.delete(release.repository);
    } else if (!release.draft && makeLatest === "true" && !release.prerelease) latest.set(release.repository, release.id);
    return sendJson(res, 200, releaseJson(release));
  }

  async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const method = req.method ?? "GET";
    const path = url.pathname;

    // The web host's download links (no token needed for a public repository).
    const download = /^\/([^/]+\/[^/]+)\/releases\/download\/([^/]+)\/([^/]+)$/.exec(path);
    if (download && method === "GET") {
      const [, repository, tag, name] = download as unknown as [string, string, string, string];
      const release = releases.find((r) => r.repository === repository && r.tagName === decodeURIComponent(tag) && !r.draft);
      const asset = release?.assets.find((a) => a.name === decodeURIComponent(name) && a.state === "uploaded");
      if (!asset) return error(res, 404, "Not Found");
      return sendAsset(res, asset);
    }

    const auth = authorize(req, res);
    if (!auth) return;
    const repoMatch = /^\/repos\/([^/]+\/[^/]+)(\/.*)?$/.exec(path);
    const repository = repoMatch?.[1];
    if (!repoMatch || !repository || !repositories.includes(repository)) return error(res, 404, "Not Found");
    const rest = repoMatch[2] ?? "";
    const writing = method !== "GET" && method !== "HEAD";
    let m: RegExpExecArray | null;

    if ((m = /^\/releases\/tags\/(.+)$/.exec(rest)) && method === "GET") {
      const tag = decodeURIComponent(m[1] as string);
      const release = releases.find((r) => r.repository === repository && r.tagName === tag && !r.draft);
      if (!release) return error(res, 404, "Not Found");
      return sendJson(res, 200, releaseJson(release));
    }

    if (rest === "/releases" && method === "GET") {
      // Drafts are listed only for tokens that may push.
      const visible = releases
        .filter((r) => r.repository === repository && (!r.draft || auth.permission === "write"))
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
      return sendPage(res, url, visible.map(releaseJson));
    }

    if (rest === "/releases" && method === "POST") {
      if (auth.permission !== "write") return forbidden(res);
      let body: Record<string, unknown>;
      try {
        body = JSON.parse((await readBody(req)).toString("utf8")) as Record<string, unknown>;
      } catch {
        return error(res, 400, "Problems parsing JSON");
      }
      const tag = body.tag_name;
      if (typeof tag !== "string" || tag === "") {
        return error(res, 422, "Validation Failed", { errors: [{ resource: "Release", code: "missing_field", field: "tag_name" }] });
      }
      if (!isValidTagName(tag)) {
        return error(res, 422, "Validation Failed", {
          errors: [{ resource: "Release", code: "invalid", field: "tag_name", message: "tag_name is not a valid tag" }],
        });
      }
      // A tag an immutable release had is never free again, for a draft neither.
      if (tagBurned(repository, tag)) return error(res, 422, "Validation Failed", { errors: [IMMUTABLE_TAG_ERROR] });
      // Only a published release holds the tag: several drafts may name it.
      if (body.draft !== true && releases.some((r) => r.repository === repository && r.tagName === tag && !r.draft)) {
        return error(res, 422, "Validation Failed", { errors: [{ resource: "Release", code: "already_exists", field: "tag_name" }] });
      }
      const makeLatest = body.make_latest ?? "true";
      if (makeLatest !== "true" && makeLatest !== "false" && makeLatest !== "legacy") {
        return error(res, 422, "Validation Failed", { errors: [{ resource: "Release", code: "invalid", field: "make_latest" }] });
      }
      const generated = body.generate_release_notes === true;
      const notes = `## What's Changed\n* Images for ${tag}\n\n**Full Changelog**: https://github.com/${repository}/commits/${tag}`;
      const given = typeof body.body === "string" ? body.body : undefined;
      const release = addRelease(repository, tag, {
        // GitHub: generated notes also give a name when none is given; a given body goes before them.
        ...(typeof body.name === "string" ? { name: body.name } : generated ? { name: tag } : {}),
        draft: body.draft === true,
        prerelease: body.prerelease === true,
        makeLatest,
      });
      if (typeof body.target_commitish === "string") release.targetCommitish = body.target_commitish;
      release.body = generated ? (given ? `${given}\n\n${notes}` : notes) : given ?? null;
      return sendJson(res, 201, releaseJson(release), { Location: `${apiUrl}${repoPath(repository)}/releases/${release.id}` });
    }

    if ((m = /^\/releases\/(\d+)$/.exec(rest)) && (method === "GET" || method === "DELETE" || method === "PATCH")) {
      const release = findRelease(repository, Number(m[1]));
      if (!release || (release.draft && auth.permission !== "write")) return error(res, 404, "Not Found");
      if (method === "GET") return sendJson(res, 200, releaseJson(release));
      if (auth.permission !== "write") return forbidden(res);
      if (method === "PATCH") return updateRelease(req, res, release);
      for (const asset of [...release.assets]) dropAsset(release, asset);
      releases.splice(releases.indexOf(release), 1);
      if (latest.get(repository) === release.id) latest.delete(repository);
      res.writeHead(204);
      res.end();
      return;
    }

    if ((m = /^\/releases\/(\d+)\/assets$/.exec(rest)) && method === "GET") {
      const release = findRelease(repository, Number(m[1]));
      if (!release || (release.draft && auth.permission !== "write")) return error(res, 404, "Not Found");
      return sendPage(res, url, release.assets.map((a) => assetJson(release, a)));
    }

    if ((m = /^\/releases\/assets\/(\d+)$/.exec(rest))) {
      const id = Number(m[1]);
      const release = releases.find((r) => r.repository === repository && r.assets.some((a) => a.id === id));
      const asset = release?.assets.find((a) => a.id === id);
      if (!release || !asset) return error(res, 404, "Not Found");
      if (method === "GET") {
        if ((req.headers.accept ?? "").includes("application/octet-stream")) return sendAsset(res, asset);
        return sendJson(res, 200, assetJson(release, asset));
      }
      // (The wording of these two refusals is the stand-in's own: the action never tries them.)
      if (writing && release.immutable && auth.permission === "write") return error(res, 422, "Cannot modify assets of an immutable release.");
      if (method === "DELETE") {
        if (auth.permission !== "write") return forbidden(res);
        dropAsset(release, asset);
        res.writeHead(204);
        res.end();
        return;
      }
      if (method === "PATCH") {
        // Update a release asset: name and label. Names stay unique within the release.
        if (auth.permission !== "write") return forbidden(res);
        let body: Record<string, unknown>;
        try {
          body = JSON.parse((await readBody(req)).toString("utf8")) as Record<string, unknown>;
        } catch {
          return error(res, 400, "Problems parsing JSON");
        }
        if (typeof body.name === "string") {
          if (body.name === "") {
            return error(res, 422, "Validation Failed", { errors: [{ resource: "ReleaseAsset", code: "missing_field", field: "name" }] });
          }
          if (release.assets.some((a) => a !== asset && a.name === body.name)) {
            return error(res, 422, "Validation Failed", { errors: [{ resource: "ReleaseAsset", code: "already_exists", field: "name" }] });
          }
          asset.name = body.name;
        }
        if (typeof body.label === "string") asset.label = body.label;
        asset.updatedAt = new Date();
        return sendJson(res, 200, assetJson(release, asset));
      }
    }

    if (writing && auth.permission !== "write") return forbidden(res);
    return error(res, 404, "Not Found");
  }

  async function uploads(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const refuse = (status: number, message: string, extra: Record<string, unknown> = {}): void => {
      // Answer at once and read the rest of the body away. (Closing the
      // connection instead races the client's writes: it may see a reset
      // before the answer, which a test could not tell from a network fault.)
      error(res, status, message, extra);
      req.resume();
    };
    const auth = authorize(req, res);
    if (!auth) {
      req.resume();
      return;
    }
    const m = /^\/repos\/([^/]+\/[^/]+)\/releases\/(\d+)\/assets$/.exec(url.pathname);
    if (!m || req.method !== "POST") return refuse(404, "Not Found");
    const [, repository, id] = m as unknown as [string, string, string];
    const release = repositories.includes(repository) ? findRelease(repository, Number(id)) : undefined;
    if (!release) return refuse(404, "Not Found");
    if (auth.permission !== "write") return refuse(403, "Resource not accessible by integration");
    const name = url.searchParams.get("name");
    if (!name) {
      return refuse(422, "Validation Failed", { errors: [{ resource: "ReleaseAsset", code: "missing_field", field: "name" }] });
    }
    const contentType = req.headers["content-type"];
    if (!contentType) return refuse(400, "Content-Type header is required");
    const lengthHeader = req.headers["content-length"];
    if (lengthHeader === undefined || req.headers["transfer-encoding"] !== undefined || !/^\d+$/.test(lengthHeader)) {
      return refuse(411, "Length Required");
    }
    const length = Number(lengthHeader);
    if (release.immutable) return refuse(422, IMMUTABLE_UPLOAD_MESSAGE);
    // GitHub refuses an asset of 2 GiB or more from its length, before taking the bytes.
    if (length >= maxAssetBytes) {
      return refuse(422, "Validation Failed", { errors: [{ resource: "ReleaseAsset", code: "custom", field: "size", message: `size must be less than ${maxAssetBytes}` }] });
    }
    if (release.assets.some((a) => a.name === name)) {
      return refuse(422, "Validation Failed", { errors: [{ resource: "ReleaseAsset", code: "already_exists", field: "name" }] });
    }
    // GitHub creates the asset first, in state "starter", and completes it when all bytes arrived.
    const asset = addAsset(release, name, Buffer.alloc(0), "starter");
    asset.contentType = contentType;
    asset.size = 0;
    asset.label = url.searchParams.get("label");
    const failure = failures[0];
    if (failure) {
      failure.times = (failure.times ?? 1) - 1;
      if (failure.times <= 0) failures.shift();
    }

    // Streamed: hashed as it comes, kept in memory when small, else written to a file.
    const chunks: Buffer[] = [];
    const hash = createHash("sha256");
    let file: Awaited<ReturnType<typeof open>> | undefined;
    let path: string | undefined;
    if (length > memoryAssetBytes) {
      spillDir ??= await mkdtemp(join(tmpdir(), "github-rest-assets-"));
      path = join(spillDir, String(asset.id));
      file = await open(path, "w");
    }
    let received = 0;
    try {
      try {
        for await (const chunk of req) {
          const buffer = chunk as Buffer;
          received += buffer.length;
          hash.update(buffer);
          if (file) await file.write(buffer);
          else chunks.push(buffer);
          if (failure?.afterBytes !== undefined && received >= failure.afterBytes) {
            // A stall stops reading and never answers; otherwise the connection breaks.
            if (failure.stall) req.pause();
            else req.socket.destroy();
            return;
          }
        }
      } catch {
        return; // the client went away: the asset stays "starter"
      }
    } finally {
      await file?.close();
    }
    if (failure?.stall) return; // all bytes read, no answer ever
    if (failure?.status !== undefined) return error(res, failure.status, "Server Error");
    if (received !== length) return error(res, 400, "Bad Content-Length");
    asset.bytes = file ? Buffer.alloc(0) : Buffer.concat(chunks);
    if (path) asset.file = path;
    asset.size = received;
    asset.sha256 = hash.digest("hex");
    asset.state = "uploaded";
    sendJson(res, 201, assetJson(release, asset));
  }

  function logged(host: LoggedRequest["host"], handler: (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>) {
    return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
      const url = new URL(req.url ?? "/", "http://stub");
      const entry: LoggedRequest = {
        host,
        method: req.method ?? "GET",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        status: 0,
      };
      requests.push(entry);
      res.once("finish", () => {
        entry.status = res.statusCode;
      });
      res.once("close", () => {
        if (entry.status === 0) entry.status = res.headersSent ? res.statusCode : -1;
      });
      for (const registered of [...hooks]) {
        if (!registered.when(entry)) continue;
        hooks.splice(hooks.indexOf(registered), 1);
        await registered.hook(entry);
      }
      // The primary rate limit's headers, on every API answer (as GitHub sends them).
      res.setHeader("x-ratelimit-limit", "5000");
      res.setHeader("x-ratelimit-remaining", "4999");
      res.setHeader("x-ratelimit-reset", String(Math.floor(Date.now() / 1000) + 3600));
      res.setHeader("x-ratelimit-resource", "core");
      const fault = faults.find(
        (f) => (f.host === undefined || f.host === host) && (f.method === undefined || f.method === entry.method) && (f.path === undefined || f.path.test(entry.path)),
      );
      if (fault) {
        fault.times = (fault.times ?? 1) - 1;
        if (fault.times <= 0) faults.splice(faults.indexOf(fault), 1);
        req.resume(); // the body is not wanted
        if (fault.stall) return;
        const seconds = fault.retryAfter ?? 1;
        if (fault.rateLimit === "secondary") {
          res.setHeader("retry-after", String(seconds));
          return error(res, fault.status ?? 429, SECONDARY_LIMIT_MESSAGE, { documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits" });
        }
        if (fault.rateLimit === "primary") {
          res.setHeader("x-ratelimit-remaining", "0");
          res.setHeader("x-ratelimit-used", "5000");
          res.setHeader("x-ratelimit-reset", String(Math.ceil(Date.now() / 1000) + seconds));
          return error(res, fault.status ?? 403, PRIMARY_LIMIT_MESSAGE, {
            documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit",
          });
        }
        if (fault.rateLimit === "bare") {
          // What a proxy or load balancer in front of the API may answer: no GitHub body, only retry-after.
          res.setHeader("retry-after", String(seconds));
          res.writeHead(fault.status ?? 429, { "Content-Type": "text/plain; charset=utf-8" });
          res.end("Too Many Requests");
          return;
        }
        return error(res, fault.status ?? 502, fault.status === 503 ? "Service Unavailable" : "Server Error");
      }
      await handler(req, res, url);
    };
  }

  const apiServer = await listen(logged("api", api));
  const uploadsServer = await listen(logged("uploads", uploads));
  apiUrl = apiServer.origin;
  uploadsUrl = uploadsServer.origin;

  return {
    apiUrl,
    uploadsUrl,
    repositories,
    tokens: { write: writeToken, read: readToken },
    addToken: (token, permission) => void tokens.set(token, permission),
    releases,
    requests,
    addRelease,
    addAsset,
    setImmutableReleases(repository, enabled) {
      if (enabled) immutableRepos.add(repository);
      else immutableRepos.delete(repository);
    },
    assetBytes,
    configure(settings) {
      if (settings.maxAssetBytes !== undefined) maxAssetBytes = settings.maxAssetBytes;
      if (settings.digests !== undefined) digests = settings.digests;
    },
    failUploads(failure) {
      failures.push({ ...failure, times: failure.times ?? 1 });
    },
    inject(fault) {
      faults.push({ ...fault, times: fault.times ?? 1 });
    },
    before(when, hook) {
      hooks.push({ when, hook });
    },
    latestReleaseId: (repository) => latest.get(repository),
    async stop() {
      await Promise.all([apiServer.close(), uploadsServer.close()]);
      if (spillDir) await rm(spillDir, { recursive: true, force: true });
    },
  };
}
