// What a failed REST call means to the user: one UserError naming the problem
// and the fix (token, permission, repository, input, rate limit, outage).
import { z } from "zod";
import { ExitCode, UserError } from "../core/errors.js";

export interface Repository {
  owner: string;
  repo: string;
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

const errorBodySchema = z.looseObject({
  message: z.string().optional(),
  errors: z
    .array(z.union([z.string(), z.looseObject({ resource: z.string().optional(), code: z.string().optional(), field: z.string().optional(), message: z.string().optional() })]))
    .optional(),
});
export type GitHubErrorBody = z.infer<typeof errorBodySchema>;

/** A failed Octokit request (RequestError), as far as this code reads it. */
const requestErrorSchema = z.looseObject({
  status: z.number().int(),
  message: z.string(),
  response: z
    .looseObject({
      headers: z.record(z.string(), z.union([z.string(), z.number(), z.undefined()])).optional(),
      data: z.unknown().optional(),
    })
    .optional(),
});

export interface HttpFailure {
  status: number;
  body: GitHubErrorBody;
  headers: Record<string, string>;
  /** What the network said, for a request that got no answer (Octokit reports those as 500). */
  network?: string;
}

/** The status, body and headers of an Octokit RequestError; undefined for anything else. */
export function httpFailure(error: unknown): HttpFailure | undefined {
  const parsed = requestErrorSchema.safeParse(error);
  if (!parsed.success) return undefined;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(parsed.data.response?.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = String(value);
  }
  const data = parsed.data.response?.data;
  const body = errorBodySchema.safeParse(data);
  if (!parsed.data.response) {
    return { status: parsed.data.status, body: {}, headers, network: causeOf(error) };
  }
  return { status: parsed.data.status, body: body.success ? body.data : { message: typeof data === "string" ? data.slice(0, 300) : parsed.data.message }, headers };
}

/** The most telling message of an error (fetch hides the network error in `cause`). */
export function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  let deepest: Error = error;
  while (deepest.cause instanceof Error) deepest = deepest.cause;
  return deepest === error ? error.message : `${error.message}: ${deepest.message}`;
}

/** True when GitHub answered `code` for `field` (e.g. already_exists for name). */
export function hasErrorCode(failure: HttpFailure | undefined, code: string): boolean {
  return (failure?.body.errors ?? []).some((e) => typeof e === "object" && e.code === code);
}

function summarize(body: GitHubErrorBody): string {
  const details = (body.errors ?? []).map((e) =>
    typeof e === "string" ? e : e.message ?? [e.resource, e.field, e.code].filter(Boolean).join(" "),
  );
  return [body.message, ...details].filter(Boolean).join("; ");
}

/** A rate limit by GitHub's headers (retry-after, or x-ratelimit-remaining 0), or any 429, or a 403 that says so. */
export function isRateLimit(f: HttpFailure): boolean {
  if (f.status === 429) return true;
  return f.status === 403 && (f.headers["retry-after"] !== undefined || f.headers["x-ratelimit-remaining"] === "0" || /rate limit/i.test(f.body.message ?? ""));
}

export interface FailureContext {
  /** What was being done, as a verb phrase: "create the release v1". */
  action: string;
  repository: Repository;
  /** The fix to give on 422 (validation failed). */
  onValidation?: string;
}

/**
 * The UserError for a failed REST call: the fix for what a user can change
 * (token, permissions, repository, input), else for a GitHub outage. Errors
 * that are not REST failures pass through unchanged.
 */
export function explainFailure(error: unknown, ctx: FailureContext): unknown {
  if (error instanceof UserError) return error;
  const failure = httpFailure(error);
  if (!failure) return error;
  return failureError(failure, ctx);
}

export function failureError(f: HttpFailure, ctx: FailureContext): UserError {
  const repo = repoName(ctx.repository);
  if (f.network !== undefined) {
    return new UserError(
      `Could not reach GitHub to ${ctx.action} (${f.network}), also after retrying.`,
      "Check the runner's network, proxy and GITHUB_API_URL, then re-run the job.",
      ExitCode.environment,
    );
  }
  const said = summarize(f.body);
  const answer = `${f.status}${said ? ` ${said}` : ""}`;
  if (isRateLimit(f)) {
    const reset = Number(f.headers["x-ratelimit-reset"]);
    const retryAfter = f.headers["retry-after"];
    const exhausted = f.headers["x-ratelimit-remaining"] === "0" && Number.isFinite(reset) && reset > 0;
    const when = exhausted ? `after ${new Date(reset * 1000).toISOString()}` : retryAfter ? `in ${retryAfter} s` : "later";
    return new UserError(
      `GitHub's API rate limit stopped the attempt to ${ctx.action} (${answer}); the action waits out a limit of up to 10 minutes, a few times, and this one was longer or kept coming back.`,
      `Re-run the job ${when}, or use a token with a higher limit.`,
      ExitCode.environment,
    );
  }
  switch (f.status) {
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
        `GitHub found no repository ${repo} (or no such release or asset) when trying to ${ctx.action}, or the token cannot see it (${answer}).`,
        "Check the repository name and that the token belongs to it: the default github.token reaches only the workflow's own repository.",
        ExitCode.environment,
      );
    case 422:
      if (/immutable release/i.test(said)) {
        return new UserError(
          `GitHub refused to ${ctx.action} in ${repo} (${answer}): the release was published while the repository has immutable releases enabled, so its assets are locked.`,
          "Publish the images under a new tag and let the action create that release (it is published only when every asset is on it); in a matrix, give the build jobs draft: true and publish with a last job (mode: publish).",
          ExitCode.usage,
        );
      }
      return new UserError(
        `GitHub refused to ${ctx.action} in ${repo} (${answer}).`,
        ctx.onValidation ?? "Check the values given to the action against GitHub's rules.",
        ExitCode.usage,
      );
    default:
      if (f.status >= 500) {
        return new UserError(
          `GitHub failed when trying to ${ctx.action} (${answer}), also after retrying.`,
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
