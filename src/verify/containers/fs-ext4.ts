// A bare ext4 file system, no partition table (what make-disk-image writes
// with partitionTableType "none", e.g. Linode's): the superblock at byte 1024
// (magic 0xEF53 at 1080), its checksum when it has one, and a size that fits
// the file.
import { bytes, hex } from "../bytes.js";
import type { Checks } from "../checks.js";
import { crc32c } from "../crc.js";
import type { ByteSource } from "../source.js";
import { EXT_MAGIC, EXT_MAGIC_OFFSET, probeExt } from "./filesystems.js";

const SUPERBLOCK = 1024;
/** s_feature_ro_compat bit: the superblock carries a CRC-32C (s_checksum at 0x3FC). */
const RO_COMPAT_METADATA_CSUM = 0x400;
/** s_state bit: the file system was marked as having errors. */
const STATE_ERRORS = 0x2;

/** True when the bytes at 1080 are the ext superblock magic. */
export async function looksLikeExt(src: ByteSource): Promise<boolean> {
  const m = await src.read(EXT_MAGIC_OFFSET, 2);
  return m.length === 2 && m.readUInt16LE(0) === EXT_MAGIC;
}

export async function checkFsExt4(src: ByteSource, c: Checks): Promise<void> {
  const info = await probeExt(src, 0);
  if (!info) {
    const m = await src.read(EXT_MAGIC_OFFSET, 2);
    c.fail("ext4.magic", `ext superblock magic ${hex(EXT_MAGIC, 4)} at byte ${EXT_MAGIC_OFFSET}`, m.length === 2 ? hex(m.readUInt16LE(0), 4) : "end of file", EXT_MAGIC_OFFSET);
    return;
  }
  const sb = await src.read(SUPERBLOCK, 1024);
  c.detail("filesystem", info.kind);
  c.detail("uuid", info.uuid);
  if (info.label) c.label = info.label;
  const logBlock = sb.readUInt32LE(24);
  if (logBlock > 6) {
    c.fail("ext4.block-size", "a block size of 1 KiB to 64 KiB", `2^(10+${logBlock}) bytes`, SUPERBLOCK + 24);
    return;
  }
  const blockSize = 1024 * 2 ** logBlock;
  c.detail("blockSize", blockSize);
  const roCompat = sb.readUInt32LE(100);
  if (roCompat & RO_COMPAT_METADATA_CSUM) {
    const stored = sb.readUInt32LE(0x3fc);
    // ext4_superblock_csum: crc32c seeded with ~0 over the bytes before s_checksum, without the final inversion.
    const computed = ~crc32c(sb.subarray(0, 0x3fc)) >>> 0;
    c.equal("ext4.superblock-checksum", stored, computed, SUPERBLOCK + 0x3fc, (v) => hex(v, 8));
  }
  const state = sb.readUInt16LE(58);
  if (state & STATE_ERRORS) c.fail("ext4.state", "a file system not marked as having errors", `s_state ${hex(state, 4)} (errors)`, SUPERBLOCK + 58);
  if (info.size === 0) {
    c.fail("ext4.blocks", "a file system of at least one block", "0 blocks", SUPERBLOCK + 4);
    return;
  }
  const fileSize = await src.size();
  c.detail("filesystemSize", info.size);
  // The file system must lie within the file; a file larger than it is harmless (resize2fs grows into it).
  if (info.size > fileSize) c.fail("ext4.size", `the file to hold the ${bytes(info.size)} the superblock counts`, `${bytes(fileSize)} (truncated?)`, SUPERBLOCK + 4);
  c.virtualSize = fileSize;
}
