// One release asset upload: the bytes streamed (from disk or memory) with
// their exact length under a name only this upload uses, a watchdog that ends
// an upload which stops moving or gets no answer, the sha256 of what was
// sent checked against what GitHub stored, and retries with a fresh name.
import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { ExitCode, UserError } from "../core/errors.js";
import { baseFetch, formatMs, type GitHubClient } from "./github-client.js";
import { causeOf, explainFailure, httpFailure, type Repository } from "./github-errors.js";

export const assetSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  size: z.number().int(),
  state: z.string().optional(),
  browser_download_url: z.string(),
  digest: z.string().nullish(),
  created_at: z.string().optional(),
});
export type Asset = z.infer<typeof assetSchema>;

/** What is uploaded: a size and a way to read the bytes (again, for each try). */
export interface AssetSource {
  size: number;
  chunks(): AsyncIterable<Uint8Array>;
}

export function fileSource(path: string, size: number): AssetSource {
  return { size, chunks: () => createReadStream(path, { highWaterMark: 1024 * 1024 }) };
}

export function bytesSource(bytes: Buffer): AssetSource {
  return {
    size: bytes.length,
    async *chunks() {
      yield bytes;
    },
  };
}

export interface UploadPolicy {
  /** Tries per asset when the upload fails on the way (network, 5xx, stall); default 3. */
  attempts?: number;
  /** Wait before the second try, doubled each time; default 2000 ms. */
  retryDelayMs?: number;
  /** The upload is ended when no bytes move for this long; default 60 s. */
  stallTimeoutMs?: number;
  /** …or when GitHub has not answered this long after the last byte; default 120 s. */
  answerTimeoutMs?: number;
}

export interface ReleaseRef {
  id: number;
  tag_name: string;
  upload_url: string;
}

export interface Uploaded {
  asset: Asset;
  /** sha256 of the bytes sent, hex. */
  sha256: string;
}

/** A name no other upload uses: `<name>.<purpose>-<random>`, characters GitHub keeps. */
export function scratchName(name: string, purpose: "upload" | "replaced"): string {
  return `${name}.${purpose}-${randomBytes(4).toString("hex")}`;
}

/** True for the names of this module's scratch assets (never listed in SHA256SUMS). */
export function isScratchName(name: string): boolean {
  return /\.(upload|replaced)-[0-9a-f]{8}$/.test(name);
}

class Watchdog {
  readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;

  arm(ms: number, reason: string): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.controller.abort(new Error(reason)), ms);
  }

  disarm(): void {
    clearTimeout(this.timer);
  }
}

/** The body stream: each chunk pulled re-arms the stall timer; the end arms the answer timer. */
function watchedBody(source: AssetSource, hash: ReturnType<typeof createHash>, dog: Watchdog, stallMs: number, answerMs: number): ReadableStream<Uint8Array> {
  let iterator: AsyncIterator<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      dog.arm(stallMs, `the upload stopped moving for ${formatMs(stallMs)}`);
      iterator ??= source.chunks()[Symbol.asyncIterator]();
      const next = await iterator.next();
      if (next.done) {
        dog.arm(answerMs, `GitHub did not answer within ${formatMs(answerMs)} after the last byte`);
        controller.close();
        return;
      }
      const chunk = next.value instanceof Uint8Array ? next.value : new Uint8Array(next.value);
      hash.update(chunk);
      controller.enqueue(chunk);
    },
    async cancel() {
      await iterator?.return?.();
    },
  });
}

type AttemptResult = { ok: true; uploaded: Uploaded } | { ok: false; error: unknown; transient: boolean; waitMs?: number };

