// Virtual disk containers made by qemu-img from a real raw disk: qcow2, VHD
// (fixed and dynamic), VHDX, VMDK (monolithicSparse and streamOptimized).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { renderReport, verifyImage } from "../../src/verify/index.js";
import * as f from "./fixtures.js";
import { caught, clean } from "./helpers.js";

const SIZE_MIB = 64;

/**
 * A streamOptimized VMDK laid out as VirtualBox writes it (VMware's VMDK 5.0
 * spec): header with the grain directory "at end", one compressed grain,
 * grain table and directory after markers, then footer marker, footer and
 * end-of-stream marker. 4 grains of 64 KiB; grain 0 holds 0xab bytes.
 */
function vmdkWithFooter(): { file: Buffer; capacity: number; footerAt: number } {
  const S = 512;
  const sectors = 4 * 128;
  const header = (gd: bigint): Buffer => {
    const h = Buffer.alloc(S);
    h.write("KDMV", 0, "latin1");
    h.writeUInt32LE(3, 4);
    h.writeUInt32LE(1 | (1 << 16) | (1 << 17), 8);
    h.writeBigUInt64LE(BigInt(sectors), 12);
    h.writeBigUInt64LE(128n, 20);
    h.writeBigUInt64LE(1n, 28);
    h.writeBigUInt64LE(1n, 36);
    h.writeUInt32LE(512, 44);
    h.writeBigUInt64LE(gd, 56);
    h.writeBigUInt64LE(128n, 64);
    Buffer.from([0x0a, 0x20, 0x0d, 0x0a]).copy(h, 73);
    h.writeUInt16LE(1, 77);
    return h;
  };
  const pad = (b: Buffer): Buffer => Buffer.concat([b, Buffer.alloc((S - (b.length % S)) % S)]);
  const marker = (count: number, type: number): Buffer => {
    const m = Buffer.alloc(S);
    m.writeBigUInt64LE(BigInt(count), 0);
    m.writeUInt32LE(type, 12);
    return m;
  };
  const descriptor = pad(Buffer.from(`# Disk DescriptorFile\nversion=1\nCID=12345678\nparentCID=ffffffff\ncreateType="streamOptimized"\n\n# Extent description\nRDONLY ${sectors} SPARSE "disk.vmdk"\n`));
  const data = deflateSync(Buffer.alloc(65536, 0xab));
  const grainHead = Buffer.alloc(12);
  grainHead.writeUInt32LE(data.length, 8);
  const grain = pad(Buffer.concat([grainHead, data]));
  const grainSector = 2;
  const gtSector = grainSector + grain.length / S + 1;
  const gt = Buffer.alloc(4 * S);
  gt.writeUInt32LE(grainSector, 0);
  const gdSector = gtSector + 4 + 1;
  const gd = Buffer.alloc(S);
  gd.writeUInt32LE(gtSector, 0);
  const parts = [header(0xffffffffffffffffn), descriptor, grain, marker(4, 1), gt, marker(1, 2), gd, marker(1, 3), header(BigInt(gdSector)), Buffer.alloc(S)];
  const file = Buffer.concat(parts);
  return { file, capacity: sectors * S, footerAt: file.length - 2 * S };
}
let dir = "";
let cleanup = (): void => {};
const p = (name: string): string => `${dir}/${name}`;

beforeAll(() => {
  f.ensureTools();
  ({ dir, cleanup } = f.tempDir("disks"));
  f.rawMbr(p("raw.img"), SIZE_MIB);
  const conv = (fmt: string, out: string, opts: string[] = []): void => f.qemuImg(["convert", "-O", fmt, ...opts, p("raw.img"), p(out)]);
  conv("qcow2", "disk.qcow2");
  conv("qcow2", "compressed.qcow2", ["-c"]);
  conv("qcow2", "extended.qcow2", ["-o", "extended_l2=on"]);
  conv("vpc", "fixed.vhd", ["-o", "subformat=fixed,force_size=on"]);
  conv("vpc", "dynamic.vhd", ["-o", "subformat=dynamic,force_size=on"]);
  conv("vpc", "chs.vhd", ["-o", "subformat=fixed"]);
  conv("vhdx", "disk.vhdx");
  conv("vmdk", "sparse.vmdk", ["-o", "subformat=monolithicSparse"]);
  conv("vmdk", "stream.vmdk", ["-o", "subformat=streamOptimized"]);
});
afterAll(() => cleanup());

