// Every catalogue format x system of the embedded default configuration,
// evaluated once per source state and shared by the test files that read the
// real builders' derivations (the builder contract, the replayed fixtures).
//
//   const evaluation = await catalogueEvaluation();   // in a beforeAll (hookTimeout)
//   for (const entry of evaluation.entries) {          // catalogue order, 60 pairs
//     entry.format; entry.system; entry.drvPath; entry.output;
//     entry.fileName; entry.filePath /* or */ entry.imageSearch; entry.toplevel; …
//     const drv = evaluation.derivation(entry.drvPath);   // ShownDerivation (env, structuredAttrs, inputDrvs, outputs)
//     const all = evaluation.closure(entry.drvPath);      // every derivation it is built from, itself first
//   }
//   evaluation.entry("azure", "x86_64-linux");          // one entry (throws when absent)
//   evaluation.byName(entry.drvPath, /-vhd$/);           // closure derivations whose name matches
//
// The entries are what `nixos-generate --all --system x86_64-linux --system
// aarch64-linux --dry-run --json` evaluates (builder vm, the default): src/nix/evaluate.ts over
// nix/eval.nix, with the pinned nixpkgs on -I (testRequest). The derivations
// are `nix derivation show -r` of every entry's .drv and toplevel, parsed by
// ./derivations.ts. Measured here (2 cores): about 155 s and 1.8 GB for the
// evaluation, once.
//
// The result is cached in os.tmpdir() under a key hashing what the evaluation
// reads: the .nix and .json files under nix/, the TypeScript this helper runs
// (its import closure: src/nix/evaluate.ts and what it imports,
// ./derivations.ts, ./nix.ts), the nixpkgs path and `nix --version`; a lock
// directory keeps two vitest workers from evaluating at once (the second waits
// and reads the first one's result). A cached result whose .drv files are
// gone from the store (garbage-collected) is evaluated again.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { loadCatalogue, type NixSystem } from "../../src/core/catalogue.js";
import { projectPath } from "../../src/core/paths.js";
import { evaluate, evaluatedImageSchema, type EvalPair, type EvaluatedImage } from "../../src/nix/evaluate.js";
import { closureOf, showDerivations, storePath, type ShownDerivation } from "./derivations.js";
import { NIXPKGS, testRequest } from "./nix.js";

export type { EvaluatedImage, ShownDerivation };

export interface CatalogueEvaluation {
  /** One entry per catalogue format x system (the systems each format lists), in catalogue order. */
  readonly entries: readonly EvaluatedImage[];
  /** The entry of one pair; throws when the catalogue has no such pair. */
  entry(format: string, system: NixSystem): EvaluatedImage;
  /** One derivation of the entries' closures, by .drv path; throws when it is not among them. */
  derivation(drvPath: string): ShownDerivation;
  /** The closure of a .drv (itself first, then the others in a stable order). */
  closure(drvPath: string): ShownDerivation[];
  /** The derivations in the closure of `drvPath` whose name matches `name`. */
  byName(drvPath: string, name: RegExp): ShownDerivation[];
  /** Every derivation of the entries' closures, by .drv path (for ./derivations.ts' closureOf and requiring). */
  readonly derivations: ReadonlyMap<string, ShownDerivation>;
  /** Seconds the evaluation and `nix derivation show -r` took when the result was made, and whether this run read it from the cache. */
  readonly timing: { evaluate: number; show: number; cached: boolean };
}

/** Every pair of the catalogue: each format on each of its systems. */
export function cataloguePairs(): EvalPair[] {
  return loadCatalogue().formats.flatMap((format) => format.systems.map((system) => ({ format: format.name, system })));
}

const shownSchema = z.object({
  path: z.string(),
  name: z.string(),
  env: z.record(z.string(), z.string()),
  structuredAttrs: z.record(z.string(), z.unknown()).optional(),
  inputDrvs: z.array(z.string()),
  outputs: z.record(z.string(), z.string()),
});

const cachedSchema = z.object({
  entries: z.array(evaluatedImageSchema),
  derivations: z.array(shownSchema),
  timing: z.object({ evaluate: z.number(), show: z.number() }),
});
type Cached = z.infer<typeof cachedSchema>;

/** The .nix and .json files under `dir`: what Nix reads of nix/ (its README and other notes are no part of the evaluation). */
function nixSourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return nixSourcesUnder(path);
      return /\.(nix|json)$/.test(entry.name) ? [path] : [];
    })
    .sort();
}

/** `file` and the TypeScript files it imports, transitively (relative imports only): the code that makes and reads the evaluation. */
function importClosure(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  for (const [, spec] of readFileSync(file, "utf8").matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+"(\.{1,2}\/[^"]+)\.js"/gm)) {
    importClosure(resolve(dirname(file), `${spec}.ts`), seen);
  }
  return [...seen].sort();
}

