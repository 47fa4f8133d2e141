// Raw disk images: an MBR disk (raw, linode), a GPT disk with an EFI System
// partition (raw-efi), an SD card image (MBR: FAT firmware + ext4 root).
import { Checks } from "../checks.js";
import { bytes, hex } from "../bytes.js";
import type { ByteSource } from "../source.js";
import { probeExt, probeFat, EXT_MAGIC, EXT_MAGIC_OFFSET } from "./filesystems.js";
import { checkBackupGpt, readBackupGpt, GUID_ESP, GUID_LINUX, GUID_LINUX_ROOT_AARCH64, GUID_LINUX_ROOT_X86_64, gptTypeName, readPrimaryGpt } from "./gpt.js";
import { hasMbrSignature, mbrTypeName, parseMbr, SECTOR, type MbrPartition } from "./mbr.js";

const FAT_TYPES = new Set([0x01, 0x04, 0x06, 0x0b, 0x0c, 0x0e, 0xef]);
const LINUX_GPT = new Set([GUID_LINUX, GUID_LINUX_ROOT_X86_64, GUID_LINUX_ROOT_AARCH64]);

async function sector0(src: ByteSource, c: Checks): Promise<Buffer | undefined> {
  const s = await src.read(0, SECTOR);
  if (s.length < SECTOR) {
    c.fail("disk.truncated", "at least one 512-byte sector", `${s.length} bytes`, 0);
    return undefined;
  }
  if (!hasMbrSignature(s)) {
    c.fail("mbr.signature", "0x55aa", "0x" + s.subarray(510, 512).toString("hex"), 510);
    return undefined;
  }
  return s;
}

/** Reports each partition's file system; sets the label from the first labelled ext one. */
async function probePartition(src: ByteSource, c: Checks, name: string, start: number, size: number, kind: "linux" | "fat" | "other"): Promise<void> {
  if (kind === "fat") {
    const fat = await probeFat(src, start);
    c.detail(`${name}.filesystem`, fat ? fat.kind : "none");
    if (fat?.label) c.detail(`${name}.label`, fat.label);
    return;
  }
  if (kind === "linux") {
    const ext = await probeExt(src, start);
    if (ext) {
      c.detail(`${name}.filesystem`, ext.kind);
      if (ext.label) c.detail(`${name}.label`, ext.label);
      c.label = ext.label;
      if (ext.size > size) c.fail(`${name}.filesystem-size`, `an ${ext.kind} file system within its ${bytes(size)} partition`, `one of ${bytes(ext.size)}`, start + 1024 + 4);
    } else {
      c.detail(`${name}.filesystem`, "not ext2/3/4");
    }
  }
}

function checkMbrBounds(parts: MbrPartition[], c: Checks, diskSize: number): void {
  for (const p of parts) {
    if (p.type === 0xee) continue;
    if (p.size === 0) c.fail(`mbr.partition${p.index}.size`, "a partition with sectors", "0 sectors", 446 + (p.index - 1) * 16 + 12);
    if (p.start + p.size > diskSize) {
      c.fail(`mbr.partition${p.index}.bounds`, `partition ending within the image (${bytes(diskSize)})`, `ends at ${bytes(p.start + p.size)}`, 446 + (p.index - 1) * 16 + 8);
    }
  }
  const sorted = parts.filter((p) => p.type !== 0xee).sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (b.start < a.start + a.size) c.fail(`mbr.partition${b.index}.overlap`, `no overlap with partition ${a.index}`, `starts at ${b.start}, inside ${a.start}..${a.start + a.size}`);
  }
}

function describeMbr(parts: MbrPartition[], c: Checks): void {
  c.detail("partitionTable", "mbr");
  c.detail("partitions", parts.length);
  for (const p of parts) {
    c.detail(`partition${p.index}.type`, mbrTypeName(p.type));
    c.detail(`partition${p.index}.start`, p.start);
    c.detail(`partition${p.index}.size`, p.size);
    if (p.bootable) c.detail(`partition${p.index}.bootable`, true);
  }
}

/** An MBR-partitioned raw disk. */
export async function checkRawMbr(src: ByteSource, c: Checks): Promise<void> {
  const s0 = await sector0(src, c);
  if (!s0) return;
  const parts = parseMbr(s0, c);
  describeMbr(parts, c);
  if (parts.length === 0) {
    c.fail("mbr.partitions", "at least one partition", "an empty partition table", 446);
    return;
  }
  if (parts.some((p) => p.type === 0xee)) c.detail("protectiveMbr", true);
  for (const p of [...parts].sort((a, b) => a.start - b.start)) {
    const kind = p.type === 0x83 ? "linux" : FAT_TYPES.has(p.type) ? "fat" : "other";
    await probePartition(src, c, `partition${p.index}`, p.start, p.size, kind);
  }
  const size = await src.size();
  c.virtualSize = size;
  checkMbrBounds(parts, c, size);
}

