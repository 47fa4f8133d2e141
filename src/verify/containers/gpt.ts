// The GUID partition table (UEFI spec ch. 5): primary header at LBA 1 with
// CRC-32s over itself and its entry array, a backup at the disk's last LBA.
import type { Checks } from "../checks.js";
import { bytes, fixedString, guid, hex, u64le } from "../bytes.js";
import { crc32 } from "../crc.js";
import type { ByteSource } from "../source.js";
import { SECTOR } from "./mbr.js";

export const GUID_ESP = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";
export const GUID_LINUX = "0FC63DAF-8483-4772-8E79-3D69D8477DE4";
export const GUID_BIOS_BOOT = "21686148-6449-6E6F-744E-656564454649";
export const GUID_LINUX_ROOT_X86_64 = "4F68BCE3-E8CD-4DB1-96E7-FBCAF984B709";
export const GUID_LINUX_ROOT_AARCH64 = "B921B045-1DF0-41C3-AF44-4C6F280D3FAE";

const TYPE_NAMES: Readonly<Record<string, string>> = {
  [GUID_ESP]: "EFI System",
  [GUID_LINUX]: "Linux filesystem",
  [GUID_BIOS_BOOT]: "BIOS boot",
  [GUID_LINUX_ROOT_X86_64]: "Linux root (x86-64)",
  [GUID_LINUX_ROOT_AARCH64]: "Linux root (ARM64)",
};

export function gptTypeName(g: string): string {
  return TYPE_NAMES[g] ?? g;
}

export const GPT_SIGNATURE = "EFI PART";

export interface GptPartition {
  index: number;
  type: string;
  name: string;
  /** Byte offset and length. */
  start: number;
  size: number;
  firstLba: number;
  lastLba: number;
}

export interface GptHeader {
  alternateLba: number;
  firstUsable: number;
  lastUsable: number;
  entriesLba: number;
  entryCount: number;
  entrySize: number;
  entriesCrc: number;
  diskGuid: string;
}

interface ParsedHeader extends GptHeader {
  myLba: number;
}

/** Checks one header sector: signature, size, CRC. Undefined (with findings) when unusable. */
function parseHeader(b: Buffer, offset: number, c: Checks, which: string): ParsedHeader | undefined {
  const sig = b.subarray(0, 8).toString("latin1");
  if (sig !== GPT_SIGNATURE) {
    c.fail(`gpt.${which}.signature`, JSON.stringify(GPT_SIGNATURE), JSON.stringify(sig.replace(/[^\x20-\x7e]/g, "?")), offset);
    return undefined;
  }
  const headerSize = b.readUInt32LE(12);
  if (headerSize < 92 || headerSize > SECTOR) {
    c.fail(`gpt.${which}.header-size`, "92..512", String(headerSize), offset + 12);
    return undefined;
  }
  const stored = b.readUInt32LE(16);
  const copy = Buffer.from(b.subarray(0, headerSize));
  copy.writeUInt32LE(0, 16);
  const actual = crc32(copy);
  if (actual !== stored) {
    c.fail(`gpt.${which}.header-crc32`, hex(actual, 8), hex(stored, 8), offset + 16);
    return undefined;
  }
  return {
    myLba: u64le(b, 24),
    alternateLba: u64le(b, 32),
    firstUsable: u64le(b, 40),
    lastUsable: u64le(b, 48),
    diskGuid: guid(b, 56),
    entriesLba: u64le(b, 72),
    entryCount: b.readUInt32LE(80),
    entrySize: b.readUInt32LE(84),
    entriesCrc: b.readUInt32LE(88),
  };
}

async function readEntries(src: ByteSource, h: GptHeader, c: Checks, which: string): Promise<Buffer | undefined> {
  if (h.entrySize < 128 || h.entrySize % 8 !== 0 || h.entryCount > 4096) {
    c.fail(`gpt.${which}.entries`, "entries of 128·2^n bytes, at most 4096", `${h.entryCount} entries of ${h.entrySize} bytes`);
    return undefined;
  }
  const at = h.entriesLba * SECTOR;
  const len = h.entryCount * h.entrySize;
  const arr = await src.read(at, len);
  if (arr.length < len) {
    c.fail(`gpt.${which}.entries.truncated`, `${len} bytes of partition entries at ${at}`, `the image ends at ${bytes(at + arr.length)}`, at);
    return undefined;
  }
  const actual = crc32(arr);
  if (actual !== h.entriesCrc) {
    c.fail(`gpt.${which}.entries-crc32`, hex(h.entriesCrc, 8), hex(actual, 8), at);
    return undefined;
  }
  return arr;
}

