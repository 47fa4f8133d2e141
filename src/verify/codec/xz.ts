// The .xz container around LZMA2 (xz-file-format 1.x): stream header and footer,
// blocks with their headers and integrity checks (none, CRC-32, CRC-64,
// SHA-256), the index, stream padding and concatenated streams.
import { createHash, type Hash } from "node:crypto";
import { Crc64, crc32 } from "../crc.js";
import { InputReader } from "./input.js";
import { Lzma2Decoder, lzma2DictSize } from "./lzma2.js";

const MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);
const FOOTER_MAGIC = Buffer.from("YZ", "latin1");
const FILTER_LZMA2 = 0x21;

interface Check {
  update(b: Buffer): void;
  digest(): Buffer;
}

function makeCheck(type: number): Check | undefined {
  switch (type) {
    case 0x00:
      return { update() {}, digest: () => Buffer.alloc(0) };
    case 0x01: {
      let c = 0;
      return {
        update(b) {
          c = crc32(b, c);
        },
        digest() {
          const d = Buffer.alloc(4);
          d.writeUInt32LE(c);
          return d;
        },
      };
    }
    case 0x04:
      return new Crc64();
    case 0x0a: {
      const h: Hash = createHash("sha256");
      return { update: (b) => void h.update(b), digest: () => h.digest() };
    }
    default:
      return undefined;
  }
}

/** Check sizes by type; types without a decoder here still have a size. */
function checkSize(type: number): number {
  if (type === 0) return 0;
  return 4 << Math.floor((type - 1) / 3);
}

function varint(b: Buffer, at: { i: number }, r: InputReader): number {
  let v = 0;
  for (let k = 0; k < 9; k++) {
    if (at.i >= b.length) r.fail("xz block header field runs past the header");
    const byte = b[at.i++]!;
    v += (byte & 0x7f) * 2 ** (7 * k);
    if ((byte & 0x80) === 0) {
      if (byte === 0 && k > 0) r.fail("xz variable-length integer has a superfluous zero byte");
      return v;
    }
  }
  return r.fail("xz variable-length integer is longer than 9 bytes");
}

async function readVarint(r: InputReader): Promise<number> {
  let v = 0;
  for (let k = 0; k < 9; k++) {
    const byte = await r.byte();
    v += (byte & 0x7f) * 2 ** (7 * k);
    if ((byte & 0x80) === 0) return v;
  }
  return r.fail("xz variable-length integer is longer than 9 bytes");
}

/** Decompresses a whole .xz file (one or more streams), checking every checksum. */
export async function* xzDecompress(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const r = new InputReader(input);
  try {
    let first = true;
    for (;;) {
      if (!first) {
        // Stream padding: zero bytes in multiples of four, then the end or another stream.
        let pad = 0;
        for (;;) {
          const p = await r.peek(1);
          if (!p || p[0] !== 0) break;
          await r.exact(1);
          pad++;
        }
        if (await r.atEnd()) {
          if (pad % 4 !== 0) r.fail("xz stream padding is not a multiple of four bytes");
          return;
        }
      }
      yield* decodeStream(r, first);
      first = false;
    }
  } finally {
    await r.close();
  }
}

