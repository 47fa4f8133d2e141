// A Zstandard decoder (RFC 8878), for Nodes whose node:zlib has no zstd
// (before 22.15 / 23.8). Frames, raw/RLE/compressed blocks, Huffman-coded
// literals, FSE-coded sequences, repeat offsets, the XXH64 content checksum.
// No dictionaries (nixpkgs never uses them). One block (≤ 128 KiB) is decoded
// at a time into a window of the frame's declared size.
import { InputReader } from "./input.js";
import { Xxh64 } from "./xxh64.js";

const MAGIC = 0xfd2fb528;
const MAX_BLOCK = 128 * 1024;
const MAX_WINDOW = 2 ** 31;

class Corrupt extends Error {}
const corrupt = (why: string): never => {
  throw new Corrupt(why);
};

function highBit(n: number): number {
  return 31 - Math.clz32(n);
}

/** Bits [start, start+n) of a little-endian bit string; bits below 0 read as zeros. */
function bitsAt(b: Uint8Array, start: number, n: number): number {
  if (n <= 0) return 0;
  if (start < 0) {
    if (start + n <= 0) return 0;
    return bitsAt(b, 0, n + start) * 2 ** -start;
  }
  let v = 0;
  let got = 0;
  while (got < n) {
    const bit = start + got;
    const off = bit & 7;
    const take = Math.min(8 - off, n - got);
    v += ((b[bit >> 3]! >> off) & ((1 << take) - 1)) * 2 ** got;
    got += take;
  }
  return v;
}

/** A bitstream read from its end towards its start (FSE, Huffman). */
class BackwardBits {
  readonly b: Uint8Array;
  /** Bits left; negative once the reader ran past the start. */
  pos: number;
  constructor(b: Uint8Array) {
    this.b = b;
    const last = b.length > 0 ? b[b.length - 1]! : 0;
    if (last === 0) corrupt("bitstream has no end mark");
    this.pos = (b.length - 1) * 8 + highBit(last);
  }
  read(n: number): number {
    if (n === 0) return 0;
    this.pos -= n;
    return bitsAt(this.b, this.pos, n);
  }
  peek(n: number): number {
    return bitsAt(this.b, this.pos - n, n);
  }
}

/** A bitstream read forwards (FSE table descriptions). */
class ForwardBits {
  readonly b: Uint8Array;
  pos = 0;
  constructor(b: Uint8Array) {
    this.b = b;
  }
  peek(n: number): number {
    return bitsAt(this.b, this.pos, n);
  }
  skip(n: number): void {
    this.pos += n;
    if (this.pos > this.b.length * 8) corrupt("FSE table description runs past its data");
  }
}

interface Fse {
  log: number;
  symbol: Uint16Array;
  bits: Uint8Array;
  base: Int32Array;
}

/** Reads normalized counts; returns them and the bytes used. */
function readFseCounts(src: Uint8Array, maxSymbol: number, maxLog: number): { norm: number[]; log: number; bytes: number } {
  const r = new ForwardBits(src);
  const log = r.peek(4) + 5;
  r.skip(4);
  if (log > maxLog) corrupt(`FSE accuracy ${log} above ${maxLog}`);
  let remaining = (1 << log) + 1;
  let threshold = 1 << log;
  let nbBits = log + 1;
  const norm: number[] = [];
  let previousZero = false;
  while (remaining > 1 && norm.length <= maxSymbol) {
    if (previousZero) {
      for (;;) {
        const rep = r.peek(2);
        r.skip(2);
        for (let k = 0; k < rep; k++) norm.push(0);
        if (rep !== 3) break;
      }
      if (norm.length > maxSymbol) break;
    }
    const max = 2 * threshold - 1 - remaining;
    let count: number;
    const low = r.peek(nbBits - 1);
    if (low < max) {
      count = low;
      r.skip(nbBits - 1);
    } else {
      count = r.peek(nbBits);
      if (count >= threshold) count -= max;
      r.skip(nbBits);
    }
    count--;
    remaining -= count < 0 ? -count : count;
    norm.push(count);
    previousZero = count === 0;
    while (remaining < threshold) {
      nbBits--;
      threshold >>= 1;
    }
  }
  if (remaining !== 1 || norm.length > maxSymbol + 1) corrupt("FSE table description is inconsistent");
  return { norm, log, bytes: Math.ceil(r.pos / 8) };
}

