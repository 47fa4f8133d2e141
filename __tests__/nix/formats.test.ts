// Every format of the catalogue evaluates to an image derivation with the
// catalogue's file extension, for the default configuration and for a
// hardware-style one, on every system it lists. The default configuration's
// every format x system is the shared catalogue evaluation
// (../helpers/catalogue-derivations.ts, also read by the builder contract);
// the hardware configuration's default run covers a representative set, and
// FULL_SWEEP=1 evaluates its every format x system.
import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue, type NixSystem } from "../../src/core/catalogue.js";
import { projectPath } from "../../src/core/paths.js";
import type { ConfigSource } from "../../src/core/request.js";
import { evaluate, type EvalPair, type EvaluatedImage } from "../../src/nix/evaluate.js";
import { cacheKey, cacheKeyFiles, catalogueEvaluation, cataloguePairs } from "../helpers/catalogue-derivations.js";
import { drvClosure, testRequest } from "../helpers/nix.js";

const catalogue = loadCatalogue();
const FULL = process.env.FULL_SWEEP === "1";
const hardware: ConfigSource = { kind: "file", path: projectPath("__tests__", "fixtures", "hardware-configuration.nix") };

const allPairs: EvalPair[] = cataloguePairs();
/**
 * The hardware configuration's default sample: one of each kind of builder
 * (make-disk-image: qcow; ISO; the VM runner; a container tarball; the SD
 * image on aarch64). amazon, raw-efi and gce are make-disk-image disks as qcow
 * is (amazon on the hardware configuration is also repart.test.ts' case); they
 * run with FULL_SWEEP=1.
 */
const quickHardware: EvalPair[] = [
  ...["qcow", "iso", "vm", "lxc"].map((format) => ({ format, system: "x86_64-linux" as NixSystem })),
  { format: "sd-aarch64", system: "aarch64-linux" },
];

/** What nixpkgs' image/file-options.nix names a file, for formats that keep its default. */
function expectedFileName(entry: EvaluatedImage, extension: string): string {
  return `nixos-image-${entry.label}-${entry.system}.${extension}`;
}

/**
 * Formats that decide the host name themselves: nixpkgs' proxmox-image.nix
 * and proxmox-lxc.nix set `networking.hostName = mkForce ""` (Proxmox names
 * the guest), so the system is "unnamed" whatever the configuration says.
 */
const HOST_NAME_FROM_FORMAT: Record<string, string> = { proxmox: "unnamed", "proxmox-lxc": "unnamed" };

/** Formats whose file does not contain the system (a metadata tarball): the catalogue's containsSystem. */
const WITHOUT_SYSTEM = new Set(catalogue.formats.filter((f) => !f.containsSystem).map((f) => f.name));

function checkEntry(entry: EvaluatedImage, hostName: string | null) {
  const format = catalogue.lookup(entry.format);
  expect(format, entry.format).toBeDefined();
  if (!format) return;
  expect(existsSync(entry.drvPath), `${entry.format} .drv written`).toBe(true);
  if (format.extension) expect(entry.fileName.endsWith(`.${format.extension}`), `${entry.format}: ${entry.fileName}`).toBe(true);
  // The image is output/filePath; an empty filePath means the output is the file.
  expect((entry.filePath || entry.output).endsWith(entry.fileName), `${entry.format}: ${entry.filePath}`).toBe(true);
  // The toplevel is this format's system: its name ends with the format's
  // label, and carries the configuration's host name where it sets one.
  const expectedHost = HOST_NAME_FROM_FORMAT[entry.format] ?? hostName ?? "[^/]+";
  // An image without the system does not evaluate it (a container configuration needs no boot loader for its metadata).
  if (WITHOUT_SYSTEM.has(entry.format)) expect(entry.toplevel, entry.format).toBeNull();
  else expect(entry.toplevel, entry.format).toMatch(new RegExp(`-nixos-system-${expectedHost}-${entry.label}\\.drv$`));
  if (format.nixpkgsVariant && !["iso", "kexec", "lxc", "lxc-metadata", "proxmox-lxc", "proxmox"].includes(format.name)) {
    expect(entry.fileName).toBe(expectedFileName(entry, format.extension));
  }
}

