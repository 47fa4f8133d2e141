// The release of a tag: the published one, else a draft for the tag (drafts
// are invisible to the by-tag lookup), else a new one. Matrix jobs that all
// create a draft at once settle on the oldest draft; the others delete their own.
import { z } from "zod";
import { ExitCode, UserError } from "../core/errors.js";
import type { GitHubClient } from "./github-client.js";
import { explainFailure, hasErrorCode, httpFailure, repoName, type Repository } from "./github-errors.js";

export const releaseSchema = z.object({
  id: z.number().int(),
  tag_name: z.string(),
  html_url: z.string(),
  upload_url: z.string(),
  draft: z.boolean(),
  prerelease: z.boolean(),
  name: z.string().nullable(),
});
export type Release = z.infer<typeof releaseSchema>;

export const MAKE_LATEST = ["true", "false", "legacy"] as const;
export type MakeLatest = (typeof MAKE_LATEST)[number];

export interface NewReleaseOptions {
  /** Title; default the tag. */
  name?: string;
  /** Text of the release; with generateNotes it goes before the generated notes. */
  body?: string;
  /** Let GitHub write the notes (changes since the previous release). */
  generateNotes?: boolean;
  draft?: boolean;
  prerelease?: boolean;
  /** GitHub's make_latest; default "true" (GitHub's). Not sent for drafts. */
  makeLatest?: MakeLatest;
  /** The commit a new tag points at. */
  targetCommitish?: string;
}

export interface ReleaseTarget {
  release: Release;
  /** True when this call created it. */
  created: boolean;
}

const TAG_FIX =
  "Use a tag name git accepts (no spaces, '..', '~', '^', ':', '?', '*', '[', '\\', and not starting with '-'), or create the tag first.";

async function publishedByTag(client: GitHubClient, repository: Repository, tag: string): Promise<Release | undefined> {
  try {
    const res = await client.rest.repos.getReleaseByTag({ ...repository, tag });
    return releaseSchema.parse(res.data);
  } catch (error) {
    if (httpFailure(error)?.status === 404) return undefined;
    throw explainFailure(error, { action: `look up the release for tag ${tag}`, repository });
  }
}

/** Drafts for the tag, oldest first (only a token with push access sees drafts). */
async function draftsFor(client: GitHubClient, repository: Repository, tag: string): Promise<Release[]> {
  try {
    const all = await client.paginate(client.rest.repos.listReleases, { ...repository, per_page: 100 });
    return z
      .array(releaseSchema)
      .parse(all)
      .filter((r) => r.draft && r.tag_name === tag)
      .sort((a, b) => a.id - b.id);
  } catch (error) {
    throw explainFailure(error, { action: `list the releases to find a draft for tag ${tag}`, repository });
  }
}

async function create(client: GitHubClient, repository: Repository, tag: string, o: NewReleaseOptions): Promise<Release | undefined> {
  const draft = o.draft ?? false;
  try {
    const res = await client.rest.repos.createRelease({
      ...repository,
      tag_name: tag,
      name: o.name ?? tag,
      ...(o.body ? { body: o.body } : {}),
      ...(o.generateNotes ? { generate_release_notes: true } : {}),
      draft,
      prerelease: o.prerelease ?? false,
      ...(!draft && o.makeLatest ? { make_latest: o.makeLatest } : {}),
      ...(o.targetCommitish ? { target_commitish: o.targetCommitish } : {}),
    });
    return releaseSchema.parse(res.data);
  } catch (error) {
    // A published release for the tag appeared since the lookup (another matrix job).
    if (hasErrorCode(httpFailure(error), "already_exists")) return undefined;
    throw explainFailure(error, { action: `create the release ${tag}`, repository, onValidation: TAG_FIX });
  }
}

/** The release to upload to; never changes an existing release (its title, draft state, notes). */
export async function findOrCreateRelease(client: GitHubClient, repository: Repository, tag: string, o: NewReleaseOptions): Promise<ReleaseTarget> {
  const published = await publishedByTag(client, repository, tag);
  if (published) return { release: published, created: false };
  const [draft] = await draftsFor(client, repository, tag);
  if (draft) return { release: draft, created: false };

  const made = await create(client, repository, tag, o);
  if (!made) {
    const raced = await publishedByTag(client, repository, tag);
    if (raced) return { release: raced, created: false };
    throw new UserError(
      `GitHub says a release for tag ${tag} exists in ${repoName(repository)}, but does not show it to this token.`,
      "Check that the token has `contents: write` (drafts are shown only to tokens that may push), then re-run.",
      ExitCode.environment,
    );
  }
  if (!made.draft) return { release: made, created: true };
  // GitHub allows several drafts for one tag: jobs that created theirs at the same time use the oldest.
  const [oldest] = await draftsFor(client, repository, tag);
  if (!oldest || oldest.id === made.id) return { release: made, created: true };
  try {
    await client.rest.repos.deleteRelease({ ...repository, release_id: made.id });
  } catch (error) {
    if (httpFailure(error)?.status !== 404) throw explainFailure(error, { action: `delete the duplicate draft release ${tag}`, repository });
  }
  return { release: oldest, created: false };
}
