// Proxmox VMA (pve-qemu's vma_spec.txt): a "VMA\0" header with an MD5 over
// itself, config blobs and device infos in a blob buffer, then extents ("VMAE",
// 512-byte header with its own MD5 and 59 block infos) holding 64 KiB clusters
// as non-zero 4 KiB blocks. Big-endian. With a reader, the clusters' data is
// read too and handed over (the boot test extracts the disk this way).
import { createHash } from "node:crypto";
import type { Checks } from "../checks.js";
import { bytes, show, u64be } from "../bytes.js";
import type { ByteSource } from "../source.js";
import { readOrFail } from "../source.js";

export const VMA_MAGIC = Buffer.from([0x56, 0x4d, 0x41, 0x00]);
const EXTENT_MAGIC = Buffer.from("VMAE", "latin1");
const HEADER_FIXED = 12288;
const CLUSTER = 65536;
const BLOCK = 4096;
const EXTENT_HEADER = 512;
const BLOCKS_PER_EXTENT = 59;

function md5Without(b: Buffer, from: number): Buffer {
  const copy = Buffer.from(b);
  copy.fill(0, from, from + 16);
  return createHash("md5").update(copy).digest();
}

/** A blob: 2-byte little-endian length, then data (names end in NUL). */
function blob(buf: Buffer, off: number): Buffer | undefined {
  if (off <= 0 || off + 2 > buf.length) return undefined;
  const len = buf.readUInt16LE(off);
  if (off + 2 + len > buf.length) return undefined;
  return buf.subarray(off + 2, off + 2 + len);
}

function blobString(b: Buffer): string {
  const nul = b.indexOf(0);
  return (nul >= 0 ? b.subarray(0, nul) : b).toString("utf8");
}

interface Device {
  id: number;
  name: string;
  size: number;
  clusters: Uint8Array;
  seen: number;
}

/** A device of the archive: its id (dev_id in the extents), name and size in bytes. */
export interface VmaDevice {
  id: number;
  name: string;
  size: number;
}

/** What a target's rules need from a VMA: its config blobs (name → text) and device names. */
export interface VmaFacts {
  configs: Map<string, string>;
  devices: string[];
  /** The devices with their ids and sizes, by id. */
  deviceInfo: VmaDevice[];
}

/** One cluster as an extent stores it: bit i of `mask` set means block i (of 16) is in `data`, in order; a clear bit is a block of zeros. */
export interface VmaCluster {
  device: VmaDevice;
  /** The cluster's number: it starts at byte cluster × 64 KiB of the device. */
  cluster: number;
  mask: number;
  data: Buffer;
}

/** Reads the data as well as checking the structure: `header` once the header is sound, `cluster` for every cluster in archive order. */
export interface VmaReader {
  header(facts: VmaFacts): Promise<void> | void;
  cluster(cluster: VmaCluster): Promise<void> | void;
}

export const VMA_CLUSTER = CLUSTER;
export const VMA_BLOCK = BLOCK;

