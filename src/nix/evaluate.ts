// Evaluate formats x systems of one configuration through nix/eval.nix:
// the pairs are split over evaluator processes (one per core), each sharing
// one base configuration per system across its formats.
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { systemSchema, type NixSystem } from "../core/catalogue.js";
import { projectPath } from "../core/paths.js";
import type { GenerateRequest } from "../core/request.js";
import { evaluationError } from "./errors.js";
import { runNix, type NixRunOptions } from "./run.js";

export const planEntrySchema = z.object({
  format: z.string(),
  system: systemSchema,
  drvPath: z.string().startsWith("/"),
  output: z.string().startsWith("/"),
  fileName: z.string(),
  filePath: z.string(),
  label: z.string(),
  diskSize: z.union([z.number(), z.literal("auto"), z.null()]),
  toplevel: z.string().startsWith("/"),
});
export type PlanEntry = z.infer<typeof planEntrySchema>;

/** The image file (or runner) in the store: output/filePath (an empty filePath: the output itself). */
export function imagePath(entry: Pick<PlanEntry, "output" | "filePath">): string {
  return join(entry.output, entry.filePath);
}

export interface EvalPair {
  format: string;
  system: NixSystem;
}

/** The JSON nix/eval.nix reads. */
export function evalRequest(request: GenerateRequest, pairs: readonly EvalPair[]): string {
  return JSON.stringify({
    config: request.config,
    pairs: pairs.map(({ format, system }) => ({ format, system })),
    diskSize: request.diskSize ?? null,
    specialArgs: Object.fromEntries(request.specialArgs.map((a) => [a.name, a.value])),
    formatPath: request.formatPath ?? null,
  });
}

/** Common Nix flags from the request: -I, --option, --show-trace. */
export function nixFlags(request: GenerateRequest): string[] {
  const flags: string[] = [];
  for (const { key, value } of request.includes) flags.push("-I", key ? `${key}=${value}` : value);
  for (const { name, value } of request.nixOptions) flags.push("--option", name, value);
  if (request.showTrace) flags.push("--show-trace");
  return flags;
}

/**
 * Split pairs into at most `processes` groups, keeping each system's formats
 * together where possible (they share one base evaluation).
 */
export function splitPairs(pairs: readonly EvalPair[], processes: number): EvalPair[][] {
  const n = Math.max(1, Math.min(processes, pairs.length));
  const bySystem = new Map<string, EvalPair[]>();
  for (const pair of pairs) bySystem.set(pair.system, [...(bySystem.get(pair.system) ?? []), pair]);
  const groups: EvalPair[][] = [...bySystem.values()];
  // Split the largest group until there are n groups (or nothing to split).
  while (groups.length < n) {
    groups.sort((a, b) => b.length - a.length);
    const largest = groups[0];
    if (!largest || largest.length < 2) break;
    const half = Math.ceil(largest.length / 2);
    groups.splice(0, 1, largest.slice(0, half), largest.slice(half));
  }
  // More systems than processes: merge the smallest groups.
  while (groups.length > n) {
    groups.sort((a, b) => a.length - b.length);
    const [a, b] = groups.splice(0, 2);
    groups.push([...(a ?? []), ...(b ?? [])]);
  }
  return groups;
}

async function evaluateGroup(request: GenerateRequest, pairs: EvalPair[], options: NixRunOptions): Promise<PlanEntry[]> {
  const formats = new Set(pairs.map((p) => p.format));
  const result = await runNix(
    "nix-instantiate",
    ["--eval", "--strict", "--json", "--read-write-mode", projectPath("nix", "eval.nix"), "--argstr", "request", evalRequest(request, pairs), ...nixFlags(request)],
    options,
  );
  if (result.code !== 0) {
    throw evaluationError(result.stderr, {
      formatRoots: [projectPath("nix") + "/", "/nix/store/"],
      formats: [...formats],
      showTrace: request.showTrace,
    });
  }
  return z.array(planEntrySchema).parse(JSON.parse(result.stdout));
}

/**
 * Formats one evaluator process takes at most. A process keeps much of every
 * format configuration it has evaluated (Nix frees little of an evaluation),
 * and one process runs per core. Measured for the 32 x86_64 formats of the
 * default configuration on 2 cores (bench/formats.mjs, total RSS of every
 * process, medians of 3): 8 processes of 4: 69.5 s, 3.4 GiB; 6 of at most
 * 6: 62.6 s, 4.5 GiB; 2 of 16: 41 s, 5.5 GiB (one run, before the installer
 * formats got their own package set). The cap keeps `--all` within 4 GiB.
 */
export const MAX_FORMATS_PER_PROCESS = 4;

export interface EvaluateOptions extends NixRunOptions {
  /** Evaluator processes to run at once (default: the number of cores). */
  processes?: number;
  /** Formats per evaluator process (default MAX_FORMATS_PER_PROCESS). */
  maxPerProcess?: number;
}

/** Cut groups so none has more than `max` pairs (keeping order). */
export function capGroups(groups: readonly EvalPair[][], max: number): EvalPair[][] {
  return groups.flatMap((group) => {
    const parts = Math.ceil(group.length / max);
    const size = Math.ceil(group.length / parts);
    return Array.from({ length: parts }, (_, i) => group.slice(i * size, (i + 1) * size));
  });
}

/** Run `work` over `items`, at most `limit` at a time; results in item order. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Evaluate every pair; the entries come back in the order of `pairs`. */
export async function evaluate(request: GenerateRequest, pairs: readonly EvalPair[], options: EvaluateOptions = {}): Promise<PlanEntry[]> {
  const processes = options.processes ?? availableParallelism();
  const groups = capGroups(splitPairs(pairs, processes), options.maxPerProcess ?? MAX_FORMATS_PER_PROCESS);
  const results = await pool(groups, processes, (group) => evaluateGroup(request, group, options));
  const all = results.flat();
  return pairs.map((pair) => {
    const entry = all.find((e) => e.format === pair.format && e.system === pair.system);
    if (!entry) throw new Error(`evaluation returned no entry for ${pair.format} on ${pair.system}`);
    return entry;
  });
}