describe("qcow2", () => {
  test("a good image: detected, virtual size as created, sha256 of the file", async () => {
    const r = await verifyImage(p("disk.qcow2"), { container: "qcow2", compression: "none", diskSizeMiB: SIZE_MIB });
    clean(r);
    expect(r.detected).toEqual({ container: "qcow2", compression: "none" });
    expect(r.virtualSize).toBe(SIZE_MIB * f.MiB);
    expect(r.size).toBe(f.size(p("disk.qcow2")));
    expect(r.sha256).toBe(createHash("sha256").update(readFileSync(p("disk.qcow2"))).digest("hex"));
    expect(r.details.version).toBe(3);
    expect(r.details.clusterSize).toBe(65536);
    expect(Number(r.details.dataClusters)).toBeGreaterThan(0);
  });

  test("compressed clusters and extended L2 entries; truncated compressed data", async () => {
    for (const name of ["compressed.qcow2", "extended.qcow2"]) {
      const r = await verifyImage(p(name), { container: "qcow2", compression: "none", diskSizeMiB: SIZE_MIB });
      clean(r);
      expect(r.virtualSize).toBe(SIZE_MIB * f.MiB);
      expect(Number(r.details.dataClusters)).toBeGreaterThan(0);
    }
    const cut = f.truncated(p("compressed.qcow2"), p("cut-compressed.qcow2"), Math.floor(f.size(p("compressed.qcow2")) * 0.8));
    // qemu writes a compressed image's L2 tables last: they are what the cut removes.
    caught(await verifyImage(cut, { container: "qcow2", compression: "none" }), "qcow2.l1-entry");
  });

  test("flipped magic", async () => {
    const bad = f.copy(p("disk.qcow2"), p("magic.qcow2"));
    f.flip(bad, 1);
    const r = await verifyImage(bad, { container: "qcow2", compression: "none" });
    const finding = caught(r, "qcow2.magic");
    expect(finding.offset).toBe(0);
    expect(finding.expected).toBe("0x514649fb");
    expect(r.detected.container).toBe("unknown");
  });

  test("an L1 table offset past the end of the file", async () => {
    const bad = f.copy(p("disk.qcow2"), p("l1.qcow2"));
    f.patch(bad, 40, [0, 0, 0, 0, 0x10, 0, 0, 0]);
    const r = await verifyImage(bad, { container: "qcow2", compression: "none" });
    expect(caught(r, "qcow2.l1-table").offset).toBe(40);
  });

  test("the dirty bit", async () => {
    const bad = f.copy(p("disk.qcow2"), p("dirty.qcow2"));
    f.patch(bad, 79, [1]);
    const r = await verifyImage(bad, { container: "qcow2", compression: "none" });
    caught(r, "qcow2.dirty");
  });

  test("truncated: data clusters past the end", async () => {
    const cut = f.truncated(p("disk.qcow2"), p("cut.qcow2"), Math.floor(f.size(p("disk.qcow2")) / 2));
    const r = await verifyImage(cut, { container: "qcow2", compression: "none" });
    caught(r, "qcow2.l2-entry");
    expect(r.virtualSize).toBe(SIZE_MIB * f.MiB);
  });

  test("mislabelled: a qcow2 where a VHD is expected", async () => {
    const r = await verifyImage(p("disk.qcow2"), { container: "vhd", compression: "none" });
    const finding = caught(r, "container");
    expect(finding).toMatchObject({ expected: "vhd", found: "qcow2" });
    expect(r.detected.container).toBe("qcow2");
    expect(renderReport(r)).toMatch(/container: expected vhd, found qcow2/);
  });

  test("a virtual size other than the requested disk size", async () => {
    const r = await verifyImage(p("disk.qcow2"), { container: "qcow2", compression: "none", diskSizeMiB: 128 });
    const finding = caught(r, "disk-size");
    expect(finding.found).toContain(String(SIZE_MIB * f.MiB));
    expect(finding.expected).toContain(String(128 * f.MiB));
  });

  test("gzip-compressed (DigitalOcean) qcow2, and a compression mismatch", async () => {
    const gz = f.copy(p("disk.qcow2"), p("do.qcow2"));
    const out = f.compress("gzip", gz);
    const r = await verifyImage(out, { container: "qcow2", compression: "gzip", diskSizeMiB: SIZE_MIB });
    clean(r);
    expect(r.detected).toEqual({ container: "qcow2", compression: "gzip" });
    expect(r.details.uncompressedSize).toBe(f.size(p("disk.qcow2")));
    const wrong = await verifyImage(out, { container: "qcow2", compression: "none" });
    expect(caught(wrong, "compression")).toMatchObject({ expected: "none", found: "gzip" });
  });

  test("a gzip stream cut short", async () => {
    const gz = f.copy(p("disk.qcow2"), p("cutgz.qcow2"));
    const out = f.compress("gzip", gz);
    const cut = f.truncated(out, p("cutgz.qcow2.gz.cut"), Math.floor(f.size(out) * 0.6));
    const r = await verifyImage(cut, { container: "qcow2", compression: "gzip" });
    expect(caught(r, "gzip.stream").found).toMatch(/truncated/);
  });
});

