// VHDX ([MS-VHDX]): "vhdxfile" identifier, two headers at 64 and 128 KiB and two
// region tables at 192 and 256 KiB, each with a CRC-32C; the metadata region
// gives the virtual disk size; the BAT maps payload blocks. Little-endian.
import type { Checks } from "../checks.js";
import { bytes, guid, hex, isPowerOfTwo, isZero, KiB, MiB, show, u64le } from "../bytes.js";
import { crc32c } from "../crc.js";
import type { ByteSource } from "../source.js";

export const VHDX_SIGNATURE = Buffer.from("vhdxfile", "latin1");
const BAT_GUID = "2DC27766-F623-4200-9D64-115E9BFD4A08";
const METADATA_GUID = "8B7CA206-4790-4B9A-B8FE-575F050F886E";
const FILE_PARAMETERS = "CAA16737-FA36-4D43-B3B6-33F0AA44E76B";
const VIRTUAL_DISK_SIZE = "2FA54224-CD1B-4876-B211-5DBED83BF4B8";
const LOGICAL_SECTOR_SIZE = "8141BF1D-A96F-4709-BA47-F233A8FAAB5F";
const PHYSICAL_SECTOR_SIZE = "CDA348C7-445D-4471-9CC9-E9885251C556";

function crcOk(b: Buffer, c: Checks, check: string, at: number): boolean {
  const stored = b.readUInt32LE(4);
  const copy = Buffer.from(b);
  copy.writeUInt32LE(0, 4);
  const actual = crc32c(copy);
  if (actual === stored) return true;
  return c.fail(check, hex(actual, 8), hex(stored, 8), at + 4);
}

interface Region {
  offset: number;
  length: number;
}

