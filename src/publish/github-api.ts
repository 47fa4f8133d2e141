// GitHub's REST API over fetch: the documented headers, error bodies turned
// into messages a user can act on, and Link-header pagination.
import { ExitCode, UserError } from "../core/errors.js";

export const GITHUB_API_VERSION = "2022-11-28";
export const DEFAULT_GITHUB_API_URL = "https://api.github.com";

export interface Repository {
  owner: string;
  repo: string;
}

export interface ApiContext {
  token: string;
  /** e.g. https://api.github.com, no trailing slash. */
  apiUrl: string;
  repository: Repository;
}

/** "owner/repo" (as in GITHUB_REPOSITORY) into its parts. */
export function parseRepository(value: string | undefined): Repository {
  const match = /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+)$/.exec(value?.trim() ?? "");
  if (!match || match[2] === "." || match[2] === "..") {
    throw new UserError(
      value
        ? `'${value}' is not a repository in the form owner/name.`
        : "No repository to publish the release in: GITHUB_REPOSITORY is not set.",
      "Run inside a GitHub Actions job (which sets GITHUB_REPOSITORY), or name the repository as owner/name.",
      ExitCode.usage,
    );
  }
  return { owner: match[1] as string, repo: match[2] as string };
}

export function repoName(r: Repository): string {
  return `${r.owner}/${r.repo}`;
}

/** The API base: GITHUB_API_URL on a runner (GHES has its own), else api.github.com. */
export function apiBaseUrl(explicit?: string): string {
  return (explicit || process.env.GITHUB_API_URL || DEFAULT_GITHUB_API_URL).replace(/\/+$/, "");
}

export function githubHeaders(token: string): Record<string, string> {
  return {
    Authorization: `Bearer ${token}`,
    Accept: "application/vnd.github+json",
    "X-GitHub-Api-Version": GITHUB_API_VERSION,
    "User-Agent": "nixos-generators-action",
  };
}

export interface GitHubErrorBody {
  message?: string;
  errors?: Array<{ resource?: string; code?: string; field?: string; message?: string } | string>;
  documentation_url?: string;
}

/** The error body GitHub sends (JSON with message/errors), or the text. */
export async function readErrorBody(res: Response): Promise<GitHubErrorBody> {
  const text = await res.text().catch(() => "");
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object") return parsed as GitHubErrorBody;
  } catch {
    // not JSON
  }
  return { message: text.trim().slice(0, 300) || res.statusText };
}

function summarize(body: GitHubErrorBody): string {
  const details = (body.errors ?? []).map((e) =>
    typeof e === "string" ? e : e.message ?? [e.resource, e.field, e.code].filter(Boolean).join(" "),
  );
  return [body.message, ...details].filter(Boolean).join("; ");
}

/** True when GitHub says the error is a rate limit rather than a permission. */
function isRateLimit(status: number, body: GitHubErrorBody, headers: Headers): boolean {
  return status === 429 || headers.get("x-ratelimit-remaining") === "0" || /rate limit/i.test(body.message ?? "");
}

export interface FailureContext {
  /** What was being done, as a verb phrase: "create the release v1". */
  action: string;
  repository: Repository;
  /** The fix to give on 422 (validation failed). */
  onValidation?: string;
}

/**
 * The error for a failed API call: a UserError naming the fix for what a user
 * can change (token, permissions, repository, input), else for a GitHub outage.
 */
export function apiFailure(status: number, body: GitHubErrorBody, headers: Headers, ctx: FailureContext): UserError {
  const repo = repoName(ctx.repository);
  const said = summarize(body);
  const answer = `${status}${said ? ` ${said}` : ""}`;
  if (isRateLimit(status, body, headers)) {
    const reset = Number(headers.get("x-ratelimit-reset"));
    const retryAfter = headers.get("retry-after");
    const when = Number.isFinite(reset) && reset > 0
      ? `after ${new Date(reset * 1000).toISOString()}`
      : retryAfter ? `in ${retryAfter} s` : "later";
    return new UserError(
      `GitHub's API rate limit stopped the attempt to ${ctx.action} (${answer}).`,
      `Re-run the job ${when}, or use a token with a higher limit.`,
      ExitCode.environment,
    );
  }
  switch (status) {
    case 401:
      return new UserError(
        `GitHub did not accept the token when trying to ${ctx.action} (${answer}).`,
        "Pass a valid token as the github-token input; the default `${{ github.token }}` works for the workflow's own repository.",
        ExitCode.environment,
      );
    case 403:
      return new UserError(
        `The token is not allowed to ${ctx.action} in ${repo} (${answer}).`,
        "Give the job write access to releases: add `permissions: contents: write` to the job (or the workflow) that runs this action.",
        ExitCode.environment,
      );
    case 404:
      return new UserError(
        `GitHub found no repository ${repo} when trying to ${ctx.action}, or the token cannot see it (${answer}).`,
        "Check the repository name and that the token belongs to it: the default github.token reaches only the workflow's own repository.",
        ExitCode.environment,
      );
    case 422:
      return new UserError(
        `GitHub refused to ${ctx.action} in ${repo} (${answer}).`,
        ctx.onValidation ?? "Check the values given to the action against GitHub's rules.",
        ExitCode.usage,
      );
    default:
      if (status >= 500) {
        return new UserError(
          `GitHub failed when trying to ${ctx.action} (${answer}).`,
          "The fault is on GitHub's side: re-run the job (https://www.githubstatus.com shows outages).",
          ExitCode.failed,
        );
      }
      return new UserError(
        `GitHub answered ${answer} when trying to ${ctx.action} in ${repo}.`,
        "Re-run the job; if it keeps failing, report it with this message.",
        ExitCode.failed,
      );
  }
}

/** A fetch that turns "could not connect" into a UserError naming the URL. */
export async function fetchOrExplain(url: string, init: RequestInit, action: string): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    throw unreachable(url, action, error);
  }
}

/** The most telling message of an error (fetch hides the network error in `cause`). */
export function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? error.cause.message : error.message;
}

export function unreachable(url: string, action: string, error: unknown): UserError {
  return new UserError(
    `Could not reach ${new URL(url).origin} to ${action} (${causeOf(error)}).`,
    "Check the runner's network and GITHUB_API_URL, then re-run.",
    ExitCode.environment,
  );
}

/** The rel="next" URL of a Link header, if any. */
export function nextPageUrl(link: string | null): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (match && match[2]?.split(/\s+/).includes("next")) return match[1];
  }
  return undefined;
}
