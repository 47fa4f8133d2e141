// Evaluate formats x systems of one configuration through nix/eval.nix:
// the pairs are split over evaluator processes (one per core), each sharing
// one base configuration per system across its formats.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { containerSchema, systemSchema, type NixSystem } from "../core/catalogue.js";
import { projectPath } from "../core/paths.js";
import type { Builder } from "../core/catalogue.js";
import type { ConfigSource, DiskSize, SpecialArg } from "../core/request.js";
import { guarded } from "../core/system-error.js";
import { evaluationError } from "./errors.js";
import { checkImageNames } from "./image-names.js";
import { runNix, type NixRunOptions } from "./run.js";
import { evaluationWarnings } from "./warnings.js";

/** What nix/eval.nix returns for one format x system: its derivation and where the image is in the output. */
export const evaluatedImageSchema = z.object({
  format: z.string(),
  /** A format the catalogue does not have (formatConfigs, --format-path). */
  custom: z.boolean(),
  system: systemSchema,
  drvPath: z.string().startsWith("/"),
  output: z.string().startsWith("/"),
  fileName: z.string(),
  /** The image below the output ("" for the output itself); null when `imageSearch` names it. */
  filePath: z.string().nullable(),
  /** The extension that names the image in the output, for a format written with `fileExtension` alone. */
  imageSearch: z.string().nullable(),
  /** What a custom format declares its image to be (formatContainer); null when it declares nothing. */
  container: containerSchema.nullable().optional(),
  label: z.string(),
  /** config.boot.kernelParams of the format's configuration (the serial console the boot test watches). */
  kernelParams: z.array(z.string()).optional(),
  diskSize: z.union([z.number(), z.literal("auto"), z.null()]),
  /** The system's toplevel .drv; null for an image that does not contain the system (catalogue containsSystem: false). */
  toplevel: z.string().startsWith("/").nullable(),
});
export type EvaluatedImage = z.infer<typeof evaluatedImageSchema>;

export interface EvalPair {
  format: string;
  system: NixSystem;
  /** This pair's builder (builder: auto chooses per image); unset: the request's. */
  builder?: Builder;
}

/** Settings every Nix call of a run takes: -I, --option, --show-trace. */
export interface NixSettings {
  includes: readonly { key: string; value: string }[];
  nixOptions: readonly { name: string; value: string }[];
  showTrace: boolean;
}

/** What an evaluation needs from the request, and nothing else. */
export interface EvalInput extends NixSettings {
  config: ConfigSource;
  /** Default "vm" (nixpkgs' variants). */
  builder?: Builder | undefined;
  diskSize?: DiskSize | undefined;
  specialArgs: readonly SpecialArg[];
  formatPath?: string | undefined;
}

/** The JSON nix/eval.nix reads. */
export function evalRequest(input: EvalInput, pairs: readonly EvalPair[]): string {
  return JSON.stringify({
    config: input.config,
    pairs: pairs.map(({ format, system, builder }) => ({ format, system, ...(builder !== undefined ? { builder } : {}) })),
    diskSize: input.diskSize ?? null,
    builder: input.builder ?? "vm",
    specialArgs: Object.fromEntries(input.specialArgs.map((a) => [a.name, a.value])),
    formatPath: input.formatPath ?? null,
  });
}

/** Common Nix flags from the settings: -I, --option, --show-trace. */
export function nixFlags(settings: NixSettings): string[] {
  const flags: string[] = [];
  for (const { key, value } of settings.includes) flags.push("-I", key ? `${key}=${value}` : value);
  for (const { name, value } of settings.nixOptions) flags.push("--option", name, value);
  if (settings.showTrace) flags.push("--show-trace");
  return flags;
}

/**
 * Split pairs into at most `processes` groups, keeping each system's formats
 * together where possible (they share one base evaluation).
 */
