// The virtual disk inside a VHD, as a ByteSource: a fixed disk's data lies
// before its footer; a dynamic disk's blocks are found through the block
// allocation table (VHD specification, "Dynamic Disk Header Format"), and
// blocks it does not list read as zeros.
import type { Checks } from "../checks.js";
import { u64be } from "../bytes.js";
import { probeExt } from "./filesystems.js";
import { partitionTable } from "../targets/partitions.js";
import { SliceSource, type ByteSource } from "../source.js";
import type { VhdFooter } from "./vhd.js";

const BAT_LIMIT = 16 << 20;

class DynamicVhdSource implements ByteSource {
  readonly sequential: boolean;
  private readonly src: ByteSource;
  private readonly bat: Buffer;
  private readonly blockSize: number;
  private readonly bitmapBytes: number;
  private readonly length: number;

  constructor(src: ByteSource, bat: Buffer, blockSize: number, length: number) {
    this.src = src;
    this.bat = bat;
    this.blockSize = blockSize;
    this.bitmapBytes = Math.ceil(blockSize / 512 / 8 / 512) * 512;
    this.length = length;
    this.sequential = src.sequential;
  }

  size(): Promise<number> {
    return Promise.resolve(this.length);
  }

  async read(offset: number, length: number): Promise<Buffer> {
    const end = Math.min(this.length, offset + length);
    if (end <= offset) return Buffer.alloc(0);
    const out = Buffer.alloc(end - offset);
    let at = offset;
    while (at < end) {
      const block = Math.floor(at / this.blockSize);
      const within = at - block * this.blockSize;
      const n = Math.min(end - at, this.blockSize - within);
      const entry = block * 4 + 4 <= this.bat.length ? this.bat.readUInt32BE(block * 4) : 0xffffffff;
      if (entry !== 0xffffffff) {
        const data = await this.src.read(entry * 512 + this.bitmapBytes + within, n);
        data.copy(out, at - offset);
      }
      at += n;
    }
    return out;
  }
}

/** The virtual disk of a VHD whose footer checked out; undefined when its tables cannot be read. */
export async function vhdDisk(src: ByteSource, footer: VhdFooter): Promise<ByteSource | undefined> {
  if (footer.diskType === 2) return new SliceSource(src, 0, footer.currentSize);
  if (footer.diskType !== 3) return undefined;
  const dyn = await src.read(Number(footer.dataOffset), 1024);
  if (dyn.length < 1024 || dyn.subarray(0, 8).toString("latin1") !== "cxsparse") return undefined;
  const batOffset = u64be(dyn, 16);
  const entries = dyn.readUInt32BE(28);
  const blockSize = dyn.readUInt32BE(32);
  if (!Number.isFinite(batOffset) || blockSize === 0 || blockSize % 512 !== 0) return undefined;
  const bat = await src.read(batOffset, Math.min(entries * 4, BAT_LIMIT));
  return new DynamicVhdSource(src, bat, blockSize, footer.currentSize);
}

/**
 * What the VHD's disk holds, as details: its partition table and the label of
 * its first ext file system (the NixOS root), which becomes the report's label.
 */
export async function describeVhdDisk(src: ByteSource, footer: VhdFooter, c: Checks): Promise<void> {
  const disk = await vhdDisk(src, footer);
  if (!disk) return;
  const table = await partitionTable(disk);
  c.detail("disk.partitionTable", table?.kind ?? "none");
  for (const p of table?.partitions ?? []) {
    const ext = await probeExt(disk, p.start);
    if (ext?.label) {
      c.label = ext.label;
      return;
    }
  }
}