async function attempt(
  client: GitHubClient,
  release: ReleaseRef,
  name: string,
  source: AssetSource,
  policy: Required<UploadPolicy>,
): Promise<AttemptResult> {
  const hash = createHash("sha256");
  const dog = new Watchdog();
  const inner = baseFetch();
  // The body is made here, per request: a try the client repeats (a rate-limit wait) reads the source again.
  const uploadFetch = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    dog.arm(policy.stallTimeoutMs, `the upload did not start within ${formatMs(policy.stallTimeoutMs)}`);
    const body = watchedBody(source, hash, dog, policy.stallTimeoutMs, policy.answerTimeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, dog.controller.signal]) : dog.controller.signal;
    // redirect "error": with "follow" (or "manual") Node's fetch keeps every byte of a streamed
    // body in memory to be able to send it again after a 307/308 (measured: a 1 GiB upload held
    // 1.1 GiB); the uploads host answers, it never redirects.
    const request: RequestInit & { duplex: "half" } = { ...init, body, signal, duplex: "half", redirect: "error" };
    return inner(input, request).catch((error: unknown) => {
      const reason: unknown = dog.controller.signal.reason;
      throw dog.controller.signal.aborted && reason instanceof Error ? reason : error;
    });
  };
  try {
    const res = await client.request({
      method: "POST",
      url: release.upload_url,
      name,
      headers: { "content-type": "application/octet-stream", "content-length": String(source.size) },
      data: "",
      request: { fetch: uploadFetch, retries: 0 },
    });
    dog.disarm();
    const asset = assetSchema.parse(res.data);
    const sha256 = hash.digest("hex");
    const stored = asset.digest ?? `sha256:${sha256}`;
    if (asset.size !== source.size || stored !== `sha256:${sha256}`) {
      return {
        ok: false,
        transient: true,
        error: new UserError(
          `GitHub stored ${asset.size} of the ${source.size} bytes${stored !== `sha256:${sha256}` ? `, with digest ${stored} instead of sha256:${sha256}` : ""}.`,
          "Re-run the job; the damaged upload has been removed.",
          ExitCode.failed,
        ),
      };
    }
    return { ok: true, uploaded: { asset, sha256 } };
  } catch (error) {
    dog.disarm();
    const failure = httpFailure(error);
    if (!failure) return { ok: false, transient: true, error };
    const retryAfter = Number(failure.headers["retry-after"]);
    return {
      ok: false,
      error,
      transient: failure.status >= 500 || failure.network !== undefined,
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { waitMs: retryAfter * 1000 } : {}),
    };
  }
}

export interface UploadRequest {
  client: GitHubClient;
  repository: Repository;
  release: ReleaseRef;
  /** The name the asset is for (the upload itself goes under a scratch name). */
  name: string;
  source: AssetSource;
  policy?: UploadPolicy;
}

/** Deletes whatever a failed try left under `name` (a scratch name: no other job uses it). */
async function removeLeftovers(client: GitHubClient, repository: Repository, release: ReleaseRef, name: string): Promise<void> {
  const assets = await listAssets(client, repository, release.id);
  for (const asset of assets.filter((a) => a.name === name)) await deleteAsset(client, repository, asset.id);
}

export async function listAssets(client: GitHubClient, repository: Repository, releaseId: number): Promise<Asset[]> {
  const pages = await client.paginate(client.rest.repos.listReleaseAssets, { ...repository, release_id: releaseId, per_page: 100 });
  return z.array(assetSchema).parse(pages);
}

/** Deletes an asset by id; one already gone (404) counts as deleted. */
export async function deleteAsset(client: GitHubClient, repository: Repository, id: number): Promise<void> {
  try {
    await client.rest.repos.deleteReleaseAsset({ ...repository, asset_id: id });
  } catch (error) {
    if (httpFailure(error)?.status !== 404) throw error;
  }
}

/**
 * Uploads `source` under a fresh scratch name, trying again (with a new name,
 * after removing what the failed try left) on network errors, 5xx, stalls and
 * damaged uploads. Returns the complete scratch asset; the caller swaps it in.
 */
export async function uploadScratchAsset(req: UploadRequest): Promise<Uploaded> {
  const policy: Required<UploadPolicy> = {
    attempts: Math.max(1, Math.floor(req.policy?.attempts ?? 3)),
    retryDelayMs: Math.max(0, req.policy?.retryDelayMs ?? 2000),
    stallTimeoutMs: req.policy?.stallTimeoutMs ?? 60_000,
    answerTimeoutMs: req.policy?.answerTimeoutMs ?? 120_000,
  };
  const action = `upload ${req.name} to release ${req.release.tag_name}`;
  for (let n = 1; ; n++) {
    const name = scratchName(req.name, "upload");
    const result = await attempt(req.client, req.release, name, req.source, policy);
    if (result.ok) return result.uploaded;
    // GitHub keeps a failed upload as an asset in state "starter"; this one has our scratch name.
    const cleaned = await removeLeftovers(req.client, req.repository, req.release, name).then(
      () => true,
      () => false,
    );
    const last = !result.transient || n >= policy.attempts;
    if (last) {
      const network = httpFailure(result.error)?.network;
      const explained = network === undefined ? explainFailure(result.error, { action, repository: req.repository }) : result.error;
      const base =
        explained instanceof UserError
          ? explained
          : new UserError(
              `The upload of ${req.name} to release ${req.release.tag_name} broke off (${network ?? causeOf(result.error)})${n > 1 ? `, on all ${n} tries` : ""}.`,
              "Re-run the job; nothing on the release was changed.",
              ExitCode.failed,
            );
      if (!cleaned) {
        throw new UserError(base.problem, `Delete the incomplete asset '${name}' from the release, then re-run the job.`, base.exitCode);
      }
      throw base;
    }
    await sleep(Math.max(policy.retryDelayMs * 2 ** (n - 1), result.waitMs ?? 0));
  }
}
