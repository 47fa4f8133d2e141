// Derivation closures as Nix itself records them: `nix derivation show -r`
// (one call for many roots), parsed without trusting its shape, walked in
// memory, and the system features each derivation requires of its builder.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { z } from "zod";

const run = promisify(execFile);

const STORE = "/nix/store/";

/** Nix 2.34 prints store paths relative to the store; older releases print them whole. */
export const storePath = (p: string): string => (p.startsWith("/") ? p : STORE + p);

const shownDerivationSchema = z.object({
  name: z.string(),
  env: z.record(z.string(), z.string()).default({}),
  /** Derivations with __structuredAttrs (2.34; older releases keep them as env.__json). */
  structuredAttrs: z.record(z.string(), z.unknown()).optional(),
  /** 2.34: { drvs: { <drv>: … }, srcs: [...] }; older releases: inputDrvs. */
  inputs: z.object({ drvs: z.record(z.string(), z.unknown()).default({}) }).optional(),
  inputDrvs: z.record(z.string(), z.unknown()).optional(),
  /** Each output's path (absent for a content-addressed output not yet built). */
  outputs: z.record(z.string(), z.object({ path: z.string().optional() })).default({}),
});

/** 2.34 wraps the derivations: { version, derivations: { <drv>: … } }; older releases print the map itself. */
const wrappedSchema = z.object({ derivations: z.record(z.string(), z.unknown()) });

export interface ShownDerivation {
  path: string;
  name: string;
  env: Record<string, string>;
  structuredAttrs: Record<string, unknown> | undefined;
  /** The .drv paths it takes as inputs (whole store paths). */
  inputDrvs: string[];
  /** Output name -> store path (whole), for the outputs whose path is known. */
  outputs: Record<string, string>;
}

function parseShown(path: string, value: unknown): ShownDerivation {
  const d = shownDerivationSchema.parse(value);
  let structuredAttrs = d.structuredAttrs;
  if (!structuredAttrs && d.env.__json !== undefined) structuredAttrs = z.record(z.string(), z.unknown()).parse(JSON.parse(d.env.__json));
  return {
    path: storePath(path),
    name: d.name,
    env: d.env,
    structuredAttrs,
    inputDrvs: Object.keys(d.inputs?.drvs ?? d.inputDrvs ?? {}).map(storePath),
    outputs: Object.fromEntries(Object.entries(d.outputs).flatMap(([name, output]) => (output.path === undefined ? [] : [[name, storePath(output.path)]]))),
  };
}

/** Every derivation in the closures of `drvPaths`, by whole .drv path (one `nix derivation show -r` for all). */
export async function showDerivations(drvPaths: readonly string[]): Promise<Map<string, ShownDerivation>> {
  if (drvPaths.length === 0) return new Map();
  const { stdout } = await run("nix", ["--extra-experimental-features", "nix-command", "derivation", "show", "-r", ...drvPaths], {
    maxBuffer: 1024 * 1024 * 1024,
  });
  const top = z.record(z.string(), z.unknown()).parse(JSON.parse(stdout));
  const wrapped = wrappedSchema.safeParse(top);
  const drvs = new Map<string, ShownDerivation>();
  for (const [path, value] of Object.entries(wrapped.success ? wrapped.data.derivations : top)) {
    const shown = parseShown(path, value);
    drvs.set(shown.path, shown);
  }
  return drvs;
}

/**
 * The features a derivation requires of its builder (`requiredSystemFeatures`):
 * a space-separated env variable, or a list in its structured attributes.
 */
export function requiredSystemFeatures(drv: ShownDerivation): string[] {
  const fromEnv = (drv.env.requiredSystemFeatures ?? "").split(/\s+/).filter((f) => f !== "");
  const structured = z.array(z.string()).safeParse(drv.structuredAttrs?.requiredSystemFeatures);
  return [...new Set([...fromEnv, ...(structured.success ? structured.data : [])])];
}

/** The .drv paths in the closure of `root` (itself included), walked through `drvs`. */
export function closureOf(drvs: ReadonlyMap<string, ShownDerivation>, root: string): Set<string> {
  const seen = new Set<string>();
  const todo = [storePath(root)];
  for (let path = todo.pop(); path !== undefined; path = todo.pop()) {
    if (seen.has(path)) continue;
    seen.add(path);
    const drv = drvs.get(path);
    if (!drv) throw new Error(`${path} is not among the shown derivations`);
    todo.push(...drv.inputDrvs);
  }
  return seen;
}

/** The derivations of `paths` that require `feature`. */
export function requiring(drvs: ReadonlyMap<string, ShownDerivation>, paths: Iterable<string>, feature: string): ShownDerivation[] {
  const found: ShownDerivation[] = [];
  for (const path of paths) {
    const drv = drvs.get(path);
    if (!drv) throw new Error(`${path} is not among the shown derivations`);
    if (requiredSystemFeatures(drv).includes(feature)) found.push(drv);
  }
  return found;
}
