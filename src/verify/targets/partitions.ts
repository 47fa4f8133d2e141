// The partition table of a disk as the target rules see it (MBR or GPT, its
// partitions), and which Linux file system a partition holds.
import { Checks } from "../checks.js";
import { probeExt } from "../containers/filesystems.js";
import { GUID_ESP, gptTypeName, readPrimaryGpt } from "../containers/gpt.js";
import { hasMbrSignature, mbrTypeName, parseMbr, SECTOR } from "../containers/mbr.js";
import type { ByteSource } from "../source.js";

export interface Partition {
  index: number;
  start: number;
  size: number;
  /** "0x83 (Linux)", "EFI System", … */
  type: string;
  esp: boolean;
  /** The MBR type byte (MBR disks only). */
  mbrType?: number;
}

export interface PartitionTable {
  kind: "mbr" | "gpt";
  partitions: Partition[];
}

/** The disk's partition table, or undefined when it has none that is readable. */
export async function partitionTable(disk: ByteSource): Promise<PartitionTable | undefined> {
  const s0 = await disk.read(0, 2 * SECTOR);
  if (!hasMbrSignature(s0)) return undefined;
  const scratch = new Checks();
  const mbr = parseMbr(s0, scratch);
  if (mbr.some((p) => p.type === 0xee) || s0.subarray(SECTOR, SECTOR + 8).toString("latin1") === "EFI PART") {
    const gpt = await readPrimaryGpt(disk, scratch, disk.sequential ? undefined : await disk.size());
    if (!gpt) return undefined;
    return {
      kind: "gpt",
      partitions: gpt.partitions.map((p) => ({ index: p.index, start: p.start, size: p.size, type: gptTypeName(p.type), esp: p.type === GUID_ESP })),
    };
  }
  return {
    kind: "mbr",
    partitions: mbr.map((p) => ({ index: p.index, start: p.start, size: p.size, type: mbrTypeName(p.type), esp: p.type === 0xef, mbrType: p.type })),
  };
}

const XFS = Buffer.from("XFSB", "latin1");
const BTRFS = Buffer.from("_BHRfS_M", "latin1");
const JFS = Buffer.from("JFS1", "latin1");

/** The Linux file system at `start`, by its superblock magic: ext2/3/4, XFS, Btrfs, JFS. */
export async function linuxFilesystem(disk: ByteSource, start: number): Promise<string | undefined> {
  const ext = await probeExt(disk, start);
  if (ext) return ext.kind;
  if ((await disk.read(start, 4)).equals(XFS)) return "xfs";
  if ((await disk.read(start + 0x10040, 8)).equals(BTRFS)) return "btrfs";
  if ((await disk.read(start + 0x8000, 4)).equals(JFS)) return "jfs";
  return undefined;
}
