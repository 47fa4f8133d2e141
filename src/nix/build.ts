// Realising derivations: what a build would need (--dry-run), one parallel
// build of all images, and out-links registered as GC roots.
import { ExitCode, UserError } from "../core/errors.js";
import { buildCause } from "./build-cause.js";
import { BuildLog, type BuildProgress } from "./build-log.js";
import { lastNixError } from "./errors.js";
import { runNix, type NixRunOptions } from "./run.js";

export interface BuildNeeds {
  /** Derivations Nix would build. */
  toBuild: string[];
  /** Store paths Nix would fetch from a substituter. */
  toFetch: string[];
}

/** Parse `nix-store --realise --dry-run` output ("these N derivations will be built:"). */
export function parseDryRun(stderr: string): BuildNeeds {
  const plan: BuildNeeds = { toBuild: [], toFetch: [] };
  let current: string[] | undefined;
  for (const line of stderr.split("\n")) {
    if (/derivations? will be built:/.test(line)) current = plan.toBuild;
    else if (/paths? will be fetched/.test(line)) current = plan.toFetch;
    else if (/^\s+\/nix\/store\//.test(line) && current) current.push(line.trim());
    else if (line.trim() !== "") current = undefined;
  }
  return plan;
}

export async function buildNeeds(drvPaths: readonly string[], options: NixRunOptions = {}): Promise<BuildNeeds> {
  const result = await runNix("nix-store", ["--realise", "--dry-run", ...drvPaths], options);
  if (result.code !== 0) {
    throw new UserError(`nix-store --dry-run failed: ${lastNixError(result.stderr)}`, "See the Nix error above.", ExitCode.failed);
  }
  return parseDryRun(result.stderr);
}

export interface BuildOptions extends NixRunOptions {
  maxJobs?: number;
  cores?: number;
  builders?: string;
  /** Go on building the other images when one fails (nix build --keep-going). */
  keepGoing?: boolean;
  /** Nix's counts as they change: derivations done, expected, running, failed. */
  onProgress?: (progress: BuildProgress) => void;
}

/** The failure of a build: the first builder that failed, and what its log shows. */
export function buildFailure(log: BuildLog): UserError {
  const text = log.text();
  const nixError = lastNixError(text);
  // The first builder that failed is the cause; Nix's last line only counts
  // dependents. Nix 2.34 says "Cannot build '…'." with a "Reason:" line
  // after it; older ones "builder for '…' failed with exit code N".
  const first = /error: (?:builder for|Cannot build) '([^']+)'[^\n]*/.exec(text);
  const reason = first ? /^\s*Reason: (.+)$/m.exec(text.slice(first.index))?.[1] : undefined;
  const failing = first ? `${first[0].replace(/^error:\s*/, "").replace(/\.$/, "")}${reason ? `: ${reason.replace(/\.$/, "")}` : ""}` : (nixError.split("\n")[0] ?? "").replace(/^error:\s*/, "");
  const cause = buildCause(first?.[1] ? log.tailOf(first[1]) : [], nixError);
  const readLog = first ? `Read the build log above, or 'nix log ${first[1]}'.` : "Read the build log above.";
  if (cause) {
    return new UserError(
      `The build failed because ${cause.what}: ${failing.replace(/\.$/, "")} ("${cause.evidence}").`,
      `${cause.fix} ${readLog}`,
      cause.exitCode,
      nixError,
    );
  }
  return new UserError(`The build failed: ${failing.replace(/\.$/, "")}.`, readLog, ExitCode.failed, nixError);
}

/**
 * Build every derivation in one Nix invocation; returns the output paths in
 * order. Nix logs in its JSON format, read back by BuildLog: the lines of
 * `nix build -L` go to our stderr, the counts to onProgress.
 */
export async function buildAll(drvPaths: readonly string[], options: BuildOptions = {}): Promise<string[]> {
  const flags = ["build", "--no-link", "--print-out-paths", "--print-build-logs", "--log-format", "internal-json"];
  if (options.maxJobs !== undefined) flags.push("--max-jobs", String(options.maxJobs));
  if (options.cores !== undefined) flags.push("--cores", String(options.cores));
  if (options.builders !== undefined) flags.push("--builders", options.builders);
  if (options.keepGoing) flags.push("--keep-going");
  const stream = options.streamStderr ?? true;
  const log = new BuildLog({
    ...(stream ? { line: (line: string) => process.stderr.write(`${line}\n`) } : {}),
    ...(options.onProgress ? { progress: options.onProgress } : {}),
  });
  const result = await runNix("nix", [...flags, ...drvPaths.map((d) => `${d}^out`)], {
    ...options,
    streamStderr: false,
    onStderrLine: (line) => log.feed(line),
  });
  if (result.code !== 0) throw buildFailure(log);
  return result.stdout.split("\n").filter((line) => line.startsWith("/"));
}

/** Make `link` a GC root pointing at `storePath` (replacing an existing link). */
export async function addOutLink(link: string, storePath: string, options: NixRunOptions = {}): Promise<void> {
  const result = await runNix("nix-store", ["--realise", storePath, "--add-root", link], options);
  if (result.code !== 0) {
    throw new UserError(`Could not create the out-link ${link}: ${lastNixError(result.stderr)}`, "Check that its directory is writable.", ExitCode.failed);
  }
}