describe("vhd", () => {
  test("fixed: footer at the end, current size as created", async () => {
    const r = await verifyImage(p("fixed.vhd"), { container: "vhd", compression: "none", diskSizeMiB: SIZE_MIB });
    clean(r);
    expect(r.detected.container).toBe("vhd");
    expect(r.virtualSize).toBe(SIZE_MIB * f.MiB);
    expect(r.details.diskType).toBe("fixed");
    expect(r.size).toBe(SIZE_MIB * f.MiB + 512);
    expect(r.details.azureAligned).toBe(true);
  });

  test("fixed without force_size: CHS rounding is within tolerance", async () => {
    const r = await verifyImage(p("chs.vhd"), { container: "vhd", compression: "none", diskSizeMiB: SIZE_MIB });
    clean(r);
    expect(r.virtualSize).toBe(f.size(p("chs.vhd")) - 512);
    expect(r.virtualSize).not.toBe(SIZE_MIB * f.MiB);
    expect(Math.abs(r.virtualSize! - SIZE_MIB * f.MiB)).toBeLessThan(f.MiB);
  });

  test("dynamic: footer copy at 0 and cxsparse header", async () => {
    const r = await verifyImage(p("dynamic.vhd"), { container: "vhd", compression: "none", diskSizeMiB: SIZE_MIB });
    clean(r);
    expect(r.details.diskType).toBe("dynamic");
    expect(r.virtualSize).toBe(SIZE_MIB * f.MiB);
    expect(Number(r.details.allocatedBlocks)).toBeGreaterThan(0);
  });

  test("fixed: a flipped checksum byte", async () => {
    const bad = f.copy(p("fixed.vhd"), p("sum.vhd"));
    const footer = f.size(bad) - 512;
    f.flip(bad, footer + 64);
    const r = await verifyImage(bad, { container: "vhd", compression: "none" });
    expect(caught(r, "vhd.footer.checksum").offset).toBe(footer + 64);
  });

  test("fixed: flipped footer cookie", async () => {
    const bad = f.copy(p("fixed.vhd"), p("cookie.vhd"));
    const footer = f.size(bad) - 512;
    f.flip(bad, footer);
    const r = await verifyImage(bad, { container: "vhd", compression: "none" });
    expect(caught(r, "vhd.footer.cookie").offset).toBe(footer);
    caught(r, "container");
  });

  test("fixed: truncated", async () => {
    const cut = f.truncated(p("fixed.vhd"), p("cut.vhd"), 32 * f.MiB);
    const r = await verifyImage(cut, { container: "vhd", compression: "none" });
    expect(caught(r, "vhd.footer.cookie").offset).toBe(32 * f.MiB - 512);
  });

  test("dynamic: flipped cxsparse cookie and a footer copy that differs", async () => {
    const bad = f.copy(p("dynamic.vhd"), p("sparse.vhd"));
    f.flip(bad, 512);
    const r = await verifyImage(bad, { container: "vhd", compression: "none" });
    expect(caught(r, "vhd.dynamic-header.cookie").offset).toBe(512);
    const bad2 = f.copy(p("dynamic.vhd"), p("copy.vhd"));
    f.flip(bad2, 40);
    caught(await verifyImage(bad2, { container: "vhd", compression: "none" }), "vhd.footer-copy");
  });

  test("dynamic: truncated", async () => {
    const cut = f.truncated(p("dynamic.vhd"), p("cutd.vhd"), Math.floor(f.size(p("dynamic.vhd")) / 2 / 512) * 512);
    const r = await verifyImage(cut, { container: "vhd", compression: "none" });
    caught(r, "vhd.footer.cookie");
    caught(r, "vhd.bat.entry");
  });

  test("mislabelled: a VHD where a VHDX is expected", async () => {
    const r = await verifyImage(p("dynamic.vhd"), { container: "vhdx", compression: "none" });
    expect(caught(r, "container")).toMatchObject({ expected: "vhdx", found: "vhd" });
    expect(r.virtualSize).toBe(SIZE_MIB * f.MiB);
  });
});