function buildFse(norm: readonly number[], log: number): Fse {
  const size = 1 << log;
  const symbol = new Uint16Array(size);
  const bits = new Uint8Array(size);
  const base = new Int32Array(size);
  const next: number[] = [];
  let high = size - 1;
  for (let s = 0; s < norm.length; s++) {
    if (norm[s] === -1) {
      symbol[high--] = s;
      next[s] = 1;
    } else {
      next[s] = norm[s]!;
    }
  }
  const step = (size >> 1) + (size >> 3) + 3;
  const mask = size - 1;
  let pos = 0;
  for (let s = 0; s < norm.length; s++) {
    for (let i = 0; i < norm[s]!; i++) {
      symbol[pos] = s;
      do pos = (pos + step) & mask;
      while (pos > high);
    }
  }
  if (pos !== 0) corrupt("FSE table does not fill");
  for (let u = 0; u < size; u++) {
    const s = symbol[u]!;
    const n = next[s]!++;
    const nb = log - highBit(n);
    bits[u] = nb;
    base[u] = (n << nb) - size;
  }
  return { log, symbol, bits, base };
}

function rleFse(sym: number): Fse {
  return { log: 0, symbol: Uint16Array.of(sym), bits: Uint8Array.of(0), base: Int32Array.of(0) };
}

const LL_DEFAULT = [4, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 3, 2, 1, 1, 1, 1, 1, -1, -1, -1, -1];
const ML_DEFAULT = [1, 4, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1];
const OF_DEFAULT = [1, 1, 1, 1, 1, 1, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1];
const LL_TABLE = buildFse(LL_DEFAULT, 6);
const ML_TABLE = buildFse(ML_DEFAULT, 6);
const OF_TABLE = buildFse(OF_DEFAULT, 5);

const LL_BASE = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22, 24, 28, 32, 40, 48, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768, 65536];
const LL_BITS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
const ML_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 37, 39, 41, 43, 47, 51, 59, 67, 83, 99, 131, 259, 515, 1027, 2051, 4099, 8195, 16387, 32771,
  65539,
];
const ML_BITS = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 4, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];

interface Huffman {
  log: number;
  symbol: Uint8Array;
  bits: Uint8Array;
}

function buildHuffman(weights: number[]): Huffman {
  let total = 0;
  for (const w of weights) {
    if (w > 11) corrupt("Huffman weight above 11");
    if (w > 0) total += 1 << (w - 1);
  }
  if (total === 0) corrupt("Huffman weights are all zero");
  const log = highBit(total) + 1;
  const left = (1 << log) - total;
  if (left & (left - 1)) corrupt("Huffman weights do not complete a tree");
  weights.push(highBit(left) + 1);
  if (log > 11) corrupt("Huffman table deeper than 11 bits");
  const rank = new Array<number>(log + 2).fill(0);
  for (const w of weights) rank[w]!++;
  let start = 0;
  for (let w = 1; w <= log; w++) {
    const n = rank[w]!;
    rank[w] = start;
    start += n << (w - 1);
  }
  const size = 1 << log;
  const symbol = new Uint8Array(size);
  const bits = new Uint8Array(size);
  for (let s = 0; s < weights.length; s++) {
    const w = weights[s]!;
    if (w === 0) continue;
    const len = 1 << (w - 1);
    const at = rank[w]!;
    symbol.fill(s, at, at + len);
    bits.fill(log + 1 - w, at, at + len);
    rank[w] = at + len;
  }
  return { log, symbol, bits };
}

