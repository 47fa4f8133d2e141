// `nixos-generate verify --help`: both ways to verify, each target's rules
// with their sources, and what a file cannot show offline.
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/core/catalogue.js";
import { OPTIONS, optionSynopsis } from "../../src/cli/args.js";
import { helpText, verifyHelpText } from "../../src/cli/help.js";
import { TARGETS } from "../../src/verify/index.js";

describe("verifyHelpText", () => {
  const text = verifyHelpText();

  it("has verify's usage and options, and says what happens without --format", () => {
    expect(text.split("\n")[0]).toBe("Usage: nixos-generate verify FILE [--format NAME] [--system SYSTEM] [--disk-size SIZE] [--json]");
    for (const o of OPTIONS.filter((x) => x.alsoFor?.includes("verify"))) expect(text).toContain(optionSynopsis(o));
    expect(text).toContain("Without --format: names what FILE is");
  });

  it("lists every rule with its source, and what cannot be checked offline", () => {
    for (const t of TARGETS) {
      expect(text).toContain(`  ${t.formats.join(", ")} — ${t.name}:`);
      for (const r of t.rules) {
        expect(text).toContain(`    ${r.check}: ${r.says}`);
        expect(text).toContain(r.source.url);
      }
      for (const o of t.offline) expect(text).toContain(`not checked (needs the provider, not the file): ${o}`);
    }
  });

  it("names the formats checked for structure only, and the main help points here", () => {
    const covered = new Set(TARGETS.flatMap((t) => t.formats));
    const structural = loadCatalogue().formats.filter((f) => !covered.has(f.name) && f.container !== "vm-runner");
    expect(structural.length).toBeGreaterThan(0);
    expect(text).toContain("checked for their container's structure only");
    expect(helpText()).toContain("see verify --help");
  });
});