export interface PrimaryGpt {
  header: GptHeader;
  partitions: GptPartition[];
}

/** The primary header and its partitions, checked against each other and `diskSize`. */
export async function readPrimaryGpt(src: ByteSource, c: Checks, diskSize: number | undefined): Promise<PrimaryGpt | undefined> {
  return readGpt(src, c, 1, "primary", diskSize);
}

/**
 * The backup header at the disk's last sector and its partitions: what a
 * firmware falls back to when the primary is damaged.
 */
export async function readBackupGpt(src: ByteSource, c: Checks, diskSize: number): Promise<PrimaryGpt | undefined> {
  if (diskSize < 2 * SECTOR) return undefined;
  return readGpt(src, c, diskSize / SECTOR - 1, "backup", diskSize);
}

async function readGpt(src: ByteSource, c: Checks, lba: number, which: "primary" | "backup", diskSize: number | undefined): Promise<PrimaryGpt | undefined> {
  const at = lba * SECTOR;
  const b = await src.read(at, SECTOR);
  if (b.length < SECTOR) {
    c.fail(`gpt.${which}.truncated`, `a GPT header at LBA ${lba}`, `the image ends at ${bytes(at + b.length)}`, at);
    return undefined;
  }
  const h = parseHeader(b, at, c, which);
  if (!h) return undefined;
  c.equal(`gpt.${which}.my-lba`, lba, h.myLba, at + 24);
  const arr = await readEntries(src, h, c, which);
  if (!arr) return undefined;
  const partitions: GptPartition[] = [];
  for (let i = 0; i < h.entryCount; i++) {
    const e = arr.subarray(i * h.entrySize, i * h.entrySize + 128);
    if (e.subarray(0, 16).every((x) => x === 0)) continue;
    const firstLba = u64le(e, 32);
    const lastLba = u64le(e, 40);
    const p: GptPartition = {
      index: i + 1,
      type: guid(e, 0),
      name: fixedString(e, 56, 72, "utf16le"),
      start: firstLba * SECTOR,
      size: (lastLba - firstLba + 1) * SECTOR,
      firstLba,
      lastLba,
    };
    const off = h.entriesLba * SECTOR + i * h.entrySize + 32;
    if (lastLba < firstLba || firstLba < h.firstUsable || lastLba > h.lastUsable) {
      c.fail(`gpt.partition${p.index}.range`, `LBAs within ${h.firstUsable}..${h.lastUsable}`, `${firstLba}..${lastLba}`, off);
    }
    if (diskSize !== undefined && (lastLba + 1) * SECTOR > diskSize) {
      c.fail(`gpt.partition${p.index}.bounds`, `partition ending within the image (${bytes(diskSize)})`, `ends at ${bytes((lastLba + 1) * SECTOR)}`, off);
    }
    partitions.push(p);
  }
  const sorted = [...partitions].sort((a, b2) => a.firstLba - b2.firstLba);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const n = sorted[i]!;
    if (n.firstLba <= a.lastLba) c.fail(`gpt.partition${n.index}.overlap`, `no overlap with partition ${a.index}`, `starts at LBA ${n.firstLba}, inside ${a.firstLba}..${a.lastLba}`);
  }
  if (diskSize !== undefined && which === "primary") {
    const lastLba = diskSize / SECTOR - 1;
    if (h.alternateLba !== lastLba) {
      c.fail("gpt.primary.alternate-lba", `${lastLba} (the image's last sector)`, String(h.alternateLba), SECTOR + 32);
    }
  }
  return { header: h, partitions };
}

/** The backup header at the primary's alternate LBA, and its entry array. */
export async function checkBackupGpt(src: ByteSource, c: Checks, primary: GptHeader, diskSize: number): Promise<void> {
  const at = primary.alternateLba * SECTOR;
  if (!Number.isFinite(at) || at + SECTOR > diskSize) {
    c.fail("gpt.backup.location", `a backup header inside the image (${bytes(diskSize)})`, `LBA ${primary.alternateLba}`, SECTOR + 32);
    return;
  }
  const b = await src.read(at, SECTOR);
  const h = parseHeader(b, at, c, "backup");
  if (!h) return;
  c.equal("gpt.backup.my-lba", primary.alternateLba, h.myLba, at + 24);
  c.equal("gpt.backup.alternate-lba", 1, h.alternateLba, at + 32);
  c.equal("gpt.backup.entries-crc32", primary.entriesCrc, h.entriesCrc, at + 88, (v) => hex(v, 8));
  await readEntries(src, h, c, "backup");
}