/** A Huffman tree description; returns the table and the bytes it took. */
function readHuffman(src: Uint8Array): { table: Huffman; bytes: number } {
  const head = src[0];
  if (head === undefined) return corrupt("missing Huffman tree description");
  const weights: number[] = [];
  if (head >= 128) {
    const n = head - 127;
    const bytes = Math.ceil(n / 2);
    if (1 + bytes > src.length) corrupt("Huffman weights run past the block");
    for (let i = 0; i < n; i++) {
      const byte = src[1 + (i >> 1)]!;
      weights.push(i & 1 ? byte & 15 : byte >> 4);
    }
    return { table: buildHuffman(weights), bytes: 1 + bytes };
  }
  if (1 + head > src.length) corrupt("Huffman weights run past the block");
  const data = src.subarray(1, 1 + head);
  const { norm, log, bytes } = readFseCounts(data, 255, 6);
  const fse = buildFse(norm, log);
  const br = new BackwardBits(data.subarray(bytes));
  let s1 = br.read(log);
  let s2 = br.read(log);
  const step = (s: number): number => fse.base[s]! + br.read(fse.bits[s]!);
  for (;;) {
    if (weights.length > 255) corrupt("too many Huffman weights");
    weights.push(fse.symbol[s1]!);
    s1 = step(s1);
    if (br.pos < 0) {
      weights.push(fse.symbol[s2]!);
      break;
    }
    weights.push(fse.symbol[s2]!);
    s2 = step(s2);
    if (br.pos < 0) {
      weights.push(fse.symbol[s1]!);
      break;
    }
  }
  return { table: buildHuffman(weights), bytes: 1 + head };
}

function decodeHuffmanStream(h: Huffman, src: Uint8Array, out: Uint8Array, from: number, to: number): void {
  const br = new BackwardBits(src);
  for (let i = from; i < to; i++) {
    const v = br.peek(h.log);
    out[i] = h.symbol[v]!;
    br.pos -= h.bits[v]!;
  }
  if (br.pos !== 0) corrupt("Huffman stream does not end where its literals do");
}

class Frame {
  private readonly hist: Uint8Array;
  private pos = 0;
  /** Bytes produced in this frame (for the offset check). */
  private produced = 0;
  private readonly window: number;
  private reps = [1, 4, 8];
  private huffman: Huffman | undefined;
  private ll: Fse | undefined;
  private of: Fse | undefined;
  private ml: Fse | undefined;

  constructor(window: number) {
    this.window = window;
    this.hist = new Uint8Array(Math.max(window, 1024) + 2 * MAX_BLOCK);
  }

  private room(n: number): void {
    if (this.pos + n <= this.hist.length) return;
    const keep = Math.min(this.pos, this.window);
    this.hist.copyWithin(0, this.pos - keep, this.pos);
    this.pos = keep;
    if (this.pos + n > this.hist.length) corrupt("block larger than the window allows");
  }

  private emit(start: number): Buffer {
    const out = Buffer.from(this.hist.subarray(start, this.pos));
    this.produced += out.length;
    return out;
  }

  raw(data: Uint8Array): Buffer {
    this.room(data.length);
    const start = this.pos;
    this.hist.set(data, this.pos);
    this.pos += data.length;
    return this.emit(start);
  }

  rle(byte: number, n: number): Buffer {
    this.room(n);
    const start = this.pos;
    this.hist.fill(byte, this.pos, this.pos + n);
    this.pos += n;
    return this.emit(start);
  }

