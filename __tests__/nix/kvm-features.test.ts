// The catalogue's `needsKvm` (what src/action/kvm.ts refuses early without
// /dev/kvm) against what Nix will actually ask of the builder: each format, as
// evaluated with the vm builder and the default configuration (the shared
// catalogue evaluation, ../helpers/catalogue-derivations.ts: every format on
// every system it lists, `nix derivation show -r` of each), has its
// derivation closure searched for a derivation whose
// `requiredSystemFeatures` holds "kvm" (vmTools' runInLinuxVM,
// make-disk-image.nix). Only derivations the image adds to its system count:
// the system's own closure is checked separately to need no KVM (else every
// format would, and the flag could not tell them apart). Both directions are
// asserted: a format marked needsKvm has such a derivation, and one not
// marked has none.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue, type Format } from "../../src/core/catalogue.js";
import type { EvalPair } from "../../src/nix/evaluate.js";
import { catalogueEvaluation, cataloguePairs, type EvaluatedImage, type ShownDerivation } from "../helpers/catalogue-derivations.js";
import { closureOf, requiring, requiredSystemFeatures, showDerivations } from "../helpers/derivations.js";
import { nixEvalJson } from "../helpers/nix.js";

const run = promisify(execFile);
const catalogue = loadCatalogue();

function formatOf(name: string): Format {
  const format = catalogue.lookup(name);
  if (!format) throw new Error(`the catalogue has no format '${name}'`);
  return format;
}

/** Every format on every system it lists (the shared evaluation's pairs). */
const pairs: EvalPair[] = cataloguePairs();

interface Row {
  format: string;
  system: string;
  needsKvm: boolean;
  kvm: string[];
  closure: number;
}

describe("reading required system features from derivations", () => {
  it("finds kvm in env and in structured attributes, through a dependency, and not where it is absent", { timeout: 120_000 }, async () => {
    // Derivations that are only instantiated (never built): the two ways Nix
    // records requiredSystemFeatures, another feature, and a derivation that
    // does not need KVM itself but depends on one that does.
    const probe = await nixEvalJson<{ env: string; structured: string; other: string; outer: string }>(`
      let
        mk = name: extra: builtins.derivation ({ inherit name; system = "x86_64-linux"; builder = "/bin/sh"; args = [ "-c" "exit 1" ]; } // extra);
        structured = mk "kvm-probe-structured" { __structuredAttrs = true; requiredSystemFeatures = [ "big-parallel" "kvm" ]; };
      in {
        env = (mk "kvm-probe-env" { requiredSystemFeatures = [ "kvm" ]; }).drvPath;
        structured = structured.drvPath;
        other = (mk "kvm-probe-other" { requiredSystemFeatures = [ "big-parallel" ]; }).drvPath;
        outer = (mk "kvm-probe-outer" { dep = structured; }).drvPath;
      }`);
    const drvs = await showDerivations(Object.values(probe));
    const features = (path: string) => requiredSystemFeatures(drvs.get(path)!);
    expect(features(probe.env)).toEqual(["kvm"]);
    expect(drvs.get(probe.structured)!.env.requiredSystemFeatures, "structured: not in env").toBeUndefined();
    expect(features(probe.structured).sort()).toEqual(["big-parallel", "kvm"]);
    expect(features(probe.other)).toEqual(["big-parallel"]);
    expect(features(probe.outer)).toEqual([]);
    const outerClosure = closureOf(drvs, probe.outer);
    expect(outerClosure).toEqual(new Set([probe.outer, probe.structured]));
    expect(requiring(drvs, outerClosure, "kvm").map((d) => d.path)).toEqual([probe.structured]);
    expect(requiring(drvs, [probe.other], "kvm")).toEqual([]);
  });
});