/** Whether the image's .drv closure holds the system's toplevel (`closure` lists it). */
async function expectToplevelInClosure(entry: EvaluatedImage, closure: (drvPath: string) => Promise<readonly string[]>) {
  if (WITHOUT_SYSTEM.has(entry.format)) return;
  expect(await closure(entry.drvPath), `${entry.format} image closure holds the system`).toContain(entry.toplevel);
}

/** Where each configuration's entries come from: the default's is the shared catalogue evaluation, whose closures are `nix derivation show -r`'s. */
interface Source {
  entries(): Promise<readonly EvaluatedImage[]>;
  closure(drvPath: string): Promise<readonly string[]>;
}

const shared: Source = {
  entries: async () => (await catalogueEvaluation()).entries,
  closure: async (drvPath) => (await catalogueEvaluation()).closure(drvPath).map((d) => d.path),
};

const own = (config: ConfigSource, pairs: EvalPair[]): Source => ({
  entries: () => evaluate(testRequest({ config }), pairs),
  closure: drvClosure,
});

const hardwarePairs = FULL ? allPairs : quickHardware;
describe.each([
  { name: "default configuration", hostName: null, pairs: allPairs, source: shared },
  { name: "hardware configuration", hostName: "hwprobe", pairs: hardwarePairs, source: own(hardware, hardwarePairs) },
])("formats of the $name", ({ hostName, pairs, source }) => {
  let entries: readonly EvaluatedImage[] = [];
  beforeAll(async () => {
    entries = await source.entries();
  }, 3_600_000);

  it("evaluates every pair to an image derivation named as the catalogue says", () => {
    expect(entries.map((e) => `${e.format}/${e.system}`)).toEqual(pairs.map((p) => `${p.format}/${p.system}`));
    for (const entry of entries) checkEntry(entry, hostName);
  });

  it("puts the configuration's system into every image", { timeout: 300_000 }, async () => {
    for (const entry of entries) await expectToplevelInClosure(entry, source.closure);
  });
});

describe("the shared catalogue evaluation's cache key", () => {
  it("follows what the evaluation reads (nix/*.nix and *.json, the TypeScript that runs it), not a README beside them", () => {
    // A copy of the parts of the tree the key reads, edited one at a time.
    const root = mkdtempSync(join(tmpdir(), "catalogue-key-"));
    try {
      for (const dir of ["nix", "src", join("__tests__", "helpers")]) cpSync(projectPath(dir), join(root, dir), { recursive: true });
      const files = cacheKeyFiles(root);
      expect(files).toEqual(expect.arrayContaining(["nix/eval.nix", "nix/formats.json", "src/nix/evaluate.ts", "src/core/catalogue.ts", "__tests__/helpers/derivations.ts", "__tests__/helpers/nix.ts"]));
      expect(files.filter((f) => f.startsWith("nix/") && !/\.(nix|json)$/.test(f))).toEqual([]);
      expect(files.filter((f) => f.startsWith("src/action/"))).toEqual([]);
      const base = cacheKey(root);
      appendFileSync(join(root, "nix", "builders", "README.md"), "\nAn edit of the notes.\n");
      appendFileSync(join(root, "src", "action", "run.ts"), "\n// not read by the evaluation\n");
      expect(cacheKey(root), "a README and the action's code are no part of the key").toBe(base);
      appendFileSync(join(root, "nix", "modules", "serial-console.nix"), "\n# an edit\n");
      const afterNix = cacheKey(root);
      expect(afterNix, "a .nix file is").not.toBe(base);
      appendFileSync(join(root, "src", "nix", "evaluate.ts"), "\n// an edit\n");
      expect(cacheKey(root), "the evaluate code is").not.toBe(afterNix);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
