import { readFileSync, rmSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { it } from "vitest";
import { closureOf, type ShownDerivation } from "../helpers/derivations.js";
import { replayImage, NotReplayable } from "../helpers/replay.js";
import { checkImage, expectationFor } from "../../src/verify/expectation.js";
import { renderReport } from "../../src/verify/index.js";
import { loadCatalogue, type NixSystem } from "../../src/core/catalogue.js";

const data = JSON.parse(readFileSync("/tmp/nixos-generators-catalogue/dbe952463eac6523.json", "utf8"));
const drvs = new Map<string, ShownDerivation>(data.derivations.map((d: ShownDerivation) => [d.path, d]));
const src = {
  entry: (f: string, s: string) => data.entries.find((e: any) => e.format === f && e.system === s),
  derivation: (p: string) => drvs.get(p)!,
  closure: (p: string) => [drvs.get(p)!, ...[...closureOf(drvs, p)].filter((x) => x !== p).map((x) => drvs.get(x)!)],
};
const only = (process.env.ONLY ?? "").split(",").filter(Boolean);
for (const e of data.entries) {
  if (only.length && !only.includes(e.format)) continue;
  if (!only.length && e.system !== "x86_64-linux") continue;
  it(`${e.format} ${e.system}`, { timeout: 200000 }, async () => {
    const dir = mkdtempSync("/tmp/h3-dev/r-");
    try {
      const r = await replayImage(src, e.format, e.system as NixSystem, dir);
      const entry = loadCatalogue().formats.find((f) => f.name === e.format)!;
      const rep = await checkImage(r.file, expectationFor({ kind: "catalogue", entry }, e.system as NixSystem));
      console.log(`### ${e.format} ${e.system}\n${renderReport(rep)}\nreplayed: ${r.replayed.join("; ")}\nedits: ${r.edits.join("; ")}\nstandIns: ${r.standIns.join("; ")}`);
    } catch (err) {
      console.log(`### ${e.format} ${e.system} ERROR ${err instanceof NotReplayable ? "NotReplayable " : ""}${String(err).slice(0, 3000)}`);
    } finally { if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true }); }
  });
}