describe("needsKvm against each format's derivation closure (vm builder, default configuration)", () => {
  let entries: readonly EvaluatedImage[] = [];
  let drvs: ReadonlyMap<string, ShownDerivation> = new Map();
  const rows: Row[] = [];
  let timing = { evaluate: 0, show: 0, cached: false };
  /** The derivations (of all the entries' closures) that require kvm: read once, not once per closure. */
  let kvmDrvs = new Set<string>();
  const closures = new Map<string, Set<string>>();
  /** closureOf, once per root (60 images and their systems share most of their closures). */
  const closure = (root: string): Set<string> => {
    let found = closures.get(root);
    if (!found) closures.set(root, (found = closureOf(drvs, root)));
    return found;
  };
  const kvmIn = (paths: Iterable<string>): string[] => [...paths].filter((p) => kvmDrvs.has(p));

  beforeAll(async () => {
    const evaluation = await catalogueEvaluation();
    ({ entries, derivations: drvs, timing } = evaluation);
    kvmDrvs = new Set(requiring(drvs, drvs.keys(), "kvm").map((d) => d.path));
  }, 3_600_000);

  afterAll(() => {
    const table = rows.map((r) => `${r.format}\t${r.system}\t${r.needsKvm}\t${r.kvm.length > 0}\t${r.closure}\t${r.kvm.join(" ")}`);
    console.info(
      `kvm-features: ${entries.length} images of the catalogue evaluation (${timing.cached ? "cached" : "made"}: evaluated in ${timing.evaluate.toFixed(1)} s, closures shown in ${timing.show.toFixed(1)} s)\n` +
        `format\tsystem\tneedsKvm\tclosure has kvm\tdrvs\tkvm derivations\n${table.join("\n")}`,
    );
  });

  it("evaluates every pair", () => {
    expect(entries.map((e) => `${e.format}/${e.system}`)).toEqual(pairs.map((p) => `${p.format}/${p.system}`));
  });

  it("checks both directions: formats with and without needsKvm", () => {
    const flags = pairs.map((p) => formatOf(p.format).needsKvm);
    expect(flags.filter((f) => f).length).toBeGreaterThanOrEqual(2);
    expect(flags.filter((f) => !f).length).toBeGreaterThanOrEqual(2);
  });

  it("has no derivation requiring kvm in a system's own closure (only what an image adds decides)", { timeout: 120_000 }, () => {
    for (const e of entries) {
      const kvm = e.toplevel ? kvmIn(closure(e.toplevel)) : [];
      expect(kvm, `${e.format}/${e.system}: toplevel ${e.toplevel}`).toEqual([]);
    }
  });

  it("walks the same closure as nix-store --query --requisites", { timeout: 120_000 }, async () => {
    const e = entries.find((x) => formatOf(x.format).needsKvm) ?? entries[0]!;
    const { stdout } = await run("nix-store", ["--query", "--requisites", e.drvPath], { maxBuffer: 256 * 1024 * 1024 });
    const requisites = new Set(stdout.split("\n").filter((l) => l.endsWith(".drv")));
    expect(closure(e.drvPath)).toEqual(requisites);
  });

  it.each(pairs)("$format on $system: needsKvm is whether its closure requires kvm", ({ format, system }) => {
    const e = entries.find((x) => x.format === format && x.system === system);
    expect(e, `${format}/${system} evaluated`).toBeDefined();
    const image = closure(e!.drvPath);
    // An image without the system (lxc-metadata) adds its whole closure.
    const systemClosure = e!.toplevel ? closure(e!.toplevel) : new Set<string>();
    const kvm = kvmIn([...image].filter((p) => !systemClosure.has(p)));
    const needsKvm = formatOf(format).needsKvm;
    rows.push({ format, system, needsKvm, kvm: kvm.map((p) => p.replace(/^\/nix\/store\/[^-]+-/, "")), closure: image.size });
    expect(
      kvm.length > 0,
      needsKvm
        ? `${format}/${system} has needsKvm: true, but no derivation in its closure (${image.size}) requires kvm: set "needsKvm": false`
        : `${format}/${system} has needsKvm: false, but ${kvm.join(", ")} require(s) kvm: set "needsKvm": true`,
    ).toBe(needsKvm);
  });
});
