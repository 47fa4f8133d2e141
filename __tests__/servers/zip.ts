// Reads a zip (as the artifact client writes it with archiver) from its
// central directory: entry names, methods, sizes, and the data of each entry.
import { inflateRawSync } from "node:zlib";

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflated. */
  method: number;
  compressedSize: number;
  size: number;
  crc32: number;
  /** The entry's bytes, decompressed. */
  data(): Buffer;
}

const EOCD = 0x06054b50;
const ZIP64_EOCD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function readZip(zip: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error("not a zip: no end of central directory");
  let count: number = zip.readUInt16LE(eocd + 10);
  let offset: number = zip.readUInt32LE(eocd + 16);
  if (eocd >= 20 && zip.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) {
    const zip64 = Number(zip.readBigUInt64LE(eocd - 20 + 8));
    if (zip.readUInt32LE(zip64) !== ZIP64_EOCD) throw new Error("bad zip64 end of central directory");
    count = Number(zip.readBigUInt64LE(zip64 + 32));
    offset = Number(zip.readBigUInt64LE(zip64 + 48));
  }
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(offset) !== CENTRAL) throw new Error(`bad central directory entry at ${offset}`);
    const method = zip.readUInt16LE(offset + 10);
    const crc32 = zip.readUInt32LE(offset + 16);
    let compressedSize = zip.readUInt32LE(offset + 20);
    let size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    let localOffset = zip.readUInt32LE(offset + 42);
    const name = zip.toString("utf8", offset + 46, offset + 46 + nameLength);
    // zip64 extended information: the 0xFFFFFFFF fields, in order.
    let extra = offset + 46 + nameLength;
    const extraEnd = extra + extraLength;
    while (extra + 4 <= extraEnd) {
      const id = zip.readUInt16LE(extra);
      const length = zip.readUInt16LE(extra + 2);
      if (id === 0x0001) {
        let p = extra + 4;
        if (size === 0xffffffff) (size = Number(zip.readBigUInt64LE(p))), (p += 8);
        if (compressedSize === 0xffffffff) (compressedSize = Number(zip.readBigUInt64LE(p))), (p += 8);
        if (localOffset === 0xffffffff) localOffset = Number(zip.readBigUInt64LE(p));
      }
      extra += 4 + length;
    }
    const at = localOffset;
    const sizes = { compressedSize, method };
    entries.push({
      name,
      method,
      compressedSize,
      size,
      crc32,
      data() {
        if (zip.readUInt32LE(at) !== LOCAL) throw new Error(`bad local header for ${name}`);
        const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
        const raw = zip.subarray(start, start + sizes.compressedSize);
        if (sizes.method === 0) return raw;
        if (sizes.method === 8) return inflateRawSync(raw);
        throw new Error(`zip method ${sizes.method} is not supported`);
      },
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