/** A GPT disk with an EFI System partition. */
export async function checkRawGpt(src: ByteSource, c: Checks): Promise<void> {
  const s0 = await sector0(src, c);
  if (!s0) return;
  const mbrParts = parseMbr(s0, c);
  if (!mbrParts.some((p) => p.type === 0xee)) {
    c.fail("mbr.protective", "a protective MBR entry of type 0xee", mbrParts.map((p) => mbrTypeName(p.type)).join(", ") || "no entries", 446 + 4);
  }
  // A file source knows its size now; a stream learns it at the end, so bounds wait.
  const known = src.sequential ? undefined : await src.size();
  let gpt = await readPrimaryGpt(src, c, known);
  let fromBackup = false;
  if (!gpt) {
    // Report the partitions the backup header still describes.
    gpt = await readBackupGpt(src, c.child("fallback"), known ?? (await src.size()));
    if (!gpt) return;
    fromBackup = true;
    c.detail("gptFrom", "backup");
  }
  c.detail("partitionTable", "gpt");
  c.detail("diskGuid", gpt.header.diskGuid);
  c.detail("partitions", gpt.partitions.length);
  for (const p of gpt.partitions) {
    c.detail(`partition${p.index}.type`, gptTypeName(p.type));
    c.detail(`partition${p.index}.start`, p.start);
    c.detail(`partition${p.index}.size`, p.size);
    if (p.name) c.detail(`partition${p.index}.name`, p.name);
  }
  const esp = gpt.partitions.find((p) => p.type === GUID_ESP);
  if (!esp) c.fail("gpt.esp", `a partition of type EFI System (${GUID_ESP})`, gpt.partitions.map((p) => gptTypeName(p.type)).join(", ") || "no partitions", gpt.header.entriesLba * SECTOR);
  for (const p of [...gpt.partitions].sort((a, b) => a.start - b.start)) {
    const kind = p.type === GUID_ESP ? "fat" : LINUX_GPT.has(p.type) ? "linux" : "other";
    await probePartition(src, c, `partition${p.index}`, p.start, p.size, kind);
    if (p === esp && c.details[`partition${p.index}.filesystem`] === "none") {
      c.fail("gpt.esp.filesystem", "a FAT boot sector (0x55aa and a FAT type) at the EFI System partition's start", "none", p.start);
    }
  }
  const size = await src.size();
  c.virtualSize = size;
  if (known === undefined) {
    // The bounds checks a stream could not do before its end.
    for (const p of gpt.partitions) {
      if (p.start + p.size > size) c.fail(`gpt.partition${p.index}.bounds`, `partition ending within the image (${bytes(size)})`, `ends at ${bytes(p.start + p.size)}`);
    }
    if (!fromBackup && gpt.header.alternateLba !== size / SECTOR - 1) c.fail("gpt.primary.alternate-lba", `${size / SECTOR - 1} (the image's last sector)`, String(gpt.header.alternateLba), SECTOR + 32);
  }
  if (!fromBackup) await checkBackupGpt(src, c, gpt.header, size);
}

/** An SD card image: MBR with a FAT firmware partition and an ext4 root. */
export async function checkSdImage(src: ByteSource, c: Checks): Promise<void> {
  const s0 = await sector0(src, c);
  if (!s0) return;
  const parts = parseMbr(s0, c);
  describeMbr(parts, c);
  const firmware = parts.find((p) => p.type === 0x0b || p.type === 0x0c);
  const root = parts.find((p) => p.type === 0x83);
  if (!firmware) c.fail("sd.firmware-partition", "a FAT partition (type 0x0b or 0x0c)", parts.map((p) => mbrTypeName(p.type)).join(", ") || "no partitions", 446);
  if (!root) c.fail("sd.root-partition", "a Linux partition (type 0x83)", parts.map((p) => mbrTypeName(p.type)).join(", ") || "no partitions", 446);
  const ordered = [firmware, root].filter((p): p is MbrPartition => p !== undefined).sort((a, b) => a.start - b.start);
  for (const p of ordered) {
    if (p === firmware) {
      const fat = await probeFat(src, p.start);
      if (!fat) c.fail("sd.firmware-filesystem", "a FAT boot sector (0x55aa and a FAT type) at the partition start", "none", p.start);
      else {
        c.detail("firmware.filesystem", fat.kind);
        if (fat.label) c.detail("firmware.label", fat.label);
      }
    } else {
      const ext = await probeExt(src, p.start);
      if (!ext) {
        const m = await src.read(p.start + EXT_MAGIC_OFFSET, 2);
        c.fail("sd.root-filesystem", `ext4 superblock magic ${hex(EXT_MAGIC, 4)}`, m.length === 2 ? hex(m.readUInt16LE(0), 4) : "the end of the image", p.start + EXT_MAGIC_OFFSET);
      } else {
        c.detail("root.filesystem", ext.kind);
        if (ext.label) c.detail("root.label", ext.label);
        c.label = ext.label;
        if (ext.size > p.size) c.fail("sd.root-filesystem-size", `an ${ext.kind} file system within its ${bytes(p.size)} partition`, `one of ${bytes(ext.size)}`, p.start + 1028);
      }
    }
  }
  const size = await src.size();
  c.virtualSize = size;
  checkMbrBounds(parts, c, size);
}

/** Which raw layout a disk's first two sectors show: GPT, SD card, plain MBR, or none. */
export async function rawKind(src: ByteSource): Promise<"raw-gpt" | "sd-image" | "raw-mbr" | undefined> {
  const head = await src.read(0, 2 * SECTOR);
  if (head.length >= 2 * SECTOR && head.subarray(SECTOR, SECTOR + 8).toString("latin1") === "EFI PART") return "raw-gpt";
  if (!hasMbrSignature(head)) return undefined;
  const c = new Checks();
  const parts = parseMbr(head, c);
  if (parts.some((p) => p.type === 0xee)) return "raw-gpt";
  const fat = parts.find((p) => p.type === 0x0b || p.type === 0x0c);
  const linux = parts.find((p) => p.type === 0x83);
  if (fat && linux && parts.length === 2) return "sd-image";
  if (parts.length > 0) return "raw-mbr";
  return undefined;
}
