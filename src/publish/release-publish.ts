// mode: publish — the last job of a matrix: find the draft the build jobs
// filled for the tag, check it against the plan (an asset, or every part, for
// each planned image; SHA256SUMS; every digest the one SHA256SUMS lists) and
// publish it, or refuse with one error listing everything missing or wrong,
// leaving it a draft. Also the check a build run makes before it builds: a
// published immutable release takes no assets.
import { ExitCode, UserError } from "../core/errors.js";
import { apiBaseUrl, createGitHubClient, type ClientPolicy, type GitHubClient } from "./github-client.js";
import { explainFailure, parseRepository, repoName, type Repository } from "./github-errors.js";
import { checkReleaseContents, type PlannedImage } from "./release-check.js";
import type { ReleaseImage } from "./release-manifest.js";
import { syncReassemblyNotes } from "./release-notes.js";
import { currentRelease, immutableReleaseError, publishDraft, publishedByTag, type MakeLatest } from "./release-target.js";

export interface ReleaseAccess extends ClientPolicy {
  token: string;
  tag: string;
  /** owner/name; default GITHUB_REPOSITORY. */
  repository?: string;
  apiUrl?: string;
  onNote?: (message: string) => void;
}

function connect(o: ReleaseAccess): { client: GitHubClient; repository: Repository } {
  if (!o.token) {
    throw new UserError(
      "Publishing a release needs a GitHub token, and none was given.",
      "Pass `github-token: ${{ github.token }}` (the default) and `permissions: contents: write` to the job.",
      ExitCode.usage,
    );
  }
  const repository = parseRepository(o.repository ?? process.env.GITHUB_REPOSITORY);
  return { client: createGitHubClient({ ...o, apiUrl: apiBaseUrl(o.apiUrl), ...(o.onNote ? { onWait: o.onNote } : {}) }), repository };
}

/**
 * Refuses, before anything is built, a tag whose release is published and
 * immutable (no asset can be added to it); any other state is fine.
 */
export async function checkReleaseTakesAssets(o: ReleaseAccess): Promise<void> {
  const { client, repository } = connect(o);
  const published = await publishedByTag(client, repository, o.tag);
  if (published?.immutable) throw immutableReleaseError(published, repository);
}

export interface PublishPlanOptions extends ReleaseAccess {
  planned: readonly PlannedImage[];
  prerelease?: boolean;
  makeLatest?: MakeLatest;
}

export interface PublishedPlan {
  id: number;
  url: string;
  tag: string;
  /** It was published before this run (a re-run of the publish job): nothing was changed. */
  alreadyPublished: boolean;
  immutable: boolean;
  /** The manifest entry of each planned image, in plan order. */
  images: ReleaseImage[];
}

const label = (p: PlannedImage): string => `${p.format} (${p.system})`;

export async function publishPlannedRelease(o: PublishPlanOptions): Promise<PublishedPlan> {
  const { client, repository } = connect(o);
  const tag = o.tag;
  const where = `release ${tag} in ${repoName(repository)}`;
  try {
    const release = await currentRelease(client, repository, tag);
    if (!release) {
      throw new UserError(
        `There is no draft for tag ${tag} in ${repoName(repository)} to publish: no build job has uploaded to it (planned: ${o.planned.map(label).join(", ")}).`,
        "Run this job after the build jobs (needs: the matrix job), with the same formats, system and release-tag; the build jobs need upload: release and draft: true.",
        ExitCode.verify,
      );
    }
    const contents = await checkReleaseContents(client, repository, release.id, o.planned);
    if (contents.problems.length > 0) {
      const state = release.draft ? "The draft was not published and stays a draft." : "It is published already.";
      throw new UserError(
        `The ${release.draft ? "draft " : ""}${where} does not hold every planned image as SHA256SUMS lists it (${contents.problems.length} problem${contents.problems.length === 1 ? "" : "s"}): ${contents.problems.join(" ")} ${state}`,
        release.draft
          ? "Re-run the build jobs whose images are missing or wrong (same release-tag, draft: true), then re-run this job."
          : release.immutable
            ? "An immutable release cannot take assets: publish under a new tag."
            : "Re-run the build jobs whose images are missing or wrong; they add them to the published release.",
        ExitCode.verify,
      );
    }
    if (!release.draft) {
      o.onNote?.(`release ${tag} is published already, with every planned image: nothing to do`);
      return { id: release.id, url: release.html_url, tag, alreadyPublished: true, immutable: release.immutable ?? false, images: contents.images };
    }
    await syncReassemblyNotes(client, repository, release.id, tag);
    const published = await publishDraft(client, repository, release, {
      ...(o.prerelease !== undefined ? { prerelease: o.prerelease } : {}),
      ...(o.makeLatest ? { makeLatest: o.makeLatest } : {}),
    });
    return { id: published.id, url: published.html_url, tag, alreadyPublished: false, immutable: published.immutable ?? false, images: contents.images };
  } catch (error) {
    throw explainFailure(error, { action: `publish the ${where}`, repository });
  }
}
