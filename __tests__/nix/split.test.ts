// How pairs are spread over evaluator processes (no Nix needed).
import { describe, expect, it } from "vitest";
import type { NixSystem } from "../../src/core/catalogue.js";
import { capGroups, splitPairs, type EvalPair } from "../../src/nix/evaluate.js";

const pairs = (formats: string[], system: NixSystem): EvalPair[] => formats.map((format) => ({ format, system }));
const names = (n: number) => Array.from({ length: n }, (_, i) => `f${i}`);
const flat = (groups: EvalPair[][]) => groups.flat().map((p) => `${p.format}/${p.system}`).sort();

describe("splitPairs", () => {
  it("keeps one system's formats together while there are enough processes", () => {
    const all = [...pairs(names(3), "x86_64-linux"), ...pairs(names(3), "aarch64-linux")];
    const groups = splitPairs(all, 2);
    expect(groups).toHaveLength(2);
    for (const group of groups) expect(new Set(group.map((p) => p.system)).size).toBe(1);
    expect(flat(groups)).toEqual(flat([all]));
  });

  it("splits one system's formats over the processes", () => {
    const all = pairs(names(7), "x86_64-linux");
    const groups = splitPairs(all, 2);
    expect(groups.map((g) => g.length).sort()).toEqual([3, 4]);
    expect(flat(groups)).toEqual(flat([all]));
  });

  it("never makes more groups than pairs", () => {
    expect(splitPairs(pairs(["qcow"], "x86_64-linux"), 8)).toHaveLength(1);
  });
});

describe("capGroups", () => {
  it("cuts groups to at most the given size, evenly, keeping every pair once", () => {
    const group = pairs(names(16), "x86_64-linux");
    const capped = capGroups([group], 6);
    expect(capped.map((g) => g.length)).toEqual([6, 6, 4]);
    expect(capped.flat()).toEqual(group);
    expect(capGroups([pairs(names(4), "x86_64-linux")], 6)).toHaveLength(1);
  });
});
