// The REST client: Octokit as @actions/github builds it (proxy-aware fetch,
// the runner's user agent), with the retry plugin for 5xx and network errors,
// the throttling plugin for rate limits (it waits for `retry-after` /
// `x-ratelimit-reset`), and a timeout on every request.
//
// Rate limits are told by their headers, as GitHub documents them: a 403 or
// 429 with `retry-after`, or with `x-ratelimit-remaining: 0` and
// `x-ratelimit-reset`, is waited out (up to maxRateLimitWaitSeconds) and
// retried. The throttling plugin does the reset case, and the retry-after case
// only when the message says "secondary rate"; the one small wrap hook below
// does the rest (a bare "Too Many Requests" with retry-after, say).
import { setTimeout as sleep } from "node:timers/promises";
import { defaults, GitHub, getOctokitOptions } from "@actions/github/lib/utils";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import Bottleneck from "bottleneck";

export const GITHUB_API_VERSION = "2022-11-28";
export const DEFAULT_GITHUB_API_URL = "https://api.github.com";

/** How the client waits and gives up; every value can be made small for tests. */
export interface ClientPolicy {
  /** A request with no complete answer after this long fails (and is retried); default 30 s. */
  timeoutMs?: number;
  /** Retries after a 5xx, a network error or a timeout; default 3. */
  retries?: number;
  /** The retry plugin waits (n+1)² × this; default 1000 ms. */
  retryBaseMs?: number;
  /** One second of `retry-after` / `x-ratelimit-reset` is waited as this many ms; default 1000 (tests shrink it). */
  rateLimitSecondMs?: number;
  /** The longest rate-limit wait taken before giving up; default 600 s. */
  maxRateLimitWaitSeconds?: number;
  /** Rate-limit retries per request; default 3. */
  rateLimitRetries?: number;
  /** Spacing of content-creating requests (GitHub asks for about a second); default 1000 ms. */
  writeSpacingMs?: number;
}

export interface ClientOptions extends ClientPolicy {
  token: string;
  /** e.g. https://api.github.com, no trailing slash. */
  apiUrl: string;
  /** Told about each rate-limit wait (the action logs it). */
  onWait?: (message: string) => void;
}

type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** The API base: GITHUB_API_URL on a runner (GHES has its own), else api.github.com. */
export function apiBaseUrl(explicit?: string): string {
  return (explicit || process.env.GITHUB_API_URL || DEFAULT_GITHUB_API_URL).replace(/\/+$/, "");
}

/** The fetch @actions/github uses (it honours the runner's proxy settings), else the global one. */
export function baseFetch(): Fetch {
  const configured = defaults.request?.fetch as Fetch | undefined;
  return configured ?? ((input, init) => fetch(input, init));
}

/** A fetch that gives up when the whole answer has not arrived within `timeoutMs`. */
export function fetchWithTimeout(timeoutMs: number, inner: Fetch = baseFetch()): Fetch {
  return async (input, init = {}) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      const res = await inner(input, { ...init, signal });
      // Read the body under the same deadline, so a stalled body also ends.
      const body = await res.arrayBuffer();
      return new Response(res.status === 204 || res.status === 205 || res.status === 304 ? null : body, {
        status: res.status,
        statusText: res.statusText,
        headers: res.headers,
      });
    } catch (error) {
      if (timeout.aborted) throw new Error(`no answer within ${formatMs(timeoutMs)}`, { cause: error });
      throw error;
    }
  };
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

const RetryingGitHub = GitHub.plugin(retry, throttling);
export type GitHubClient = InstanceType<typeof RetryingGitHub>;

/** What the throttling plugin recognizes itself (plugin-throttling 11: the message, or remaining 0). */
function throttlingHandles(message: string, headers: Record<string, unknown>): boolean {
  return /\bsecondary rate\b/i.test(message) || String(headers["x-ratelimit-remaining"]) === "0";
}

/**
 * The seconds of `retry-after` of a 403/429 the throttling plugin let through
 * (it decides by the message's wording, not the header); undefined otherwise.
 */
export function unhandledRetryAfter(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const { status, message, response } = error as { status?: unknown; message?: unknown; response?: { headers?: Record<string, unknown> } };
  if (status !== 403 && status !== 429) return undefined;
  const headers = response?.headers ?? {};
  if (throttlingHandles(typeof message === "string" ? message : "", headers)) return undefined;
  const value = headers["retry-after"];
  if (value === undefined || value === null || String(value).trim() === "") return undefined;
  const text = String(value).trim();
  // Seconds, or an HTTP date (RFC 9110 allows both).
  const seconds = /^\d+$/.test(text) ? Number(text) : Math.ceil((Date.parse(text) - Date.now()) / 1000);
  return Number.isFinite(seconds) ? Math.max(seconds, 0) : undefined;
}

/** Octokit for the REST API, with retries, rate-limit waits and timeouts. */
export function createGitHubClient(options: ClientOptions): GitHubClient {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const rateLimitRetries = options.rateLimitRetries ?? 3;
  const maxWait = options.maxRateLimitWaitSeconds ?? 600;
  const secondMs = options.rateLimitSecondMs ?? 1000;
  const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number): boolean => {
    const waiting = retryCount < rateLimitRetries && retryAfter <= maxWait;
    options.onWait?.(
      waiting
        ? `GitHub's ${kind} rate limit: waiting ${retryAfter} s before retrying ${request.method} ${request.url}.`
        : `GitHub's ${kind} rate limit: not waiting ${retryAfter} s for ${request.method} ${request.url}.`,
    );
    return waiting;
  };
  const octokitOptions = getOctokitOptions(options.token, {
    baseUrl: options.apiUrl,
    userAgent: "nixos-generators-action",
    request: { fetch: fetchWithTimeout(timeoutMs) },
    // 429s are rate limits (GitHub documents no other kind): the throttling plugin waits for them.
    retry: {
      retries: options.retries ?? 3,
      retryAfterBaseValue: options.retryBaseMs ?? 1000,
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
    },
    throttle: {
      // A group per client: the plugin's defaults are shared by every client in the process.
      id: `nixos-generators-${Math.random().toString(36).slice(2)}`,
      retryAfterBaseValue: secondMs,
      fallbackSecondaryRateRetryAfter: 60,
      write: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.writeSpacingMs ?? 1000 }),
      onRateLimit: onLimit("primary"),
      onSecondaryRateLimit: onLimit("secondary"),
    },
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
  const client = new RetryingGitHub(octokitOptions);
  // Written by hand because the throttling plugin cannot be configured to read
  // retry-after from a 403/429 whose message lacks "secondary rate" (its
  // check is on error.message); this hook is outermost, so it sees only what
  // the plugins gave up on or did not recognize, and the retry goes through them again.
  const onBareLimit = onLimit("secondary");
  client.hook.wrap("request", async (request, requestOptions) => {
    for (let retryCount = 0; ; retryCount++) {
      try {
        return await request(requestOptions);
      } catch (error) {
        const seconds = unhandledRetryAfter(error);
        if (seconds === undefined || !onBareLimit(seconds, { method: requestOptions.method, url: requestOptions.url }, client, retryCount)) throw error;
        await sleep(seconds * secondMs);
      }
    }
  });
  // GitHub's documented headers (Octokit's defaults are the older v3 media type and no API version).
  client.hook.before("request", (request) => {
    if (request.headers.accept === "application/vnd.github.v3+json") request.headers.accept = "application/vnd.github+json";
    request.headers["x-github-api-version"] = GITHUB_API_VERSION;
  });
  return client;
}
