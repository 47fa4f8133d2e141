// ISO 9660 images made by xorriso, with El Torito BIOS and EFI boot entries.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { verifyImage } from "../../src/verify/index.js";
import * as f from "./fixtures.js";
import { caught, clean } from "./helpers.js";

const LABEL = "NIXOS_ISO_TEST";
let dir = "";
let cleanup = (): void => {};
const p = (name: string): string => `${dir}/${name}`;

/** The boot catalog's sector, from the El Torito boot record at sector 17. */
function catalogOffset(path: string): number {
  const record = f.readAt(path, 17 * 2048, 2048);
  expect(record.subarray(7, 30).toString("latin1")).toBe("EL TORITO SPECIFICATION");
  return record.readUInt32LE(71) * 2048;
}

beforeAll(() => {
  f.ensureTools();
  ({ dir, cleanup } = f.tempDir("iso"));
  f.iso(p("both.iso"), LABEL, { bios: true, efi: true });
  f.iso(p("efi.iso"), LABEL, { bios: false, efi: true });
  f.iso(p("plain.iso"), LABEL, { bios: false, efi: false });
});
afterAll(() => cleanup());

describe("iso", () => {
  test("BIOS + EFI: label, volume size, both boot entries", async () => {
    const r = await verifyImage(p("both.iso"), { container: "iso", compression: "none", system: "x86_64-linux" });
    clean(r);
    expect(r.detected.container).toBe("iso");
    expect(r.label).toBe(LABEL);
    expect(r.details.biosBoot).toBe(true);
    expect(r.details.efiBoot).toBe(true);
    expect(r.details.efiImage).toMatch(/^FAT/);
    const pvd = f.readAt(p("both.iso"), 16 * 2048, 2048);
    expect(r.details.volumeSize).toBe(pvd.readUInt32LE(80) * 2048);
    expect(r.details.volumeSize).toBe(f.size(p("both.iso")));
  });

  test("an EFI-only ISO is fine for aarch64, not for x86_64", async () => {
    clean(await verifyImage(p("efi.iso"), { container: "iso", compression: "none", system: "aarch64-linux" }));
    const r = await verifyImage(p("efi.iso"), { container: "iso", compression: "none", system: "x86_64-linux" });
    expect(caught(r, "iso.bios-boot").found).toBe("EFI");
  });

  test("an ISO without El Torito does not boot", async () => {
    const r = await verifyImage(p("plain.iso"), { container: "iso", compression: "none" });
    caught(r, "iso.el-torito");
    expect(r.label).toBe(LABEL);
  });

  test("flipped CD001 magic", async () => {
    const bad = f.copy(p("both.iso"), p("magic.iso"));
    f.flip(bad, 16 * 2048 + 1);
    const r = await verifyImage(bad, { container: "iso", compression: "none" });
    expect(caught(r, "iso.descriptor.magic").offset).toBe(16 * 2048 + 1);
  });

  test("a boot catalog whose checksum fails", async () => {
    const bad = f.copy(p("both.iso"), p("cat.iso"));
    const at = catalogOffset(bad);
    f.flip(bad, at + 5);
    const r = await verifyImage(bad, { container: "iso", compression: "none", system: "x86_64-linux" });
    expect(caught(r, "iso.boot-catalog.checksum").offset).toBe(at + 28);
  });

  test("truncated: the volume is larger than the file", async () => {
    const cut = f.truncated(p("both.iso"), p("cut.iso"), 20 * 2048);
    const r = await verifyImage(cut, { container: "iso", compression: "none" });
    caught(r, "iso.volume-size");
  });

  test("mislabelled: an ISO where a raw MBR disk is expected", async () => {
    const r = await verifyImage(p("both.iso"), { container: "raw-mbr", compression: "none" });
    expect(caught(r, "container")).toMatchObject({ expected: "raw-mbr", found: "iso" });
    expect(r.label).toBe(LABEL);
  });
});