  compressed(data: Uint8Array): Buffer {
    this.room(MAX_BLOCK);
    const start = this.pos;
    const { literals, used } = this.literals(data);
    let p = used;
    // Sequences section header.
    const b0 = data[p];
    if (b0 === undefined) return corrupt("block ends before its sequences section");
    let nbSeq: number;
    if (b0 < 128) {
      nbSeq = b0;
      p += 1;
    } else if (b0 < 255) {
      nbSeq = ((b0 - 128) << 8) + data[p + 1]!;
      p += 2;
    } else {
      nbSeq = data[p + 1]! + (data[p + 2]! << 8) + 0x7f00;
      p += 3;
    }
    let lit = 0;
    if (nbSeq > 0) {
      const modes = data[p++]!;
      if (modes & 3) corrupt("sequence modes use reserved bits");
      const pick = (mode: number, def: Fse, prev: Fse | undefined, maxSymbol: number, maxLog: number): Fse => {
        switch (mode) {
          case 0:
            return def;
          case 1: {
            const sym = data[p++];
            if (sym === undefined || sym > maxSymbol) return corrupt("bad RLE sequence symbol");
            return rleFse(sym);
          }
          case 2: {
            const { norm, log, bytes } = readFseCounts(data.subarray(p), maxSymbol, maxLog);
            p += bytes;
            return buildFse(norm, log);
          }
          default:
            return prev ?? corrupt("repeated sequence table without a previous one");
        }
      };
      this.ll = pick(modes >> 6, LL_TABLE, this.ll, 35, 9);
      this.of = pick((modes >> 4) & 3, OF_TABLE, this.of, 31, 8);
      this.ml = pick((modes >> 2) & 3, ML_TABLE, this.ml, 52, 9);
      if (p > data.length) corrupt("sequence tables run past the block");
      const ll = this.ll;
      const of = this.of;
      const ml = this.ml;
      const br = new BackwardBits(data.subarray(p));
      let sLL = br.read(ll.log);
      let sOF = br.read(of.log);
      let sML = br.read(ml.log);
      const hist = this.hist;
      for (let i = 0; i < nbSeq; i++) {
        const ofCode = of.symbol[sOF]!;
        const mlCode = ml.symbol[sML]!;
        const llCode = ll.symbol[sLL]!;
        if (ofCode > 31) corrupt("offset code too large");
        const offsetValue = 2 ** ofCode + br.read(ofCode);
        const matchLen = ML_BASE[mlCode]! + br.read(ML_BITS[mlCode]!);
        const litLen = LL_BASE[llCode]! + br.read(LL_BITS[llCode]!);
        if (i < nbSeq - 1) {
          sLL = ll.base[sLL]! + br.read(ll.bits[sLL]!);
          sML = ml.base[sML]! + br.read(ml.bits[sML]!);
          sOF = of.base[sOF]! + br.read(of.bits[sOF]!);
        }
        let offset: number;
        const reps = this.reps;
        if (offsetValue > 3) {
          offset = offsetValue - 3;
          this.reps = [offset, reps[0]!, reps[1]!];
        } else {
          const idx = offsetValue - 1 + (litLen === 0 ? 1 : 0);
          if (idx === 0) offset = reps[0]!;
          else if (idx === 1) {
            offset = reps[1]!;
            this.reps = [offset, reps[0]!, reps[2]!];
          } else if (idx === 2) {
            offset = reps[2]!;
            this.reps = [offset, reps[0]!, reps[1]!];
          } else {
            offset = reps[0]! - 1;
            if (offset === 0) corrupt("repeat offset becomes 0");
            this.reps = [offset, reps[0]!, reps[1]!];
          }
        }
        if (lit + litLen > literals.length) corrupt("sequence takes more literals than the block has");
        if (this.pos - start + litLen + matchLen > MAX_BLOCK) corrupt("block decodes to more than 128 KiB");
        hist.set(literals.subarray(lit, lit + litLen), this.pos);
        this.pos += litLen;
        lit += litLen;
        if (offset > this.produced + (this.pos - start) || offset > this.window) corrupt("match offset reaches before the window");
        let from = this.pos - offset;
        if (from < 0) corrupt("match offset reaches before the kept history");
        for (let k = 0; k < matchLen; k++) hist[this.pos++] = hist[from++]!;
      }
      if (br.pos !== 0) corrupt("sequence bitstream does not end where its sequences do");
    }
    if (this.pos - start + literals.length - lit > MAX_BLOCK) corrupt("block decodes to more than 128 KiB");
    this.hist.set(literals.subarray(lit), this.pos);
    this.pos += literals.length - lit;
    return this.emit(start);
  }