async function* decodeStream(r: InputReader, first: boolean): AsyncGenerator<Buffer> {
  const header = await r.exact(12);
  if (!header.subarray(0, 6).equals(MAGIC)) r.fail(first ? "not an xz stream (bad magic)" : "garbage after an xz stream");
  const flags = header.subarray(6, 8);
  if (crc32(flags) !== header.readUInt32LE(8)) r.fail("xz stream header CRC32 mismatch");
  if (flags[0] !== 0 || (flags[1]! & 0xf0) !== 0) r.fail("xz stream flags use reserved bits");
  const checkType = flags[1]! & 0x0f;
  const records: [number, number][] = [];

  for (;;) {
    const sizeByte = (await r.peek(1))?.[0];
    if (sizeByte === undefined) r.fail("the stream ends early (truncated): no xz index");
    if (sizeByte === 0) break; // index indicator
    const blockStart = r.offset;
    const hdrSize = (sizeByte + 1) * 4;
    const hdr = await r.exact(hdrSize);
    if (crc32(hdr.subarray(0, hdrSize - 4)) !== hdr.readUInt32LE(hdrSize - 4)) r.fail("xz block header CRC32 mismatch");
    const bflags = hdr[1]!;
    if (bflags & 0x3c) r.fail("xz block flags use reserved bits");
    const at = { i: 2 };
    const compressedSize = bflags & 0x40 ? varint(hdr, at, r) : undefined;
    const uncompressedSize = bflags & 0x80 ? varint(hdr, at, r) : undefined;
    const nFilters = (bflags & 3) + 1;
    let dictSize = -1;
    for (let f = 0; f < nFilters; f++) {
      const id = varint(hdr, at, r);
      const propSize = varint(hdr, at, r);
      const props = hdr.subarray(at.i, at.i + propSize);
      at.i += propSize;
      if (id !== FILTER_LZMA2 || f !== nFilters - 1) r.fail(`xz filter 0x${id.toString(16)} is not supported here (only LZMA2)`);
      if (propSize !== 1) r.fail("xz LZMA2 filter properties are not one byte");
      dictSize = lzma2DictSize(props[0]!);
      if (dictSize < 0) r.fail("xz LZMA2 dictionary size is invalid");
    }
    const check = makeCheck(checkType);
    if (!check) r.fail(`xz check type ${checkType} is not supported`);

    let decoder: Lzma2Decoder;
    try {
      decoder = new Lzma2Decoder(dictSize, uncompressedSize);
    } catch (e) {
      return r.fail(e instanceof Error ? e.message : String(e));
    }
    const dataStart = r.offset;
    let produced = 0;
    for await (const out of decoder.decode(r)) {
      check.update(out);
      produced += out.length;
      if (uncompressedSize !== undefined && produced > uncompressedSize) r.fail("xz block is larger than its header says");
      yield out;
    }
    const packed = r.offset - dataStart;
    if (compressedSize !== undefined && packed !== compressedSize) r.fail(`xz block compressed size ${packed} differs from its header (${compressedSize})`);
    if (uncompressedSize !== undefined && produced !== uncompressedSize) r.fail(`xz block uncompressed size ${produced} differs from its header (${uncompressedSize})`);
    const padding = await r.exact((4 - (packed % 4)) % 4);
    if (padding.some((b) => b !== 0)) r.fail("xz block padding is not zero");
    const stored = await r.exact(checkSize(checkType));
    if (!stored.equals(check.digest())) r.fail("xz block check (integrity of the uncompressed data) mismatch: the data is corrupt");
    records.push([r.offset - blockStart - padding.length, produced]);
  }

  // Index.
  const indexStart = r.offset;
  r.startCapture();
  await r.exact(1);
  const count = await readVarint(r);
  if (count !== records.length) r.fail(`xz index lists ${count} blocks, the stream has ${records.length}`);
  for (const [unpadded, uncompressed] of records) {
    const u = await readVarint(r);
    const s = await readVarint(r);
    if (u !== unpadded || s !== uncompressed) r.fail("xz index record does not match its block");
  }
  const pad = await r.exact((4 - ((r.offset - indexStart) % 4)) % 4);
  if (pad.some((b) => b !== 0)) r.fail("xz index padding is not zero");
  const indexBytes = r.endCapture();
  const indexCrc = (await r.exact(4)).readUInt32LE(0);
  if (crc32(indexBytes) !== indexCrc) r.fail("xz index CRC32 mismatch");
  const indexSize = r.offset - indexStart;

  // Footer.
  const footer = await r.exact(12);
  if (!footer.subarray(10, 12).equals(FOOTER_MAGIC)) r.fail("xz stream footer magic missing");
  if (crc32(footer.subarray(4, 10)) !== footer.readUInt32LE(0)) r.fail("xz stream footer CRC32 mismatch");
  if (!footer.subarray(8, 10).equals(flags)) r.fail("xz stream footer flags differ from the header");
  if ((footer.readUInt32LE(4) + 1) * 4 !== indexSize) r.fail("xz stream footer backward size does not match the index");
}