describe("vhdx", () => {
  test("a good image: metadata region gives the virtual size", async () => {
    const r = await verifyImage(p("disk.vhdx"), { container: "vhdx", compression: "none", diskSizeMiB: SIZE_MIB });
    clean(r);
    expect(r.detected.container).toBe("vhdx");
    expect(r.virtualSize).toBe(SIZE_MIB * f.MiB);
    expect(r.details.logicalSectorSize).toBe(512);
    expect(Number(r.details.presentBlocks)).toBeGreaterThan(0);
  });

  test("flipped signature", async () => {
    const bad = f.copy(p("disk.vhdx"), p("sig.vhdx"));
    f.flip(bad, 0);
    const r = await verifyImage(bad, { container: "vhdx", compression: "none" });
    expect(caught(r, "vhdx.signature").offset).toBe(0);
  });

  test("a header and a region table with bad CRC-32C", async () => {
    const bad = f.copy(p("disk.vhdx"), p("crc.vhdx"));
    f.flip(bad, 64 * 1024 + 100);
    f.flip(bad, 192 * 1024 + 4);
    const r = await verifyImage(bad, { container: "vhdx", compression: "none" });
    expect(caught(r, "vhdx.header1.crc32c").offset).toBe(64 * 1024 + 4);
    expect(caught(r, "vhdx.region-table1.crc32c").offset).toBe(192 * 1024 + 4);
    // The second copies still carry the disk.
    expect(r.virtualSize).toBe(SIZE_MIB * f.MiB);
  });

  test("truncated: payload blocks past the end", async () => {
    const cut = f.truncated(p("disk.vhdx"), p("cut.vhdx"), f.size(p("disk.vhdx")) / 2);
    caught(await verifyImage(cut, { container: "vhdx", compression: "none" }), "vhdx.bat.entry");
  });

  test("mislabelled: a VHDX where a qcow2 is expected", async () => {
    const r = await verifyImage(p("disk.vhdx"), { container: "qcow2", compression: "none" });
    expect(caught(r, "container")).toMatchObject({ expected: "qcow2", found: "vhdx" });
  });
});

