// VHD (Microsoft's Virtual Hard Disk Image Format Specification): a 512-byte
// "conectix" footer at the end; a dynamic disk also has a copy of it at 0 and a
// "cxsparse" dynamic header with the block allocation table. Big-endian.
import type { Checks } from "../checks.js";
import { bytes, hex, MiB, show, u64be } from "../bytes.js";
import type { ByteSource } from "../source.js";

export const VHD_COOKIE = Buffer.from("conectix", "latin1");
const SPARSE_COOKIE = Buffer.from("cxsparse", "latin1");
const NO_OFFSET = 0xffffffffffffffffn;

/** One's complement of the byte sum, skipping the 4-byte checksum field at `skip`. */
export function vhdChecksum(b: Buffer, skip: number): number {
  let sum = 0;
  for (let i = 0; i < b.length; i++) if (i < skip || i >= skip + 4) sum += b[i]!;
  return ~sum >>> 0;
}

export interface VhdFooter {
  diskType: number;
  currentSize: number;
  dataOffset: bigint;
  /** Bytes in one CHS cylinder (the rounding a VHD size may carry). */
  cylinderBytes: number;
}

function parseFooter(f: Buffer, at: number, c: Checks, which: string): VhdFooter | undefined {
  const cookie = f.subarray(0, 8);
  if (!cookie.equals(VHD_COOKIE)) {
    c.fail(`vhd.${which}.cookie`, show(VHD_COOKIE), show(cookie), at);
    return undefined;
  }
  const stored = f.readUInt32BE(64);
  const actual = vhdChecksum(f, 64);
  if (stored !== actual) {
    c.fail(`vhd.${which}.checksum`, hex(actual, 8), hex(stored, 8), at + 64);
    return undefined;
  }
  const version = f.readUInt32BE(12);
  if (version !== 0x00010000) c.fail(`vhd.${which}.version`, "0x00010000", hex(version, 8), at + 12);
  const heads = f[58]!;
  const spt = f[59]!;
  return {
    diskType: f.readUInt32BE(60),
    currentSize: u64be(f, 48),
    dataOffset: f.readBigUInt64BE(16),
    cylinderBytes: heads * spt * 512,
  };
}

export async function checkVhd(src: ByteSource, c: Checks): Promise<VhdFooter | undefined> {
  const first = await src.read(0, 512);
  const size = await src.size();
  c.detail("fileSize", size);
  if (size < 512 || size % 512 !== 0) c.fail("vhd.file-size", "a whole number of 512-byte sectors", bytes(size));
  const tail = await src.read(Math.max(0, size - 512), 512);
  const footerAtEnd = tail.length === 512 && tail.subarray(0, 8).equals(VHD_COOKIE);
  const copyAtStart = first.length === 512 && first.subarray(0, 8).equals(VHD_COOKIE);

  // The footer at the end is the authority; a dynamic disk cut short still has its copy at 0.
  let footer: VhdFooter | undefined;
  if (footerAtEnd) footer = parseFooter(tail, size - 512, c, "footer");
  else if (copyAtStart) {
    c.fail("vhd.footer.cookie", `${show(VHD_COOKIE)} in the last sector (the footer; the file may be truncated)`, show(tail.subarray(0, 8)), Math.max(0, size - 512));
    footer = parseFooter(first, 0, c, "footer-copy");
  } else {
    c.fail("vhd.footer.cookie", show(VHD_COOKIE), show(tail.subarray(0, 8)), Math.max(0, size - 512));
    return undefined;
  }
  if (!footer) return undefined;
  c.virtualSize = footer.currentSize;
  c.detail("currentSize", footer.currentSize);
  c.detail("azureAligned", footer.currentSize % MiB === 0);

  if (footer.diskType === 2) {
    c.detail("diskType", "fixed");
    if (footer.dataOffset !== NO_OFFSET) c.fail("vhd.footer.data-offset", "0xffffffffffffffff for a fixed disk", "0x" + footer.dataOffset.toString(16), size - 512 + 16);
    if (size !== footer.currentSize + 512) {
      c.fail("vhd.fixed.size", `${bytes(footer.currentSize + 512)} (the disk plus the footer)`, bytes(size), size - 512 + 48);
    }
    return footer;
  }
  if (footer.diskType === 4) {
    c.fail("vhd.footer.disk-type", "2 (fixed) or 3 (dynamic), a disk standing alone", "4 (differencing)", size - 512 + 60);
    return footer;
  }
  if (footer.diskType !== 3) {
    c.fail("vhd.footer.disk-type", "2 (fixed) or 3 (dynamic)", String(footer.diskType), size - 512 + 60);
    return footer;
  }
  c.detail("diskType", "dynamic");
  if (!copyAtStart) c.fail("vhd.footer-copy", `a copy of the footer (${show(VHD_COOKIE)}) at offset 0`, show(first.subarray(0, 8)), 0);
  else if (footerAtEnd && !first.equals(tail)) c.fail("vhd.footer-copy", "the same bytes as the footer", "a copy that differs", 0);

  const dynOffset = Number(footer.dataOffset);
  const dyn = await src.read(dynOffset, 1024);
  if (dyn.length < 1024) {
    c.fail("vhd.dynamic-header.truncated", `1024 bytes at ${dynOffset}`, `the file ends at ${bytes(size)}`, dynOffset);
    return footer;
  }
  const cookie = dyn.subarray(0, 8);
  if (!cookie.equals(SPARSE_COOKIE)) {
    c.fail("vhd.dynamic-header.cookie", show(SPARSE_COOKIE), show(cookie), dynOffset);
    return footer;
  }
  const stored = dyn.readUInt32BE(36);
  const actual = vhdChecksum(dyn, 36);
  if (stored !== actual) {
    c.fail("vhd.dynamic-header.checksum", hex(actual, 8), hex(stored, 8), dynOffset + 36);
    return footer;
  }
  const batOffset = u64be(dyn, 16);
  const entries = dyn.readUInt32BE(28);
  const blockSize = dyn.readUInt32BE(32);
  c.detail("blockSize", blockSize);
  if (blockSize === 0 || (blockSize & (blockSize - 1)) !== 0 || blockSize % 512 !== 0) {
    c.fail("vhd.dynamic-header.block-size", "a power of two, a multiple of 512", String(blockSize), dynOffset + 32);
    return footer;
  }
  if (entries * blockSize < footer.currentSize) {
    c.fail("vhd.dynamic-header.table-entries", `enough blocks for ${bytes(footer.currentSize)}`, `${entries} blocks of ${blockSize}`, dynOffset + 28);
  }
  if (batOffset + entries * 4 > size) {
    c.fail("vhd.bat", `a block allocation table inside the file (${bytes(size)})`, `${entries} entries at ${batOffset}`, dynOffset + 16);
    return footer;
  }
  const bat = await src.read(batOffset, Math.min(entries * 4, 16 << 20));
  const bitmapBytes = Math.ceil(blockSize / 512 / 8 / 512) * 512;
  let used = 0;
  for (let i = 0; i + 4 <= bat.length; i += 4) {
    const sector = bat.readUInt32BE(i);
    if (sector === 0xffffffff) continue;
    used++;
    const end = sector * 512 + bitmapBytes + blockSize;
    if (end > size - 512) {
      c.fail("vhd.bat.entry", `a block ending before the footer (${bytes(size - 512)})`, `block ${i / 4} at sector ${sector}, ending at ${end}`, batOffset + i);
      break;
    }
  }
  c.detail("allocatedBlocks", used);
  return footer;
}