  private literals(data: Uint8Array): { literals: Uint8Array; used: number } {
    const b0 = data[0];
    if (b0 === undefined) return corrupt("empty compressed block");
    const type = b0 & 3;
    const format = (b0 >> 2) & 3;
    if (type === 0 || type === 1) {
      let size: number;
      let head: number;
      if (format === 0 || format === 2) {
        size = b0 >> 3;
        head = 1;
      } else if (format === 1) {
        size = (b0 >> 4) + (data[1]! << 4);
        head = 2;
      } else {
        size = (b0 >> 4) + (data[1]! << 4) + (data[2]! << 12);
        head = 3;
      }
      if (size > MAX_BLOCK) corrupt("literals section larger than a block");
      if (type === 0) {
        if (head + size > data.length) corrupt("raw literals run past the block");
        return { literals: data.subarray(head, head + size), used: head + size };
      }
      if (head >= data.length) corrupt("RLE literals run past the block");
      return { literals: new Uint8Array(size).fill(data[head]!), used: head + 1 };
    }
    let regen: number;
    let comp: number;
    let head: number;
    const streams = format === 0 ? 1 : 4;
    if (format <= 1) {
      const h = b0 | (data[1]! << 8) | (data[2]! << 16);
      regen = (h >> 4) & 0x3ff;
      comp = (h >> 14) & 0x3ff;
      head = 3;
    } else if (format === 2) {
      const h = (b0 | (data[1]! << 8) | (data[2]! << 16) | (data[3]! << 24)) >>> 0;
      regen = (h >>> 4) & 0x3fff;
      comp = (h >>> 18) & 0x3fff;
      head = 4;
    } else {
      regen = (b0 >> 4) + (data[1]! << 4) + ((data[2]! & 0x3f) << 12);
      comp = (data[2]! >> 6) + (data[3]! << 2) + (data[4]! << 10);
      head = 5;
    }
    if (regen > MAX_BLOCK) corrupt("literals section larger than a block");
    if (head + comp > data.length) corrupt("compressed literals run past the block");
    let src = data.subarray(head, head + comp);
    if (type === 2) {
      const { table, bytes } = readHuffman(src);
      this.huffman = table;
      src = src.subarray(bytes);
    } else if (!this.huffman) {
      corrupt("treeless literals without a previous Huffman table");
    }
    const h = this.huffman!;
    const out = new Uint8Array(regen);
    if (streams === 1) {
      decodeHuffmanStream(h, src, out, 0, regen);
    } else {
      if (src.length < 6) corrupt("literal jump table runs past the block");
      const s1 = src[0]! | (src[1]! << 8);
      const s2 = src[2]! | (src[3]! << 8);
      const s3 = src[4]! | (src[5]! << 8);
      const s4 = src.length - 6 - s1 - s2 - s3;
      if (s4 < 1) corrupt("literal streams larger than their section");
      const seg = Math.ceil(regen / 4);
      if (seg * 3 > regen) corrupt("literal streams regenerate a negative size");
      let at = 6;
      const sizes = [s1, s2, s3, s4];
      for (let k = 0; k < 4; k++) {
        const from = k * seg;
        const to = k === 3 ? regen : from + seg;
        decodeHuffmanStream(h, src.subarray(at, at + sizes[k]!), out, from, to);
        at += sizes[k]!;
      }
    }
    return { literals: out, used: head + comp };
  }
}

