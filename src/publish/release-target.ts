// The release of a tag: the published one, else a draft for the tag (drafts
// are invisible to the by-tag lookup), else a new one — always made as a
// draft, so that it gets every asset before it is published (a repository
// with immutable releases locks a release's assets when it is published).
// Matrix jobs that all create a draft at once settle on the oldest draft; the
// others delete their own. A published immutable release takes no assets.
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
  body: z.string().nullish(),
  /** GitHub's immutable releases (2025); absent on servers without them. */
  immutable: z.boolean().optional(),
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
  prerelease?: boolean;
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

export async function publishedByTag(client: GitHubClient, repository: Repository, tag: string): Promise<Release | undefined> {
  try {
    const res = await client.rest.repos.getReleaseByTag({ ...repository, tag });
    return releaseSchema.parse(res.data);
  } catch (error) {
    if (httpFailure(error)?.status === 404) return undefined;
    throw explainFailure(error, { action: `look up the release for tag ${tag}`, repository });
  }
}

/** Drafts for the tag, oldest first (only a token with push access sees drafts). */
export async function draftsFor(client: GitHubClient, repository: Repository, tag: string): Promise<Release[]> {
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

/** GitHub's answer when a tag belonged to an immutable release (it stays taken after that release is deleted). */
function tagUsedByImmutable(error: unknown): boolean {
  return (httpFailure(error)?.body.errors ?? []).some((e) => typeof e === "object" && e.field === "tag_name" && /immutable release/i.test(e.message ?? ""));
}

function immutableTagError(tag: string, repository: Repository): UserError {
  return new UserError(
    `The tag ${tag} in ${repoName(repository)} was used by an immutable release: GitHub never gives it to another release, also after that release was deleted.`,
    "Publish the images under a new tag (release-tag:, or push a new tag).",
    ExitCode.usage,
  );
}

/** The one error for a published immutable release asked to take assets: before anything is built. */
export function immutableReleaseError(release: Release, repository: Repository): UserError {
  return new UserError(
    `The release ${release.tag_name} in ${repoName(repository)} is published and immutable: GitHub lets no asset be added to it or replaced.`,
    "Publish the images under a new tag (release-tag:) and let the action create that release: it makes a draft, uploads every image and SHA256SUMS, and publishes it complete. Do not create the release before the action runs (or create it as a draft).",
    ExitCode.usage,
  );
}

async function create(client: GitHubClient, repository: Repository, tag: string, o: NewReleaseOptions): Promise<Release | undefined> {
  try {
    const res = await client.rest.repos.createRelease({
      ...repository,
      tag_name: tag,
      name: o.name ?? tag,
      ...(o.body ? { body: o.body } : {}),
      ...(o.generateNotes ? { generate_release_notes: true } : {}),
      draft: true,
      prerelease: o.prerelease ?? false,
      ...(o.targetCommitish ? { target_commitish: o.targetCommitish } : {}),
    });
    return releaseSchema.parse(res.data);
  } catch (error) {
    // A published release for the tag appeared since the lookup (another matrix job).
    if (hasErrorCode(httpFailure(error), "already_exists")) return undefined;
    if (tagUsedByImmutable(error)) throw immutableTagError(tag, repository);
    throw explainFailure(error, { action: `create the release ${tag}`, repository, onValidation: TAG_FIX });
  }
}

export interface PublishOptions {
  prerelease?: boolean;
  /** GitHub's make_latest; default "true" (GitHub's). */
  makeLatest?: MakeLatest;
}

/** Publishes a draft (PATCH draft: false): the tag is made then, at the draft's target commit. */
export async function publishDraft(client: GitHubClient, repository: Repository, release: Release, o: PublishOptions): Promise<Release> {
  try {
    const res = await client.rest.repos.updateRelease({
      ...repository,
      release_id: release.id,
      draft: false,
      ...(o.prerelease !== undefined ? { prerelease: o.prerelease } : {}),
      ...(o.makeLatest ? { make_latest: o.makeLatest } : {}),
    });
    return releaseSchema.parse(res.data);
  } catch (error) {
    if (tagUsedByImmutable(error)) throw immutableTagError(release.tag_name, repository);
    throw explainFailure(error, { action: `publish the draft release ${release.tag_name}`, repository, onValidation: TAG_FIX });
  }
}

/** Sets a release's notes (title, tag and assets unchanged; immutable releases allow it too). */
export async function setReleaseBody(client: GitHubClient, repository: Repository, release: Release, body: string): Promise<Release> {
  try {
    const res = await client.rest.repos.updateRelease({ ...repository, release_id: release.id, body });
    return releaseSchema.parse(res.data);
  } catch (error) {
    throw explainFailure(error, { action: `update the notes of release ${release.tag_name}`, repository });
  }
}

/** The release for `tag` as it is: the published one, else the oldest draft, else none. */
export async function currentRelease(client: GitHubClient, repository: Repository, tag: string): Promise<Release | undefined> {
  return (await publishedByTag(client, repository, tag)) ?? (await draftsFor(client, repository, tag))[0];
}

/** The release to upload to; never changes an existing release (its title, draft state, notes). */
export async function findOrCreateRelease(client: GitHubClient, repository: Repository, tag: string, o: NewReleaseOptions): Promise<ReleaseTarget> {
  const published = await publishedByTag(client, repository, tag);
  if (published?.immutable) throw immutableReleaseError(published, repository);
  if (published) return { release: published, created: false };
  const [draft] = await draftsFor(client, repository, tag);
  if (draft) return { release: draft, created: false };

  const made = await create(client, repository, tag, o);
  if (!made) {
    const raced = await publishedByTag(client, repository, tag);
    if (raced?.immutable) throw immutableReleaseError(raced, repository);
    if (raced) return { release: raced, created: false };
    throw new UserError(
      `GitHub says a release for tag ${tag} exists in ${repoName(repository)}, but does not show it to this token.`,
      "Check that the token has `contents: write` (drafts are shown only to tokens that may push), then re-run.",
      ExitCode.environment,
    );
  }
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
