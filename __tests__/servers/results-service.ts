// GitHub's results service for tests: the Twirp ArtifactService and
// CacheService that @actions/artifact and @actions/cache (service v2) talk to,
// handing out SAS-signed URLs of block blobs in Azurite and checking the blobs
// when an upload is finalized.
import { createHash, randomInt, randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { BlobSASPermissions, SASProtocol, generateBlobSASQueryParameters } from "@azure/storage-blob";
import type { Azurite } from "./azurite.js";
import { listen, sendJson } from "./http.js";
import { signJwt, verifyJwt, type JwtClaims } from "./jwt.js";
import {
  TwirpError,
  handleTwirp,
  optionalInt32,
  optionalInt64,
  optionalString,
  optionalTimestamp,
  requiredString,
  stringList,
  type TwirpBody,
  type TwirpCall,
  type TwirpService,
} from "./twirp.js";

export const ARTIFACT_SERVICE = "github.actions.results.api.v1.ArtifactService";
export const CACHE_SERVICE = "github.actions.results.api.v1.CacheService";
export const ARTIFACT_CONTAINER = "actions-results";
export const CACHE_CONTAINER = "actions-cache";

/** Characters the artifact service refuses in a name. */
const FORBIDDEN_NAME_CHARACTERS = ['"', ":", "<", ">", "|", "*", "?", "\r", "\n", "\\", "/"];

export interface ArtifactRecord {
  id: number;
  name: string;
  workflowRunBackendId: string;
  workflowJobRunBackendId: string;
  /** Where the bytes are in Azurite. */
  container: string;
  blobName: string;
  mimeType?: string;
  version: number;
  expiresAt?: Date;
  createdAt: Date;
  finalized: boolean;
  /** Set when finalized. */
  size?: number;
  /** "sha256:<hex>", as the client reported it (and the service checked). */
  digest?: string;
}

export interface CacheEntryRecord {
  id: number;
  key: string;
  version: string;
  scope: string;
  container: string;
  blobName: string;
  createdAt: Date;
  finalized: boolean;
  size?: number;
}

/** A cache scope of the runtime token's "ac" claim: Permission 1 = read, 2 = write. */
export interface CacheScope {
  Scope: string;
  Permission: number;
}

export interface RuntimeTokenOptions {
  workflowRunBackendId?: string;
  workflowJobRunBackendId?: string;
  cacheScopes?: CacheScope[];
  /** Seconds until it expires; default 6 hours, as the runner's. */
  lifetimeSeconds?: number;
}

export interface ResultsServiceOptions {
  /** Check the sha256 the client reports against the blob on FinalizeArtifact (default true). */
  verifyDigest?: boolean;
  /** The run's default cache scopes; default refs/heads/main with read and write. */
  cacheScopes?: CacheScope[];
}

export interface ResultsService {
  /** The ACTIONS_RESULTS_URL (with the trailing slash the runner gives). */
  url: string;
  workflowRunBackendId: string;
  workflowJobRunBackendId: string;
  /** A valid ACTIONS_RUNTIME_TOKEN for this run and job. */
  runtimeToken: string;
  /** Another token (a different job, read-only cache, …) signed by this service. */
  makeRuntimeToken(options?: RuntimeTokenOptions): string;
  artifacts: ArtifactRecord[];
  cacheEntries: CacheEntryRecord[];
  /** Every Twirp call, in order. */
  calls: TwirpCall[];
  /** The bytes of a finalized artifact (the zip) as stored in Azurite. */
  readArtifactBlob(artifact: ArtifactRecord): Promise<Buffer>;
  readCacheBlob(entry: CacheEntryRecord): Promise<Buffer>;
  stop(): Promise<void>;
}

interface CallContext {
  workflowRunBackendId: string;
  workflowJobRunBackendId: string;
  cacheScopes: CacheScope[];
}

const SCOPE_READ = 1;
const SCOPE_WRITE = 2;

function parseScopes(claim: unknown): CacheScope[] {
  if (typeof claim !== "string") return [];
  try {
    const parsed: unknown = JSON.parse(claim);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (s): s is CacheScope =>
        !!s && typeof s === "object" && typeof (s as CacheScope).Scope === "string" && typeof (s as CacheScope).Permission === "number",
    );
  } catch {
    return [];
  }
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export async function startResultsService(azurite: Azurite, options: ResultsServiceOptions = {}): Promise<ResultsService> {
  const secret = randomUUID();
  const workflowRunBackendId = randomUUID();
  const workflowJobRunBackendId = randomUUID();
  const defaultScopes = options.cacheScopes ?? [{ Scope: "refs/heads/main", Permission: SCOPE_READ | SCOPE_WRITE }];
  const verifyDigest = options.verifyDigest ?? true;
  const artifacts: ArtifactRecord[] = [];
  const cacheEntries: CacheEntryRecord[] = [];
  const calls: TwirpCall[] = [];
  // Ids start somewhere random so no test can pass by guessing them.
  let nextArtifactId = randomInt(1_000_000, 9_000_000);
  let nextCacheId = randomInt(1_000_000, 9_000_000);

  for (const container of [ARTIFACT_CONTAINER, CACHE_CONTAINER]) {
    await azurite.service.getContainerClient(container).createIfNotExists();
  }

  function makeRuntimeToken(o: RuntimeTokenOptions = {}): string {
    const now = Math.floor(Date.now() / 1000);
    const run = o.workflowRunBackendId ?? workflowRunBackendId;
    const job = o.workflowJobRunBackendId ?? workflowJobRunBackendId;
    const claims: JwtClaims = {
      nameid: "dddddddd-dddd-dddd-dddd-dddddddddddd",
      scp: `Actions.ExampleScope Actions.Results:${run}:${job}`,
      ac: JSON.stringify(o.cacheScopes ?? defaultScopes),
      iss: "vstoken.actions.githubusercontent.com",
      aud: "vso:test-results-service",
      nbf: now - 10,
      iat: now,
      exp: now + (o.lifetimeSeconds ?? 6 * 3600),
    };
    return signJwt(claims, secret);
  }

  function authenticate(req: IncomingMessage): CallContext {
    const header = req.headers.authorization ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new TwirpError("unauthenticated", "no bearer token in the Authorization header");
    const verified = verifyJwt(match[1] as string, secret);
    if ("error" in verified) throw new TwirpError("unauthenticated", verified.error);
    const scp = typeof verified.claims.scp === "string" ? verified.claims.scp : "";
    const results = scp.split(" ").map((s) => s.split(":")).find((parts) => parts[0] === "Actions.Results");
    if (!results || results.length !== 3) throw new TwirpError("permission_denied", "the token has no Actions.Results scope");
    return {
      workflowRunBackendId: results[1] as string,
      workflowJobRunBackendId: results[2] as string,
      cacheScopes: parseScopes(verified.claims.ac),
    };
  }

  function sasUrl(container: string, blobName: string, permissions: string, hours: number, contentDisposition?: string): string {
    const now = Date.now();
    const sas = generateBlobSASQueryParameters(
      {
        containerName: container,
        blobName,
        permissions: BlobSASPermissions.parse(permissions),
        startsOn: new Date(now - 5 * 60_000),
        expiresOn: new Date(now + hours * 3600_000),
        protocol: SASProtocol.HttpsAndHttp,
        // The download names the file (rscd), as GitHub's signed URLs do.
        ...(contentDisposition ? { contentDisposition } : {}),
      },
      azurite.credential,
    ).toString();
    return `${azurite.service.getContainerClient(container).getBlockBlobClient(blobName).url}?${sas}`;
  }

  function checkIds(body: TwirpBody, ctx: CallContext): { run: string; job: string } {
    const run = requiredString(body, "workflow_run_backend_id");
    const job = requiredString(body, "workflow_job_run_backend_id");
    if (run !== ctx.workflowRunBackendId || job !== ctx.workflowJobRunBackendId) {
      throw new TwirpError("permission_denied", "the backend IDs do not match the token's");
    }
    return { run, job };
  }

  function checkName(name: string): void {
    for (const c of FORBIDDEN_NAME_CHARACTERS) {
      if (name.includes(c)) throw new TwirpError("invalid_argument", `artifact name contains an invalid character: ${JSON.stringify(c)}`);
    }
  }

  async function blobSha256(container: string, blobName: string): Promise<string> {
    const download = await azurite.service.getContainerClient(container).getBlobClient(blobName).download();
    const hash = createHash("sha256");
    const body = download.readableStreamBody;
    if (!body) throw new Error("no body from Azurite");
    for await (const chunk of body) hash.update(chunk as Buffer);
    return hash.digest("hex");
  }

  async function blobSize(container: string, blobName: string): Promise<number | undefined> {
    try {
      const props = await azurite.service.getContainerClient(container).getBlobClient(blobName).getProperties();
      return props.contentLength;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }

  const artifactService: TwirpService<CallContext> = {
    name: ARTIFACT_SERVICE,
    methods: {
      CreateArtifact(body, ctx) {
        const { run, job } = checkIds(body, ctx);
        const name = requiredString(body, "name");
        checkName(name);
        const version = optionalInt32(body, "version") ?? 0;
        if (version < 4) throw new TwirpError("invalid_argument", "version must be 4 or later");
        const expiresAt = optionalTimestamp(body, "expires_at");
        if (expiresAt && expiresAt.getTime() <= Date.now()) throw new TwirpError("invalid_argument", "expires_at is in the past");
        const mimeType = optionalString(body, "mime_type");
        if (artifacts.some((a) => a.workflowRunBackendId === run && a.name === name)) {
          throw new TwirpError("already_exists", "an artifact with this name already exists on the workflow run");
        }
        const id = nextArtifactId++;
        const record: ArtifactRecord = {
          id,
          name,
          workflowRunBackendId: run,
          workflowJobRunBackendId: job,
          container: ARTIFACT_CONTAINER,
          // A zip is stored as .zip; an unarchived file (upload-artifact's archive: false) as itself.
          blobName: `${run}/${job}/${sha256(name)}${mimeType === undefined || mimeType === "application/zip" ? ".zip" : ""}`,
          version,
          createdAt: new Date(),
          finalized: false,
          ...(mimeType !== undefined ? { mimeType } : {}),
          ...(expiresAt ? { expiresAt } : {}),
        };
        artifacts.push(record);
        return { ok: true, signed_upload_url: sasUrl(record.container, record.blobName, "cw", 6) };
      },

      async FinalizeArtifact(body, ctx) {
        const { run, job } = checkIds(body, ctx);
        const name = requiredString(body, "name");
        const size = optionalInt64(body, "size");
        if (size === undefined || size < 0n) throw new TwirpError("invalid_argument", "size is required");
        const hash = optionalString(body, "hash");
        const record = artifacts.find((a) => a.workflowRunBackendId === run && a.workflowJobRunBackendId === job && a.name === name);
        if (!record) throw new TwirpError("not_found", "artifact not found");
        if (record.finalized) throw new TwirpError("failed_precondition", "artifact is already finalized");
        const stored = await blobSize(record.container, record.blobName);
        if (stored === undefined) throw new TwirpError("failed_precondition", "no content was uploaded for the artifact");
        if (BigInt(stored) !== size) {
          throw new TwirpError("invalid_argument", `artifact size mismatch: ${size} reported, ${stored} stored`);
        }
        if (hash !== undefined) {
          if (!/^sha256:[0-9a-f]{64}$/.test(hash)) throw new TwirpError("invalid_argument", "hash must be sha256:<hex>");
          if (verifyDigest && `sha256:${await blobSha256(record.container, record.blobName)}` !== hash) {
            throw new TwirpError("invalid_argument", "artifact hash mismatch");
          }
          record.digest = hash;
        }
        record.size = stored;
        record.finalized = true;
        return { ok: true, artifact_id: String(record.id) };
      },

      ListArtifacts(body, ctx) {
        const { run } = checkIds(body, ctx);
        const nameFilter = optionalString(body, "name_filter");
        const idFilter = optionalInt64(body, "id_filter");
        const list = artifacts.filter(
          (a) =>
            a.finalized &&
            a.workflowRunBackendId === run &&
            (nameFilter === undefined || a.name === nameFilter) &&
            (idFilter === undefined || BigInt(a.id) === idFilter),
        );
        return {
          artifacts: list.map((a) => ({
            workflow_run_backend_id: a.workflowRunBackendId,
            workflow_job_run_backend_id: a.workflowJobRunBackendId,
            database_id: String(a.id),
            name: a.name,
            size: String(a.size ?? 0),
            created_at: a.createdAt.toISOString(),
            ...(a.digest ? { digest: a.digest } : {}),
          })),
        };
      },

      GetSignedArtifactURL(body, ctx) {
        const { run } = checkIds(body, ctx);
        const name = requiredString(body, "name");
        const record = artifacts.find((a) => a.finalized && a.workflowRunBackendId === run && a.name === name);
        if (!record) throw new TwirpError("not_found", "artifact not found");
        const zipped = record.mimeType === undefined || record.mimeType === "application/zip";
        const fileName = zipped ? `${name}.zip` : name;
        return { signed_url: sasUrl(record.container, record.blobName, "r", 1, `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`) };
      },

      async DeleteArtifact(body, ctx) {
        const { run } = checkIds(body, ctx);
        const name = requiredString(body, "name");
        const index = artifacts.findIndex((a) => a.finalized && a.workflowRunBackendId === run && a.name === name);
        const record = artifacts[index];
        if (!record) throw new TwirpError("not_found", "artifact not found");
        await azurite.service.getContainerClient(record.container).getBlobClient(record.blobName).deleteIfExists();
        artifacts.splice(index, 1);
        return { ok: true, artifact_id: String(record.id) };
      },
    },
  };

  function checkKey(key: string): void {
    if (key.length > 512) throw new TwirpError("invalid_argument", "key is longer than 512 characters");
    if (key.includes(",")) throw new TwirpError("invalid_argument", "key must not contain commas");
  }

  /** GitHub's lookup: per readable scope, each key exactly first, then as a prefix, newest first. */
  function findEntry(keys: string[], version: string, scopes: CacheScope[]): CacheEntryRecord | undefined {
    for (const scope of scopes.filter((s) => s.Permission & SCOPE_READ)) {
      const candidates = cacheEntries
        .filter((e) => e.finalized && e.version === version && e.scope === scope.Scope)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id);
      for (const key of keys) {
        const hit = candidates.find((e) => e.key === key) ?? candidates.find((e) => e.key.startsWith(key));
        if (hit) return hit;
      }
    }
    return undefined;
  }

  const cacheService: TwirpService<CallContext> = {
    name: CACHE_SERVICE,
    methods: {
      CreateCacheEntry(body, ctx) {
        const key = requiredString(body, "key");
        const version = requiredString(body, "version");
        checkKey(key);
        const scope = ctx.cacheScopes.find((s) => s.Permission & SCOPE_WRITE);
        if (!scope) return { ok: false, message: "cache write denied: the token's cache scopes are read-only" };
        if (cacheEntries.some((e) => e.key === key && e.version === version && e.scope === scope.Scope)) {
          throw new TwirpError("already_exists", "cache entry with the same key, version, and scope already exists");
        }
        const id = nextCacheId++;
        const entry: CacheEntryRecord = {
          id,
          key,
          version,
          scope: scope.Scope,
          container: CACHE_CONTAINER,
          blobName: `${sha256(scope.Scope)}/${sha256(key)}/${version}`,
          createdAt: new Date(),
          finalized: false,
        };
        cacheEntries.push(entry);
        return { ok: true, signed_upload_url: sasUrl(entry.container, entry.blobName, "cw", 6) };
      },

      async FinalizeCacheEntryUpload(body, ctx) {
        const key = requiredString(body, "key");
        const version = requiredString(body, "version");
        const size = optionalInt64(body, "size_bytes");
        if (size === undefined) throw new TwirpError("invalid_argument", "size_bytes is required");
        const scope = ctx.cacheScopes.find((s) => s.Permission & SCOPE_WRITE);
        const entry = cacheEntries.find((e) => !e.finalized && e.key === key && e.version === version && e.scope === scope?.Scope);
        if (!entry) throw new TwirpError("not_found", "cache entry not found");
        const stored = await blobSize(entry.container, entry.blobName);
        if (stored === undefined) return { ok: false, message: "no content was uploaded for the cache entry" };
        if (BigInt(stored) !== size) return { ok: false, message: `cache size mismatch: ${size} reported, ${stored} stored` };
        entry.size = stored;
        entry.finalized = true;
        return { ok: true, entry_id: String(entry.id) };
      },

      GetCacheEntryDownloadURL(body, ctx) {
        const key = requiredString(body, "key");
        const version = requiredString(body, "version");
        const restoreKeys = stringList(body, "restore_keys");
        const keys = [key, ...restoreKeys];
        if (keys.length > 10) throw new TwirpError("invalid_argument", "at most 10 keys are allowed");
        keys.forEach(checkKey);
        const entry = findEntry(keys, version, ctx.cacheScopes);
        if (!entry) return { ok: false };
        return { ok: true, signed_download_url: sasUrl(entry.container, entry.blobName, "r", 1), matched_key: entry.key };
      },
    },
  };

  const listening = await listen(async (req, res) => {
    const handled = await handleTwirp(req, res, [artifactService, cacheService], authenticate, calls);
    if (!handled) sendJson(res, 404, { code: "bad_route", msg: `no handler for path "${req.url}"` });
  });

  return {
    url: `${listening.origin}/`,
    workflowRunBackendId,
    workflowJobRunBackendId,
    runtimeToken: makeRuntimeToken(),
    makeRuntimeToken,
    artifacts,
    cacheEntries,
    calls,
    readArtifactBlob: (a) => azurite.readBlob(a.container, a.blobName),
    readCacheBlob: (e) => azurite.readBlob(e.container, e.blobName),
    stop: () => listening.close(),
  };
}