/**
 * The files the cache key reads, relative to `root` (the project): the .nix
 * and .json files under nix/ (the default configuration's evaluation reads no
 * flake.nix or flake.lock, and no README), and this helper with every
 * TypeScript file it imports (src/nix/evaluate.ts and what it imports,
 * ./derivations.ts, ./nix.ts).
 */
export function cacheKeyFiles(root = projectPath()): string[] {
  const files = [...nixSourcesUnder(join(root, "nix")), ...importClosure(join(root, "__tests__", "helpers", "catalogue-derivations.ts"))];
  return files.map((file) => relative(root, file));
}

/** The cache key: those files (names and bytes), the project's place (Nix sees nix/ by its path), the nixpkgs path and `nix --version`. */
export function cacheKey(root = projectPath()): string {
  const hash = createHash("sha256");
  for (const file of cacheKeyFiles(root)) hash.update(file).update("\0").update(readFileSync(join(root, file))).update("\0");
  hash.update(root).update("\0").update(NIXPKGS).update("\0").update(execFileSync("nix", ["--version"], { encoding: "utf8" }));
  return hash.digest("hex").slice(0, 16);
}

async function evaluateAndShow(): Promise<Cached> {
  const started = Date.now();
  const entries = await evaluate(testRequest(), cataloguePairs());
  const evaluated = Date.now();
  const shown = await showDerivations([...new Set(entries.flatMap((e) => (e.toplevel ? [e.drvPath, e.toplevel] : [e.drvPath])))]);
  return {
    entries,
    derivations: [...shown.values()],
    timing: { evaluate: (evaluated - started) / 1000, show: (Date.now() - evaluated) / 1000 },
  };
}

async function readCached(file: string): Promise<Cached | undefined> {
  if (!existsSync(file)) return undefined;
  const parsed = cachedSchema.safeParse(JSON.parse(await readFile(file, "utf8")));
  if (!parsed.success) return undefined;
  // The store may have been collected since: every .drv must still be there.
  if (!parsed.data.entries.every((e) => existsSync(e.drvPath) && (e.toplevel === null || existsSync(e.toplevel)))) return undefined;
  return parsed.data;
}

/** The cached result for this source state, made by whichever worker takes the lock first. */
async function loadOrEvaluate(): Promise<{ data: Cached; cached: boolean }> {
  const dir = join(tmpdir(), "nixos-generators-catalogue");
  const file = join(dir, `${cacheKey()}.json`);
  const lock = `${file}.lock`;
  await mkdir(dir, { recursive: true });
  const ready = await readCached(file);
  if (ready) return { data: ready, cached: true };
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      // Another worker evaluates; a lock older than 20 minutes is a dead one.
      const done = await readCached(file);
      if (done) return { data: done, cached: true };
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 1_200_000) await rm(lock, { recursive: true, force: true });
      await sleep(1000);
    }
  }
  try {
    const done = await readCached(file);
    if (done) return { data: done, cached: true };
    const data = await evaluateAndShow();
    const partial = `${file}.${process.pid}.tmp`;
    await writeFile(partial, JSON.stringify(data));
    await rename(partial, file);
    return { data, cached: false };
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

function build(data: Cached, cached: boolean): CatalogueEvaluation {
  // JSON drops an absent structuredAttrs: put the key back (ShownDerivation always has it).
  const drvs = new Map<string, ShownDerivation>(data.derivations.map((d) => [d.path, { ...d, structuredAttrs: d.structuredAttrs }]));
  const derivation = (drvPath: string): ShownDerivation => {
    const drv = drvs.get(storePath(drvPath));
    if (!drv) throw new Error(`${drvPath} is not in the closure of any catalogue entry`);
    return drv;
  };
  const closure = (drvPath: string): ShownDerivation[] => {
    const root = storePath(drvPath);
    const rest = [...closureOf(drvs, root)].filter((p) => p !== root).sort();
    return [derivation(root), ...rest.map(derivation)];
  };
  return {
    entries: data.entries,
    entry(format, system) {
      const found = data.entries.find((e) => e.format === format && e.system === system);
      if (!found) throw new Error(`the catalogue evaluation has no entry for ${format} on ${system}`);
      return found;
    },
    derivation,
    closure,
    byName: (drvPath, name) => closure(drvPath).filter((d) => name.test(d.name)),
    derivations: drvs,
    timing: { ...data.timing, cached },
  };
}

let memo: Promise<CatalogueEvaluation> | undefined;

/** The catalogue's every format x system of the default configuration, with derivation closures (cached; see the top). */
export function catalogueEvaluation(): Promise<CatalogueEvaluation> {
  memo ??= loadOrEvaluate().then(({ data, cached }) => build(data, cached));
  return memo;
}