export async function checkVma(src: ByteSource, c: Checks, reader?: VmaReader): Promise<VmaFacts | undefined> {
  const fixed = await readOrFail(src, c, "vma.header", 0, HEADER_FIXED);
  if (!fixed) return;
  const magic = fixed.subarray(0, 4);
  if (!magic.equals(VMA_MAGIC)) {
    c.fail("vma.magic", show(VMA_MAGIC), show(magic), 0);
    return undefined;
  }
  const version = fixed.readUInt32BE(4);
  if (version !== 1) {
    c.fail("vma.version", "1", String(version), 4);
    return undefined;
  }
  const uuid = Buffer.from(fixed.subarray(8, 24));
  const ctime = u64be(fixed, 24);
  const blobOffset = fixed.readUInt32BE(48);
  const blobSize = fixed.readUInt32BE(52);
  const headerSize = fixed.readUInt32BE(56);
  c.detail("ctime", new Date(ctime * 1000).toISOString());
  if (headerSize < HEADER_FIXED || headerSize % 512 !== 0 || headerSize > 64 << 20) {
    c.fail("vma.header-size", "a multiple of 512, at least 12288", String(headerSize), 56);
    return undefined;
  }
  if (blobOffset < HEADER_FIXED || blobOffset + blobSize > headerSize) {
    c.fail("vma.blob-buffer", `a blob buffer inside the header (12288..${headerSize})`, `${blobSize} bytes at ${blobOffset}`, 48);
    return undefined;
  }
  const header = await readOrFail(src, c, "vma.header", 0, headerSize);
  if (!header) return;
  const md5 = md5Without(header, 32);
  if (!md5.equals(header.subarray(32, 48))) {
    c.fail("vma.header-md5", md5.toString("hex"), header.subarray(32, 48).toString("hex"), 32);
    return undefined;
  }
  const blobs = header.subarray(blobOffset, blobOffset + blobSize);

  const configs: string[] = [];
  const configTexts = new Map<string, string>();
  for (let i = 0; i < 256; i++) {
    const nameOff = header.readUInt32BE(2044 + i * 4);
    const dataOff = header.readUInt32BE(3068 + i * 4);
    if (nameOff === 0 && dataOff === 0) continue;
    const name = blob(blobs, nameOff);
    const data = blob(blobs, dataOff);
    if (!name || !data) {
      c.fail(`vma.config${i}`, "name and data blobs inside the blob buffer", `offsets ${nameOff}, ${dataOff}`, 2044 + i * 4);
      continue;
    }
    configs.push(blobString(name));
    configTexts.set(blobString(name), data.toString("utf8"));
  }
  c.detail("configs", configs.join(", "));
  if (!configs.includes("qemu-server.conf")) c.fail("vma.config", 'a "qemu-server.conf" config blob', configs.length ? configs.join(", ") : "no config blobs", 2044);

  const devices = new Map<number, Device>();
  for (let id = 1; id < 256; id++) {
    const o = 4096 + id * 32;
    const nameOff = header.readUInt32BE(o);
    if (nameOff === 0) continue;
    const name = blob(blobs, nameOff);
    const size = u64be(header, o + 8);
    if (!name) {
      c.fail(`vma.device${id}.name`, "a name blob inside the blob buffer", `offset ${nameOff}`, o);
      continue;
    }
    if (!Number.isFinite(size) || size === 0) {
      c.fail(`vma.device${id}.size`, "a device size above 0", String(size), o + 8);
      continue;
    }
    const clusters = Math.ceil(size / CLUSTER);
    devices.set(id, { id, name: blobString(name), size, clusters: new Uint8Array(Math.ceil(clusters / 8)), seen: 0 });
  }
  if (devices.size === 0) {
    c.fail("vma.devices", "at least one device", "none", 4096);
    return undefined;
  }
  for (const d of devices.values()) {
    c.detail(`device${d.id}.name`, d.name);
    c.detail(`device${d.id}.size`, d.size);
  }
  const disk = [...devices.values()].find((d) => d.name !== "vmstate");
  if (disk) c.virtualSize = disk.size;
  const facts: VmaFacts = {
    configs: configTexts,
    devices: [...devices.values()].map((d) => d.name),
    deviceInfo: [...devices.values()].map((d) => ({ id: d.id, name: d.name, size: d.size })),
  };
  await reader?.header(facts);

  // Extents, to the end of the file.
  let at = headerSize;
  let extents = 0;
  for (;;) {
    const eh = await src.read(at, EXTENT_HEADER);
    if (eh.length === 0) break;
    if (eh.length < EXTENT_HEADER) {
      c.fail("vma.extent.truncated", "a whole 512-byte extent header", `the file ends ${eh.length} bytes into it`, at);
      return facts;
    }
    if (!eh.subarray(0, 4).equals(EXTENT_MAGIC)) {
      c.fail("vma.extent.magic", show(EXTENT_MAGIC), show(eh.subarray(0, 4)), at);
      return facts;
    }
    const sum = md5Without(eh, 24);
    if (!sum.equals(eh.subarray(24, 40))) {
      c.fail("vma.extent.md5", sum.toString("hex"), eh.subarray(24, 40).toString("hex"), at + 24);
      return facts;
    }
    if (!eh.subarray(8, 24).equals(uuid)) {
      c.fail("vma.extent.uuid", uuid.toString("hex"), eh.subarray(8, 24).toString("hex"), at + 8);
      return facts;
    }
    const blockCount = eh.readUInt16BE(6);
    let counted = 0;
    const clusters: { dev: Device; cluster: number; mask: number }[] = [];
    for (let i = 0; i < BLOCKS_PER_EXTENT; i++) {
      const o = 40 + i * 8;
      const bi = eh.readBigUInt64BE(o);
      if (bi === 0n) continue;
      const mask = Number(bi >> 48n);
      const devId = eh[o + 3]!;
      const cluster = eh.readUInt32BE(o + 4);
      const dev = devices.get(devId);
      if (!dev) {
        c.fail("vma.extent.device", `a device id from the header (${[...devices.keys()].join(", ")})`, String(devId), at + o + 3);
        return facts;
      }
      if (cluster * CLUSTER >= dev.size) {
        c.fail("vma.extent.cluster", `a cluster inside device ${dev.name} (${bytes(dev.size)})`, `cluster ${cluster}`, at + o + 4);
        return facts;
      }
      const bit = 1 << (cluster & 7);
      if (!(dev.clusters[cluster >> 3]! & bit)) {
        dev.clusters[cluster >> 3]! |= bit;
        dev.seen++;
      }
      for (let m = mask; m; m &= m - 1) counted++;
      clusters.push({ dev, cluster, mask });
    }
    if (counted !== blockCount) {
      c.fail("vma.extent.block-count", `${counted} blocks (the masks' bits)`, String(blockCount), at + 6);
      return facts;
    }
    extents++;
    const next = at + EXTENT_HEADER + blockCount * BLOCK;
    const truncated = async (): Promise<VmaFacts> => {
      c.fail("vma.extent.truncated", `${blockCount} blocks of data ending at ${next}`, `the file ends at ${bytes(await src.size())}`, at);
      return facts;
    };
    if (reader) {
      const data = await src.read(at + EXTENT_HEADER, blockCount * BLOCK);
      if (data.length < blockCount * BLOCK) return truncated();
      let from = 0;
      for (const { dev, cluster, mask } of clusters) {
        let n = 0;
        for (let m = mask; m; m &= m - 1) n++;
        await reader.cluster({ device: { id: dev.id, name: dev.name, size: dev.size }, cluster, mask, data: data.subarray(from, from + n * BLOCK) });
        from += n * BLOCK;
      }
    } else if (blockCount > 0) {
      const last = await src.read(next - 1, 1);
      if (last.length === 0) return truncated();
    }
    at = next;
  }
  c.detail("extents", extents);
  for (const d of devices.values()) {
    const total = Math.ceil(d.size / CLUSTER);
    c.detail(`device${d.id}.clusters`, `${d.seen}/${total}`);
  }
  return facts;
}
