// The MBR partition table: four entries at 446, signature 0x55AA at 510.
import type { Checks } from "../checks.js";
import { hex } from "../bytes.js";

export const SECTOR = 512;

export interface MbrPartition {
  index: number;
  bootable: boolean;
  type: number;
  /** Byte offset and length. */
  start: number;
  size: number;
}

export function hasMbrSignature(sector0: Buffer): boolean {
  return sector0.length >= 512 && sector0[510] === 0x55 && sector0[511] === 0xaa;
}

/** The used entries of the table; bad boot flags become findings. */
export function parseMbr(sector0: Buffer, c: Checks): MbrPartition[] {
  const parts: MbrPartition[] = [];
  for (let i = 0; i < 4; i++) {
    const e = sector0.subarray(446 + i * 16, 462 + i * 16);
    const type = e[4]!;
    const lba = e.readUInt32LE(8);
    const count = e.readUInt32LE(12);
    if (type === 0 && count === 0) continue;
    if (e[0] !== 0 && e[0] !== 0x80) c.fail(`mbr.partition${i + 1}.status`, "0x00 or 0x80", hex(e[0]!, 2), 446 + i * 16);
    parts.push({ index: i + 1, bootable: e[0] === 0x80, type, start: lba * SECTOR, size: count * SECTOR });
  }
  return parts;
}

export const MBR_TYPES: Readonly<Record<number, string>> = {
  0x01: "FAT12",
  0x04: "FAT16",
  0x06: "FAT16",
  0x07: "NTFS/exFAT",
  0x0b: "FAT32 (CHS)",
  0x0c: "FAT32 (LBA)",
  0x0e: "FAT16 (LBA)",
  0x82: "Linux swap",
  0x83: "Linux",
  0xee: "GPT protective",
  0xef: "EFI System",
};

export function mbrTypeName(t: number): string {
  return `${hex(t, 2)}${MBR_TYPES[t] ? ` (${MBR_TYPES[t]})` : ""}`;
}