export function splitPairs(pairs: readonly EvalPair[], processes: number): EvalPair[][] {
  const n = Math.max(1, Math.min(processes, pairs.length));
  // One base configuration per system and builder (eval.nix evaluates one for each).
  const bySystem = new Map<string, EvalPair[]>();
  for (const pair of pairs) {
    const key = `${pair.system} ${pair.builder ?? ""}`;
    bySystem.set(key, [...(bySystem.get(key) ?? []), pair]);
  }
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

/** Options of the evaluation calls: Nix's, and where its warnings go. */
export interface EvalRunOptions extends NixRunOptions {
  /** Each warning the evaluation printed (lib.warn, the configuration's `warnings`), once per call. */
  onWarning?: (text: string) => void;
}

/**
 * One nix-instantiate of nix/eval.nix. The request (JSON) goes through a
 * file: as one argument, a large one would exceed the kernel's limit (E2BIG).
 */
async function runEval(input: EvalInput, request: string, options: EvalRunOptions) {
  const dir = await guarded(
    {
      problem: `The evaluation request could not be written to the temporary directory ${tmpdir()}`,
      target: tmpdir(),
      owner: "runner",
      instead: "make TMPDIR (RUNNER_TEMP in the action) a writable directory with free space",
    },
    async () => {
      const made = await mkdtemp(join(tmpdir(), "nixos-generators-request-"));
      await writeFile(join(made, "request.json"), request, { mode: 0o600 }).catch(async (error: unknown) => {
        await rm(made, { recursive: true, force: true });
        throw error;
      });
      return made;
    },
  );
  try {
    const result = await runNix(
      "nix-instantiate",
      ["--eval", "--strict", "--json", "--read-write-mode", projectPath("nix", "eval.nix"), "--argstr", "requestFile", join(dir, "request.json"), ...nixFlags(input)],
      options,
    );
    if (result.code === 0 && options.onWarning) for (const warning of evaluationWarnings(result.stderr)) options.onWarning(warning);
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The prefixes of the files that are never the user's (nixpkgs' modules, this
 * library's), as Nix computes them for the configuration: the one list the
 * ownership rule uses too. Asked only to explain a conflict; without an
 * answer, this library's nix/ alone.
 */
async function libraryPrefixes(input: EvalInput, system: NixSystem, options: EvalRunOptions): Promise<string[]> {
  const result = await runEval(input, JSON.stringify({ ...JSON.parse(evalRequest(input, [])), prefixes: true, systems: [system] }), options);
  const parsed = result.code === 0 ? z.array(z.string()).safeParse(JSON.parse(result.stdout)) : undefined;
  return parsed?.success ? parsed.data : [projectPath("nix") + "/"];
}

async function instantiate(input: EvalInput, request: string, pairs: readonly EvalPair[], options: EvalRunOptions): Promise<unknown> {
  const result = await runEval(input, request, options);
  if (result.code !== 0) {
    const conflict = /has conflicting definition values/.test(result.stderr);
    const system = pairs[0]?.system;
    throw evaluationError(result.stderr, {
      formatRoots: conflict && system ? await libraryPrefixes(input, system, options) : [projectPath("nix") + "/"],
      formats: [...new Set(pairs.map((p) => p.format))],
      showTrace: input.showTrace,
    });
  }
  return JSON.parse(result.stdout);
}

async function evaluateGroup(input: EvalInput, pairs: EvalPair[], options: EvalRunOptions): Promise<EvaluatedImage[]> {
  return z.array(evaluatedImageSchema).parse(await instantiate(input, evalRequest(input, pairs), pairs, options)).map(checkImageNames);
}

/** The configuration's own formats (formatConfigs names the catalogue does not have), as evaluated for `system`. */
export async function listCustomFormats(input: EvalInput, system: NixSystem, options: EvalRunOptions = {}): Promise<string[]> {
  const request = JSON.stringify({ ...JSON.parse(evalRequest(input, [])), list: true, systems: [system] });
  return z.array(z.string()).parse(await instantiate(input, request, [], options));
}

/**
 * Formats one evaluator process takes at most. A process keeps much of every
 * format configuration it has evaluated (Nix frees little of an evaluation),
 * and one process runs per core. Measured with Nix 2.34 for the 32 x86_64
 * formats of the default configuration on 2 cores (bench/formats.mjs --caps,
 * total RSS of every process, one run each): cap 4: 129.0 s, 2639 MiB; cap 6:
 * 113.7 s, 3408 MiB; cap 8: 72.7 s, 3673 MiB. (Nix 2.26 needed 4.5 GiB at
 * cap 6.) 8 keeps `--all` within 4 GiB and evaluates the base configuration
 * in 4 processes instead of 8.
 */
export const MAX_FORMATS_PER_PROCESS = 8;

/**
 * The cap in force: NIXOS_GENERATORS_FORMATS_PER_PROCESS (a whole number, for
 * bench/formats.mjs --caps and machines with more memory), else the default.
 */
export function formatsPerProcess(env: NodeJS.ProcessEnv): number {
  const n = Number(env.NIXOS_GENERATORS_FORMATS_PER_PROCESS);
  return Number.isSafeInteger(n) && n > 0 ? n : MAX_FORMATS_PER_PROCESS;
}

/** One evaluator process finished: its pairs, how many of how many processes are done, seconds since the start. */
export interface GroupDone {
  pairs: readonly EvalPair[];
  done: number;
  total: number;
  seconds: number;
}

export interface EvaluateOptions extends EvalRunOptions {
  /** Called as each evaluator process finishes. */
  onGroupDone?: (group: GroupDone) => void;
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
export async function evaluate(input: EvalInput, pairs: readonly EvalPair[], options: EvaluateOptions = {}): Promise<EvaluatedImage[]> {
  const processes = options.processes ?? availableParallelism();
  const groups = capGroups(splitPairs(pairs, processes), options.maxPerProcess ?? formatsPerProcess(process.env));
  const started = Date.now();
  let done = 0;
  const results = await pool(groups, processes, async (group) => {
    const entries = await evaluateGroup(input, group, options);
    options.onGroupDone?.({ pairs: group, done: ++done, total: groups.length, seconds: (Date.now() - started) / 1000 });
    return entries;
  });
  const all = results.flat();
  return pairs.map((pair) => {
    const entry = all.find((e) => e.format === pair.format && e.system === pair.system);
    if (!entry) throw new Error(`evaluation returned no entry for ${pair.format} on ${pair.system}`);
    return entry;
  });
}
