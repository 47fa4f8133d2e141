// Verify against what the real builders write: each catalogue format's last
// build steps, taken from its evaluated derivation (the default
// configuration's), replayed with Debian's tools over small stand-ins (see
// helpers/replay.ts: stand-ins, NOT NixOS images), the image located as the
// pipeline locates it, then verified as the pipeline verifies it. A good
// replay must pass; the same file cut in half must not (so the test can fail).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync, truncateSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue, type NixSystem } from "../../src/core/catalogue.js";
import { renderReport, type VerifyReport } from "../../src/verify/index.js";
import { checkImage, expectationFor } from "../../src/verify/expectation.js";
import { catalogueEvaluation, type CatalogueEvaluation } from "../helpers/catalogue-derivations.js";
import { NotReplayable, outputFiles, replayImage, type Replayed } from "../helpers/replay.js";
import { ensureTools } from "./fixtures.js";

/** The pairs replayed: every byte-writing format on x86_64, and the aarch64 pairs whose bytes differ (EFI loader, SD firmware). */
const PAIRS: readonly [string, NixSystem][] = [
  ...loadCatalogue()
    .formats.filter((f) => f.container !== "vm-runner" && f.systems.includes("x86_64-linux"))
    .map((f): [string, NixSystem] => [f.name, "x86_64-linux"]),
  ["raw-efi", "aarch64-linux"],
  ["iso", "aarch64-linux"],
  ["sd-aarch64", "aarch64-linux"],
];

let evaluation: CatalogueEvaluation;
let root = "";
const rows: string[] = [];

beforeAll(async () => {
  ensureTools();
  evaluation = await catalogueEvaluation();
  root = mkdtempSync(join(tmpdir(), "replayed-"));
}, 1_500_000); // the shared catalogue evaluation: minutes when another test file makes it at the same time

afterAll(() => {
  console.log(["format | system | replayed from the derivation | file | verify", ...rows].join("\n"));
  if (root) rmSync(root, { recursive: true, force: true });
});

function verifyAs(format: string, system: NixSystem, file: string): Promise<VerifyReport> {
  const entry = loadCatalogue().formats.find((f) => f.name === format)!;
  return checkImage(file, expectationFor({ kind: "catalogue", entry }, system));
}

describe("verify passes what the real builders write (replayed from their derivations)", () => {
  for (const [format, system] of PAIRS) {
    it(`${format} (${system})`, { timeout: 180_000 }, async () => {
      const dir = join(root, `${format}-${system}`);
      let replayed: Replayed;
      try {
        replayed = await replayImage(evaluation, format, system, dir);
      } catch (e) {
        if (!(e instanceof NotReplayable)) throw e;
        rows.push(`${format} | ${system} | not replayable: ${e.message} | — | —`);
        // Only the tools Debian lacks may stop a replay, and only for these formats.
        expect(["proxmox", "virtualbox"]).toContain(format);
        return;
      }
      expect(replayed.replayed.length).toBeGreaterThan(0);
      const report = await verifyAs(format, system, replayed.file);
      rows.push(`${format} | ${system} | ${replayed.replayed.join("; ")} | ${basename(replayed.file)} (${statSync(replayed.file).size} bytes; output: ${outputFiles(replayed.output).join(", ")}) | ${report.ok ? "ok" : `FAILED: ${report.findings.map((f) => f.check).join(", ")}`}`);
      expect(report.findings, `${renderReport(report)}\n\nreplayed: ${replayed.replayed.join("; ")}\nedits: ${replayed.edits.join("; ")}\nstand-ins: ${replayed.standIns.join("; ")}`).toEqual([]);
      expect(report.ok).toBe(true);
      expect(report.detected.container === entry(format).container || (entry(format).container === "sd-image" && report.detected.container === "raw-mbr")).toBe(true);

      // The same file cut in half is refused: the check above could have failed.
      const cut = join(dir, `cut-${basename(replayed.file)}`);
      execFileSync("cp", ["--sparse=always", replayed.file, cut]);
      truncateSync(cut, Math.floor(statSync(cut).size / 2));
      const refused = await verifyAs(format, system, cut);
      expect(refused.ok, renderReport(refused)).toBe(false);
      rmSync(dir, { recursive: true, force: true });
    });
  }
});

function entry(format: string) {
  return loadCatalogue().formats.find((f) => f.name === format)!;
}
