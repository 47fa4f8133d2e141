// Proxmox VMA archives, written by the tests' own writer from the published
// format description, plain and zstd-compressed (as the proxmox format ships).
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { verifyImage } from "../../src/verify/index.js";
import * as f from "./fixtures.js";
import { caught, clean } from "./helpers.js";
import { block, buildVma, type VmaSpec } from "./vma-builder.js";

const DISK_MIB = 64;
const CONFIG = "boot: order=scsi0\nmemory: 1024\nscsi0: local:vm-100-disk-0,size=64M\n";
let dir = "";
let cleanup = (): void => {};
const p = (name: string): string => `${dir}/${name}`;

function spec(overrides: Partial<VmaSpec> = {}): VmaSpec {
  return {
    uuid: Buffer.from("00112233445566778899aabbccddeeff", "hex"),
    ctime: 1700000000,
    configs: [{ name: "qemu-server.conf", data: CONFIG }],
    devices: [
      {
        name: "drive-scsi0",
        size: DISK_MIB * f.MiB,
        blocks: new Map([
          [0, block(0x11)],
          [1000, block(0x22)],
          [(DISK_MIB * f.MiB) / 4096 - 1, block(0x33)],
        ]),
      },
    ],
    ...overrides,
  };
}

const headerSize = (path: string): number => f.readAt(path, 56, 4).readUInt32BE(0);

beforeAll(() => {
  f.ensureTools();
  ({ dir, cleanup } = f.tempDir("vma"));
  writeFileSync(p("vzdump.vma"), buildVma(spec()));
  f.compress("zstd", f.copy(p("vzdump.vma"), p("proxmox.vma")));
});
afterAll(() => cleanup());

describe("vma", () => {
  test("a good archive: config, device name and size, every extent", async () => {
    const r = await verifyImage(p("vzdump.vma"), { container: "vma", compression: "none", diskSizeMiB: DISK_MIB });
    clean(r);
    expect(r.detected).toEqual({ container: "vma", compression: "none" });
    expect(r.virtualSize).toBe(DISK_MIB * f.MiB);
    expect(r.details.configs).toBe("qemu-server.conf");
    expect(r.details["device1.name"]).toBe("drive-scsi0");
    expect(r.details["device1.size"]).toBe(DISK_MIB * f.MiB);
    const clusters = (DISK_MIB * f.MiB) / 65536;
    expect(r.details.extents).toBe(Math.ceil(clusters / 59));
    expect(r.details["device1.clusters"]).toBe(`${clusters}/${clusters}`);
    expect(r.details.ctime).toBe(new Date(1700000000 * 1000).toISOString());
  });

  test("zstd-compressed (.vma.zst)", async () => {
    const r = await verifyImage(p("proxmox.vma.zst"), { container: "vma", compression: "zstd", diskSizeMiB: DISK_MIB });
    clean(r);
    expect(r.detected).toEqual({ container: "vma", compression: "zstd" });
    expect(r.virtualSize).toBe(DISK_MIB * f.MiB);
    expect(r.details.uncompressedSize).toBe(f.size(p("vzdump.vma")));
  });

  test("flipped magic", async () => {
    const bad = f.copy(p("vzdump.vma"), p("magic.vma"));
    f.flip(bad, 0);
    expect(caught(await verifyImage(bad, { container: "vma", compression: "none" }), "vma.magic").offset).toBe(0);
  });

  test("a changed header byte: the header MD5 fails", async () => {
    const bad = f.copy(p("vzdump.vma"), p("md5.vma"));
    f.flip(bad, 30);
    expect(caught(await verifyImage(bad, { container: "vma", compression: "none" }), "vma.header-md5").offset).toBe(32);
  });

  test("a changed extent header: its MD5 fails", async () => {
    const bad = f.copy(p("vzdump.vma"), p("extent.vma"));
    const at = headerSize(bad);
    expect(f.readAt(bad, at, 4).toString("latin1")).toBe("VMAE");
    f.flip(bad, at + 100);
    expect(caught(await verifyImage(bad, { container: "vma", compression: "none" }), "vma.extent.md5").offset).toBe(at + 24);
  });

  test("a block count that disagrees with the masks (MD5 recomputed)", async () => {
    const bad = f.copy(p("vzdump.vma"), p("count.vma"));
    const at = headerSize(bad);
    const eh = Buffer.from(f.readAt(bad, at, 512));
    eh.writeUInt16BE(eh.readUInt16BE(6) + 1, 6);
    eh.fill(0, 24, 40);
    createHash("md5").update(eh).digest().copy(eh, 24);
    f.patch(bad, at, eh);
    expect(caught(await verifyImage(bad, { container: "vma", compression: "none" }), "vma.extent.block-count").offset).toBe(at + 6);
  });

  test("no qemu-server.conf", async () => {
    writeFileSync(p("noconf.vma"), buildVma(spec({ configs: [{ name: "fw.conf", data: "" }] })));
    expect(caught(await verifyImage(p("noconf.vma"), { container: "vma", compression: "none" }), "vma.config").found).toBe("fw.conf");
  });

  test("truncated: plain and compressed", async () => {
    const cut = f.truncated(p("vzdump.vma"), p("cut.vma"), f.size(p("vzdump.vma")) - 1000);
    caught(await verifyImage(cut, { container: "vma", compression: "none" }), "vma.extent.truncated");
    const zcut = f.truncated(p("proxmox.vma.zst"), p("cut.vma.zst"), f.size(p("proxmox.vma.zst")) - 10);
    caught(await verifyImage(zcut, { container: "vma", compression: "zstd" }), "zstd.stream");
  });

  test("a disk size other than requested; mislabelled as qcow2", async () => {
    caught(await verifyImage(p("vzdump.vma"), { container: "vma", compression: "none", diskSizeMiB: 32 }), "disk-size");
    const r = await verifyImage(p("proxmox.vma.zst"), { container: "qcow2", compression: "zstd" });
    expect(caught(r, "container")).toMatchObject({ expected: "qcow2", found: "vma" });
  });
});