describe("vmdk", () => {
  test("monolithicSparse: capacity and descriptor", async () => {
    const r = await verifyImage(p("sparse.vmdk"), { container: "vmdk", compression: "none", diskSizeMiB: SIZE_MIB });
    clean(r);
    expect(r.virtualSize).toBe(SIZE_MIB * f.MiB);
    expect(r.details.createType).toBe("monolithicSparse");
    expect(Number(r.details.grains)).toBeGreaterThan(0);
  });

  test("streamOptimized: compressed grains and markers", async () => {
    const r = await verifyImage(p("stream.vmdk"), { container: "vmdk", compression: "none", diskSizeMiB: SIZE_MIB });
    clean(r);
    expect(r.virtualSize).toBe(SIZE_MIB * f.MiB);
    expect(r.details.createType).toBe("streamOptimized");
  });

  test("streamOptimized with the grain directory in a footer (VirtualBox layout)", async () => {
    const { file, capacity, footerAt } = vmdkWithFooter();
    writeFileSync(p("footer.vmdk"), file);
    const r = await verifyImage(p("footer.vmdk"), { container: "vmdk", compression: "none" });
    clean(r);
    expect(r.virtualSize).toBe(capacity);
    expect(r.details.grains).toBe(1);
    // The footer disagrees with the header; the end-of-stream marker is cut off.
    const bad = Buffer.from(file);
    bad.writeBigUInt64LE(BigInt(capacity / 512 + 128), footerAt + 12);
    writeFileSync(p("footer-cap.vmdk"), bad);
    caught(await verifyImage(p("footer-cap.vmdk"), { container: "vmdk", compression: "none" }), "vmdk.footer.capacity");
    writeFileSync(p("footer-cut.vmdk"), file.subarray(0, file.length - 512));
    caught(await verifyImage(p("footer-cut.vmdk"), { container: "vmdk", compression: "none" }), "vmdk.end-of-stream");
  });

  test("flipped magic", async () => {
    const bad = f.copy(p("sparse.vmdk"), p("magic.vmdk"));
    f.flip(bad, 0);
    expect(caught(await verifyImage(bad, { container: "vmdk", compression: "none" }), "vmdk.magic").offset).toBe(0);
  });

  test("mangled newline detection bytes (a text-mode transfer)", async () => {
    const bad = f.copy(p("sparse.vmdk"), p("nl.vmdk"));
    f.patch(bad, 75, [0x0a]);
    caught(await verifyImage(bad, { container: "vmdk", compression: "none" }), "vmdk.newline-detection");
  });

  test("a descriptor whose extent disagrees with the header capacity", async () => {
    const bad = f.copy(p("sparse.vmdk"), p("desc.vmdk"));
    const head = f.readAt(bad, 512, 1024).toString("latin1");
    const at = head.indexOf(`RW ${(SIZE_MIB * f.MiB) / 512} `);
    expect(at).toBeGreaterThan(0);
    f.patch(bad, 512 + at + 3, Buffer.from("2", "latin1"));
    const r = await verifyImage(bad, { container: "vmdk", compression: "none" });
    caught(r, "vmdk.descriptor.extent-size");
  });

  test("truncated: grains past the end", async () => {
    for (const name of ["sparse.vmdk", "stream.vmdk"]) {
      const cut = f.truncated(p(name), p(`cut-${name}`), Math.floor(f.size(p(name)) / 2 / 512) * 512);
      caught(await verifyImage(cut, { container: "vmdk", compression: "none" }), "vmdk.grain");
    }
  });

  test("mislabelled: a VMDK where a qcow2 is expected", async () => {
    const r = await verifyImage(p("stream.vmdk"), { container: "qcow2", compression: "none" });
    expect(caught(r, "container")).toMatchObject({ expected: "qcow2", found: "vmdk" });
  });
});
