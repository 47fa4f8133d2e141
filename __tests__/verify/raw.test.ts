// Raw disks made with sfdisk, mkfs.ext4 -d and mkfs.vfat/mtools: MBR, GPT with
// an EFI System partition, an SD card image (also zstd-compressed).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { verifyImage } from "../../src/verify/index.js";
import * as f from "./fixtures.js";
import { caught, clean } from "./helpers.js";

const SIZE_MIB = 64;
let dir = "";
let cleanup = (): void => {};
const p = (name: string): string => `${dir}/${name}`;

beforeAll(() => {
  f.ensureTools();
  ({ dir, cleanup } = f.tempDir("raw"));
  f.rawMbr(p("mbr.img"), SIZE_MIB, "nixos");
  f.rawGpt(p("gpt.img"), SIZE_MIB, "nixos-root");
  f.sdImage(p("sd.img"), SIZE_MIB, "NIXOS_SD");
});
afterAll(() => cleanup());

describe("raw MBR", () => {
  test("a good disk: one Linux partition, ext4 label, size as created", async () => {
    const r = await verifyImage(p("mbr.img"), { container: "raw-mbr", compression: "none", diskSizeMiB: SIZE_MIB });
    clean(r);
    expect(r.detected).toEqual({ container: "raw-mbr", compression: "none" });
    expect(r.virtualSize).toBe(SIZE_MIB * f.MiB);
    expect(r.label).toBe("nixos");
    expect(r.details["partition1.start"]).toBe(f.MiB);
    expect(r.details["partition1.size"]).toBe((SIZE_MIB - 1) * f.MiB);
    expect(r.details["partition1.filesystem"]).toBe("ext4");
    expect(r.details["partition1.bootable"]).toBe(true);
  });

  test("flipped 0x55AA signature", async () => {
    const bad = f.copy(p("mbr.img"), p("sig.img"));
    f.flip(bad, 510);
    const r = await verifyImage(bad, { container: "raw-mbr", compression: "none" });
    expect(caught(r, "mbr.signature")).toMatchObject({ offset: 510, expected: "0x55aa", found: "0xaaaa" });
  });

  test("truncated: the partition runs past the end", async () => {
    const cut = f.truncated(p("mbr.img"), p("cut.img"), 32 * f.MiB);
    const r = await verifyImage(cut, { container: "raw-mbr", compression: "none" });
    expect(caught(r, "mbr.partition1.bounds").found).toContain(String(SIZE_MIB * f.MiB));
  });

  test("gzip-compressed (linode) is read through the stream", async () => {
    const out = f.compress("gzip", f.copy(p("mbr.img"), p("linode.img")));
    const r = await verifyImage(out, { container: "raw-mbr", compression: "gzip", diskSizeMiB: SIZE_MIB });
    clean(r);
    expect(r.label).toBe("nixos");
    expect(r.virtualSize).toBe(SIZE_MIB * f.MiB);
  });

  test("mislabelled: an MBR disk where a GPT disk is expected", async () => {
    const r = await verifyImage(p("mbr.img"), { container: "raw-gpt", compression: "none" });
    expect(caught(r, "container")).toMatchObject({ expected: "raw-gpt", found: "raw-mbr" });
  });
});

