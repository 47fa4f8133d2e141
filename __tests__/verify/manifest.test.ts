// manifest.json: built from verify reports, validated by its schema, written atomically.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { verifyImage } from "../../src/verify/index.js";
import { manifestEntry, manifestEntrySchema, readManifest, writeManifest } from "../../src/verify/manifest.js";
import * as f from "./fixtures.js";

let dir = "";
let cleanup = (): void => {};
const p = (name: string): string => `${dir}/${name}`;

beforeAll(() => {
  f.ensureTools();
  ({ dir, cleanup } = f.tempDir("manifest"));
  f.qemuImg(["create", "-q", "-f", "qcow2", p("nixos.qcow2"), "16M"]);
  f.iso(p("nixos.iso"), "NIXOS_MANIFEST", { bios: true, efi: true });
  writeFileSync(p("broken.img"), Buffer.alloc(4096));
});
afterAll(() => cleanup());

describe("manifest", () => {
  test("entries from reports, written and read back", async () => {
    const qcow = await verifyImage(p("nixos.qcow2"), { container: "qcow2", compression: "none", diskSizeMiB: 16 });
    const iso = await verifyImage(p("nixos.iso"), { container: "iso", compression: "none", system: "x86_64-linux" });
    const broken = await verifyImage(p("broken.img"), { container: "raw-mbr", compression: "none" });
    const entries = [
      manifestEntry(qcow, { format: "qcow", system: "x86_64-linux", builder: "vm", compressed: { file: "nixos.qcow2.zst", path: "nixos.qcow2.zst", compression: "zstd", size: 123, sha256: "ab".repeat(32) } }),
      manifestEntry(iso, { format: "iso", system: "x86_64-linux", path: "nixos.iso" }),
      manifestEntry(broken, { format: "raw", system: "aarch64-linux" }),
    ];
    expect(entries[0]).toEqual({
      format: "qcow",
      system: "x86_64-linux",
      file: "nixos.qcow2",
      path: p("nixos.qcow2"),
      size: f.size(p("nixos.qcow2")),
      sha256: qcow.sha256,
      builder: "vm",
      compressed: { file: "nixos.qcow2.zst", path: "nixos.qcow2.zst", compression: "zstd", size: 123, sha256: "ab".repeat(32) },
      container: "qcow2",
      virtualSize: 16 * f.MiB,
      nixosLabel: null,
      ok: true,
      findings: [],
    });
    expect(entries[1]).toMatchObject({ path: "nixos.iso", nixosLabel: "NIXOS_MANIFEST", virtualSize: null, container: "iso", ok: true });
    expect(entries[2]).toMatchObject({ ok: false, container: "unknown", builder: null, compressed: null });
    expect(entries[2]!.findings[0]).toMatchObject({ check: "mbr.signature", offset: 510 });

    const out = await writeManifest(dir, entries);
    expect(out).toBe(p("manifest.json"));
    expect(readdirSync(dir).filter((n) => n.includes(".tmp"))).toEqual([]);
    const back = await readManifest(out);
    expect(back).toEqual({ version: 1, images: entries });
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(back);
  });

  test("rewriting replaces the file whole; bad entries are refused", async () => {
    await writeManifest(dir, []);
    expect((await readManifest(p("manifest.json"))).images).toEqual([]);
    const bad = { format: "qcow", system: "riscv64-linux", file: "x", path: "x", size: 1, sha256: null, container: "qcow2", virtualSize: null, nixosLabel: null, ok: true, findings: [] };
    expect(manifestEntrySchema.safeParse(bad).success).toBe(false);
    await expect(writeManifest(dir, [bad as never])).rejects.toThrow();
    expect((await readManifest(p("manifest.json"))).images).toEqual([]);
    expect(readdirSync(dir).filter((n) => n.includes(".tmp"))).toEqual([]);
  });
});
