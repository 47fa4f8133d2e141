// Recognising the file systems a partition should hold, by their superblocks:
// ext2/3/4 (magic 0xEF53 at 1080) and FAT (boot sector with 0x55AA and a FAT type).
import { fixedString } from "../bytes.js";
import type { ByteSource } from "../source.js";

export interface Ext4Info {
  kind: "ext4" | "ext3" | "ext2";
  label: string;
  /** Bytes the file system says it spans. */
  size: number;
  uuid: string;
}

export const EXT_MAGIC = 0xef53;
export const EXT_MAGIC_OFFSET = 1080;

/** The ext superblock at `offset` (the partition start), or undefined without its magic. */
export async function probeExt(src: ByteSource, offset: number): Promise<Ext4Info | undefined> {
  const sb = await src.read(offset + 1024, 1024);
  if (sb.length < 1024 || sb.readUInt16LE(56) !== EXT_MAGIC) return undefined;
  const blockSize = 1024 * 2 ** sb.readUInt32LE(24);
  const incompat = sb.readUInt32LE(96);
  const compat = sb.readUInt32LE(92);
  const is64 = (incompat & 0x80) !== 0;
  const blocks = sb.readUInt32LE(4) + (is64 ? sb.readUInt32LE(0x150) * 2 ** 32 : 0);
  const extents = (incompat & 0x40) !== 0;
  const journal = (compat & 0x4) !== 0;
  return {
    kind: extents || is64 ? "ext4" : journal ? "ext3" : "ext2",
    label: fixedString(sb, 120, 16),
    size: blocks * blockSize,
    uuid: sb.subarray(104, 120).toString("hex"),
  };
}

export interface FatInfo {
  kind: "FAT12" | "FAT16" | "FAT32" | "FAT";
  label: string;
  size: number;
}

/** The FAT boot sector at `offset`, or undefined when there is none. */
export async function probeFat(src: ByteSource, offset: number): Promise<FatInfo | undefined> {
  const bs = await src.read(offset, 512);
  if (bs.length < 512 || bs[510] !== 0x55 || bs[511] !== 0xaa) return undefined;
  const bytesPerSector = bs.readUInt16LE(11);
  if (![512, 1024, 2048, 4096].includes(bytesPerSector)) return undefined;
  const sectors = bs.readUInt16LE(19) || bs.readUInt32LE(32);
  const t16 = bs.subarray(54, 62).toString("latin1");
  const t32 = bs.subarray(82, 90).toString("latin1");
  let kind: FatInfo["kind"];
  let label: string;
  if (t32.startsWith("FAT32")) {
    kind = "FAT32";
    label = fixedString(bs, 71, 11);
  } else if (t16.startsWith("FAT")) {
    kind = t16.startsWith("FAT12") ? "FAT12" : t16.startsWith("FAT16") ? "FAT16" : "FAT";
    label = fixedString(bs, 43, 11);
  } else {
    return undefined;
  }
  return { kind, label: label === "NO NAME" ? "" : label, size: sectors * bytesPerSector };
}
