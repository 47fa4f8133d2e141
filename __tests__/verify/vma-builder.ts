// A small VMA writer for the tests, from pve-qemu's vma_spec.txt (no Debian tool
// writes VMA): header with config blobs and device infos, then extents of up
// to 59 clusters of 64 KiB, storing only their non-zero 4 KiB blocks.
import { createHash } from "node:crypto";

const CLUSTER = 65536;
const BLOCK = 4096;
const PER_EXTENT = 59;

export interface VmaDevice {
  name: string;
  size: number;
  /** Non-zero 4 KiB blocks by block index; every other block reads as zeros. */
  blocks: Map<number, Buffer>;
}

export interface VmaSpec {
  uuid: Buffer;
  ctime: number;
  configs: { name: string; data: string }[];
  devices: VmaDevice[];
}

const md5 = (b: Buffer): Buffer => createHash("md5").update(b).digest();
const round512 = (n: number): number => Math.ceil(n / 512) * 512;

export function buildVma(spec: VmaSpec): Buffer {
  // Blob buffer: offset 0 stays unused so that 0 can mean "none".
  const blobs: Buffer[] = [Buffer.alloc(1)];
  let blobLen = 1;
  const addBlob = (data: Buffer): number => {
    const off = blobLen;
    const len = Buffer.alloc(2);
    len.writeUInt16LE(data.length);
    blobs.push(len, data);
    blobLen += 2 + data.length;
    return off;
  };
  const cstr = (s: string): Buffer => Buffer.from(`${s}\0`, "utf8");

  const head = Buffer.alloc(12288);
  Buffer.from("VMA\0", "latin1").copy(head, 0);
  head.writeUInt32BE(1, 4);
  spec.uuid.copy(head, 8);
  head.writeBigUInt64BE(BigInt(spec.ctime), 24);
  spec.configs.forEach((cfg, i) => {
    head.writeUInt32BE(addBlob(cstr(cfg.name)), 2044 + i * 4);
    head.writeUInt32BE(addBlob(Buffer.from(cfg.data, "utf8")), 3068 + i * 4);
  });
  spec.devices.forEach((d, i) => {
    const o = 4096 + (i + 1) * 32;
    head.writeUInt32BE(addBlob(cstr(d.name)), o);
    head.writeBigUInt64BE(BigInt(d.size), o + 8);
  });
  const blobSize = round512(blobLen);
  head.writeUInt32BE(12288, 48);
  head.writeUInt32BE(blobSize, 52);
  head.writeUInt32BE(12288 + blobSize, 56);
  const blobBuf = Buffer.alloc(blobSize);
  Buffer.concat(blobs).copy(blobBuf);
  const header = Buffer.concat([head, blobBuf]);
  md5(header).copy(header, 32);

  // Every cluster of every device, in order, 59 to an extent.
  const clusters: { dev: number; num: number; mask: number; data: Buffer[] }[] = [];
  spec.devices.forEach((d, i) => {
    for (let num = 0; num * CLUSTER < d.size; num++) {
      let mask = 0;
      const data: Buffer[] = [];
      for (let b = 0; b < 16; b++) {
        const block = d.blocks.get(num * 16 + b);
        if (block && block.some((x) => x !== 0)) {
          mask |= 1 << b;
          data.push(block);
        }
      }
      clusters.push({ dev: i + 1, num, mask, data });
    }
  });
  const out: Buffer[] = [header];
  for (let k = 0; k < clusters.length; k += PER_EXTENT) {
    const group = clusters.slice(k, k + PER_EXTENT);
    const eh = Buffer.alloc(512);
    Buffer.from("VMAE", "latin1").copy(eh, 0);
    let blocks = 0;
    group.forEach((cl, j) => {
      const o = 40 + j * 8;
      eh.writeUInt16BE(cl.mask, o);
      eh[o + 3] = cl.dev;
      eh.writeUInt32BE(cl.num, o + 4);
      blocks += cl.data.length;
    });
    eh.writeUInt16BE(blocks, 6);
    spec.uuid.copy(eh, 8);
    md5(eh).copy(eh, 24);
    out.push(eh, ...group.flatMap((cl) => cl.data));
  }
  return Buffer.concat(out);
}

/** Block size helper for tests: a 4 KiB block filled with `byte`. */
export function block(byte: number): Buffer {
  return Buffer.alloc(BLOCK, byte);
}