async function* decodeFrame(r: InputReader): AsyncGenerator<Buffer> {
  const fhd = await r.byte();
  const fcsFlag = fhd >> 6;
  const single = (fhd >> 5) & 1;
  if (fhd & 0x08) r.fail("zstd frame header uses a reserved bit");
  const hasChecksum = (fhd >> 2) & 1;
  const dictFlag = fhd & 3;
  let window = 0;
  if (!single) {
    const wd = await r.byte();
    const base = 2 ** (10 + (wd >> 3));
    window = base + (base / 8) * (wd & 7);
  }
  const dictBytes = [0, 1, 2, 4][dictFlag]!;
  if (dictBytes > 0) {
    const id = await r.exact(dictBytes);
    if (id.some((x) => x !== 0)) r.fail("zstd frame needs a dictionary (not supported)");
  }
  const fcsBytes = [single ? 1 : 0, 2, 4, 8][fcsFlag]!;
  let contentSize: number | undefined;
  if (fcsBytes > 0) {
    const b = await r.exact(fcsBytes);
    contentSize = 0;
    for (let i = fcsBytes - 1; i >= 0; i--) contentSize = contentSize * 256 + b[i]!;
    if (fcsBytes === 2) contentSize += 256;
  }
  if (single) window = contentSize!;
  if (window > MAX_WINDOW) r.fail(`zstd window of ${window} bytes is too large`);
  const frame = new Frame(window);
  const xxh = hasChecksum ? new Xxh64() : undefined;
  const blockMax = Math.min(window || MAX_BLOCK, MAX_BLOCK);
  let produced = 0;
  for (;;) {
    const bh = await r.exact(3);
    const v = bh[0]! | (bh[1]! << 8) | (bh[2]! << 16);
    const last = v & 1;
    const type = (v >> 1) & 3;
    const size = v >>> 3;
    const at = r.offset;
    let out: Buffer;
    try {
      if (type === 0) {
        if (size > blockMax) corrupt("raw block larger than the maximum");
        out = frame.raw(await r.exact(size));
      } else if (type === 1) {
        if (size > blockMax) corrupt("RLE block larger than the maximum");
        out = frame.rle(await r.byte(), size);
      } else if (type === 2) {
        if (size > blockMax) corrupt("compressed block larger than the maximum");
        out = frame.compressed(await r.exact(size));
      } else {
        return r.fail("zstd block of the reserved type");
      }
    } catch (e) {
      if (e instanceof Corrupt) {
        r.offset = at;
        return r.fail(`corrupt zstd block: ${e.message}`);
      }
      throw e;
    }
    produced += out.length;
    xxh?.update(out);
    if (out.length > 0) yield out;
    if (last) break;
  }
  if (contentSize !== undefined && produced !== contentSize) r.fail(`zstd frame decodes to ${produced} bytes, its header says ${contentSize}`);
  if (xxh) {
    const stored = (await r.exact(4)).readUInt32LE(0);
    if (stored !== xxh.digest32()) r.fail("zstd content checksum mismatch: the data is corrupt");
  }
}

/** Decompresses a whole .zst file (frames back to back, skippable frames skipped). */
export async function* zstdDecompress(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const r = new InputReader(input);
  try {
    let frames = 0;
    while (!(await r.atEnd())) {
      const magic = (await r.exact(4)).readUInt32LE(0);
      if (magic >= 0x184d2a50 && magic <= 0x184d2a5f) {
        let left = (await r.exact(4)).readUInt32LE(0);
        while (left > 0) {
          const n = Math.min(left, 1 << 20);
          await r.exact(n);
          left -= n;
        }
        continue;
      }
      if (magic !== MAGIC) r.fail(frames === 0 ? "not a zstd stream (bad magic)" : "garbage after a zstd frame");
      yield* decodeFrame(r);
      frames++;
    }
  } finally {
    await r.close();
  }
}