describe("raw GPT", () => {
  test("a good disk: ESP (FAT) and Linux root, CRCs and backup header", async () => {
    const r = await verifyImage(p("gpt.img"), { container: "raw-gpt", compression: "none", diskSizeMiB: SIZE_MIB });
    clean(r);
    expect(r.detected.container).toBe("raw-gpt");
    expect(r.virtualSize).toBe(SIZE_MIB * f.MiB);
    expect(r.label).toBe("nixos-root");
    expect(r.details["partition1.type"]).toBe("EFI System");
    expect(r.details["partition1.name"]).toBe("ESP");
    expect(r.details["partition1.filesystem"]).toMatch(/^FAT/);
    expect(r.details["partition1.label"]).toBe("ESP");
    expect(r.details["partition2.type"]).toBe("Linux filesystem");
  });

  test("a flipped byte in the primary header: its CRC32 fails", async () => {
    const bad = f.copy(p("gpt.img"), p("hdr.img"));
    f.flip(bad, 512 + 56);
    const r = await verifyImage(bad, { container: "raw-gpt", compression: "none" });
    expect(caught(r, "gpt.primary.header-crc32").offset).toBe(512 + 16);
    // The backup header still describes the partitions.
    expect(r.details.gptFrom).toBe("backup");
    expect(r.details["partition1.type"]).toBe("EFI System");
    expect(r.label).toBe("nixos-root");
    expect(r.findings).toHaveLength(1);
  });

  test("a flipped byte in the entry array: its CRC32 fails", async () => {
    const bad = f.copy(p("gpt.img"), p("ent.img"));
    f.flip(bad, 1024 + 60);
    const r = await verifyImage(bad, { container: "raw-gpt", compression: "none" });
    expect(caught(r, "gpt.primary.entries-crc32").offset).toBe(1024);
  });

  test("a corrupt backup header", async () => {
    const bad = f.copy(p("gpt.img"), p("bak.img"));
    f.flip(bad, SIZE_MIB * f.MiB - 512 + 40);
    const r = await verifyImage(bad, { container: "raw-gpt", compression: "none" });
    expect(caught(r, "gpt.backup.header-crc32").offset).toBe(SIZE_MIB * f.MiB - 512 + 16);
  });

  test("no EFI System partition", async () => {
    const noEsp = f.copy(p("gpt.img"), p("noesp.img"));
    f.run("sfdisk", ["-q", "--part-type", noEsp, "1", "L"]);
    const r = await verifyImage(noEsp, { container: "raw-gpt", compression: "none" });
    expect(caught(r, "gpt.esp").expected).toContain("C12A7328-F81F-11D2-BA4B-00A0C93EC93B");
  });

  test("truncated: partitions and backup header past the end", async () => {
    const cut = f.truncated(p("gpt.img"), p("cut.img"), 40 * f.MiB);
    const r = await verifyImage(cut, { container: "raw-gpt", compression: "none" });
    caught(r, "gpt.partition2.bounds");
    expect(caught(r, "gpt.primary.alternate-lba").found).toBe(String(SIZE_MIB * 2048 - 1));
  });

  test("mislabelled: a GPT disk where an MBR disk is expected", async () => {
    const r = await verifyImage(p("gpt.img"), { container: "raw-mbr", compression: "none" });
    expect(caught(r, "container")).toMatchObject({ expected: "raw-mbr", found: "raw-gpt" });
  });
});

describe("SD image", () => {
  test("a good image: FAT firmware and ext4 root, also zstd-compressed", async () => {
    const r = await verifyImage(p("sd.img"), { container: "sd-image", compression: "none" });
    clean(r);
    expect(r.detected.container).toBe("sd-image");
    expect(r.label).toBe("NIXOS_SD");
    expect(r.details["firmware.label"]).toBe("FIRMWARE");
    expect(r.details["partition1.type"]).toMatch(/^0x0b/);
    const zst = f.compress("zstd", f.copy(p("sd.img"), p("sdz.img")));
    const z = await verifyImage(zst, { container: "sd-image", compression: "zstd" });
    clean(z);
    expect(z.detected).toEqual({ container: "sd-image", compression: "zstd" });
    expect(z.virtualSize).toBe(SIZE_MIB * f.MiB);
    expect(z.details.uncompressedSize).toBe(SIZE_MIB * f.MiB);
    expect(z.label).toBe("NIXOS_SD");
  });

  test("a root partition without the ext4 magic at offset+1080", async () => {
    const bad = f.copy(p("sd.img"), p("noext.img"));
    const at = 24 * f.MiB + 1080;
    f.flip(bad, at);
    const r = await verifyImage(bad, { container: "sd-image", compression: "none" });
    expect(caught(r, "sd.root-filesystem")).toMatchObject({ offset: at, expected: "ext4 superblock magic 0xef53" });
  });

  test("a firmware partition of the wrong type", async () => {
    const bad = f.copy(p("sd.img"), p("type.img"));
    f.patch(bad, 446 + 4, [0x83]);
    const r = await verifyImage(bad, { container: "sd-image", compression: "none" });
    caught(r, "sd.firmware-partition");
  });

  test("a zstd stream cut short", async () => {
    const zst = f.compress("zstd", f.copy(p("sd.img"), p("sdcut.img")));
    const cut = f.truncated(zst, p("sdcut.img.zst.cut"), Math.floor(f.size(zst) / 2));
    const r = await verifyImage(cut, { container: "sd-image", compression: "zstd" });
    caught(r, "zstd.stream");
  });

  test("truncated: the root partition runs past the end", async () => {
    const cut = f.truncated(p("sd.img"), p("cut.img"), 40 * f.MiB);
    caught(await verifyImage(cut, { container: "sd-image", compression: "none" }), "mbr.partition2.bounds");
  });

  test("mislabelled: an SD image where a qcow2 is expected; a plain MBR disk satisfies raw-mbr", async () => {
    const r = await verifyImage(p("sd.img"), { container: "qcow2", compression: "none" });
    expect(caught(r, "container")).toMatchObject({ expected: "qcow2", found: "sd-image" });
    clean(await verifyImage(p("sd.img"), { container: "raw-mbr", compression: "none" }));
    const plain = await verifyImage(p("mbr.img"), { container: "sd-image", compression: "none" });
    expect(caught(plain, "container")).toMatchObject({ expected: "sd-image", found: "raw-mbr" });
    caught(plain, "sd.firmware-partition");
  });
});
