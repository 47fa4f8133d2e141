// Everything a job's environment on a GitHub runner talks to, on 127.0.0.1:
// Azurite (blob storage), the results service (artifacts and cache, Twirp)
// and the REST API for releases, with the environment the runner gives an action.
//
//   const servers = await startGitHubTestServers();
//   Object.assign(process.env, servers.env);   // or spawn `node dist/index.js` with it
//   ... servers.results.artifacts, servers.github.releases ...
//   await servers.stop();
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomInt } from "node:crypto";
import { startAzurite, type Azurite, type AzuriteOptions } from "./azurite.js";
import { startGitHubRestStub, type GitHubRestOptions, type GitHubRestStub } from "./github-rest.js";
import { startResultsService, type ResultsService, type ResultsServiceOptions } from "./results-service.js";

export interface GitHubTestServersOptions {
  azurite?: AzuriteOptions;
  results?: ResultsServiceOptions;
  github?: GitHubRestOptions;
}

export interface GitHubTestServers {
  /**
   * The variables a runner sets for an action's step: ACTIONS_RUNTIME_TOKEN,
   * ACTIONS_RESULTS_URL, ACTIONS_CACHE_SERVICE_V2, GITHUB_REPOSITORY,
   * GITHUB_API_URL, GITHUB_SERVER_URL, GITHUB_RUN_ID, GITHUB_WORKSPACE, RUNNER_TEMP, …
   * (no token for the REST API: pass `tokens.write` as the action's github-token).
   */
  env: Record<string, string>;
  /** REST API tokens: contents write / contents read. */
  tokens: { write: string; read: string };
  /** The repository the env names (it exists in the REST stub). */
  repository: string;
  /** Temporary GITHUB_WORKSPACE and RUNNER_TEMP, removed by stop(). */
  workspace: string;
  runnerTemp: string;
  azurite: Azurite;
  results: ResultsService;
  github: GitHubRestStub;
  stop(): Promise<void>;
}

export async function startGitHubTestServers(options: GitHubTestServersOptions = {}): Promise<GitHubTestServers> {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    stops.length = 0;
  };
  try {
    const root = await mkdtemp(join(tmpdir(), "gh-runner-"));
    stops.push(() => rm(root, { recursive: true, force: true }));
    const workspace = join(root, "workspace");
    const runnerTemp = join(root, "temp");
    await mkdir(workspace);
    await mkdir(runnerTemp);

    const azurite = await startAzurite(options.azurite);
    stops.push(() => azurite.stop());
    const results = await startResultsService(azurite, options.results);
    stops.push(() => results.stop());
    const github = await startGitHubRestStub(options.github);
    stops.push(() => github.stop());

    const repository = github.repositories[0] ?? "octo-org/nixos-images";
    const runId = String(randomInt(1_000_000_000, 9_000_000_000));
    const env: Record<string, string> = {
      GITHUB_ACTIONS: "true",
      CI: "true",
      ACTIONS_RUNTIME_TOKEN: results.runtimeToken,
      ACTIONS_RESULTS_URL: results.url,
      ACTIONS_CACHE_SERVICE_V2: "true",
      GITHUB_REPOSITORY: repository,
      GITHUB_REPOSITORY_OWNER: repository.split("/")[0] ?? "",
      GITHUB_API_URL: github.apiUrl,
      // github.com, as on GitHub-hosted runners: the clients treat other hosts as GHES.
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_GRAPHQL_URL: `${github.apiUrl}/graphql`,
      GITHUB_RUN_ID: runId,
      GITHUB_RUN_NUMBER: "1",
      GITHUB_RUN_ATTEMPT: "1",
      GITHUB_JOB: "images",
      GITHUB_WORKFLOW: "images",
      GITHUB_REF: "refs/heads/main",
      GITHUB_REF_NAME: "main",
      GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
      GITHUB_EVENT_NAME: "push",
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: runnerTemp,
      RUNNER_OS: "Linux",
      RUNNER_ARCH: "X64",
    };
    return {
      env,
      tokens: github.tokens,
      repository,
      workspace,
      runnerTemp,
      azurite,
      results,
      github,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

export { readZip, type ZipEntry } from "./zip.js";
export type { ArtifactRecord, CacheEntryRecord, ResultsService } from "./results-service.js";
export type { GitHubRestStub, StoredAsset, StoredRelease } from "./github-rest.js";
export type { Azurite } from "./azurite.js";