export async function checkVhdx(src: ByteSource, c: Checks): Promise<void> {
  const ident = await src.read(0, 8);
  if (!ident.equals(VHDX_SIGNATURE)) {
    c.fail("vhdx.signature", show(VHDX_SIGNATURE), show(ident), 0);
    return;
  }
  const fileSize = await src.size();
  c.detail("fileSize", fileSize);

  // Headers: both should be valid in a finished image; the higher sequence number is current.
  let current: { seq: bigint; b: Buffer; at: number } | undefined;
  for (const [i, at] of [64 * KiB, 128 * KiB].entries()) {
    const b = await src.read(at, 4 * KiB);
    const name = `vhdx.header${i + 1}`;
    if (b.length < 4 * KiB) {
      c.fail(`${name}.truncated`, `4 KiB at ${at}`, `the file ends at ${bytes(fileSize)}`, at);
      continue;
    }
    if (b.subarray(0, 4).toString("latin1") !== "head") {
      c.fail(`${name}.signature`, show(Buffer.from("head")), show(b.subarray(0, 4)), at);
      continue;
    }
    if (!crcOk(b, c, `${name}.crc32c`, at)) continue;
    const seq = b.readBigUInt64LE(8);
    if (!current || seq > current.seq) current = { seq, b, at };
  }
  if (!current) return;
  const h = current.b;
  c.equal("vhdx.header.version", 1, h.readUInt16LE(66), current.at + 66);
  if (!isZero(h.subarray(48, 64))) c.fail("vhdx.header.log", "no log to replay (log GUID zero)", guid(h, 48), current.at + 48);

  // Region tables.
  const regions = new Map<string, Region>();
  for (const [i, at] of [192 * KiB, 256 * KiB].entries()) {
    const b = await src.read(at, 64 * KiB);
    const name = `vhdx.region-table${i + 1}`;
    if (b.length < 64 * KiB) {
      c.fail(`${name}.truncated`, `64 KiB at ${at}`, `the file ends at ${bytes(fileSize)}`, at);
      continue;
    }
    if (b.subarray(0, 4).toString("latin1") !== "regi") {
      c.fail(`${name}.signature`, show(Buffer.from("regi")), show(b.subarray(0, 4)), at);
      continue;
    }
    if (!crcOk(b, c, `${name}.crc32c`, at)) continue;
    const count = b.readUInt32LE(8);
    if (count > 2047) {
      c.fail(`${name}.entries`, "at most 2047", String(count), at + 8);
      continue;
    }
    if (regions.size > 0) continue; // the first valid table is used
    for (let e = 0; e < count; e++) {
      const o = 16 + e * 32;
      const id = guid(b, o);
      const r = { offset: u64le(b, o + 16), length: b.readUInt32LE(o + 24) };
      const required = (b.readUInt32LE(o + 28) & 1) === 1;
      if (r.offset % MiB !== 0 || r.offset < MiB || r.offset + r.length > fileSize) {
        c.fail(`vhdx.region.${id}`, `a 1 MiB-aligned region inside the file (${bytes(fileSize)})`, `${r.length} bytes at ${r.offset}`, at + o + 16);
        continue;
      }
      if (required && id !== BAT_GUID && id !== METADATA_GUID) c.fail("vhdx.region.unknown-required", "only BAT and metadata regions required", id, at + o);
      regions.set(id, r);
    }
  }
  const meta = regions.get(METADATA_GUID);
  const bat = regions.get(BAT_GUID);
  if (!meta) c.fail("vhdx.region.metadata", `a metadata region (${METADATA_GUID})`, "none", 192 * KiB);
  if (!bat) c.fail("vhdx.region.bat", `a BAT region (${BAT_GUID})`, "none", 192 * KiB);
  if (!meta || !bat) return;

  // Metadata.
  const table = await src.read(meta.offset, 64 * KiB);
  if (table.subarray(0, 8).toString("latin1") !== "metadata") {
    c.fail("vhdx.metadata.signature", show(Buffer.from("metadata")), show(table.subarray(0, 8)), meta.offset);
    return;
  }
  const items = new Map<string, Buffer>();
  const count = table.readUInt16LE(10);
  for (let e = 0; e < Math.min(count, 2047); e++) {
    const o = 32 + e * 32;
    const id = guid(table, o);
    const off = table.readUInt32LE(o + 16);
    const len = table.readUInt32LE(o + 20);
    if (len === 0) continue;
    if (off < 64 * KiB || off + len > meta.length) {
      c.fail(`vhdx.metadata.item.${id}`, `an item inside the metadata region (${meta.length} bytes)`, `${len} bytes at ${off}`, meta.offset + o + 16);
      continue;
    }
    items.set(id, await src.read(meta.offset + off, len));
  }
  const sizeItem = items.get(VIRTUAL_DISK_SIZE);
  const params = items.get(FILE_PARAMETERS);
  const logical = items.get(LOGICAL_SECTOR_SIZE);
  const physical = items.get(PHYSICAL_SECTOR_SIZE);
  if (!sizeItem || sizeItem.length < 8) {
    c.fail("vhdx.metadata.virtual-disk-size", `a Virtual Disk Size item (${VIRTUAL_DISK_SIZE})`, "none", meta.offset);
    return;
  }
  const virtualSize = u64le(sizeItem, 0);
  c.virtualSize = virtualSize;
  if (!params || params.length < 8) {
    c.fail("vhdx.metadata.file-parameters", `a File Parameters item (${FILE_PARAMETERS})`, "none", meta.offset);
    return;
  }
  const blockSize = params.readUInt32LE(0);
  const hasParent = (params.readUInt32LE(4) & 2) !== 0;
  const sectorSize = logical && logical.length >= 4 ? logical.readUInt32LE(0) : 512;
  c.detail("blockSize", blockSize);
  c.detail("logicalSectorSize", sectorSize);
  if (physical && physical.length >= 4) c.detail("physicalSectorSize", physical.readUInt32LE(0));
  if (hasParent) c.fail("vhdx.metadata.parent", "a disk standing alone", "a differencing disk (has a parent)", meta.offset);
  if (!isPowerOfTwo(blockSize) || blockSize < MiB || blockSize > 256 * MiB) {
    c.fail("vhdx.metadata.block-size", "a power of two from 1 MiB to 256 MiB", String(blockSize), meta.offset);
    return;
  }
  if (sectorSize !== 512 && sectorSize !== 4096) c.fail("vhdx.metadata.logical-sector-size", "512 or 4096", String(sectorSize), meta.offset);
  if (virtualSize % sectorSize !== 0) c.fail("vhdx.metadata.virtual-disk-size", `a multiple of the sector size (${sectorSize})`, String(virtualSize), meta.offset);

  // BAT: payload entries interleaved with one sector-bitmap entry per chunk.
  const chunkRatio = (2 ** 23 * sectorSize) / blockSize;
  const dataBlocks = Math.ceil(virtualSize / blockSize);
  const totalEntries = dataBlocks + Math.floor((dataBlocks - 1) / chunkRatio);
  if (bat.length < totalEntries * 8) {
    c.fail("vhdx.bat.size", `room for ${totalEntries} entries`, `${bat.length} bytes`, bat.offset);
    return;
  }
  const table2 = await src.read(bat.offset, Math.min(totalEntries * 8, 32 << 20));
  let present = 0;
  for (let i = 0; i + 8 <= table2.length; i += 8) {
    const e = table2.readBigUInt64LE(i);
    const state = Number(e & 7n);
    if ((i / 8 + 1) % (chunkRatio + 1) === 0) continue; // sector bitmap entry
    if (state !== 6 && state !== 7) continue;
    present++;
    const off = Number(e >> 20n) * MiB;
    if (off < MiB || off + blockSize > fileSize) {
      c.fail("vhdx.bat.entry", `a payload block inside the file (${bytes(fileSize)})`, `block ${i / 8} at ${off}`, bat.offset + i);
      break;
    }
  }
  c.detail("presentBlocks", present);
}
