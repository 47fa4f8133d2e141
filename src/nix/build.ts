// Realising derivations: the --dry-run plan, one parallel build of all
// images, and out-links registered as GC roots.
import { lastNixError } from "./errors.js";
import { ExitCode, UserError } from "../core/errors.js";
import { runNix, type NixRunOptions } from "./run.js";

export interface DryRunPlan {
  /** Derivations Nix would build. */
  toBuild: string[];
  /** Store paths Nix would fetch from a substituter. */
  toFetch: string[];
}

/** Parse `nix-store --realise --dry-run` output ("these N derivations will be built:"). */
export function parseDryRun(stderr: string): DryRunPlan {
  const plan: DryRunPlan = { toBuild: [], toFetch: [] };
  let current: string[] | undefined;
  for (const line of stderr.split("\n")) {
    if (/derivations? will be built:/.test(line)) current = plan.toBuild;
    else if (/paths? will be fetched/.test(line)) current = plan.toFetch;
    else if (/^\s+\/nix\/store\//.test(line) && current) current.push(line.trim());
    else if (line.trim() !== "") current = undefined;
  }
  return plan;
}

export async function dryRun(drvPaths: readonly string[], options: NixRunOptions = {}): Promise<DryRunPlan> {
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
  extraFlags?: string[];
}

/** Build every derivation in one Nix invocation; returns the output paths in order. */
export async function buildAll(drvPaths: readonly string[], options: BuildOptions = {}): Promise<string[]> {
  const flags = ["build", "--no-link", "--print-out-paths", "--print-build-logs"];
  if (options.maxJobs !== undefined) flags.push("--max-jobs", String(options.maxJobs));
  if (options.cores !== undefined) flags.push("--cores", String(options.cores));
  if (options.builders !== undefined) flags.push("--builders", options.builders);
  flags.push(...(options.extraFlags ?? []));
  const result = await runNix("nix", [...flags, ...drvPaths.map((d) => `${d}^out`)], { ...options, streamStderr: options.streamStderr ?? true });
  if (result.code !== 0) {
    // The first builder that failed is the cause; Nix's last line only counts dependents.
    const first = /error: (?:builder for|Cannot build) '([^']+)'[^\n]*/.exec(result.stderr);
    const cause = first ? first[0].replace(/^error:\s*/, "") : (lastNixError(result.stderr).split("\n")[0] ?? "");
    throw new UserError(
      `The build failed: ${cause}`,
      first ? `Read the build log above, or 'nix log ${first[1]}'.` : "Read the build log above.",
      ExitCode.failed,
      lastNixError(result.stderr),
    );
  }
  return result.stdout.split("\n").filter((line) => line.startsWith("/"));
}

/** Make `link` a GC root pointing at `storePath` (replacing an existing link). */
export async function addOutLink(link: string, storePath: string, options: NixRunOptions = {}): Promise<void> {
  const result = await runNix("nix-store", ["--realise", storePath, "--add-root", link], options);
  if (result.code !== 0) {
    throw new UserError(`Could not create the out-link ${link}: ${lastNixError(result.stderr)}`, "Check that its directory is writable.", ExitCode.failed);
  }
}
