// An LZMA2 decoder (the filter inside every .xz file nixpkgs writes), written
// from the LZMA / LZMA2 format descriptions. Each LZMA2 chunk carries its
// compressed size (at most 64 KiB), so a chunk is read whole and decoded in
// one go; output leaves through a circular dictionary of the stream's size.
import { CodecError, type InputReader } from "./input.js";

const PROB_INIT = 1024;
const STATES = 12;
const POS_STATES_MAX = 16;
const LITERAL_CODER_SIZE = 0x300;
const MATCH_LEN_MIN = 2;
const DIST_STATES = 4;
const DIST_SLOTS = 64;
const END_POS_MODEL_INDEX = 14;
const FULL_DISTANCES = 128;
const ALIGN_BITS = 4;
const ALIGN_SIZE = 16;

// Offsets into the one probability array.
const IS_MATCH = 0;
const IS_REP = IS_MATCH + STATES * POS_STATES_MAX;
const IS_REP0 = IS_REP + STATES;
const IS_REP1 = IS_REP0 + STATES;
const IS_REP2 = IS_REP1 + STATES;
const IS_REP0_LONG = IS_REP2 + STATES;
const DIST_SLOT = IS_REP0_LONG + STATES * POS_STATES_MAX;
const DIST_SPECIAL = DIST_SLOT + DIST_STATES * DIST_SLOTS;
const DIST_ALIGN = DIST_SPECIAL + FULL_DISTANCES - END_POS_MODEL_INDEX;
// A length coder: choice, choice2, low[16][8], mid[16][8], high[256].
const LEN_CHOICE = 0;
const LEN_CHOICE2 = 1;
const LEN_LOW = 2;
const LEN_MID = LEN_LOW + POS_STATES_MAX * 8;
const LEN_HIGH = LEN_MID + POS_STATES_MAX * 8;
const LEN_CODER_SIZE = LEN_HIGH + 256;
const MATCH_LEN = DIST_ALIGN + ALIGN_SIZE;
const REP_LEN = MATCH_LEN + LEN_CODER_SIZE;
const LITERAL = REP_LEN + LEN_CODER_SIZE;

/** The dictionary size an LZMA2 filter property byte announces. */
export function lzma2DictSize(prop: number): number {
  if (prop > 40) return -1;
  if (prop === 40) return 0xffffffff;
  return (2 | (prop & 1)) * 2 ** (Math.floor(prop / 2) + 11);
}

class Failure extends Error {}

export class Lzma2Decoder {
  private readonly dict: Uint8Array;
  private dictPos = 0;
  private dictFull = 0;
  private flushFrom = 0;
  private out: Buffer[] = [];

  private probs: Uint16Array = new Uint16Array(0);
  private lc = 0;
  private lp = 0;
  private pb = 0;
  private state = 0;
  private rep0 = 0;
  private rep1 = 0;
  private rep2 = 0;
  private rep3 = 0;
  /** Bytes of a match still to copy when a chunk ended inside it. */
  private pendingLen = 0;

  private needDictReset = true;
  private needProps = true;

  // Range decoder over the current chunk.
  private range = 0;
  private code = 0;
  private buf: Buffer = Buffer.alloc(0);
  private bufPos = 0;

  /** `dictSize`: the filter's; `sizeHint`: the block's uncompressed size when known. */
  constructor(dictSize: number, sizeHint?: number) {
    let n = Math.max(4096, dictSize);
    if (sizeHint !== undefined && sizeHint < n) n = Math.max(4096, sizeHint);
    if (n > 1536 * 1024 * 1024) throw new Error(`dictionary of ${dictSize} bytes is larger than xz allows`);
    n = Math.ceil(n / 16) * 16;
    this.dict = new Uint8Array(n);
  }

  /** Decodes one LZMA2 stream (up to its end marker), yielding what it produces. */
  async *decode(r: InputReader): AsyncGenerator<Buffer> {
    for (;;) {
      const control = await r.byte();
      if (control === 0x00) {
        if (this.pendingLen > 0) r.fail("LZMA2 stream ends inside a match");
        return;
      }
      if (control === 0x01 || control === 0x02) {
        const hdr = await r.exact(2);
        const size = hdr.readUInt16BE(0) + 1;
        if (control === 0x01) this.resetDict();
        else if (this.needDictReset) r.fail("LZMA2 stream does not start with a dictionary reset");
        const data = await r.exact(size);
        for (let i = 0; i < data.length; i++) this.put(data[i]!);
        yield* this.flush();
        continue;
      }
      if (control < 0x80) r.fail(`invalid LZMA2 control byte 0x${control.toString(16)}`);
      const hdr = await r.exact(4);
      const unpacked = (control & 0x1f) * 65536 + hdr.readUInt16BE(0) + 1;
      const packed = hdr.readUInt16BE(2) + 1;
      const reset = (control >> 5) & 3;
      if (reset === 3) this.resetDict();
      else if (this.needDictReset) r.fail("LZMA2 stream does not start with a dictionary reset");
      if (reset >= 2) {
        const props = await r.byte();
        if (!this.setProps(props)) r.fail(`invalid LZMA properties byte 0x${props.toString(16)}`);
      } else if (this.needProps) {
        r.fail("LZMA2 chunk without properties after a dictionary reset");
      }
      if (reset >= 1) this.resetState();
      const data = await r.exact(packed);
      const at = r.offset - packed;
      try {
        this.decodeChunk(data, unpacked);
      } catch (e) {
        if (e instanceof Failure) throw new CodecError(e.message, at);
        throw e;
      }
      yield* this.flush();
    }
  }

  private resetDict(): void {
    this.dictPos = 0;
    this.dictFull = 0;
    this.flushFrom = 0;
    this.needDictReset = false;
    this.needProps = true;
  }

  private setProps(props: number): boolean {
    if (props > 224) return false;
    this.lc = props % 9;
    const rest = Math.floor(props / 9);
    this.lp = rest % 5;
    this.pb = Math.floor(rest / 5);
    if (this.lc + this.lp > 4 || this.pb > 4) return false;
    this.probs = new Uint16Array(LITERAL + (LITERAL_CODER_SIZE << (this.lc + this.lp)));
    this.needProps = false;
    return true;
  }

  private resetState(): void {
    this.probs.fill(PROB_INIT);
    this.state = 0;
    this.rep0 = this.rep1 = this.rep2 = this.rep3 = 0;
    this.pendingLen = 0;
  }

  private *flush(): Generator<Buffer> {
    if (this.dictPos > this.flushFrom) this.out.push(Buffer.from(this.dict.subarray(this.flushFrom, this.dictPos)));
    this.flushFrom = this.dictPos;
    const out = this.out;
    this.out = [];
    yield* out;
  }

  private put(b: number): void {
    this.dict[this.dictPos++] = b;
    if (this.dictFull < this.dictPos) this.dictFull = this.dictPos;
    if (this.dictPos === this.dict.length) this.wrap();
  }

  private wrap(): void {
    this.out.push(Buffer.from(this.dict.subarray(this.flushFrom, this.dictPos)));
    this.dictPos = 0;
    this.flushFrom = 0;
  }

  /** The byte `dist + 1` back from the write position. */
  private back(dist: number): number {
    let i = this.dictPos - dist - 1;
    if (i < 0) i += this.dict.length;
    return this.dict[i]!;
  }

  /** Copies `len` bytes from `dist + 1` back; returns how many fit before `limit` output bytes. */
  private repeat(dist: number, len: number, limit: number): number {
    const n = Math.min(len, limit);
    const d = this.dict;
    const size = d.length;
    for (let k = 0; k < n; k++) {
      let i = this.dictPos - dist - 1;
      if (i < 0) i += size;
      d[this.dictPos++] = d[i]!;
      if (this.dictPos === size) {
        this.dictFull = size;
        this.wrap();
      }
    }
    if (this.dictFull < this.dictPos) this.dictFull = this.dictPos;
    return n;
  }

  // ---- range decoder ----

  private rcInit(data: Buffer): void {
    if (data.length < 5 || data[0] !== 0) throw new Failure("LZMA range coder does not start with a zero byte");
    this.buf = data;
    this.code = data.readUInt32BE(1);
    this.range = 0xffffffff;
    this.bufPos = 5;
  }

  private bit(i: number): number {
    const p = this.probs;
    const prob = p[i]!;
    const bound = (this.range >>> 11) * prob;
    let bit: number;
    if (this.code < bound) {
      this.range = bound;
      p[i] = prob + ((2048 - prob) >>> 5);
      bit = 0;
    } else {
      this.range -= bound;
      this.code -= bound;
      p[i] = prob - (prob >>> 5);
      bit = 1;
    }
    if (this.range < 0x1000000) {
      if (this.bufPos >= this.buf.length) throw new Failure("LZMA chunk data ends early");
      this.range = this.range * 256;
      this.code = this.code * 256 + this.buf[this.bufPos++]!;
    }
    return bit;
  }

  private direct(count: number): number {
    let v = 0;
    for (let k = 0; k < count; k++) {
      this.range = this.range >>> 1;
      let bit = 0;
      if (this.code >= this.range) {
        this.code -= this.range;
        bit = 1;
      }
      v = v * 2 + bit;
      if (this.range < 0x1000000) {
        if (this.bufPos >= this.buf.length) throw new Failure("LZMA chunk data ends early");
        this.range = this.range * 256;
        this.code = this.code * 256 + this.buf[this.bufPos++]!;
      }
    }
    return v;
  }

  private tree(base: number, bits: number): number {
    let m = 1;
    for (let k = 0; k < bits; k++) m = (m << 1) + this.bit(base + m);
    return m - (1 << bits);
  }

  private reverseTree(base: number, bits: number): number {
    let m = 1;
    let v = 0;
    for (let k = 0; k < bits; k++) {
      const b = this.bit(base + m);
      m = (m << 1) + b;
      v |= b << k;
    }
    return v;
  }

  private length(coder: number, posState: number): number {
    if (this.bit(coder + LEN_CHOICE) === 0) return MATCH_LEN_MIN + this.tree(coder + LEN_LOW + posState * 8, 3);
    if (this.bit(coder + LEN_CHOICE2) === 0) return MATCH_LEN_MIN + 8 + this.tree(coder + LEN_MID + posState * 8, 3);
    return MATCH_LEN_MIN + 16 + this.tree(coder + LEN_HIGH, 8);
  }

  private distance(len: number): number {
    const lenState = Math.min(len - MATCH_LEN_MIN, DIST_STATES - 1);
    const slot = this.tree(DIST_SLOT + lenState * DIST_SLOTS, 6);
    if (slot < 4) return slot;
    const directBits = (slot >>> 1) - 1;
    let dist = (2 | (slot & 1)) * 2 ** directBits;
    if (slot < END_POS_MODEL_INDEX) {
      dist += this.reverseTree(DIST_SPECIAL + dist - slot - 1, directBits);
    } else {
      dist += this.direct(directBits - ALIGN_BITS) * ALIGN_SIZE;
      dist += this.reverseTree(DIST_ALIGN - 1, ALIGN_BITS);
    }
    return dist;
  }

  // ---- LZMA symbols ----

  private decodeChunk(data: Buffer, unpacked: number): void {
    this.rcInit(data);
    let left = unpacked;
    if (this.pendingLen > 0) {
      const n = this.repeat(this.rep0, this.pendingLen, left);
      this.pendingLen -= n;
      left -= n;
    }
    const pbMask = (1 << this.pb) - 1;
    const lpMask = (1 << this.lp) - 1;
    const lc = this.lc;
    // Position counted from the dictionary reset: total flushed plus what waits in the dictionary.
    let pos = this.totalPosition();
    while (left > 0) {
      const posState = pos & pbMask;
      const s = this.state;
      if (this.bit(IS_MATCH + s * POS_STATES_MAX + posState) === 0) {
        const prev = this.dictFull > 0 ? this.back(0) : 0;
        const base = LITERAL + LITERAL_CODER_SIZE * (((pos & lpMask) << lc) + (prev >>> (8 - lc)));
        let symbol = 1;
        if (s >= 7) {
          if (this.rep0 >= this.dictFull) throw new Failure("LZMA match distance reaches before the dictionary start");
          let matchByte = this.back(this.rep0) << 1;
          let offset = 0x100;
          do {
            const matchBit = matchByte & offset;
            matchByte <<= 1;
            if (this.bit(base + offset + matchBit + symbol) === 1) {
              symbol = (symbol << 1) | 1;
              offset &= matchBit;
            } else {
              symbol <<= 1;
              offset &= ~matchBit;
            }
          } while (symbol < 0x100);
        } else {
          while (symbol < 0x100) symbol = (symbol << 1) | this.bit(base + symbol);
        }
        this.put(symbol & 0xff);
        this.state = s < 4 ? 0 : s < 10 ? s - 3 : s - 6;
        left--;
        pos++;
        continue;
      }
      let len: number;
      if (this.bit(IS_REP + s) === 0) {
        this.rep3 = this.rep2;
        this.rep2 = this.rep1;
        this.rep1 = this.rep0;
        len = this.length(MATCH_LEN, posState);
        this.state = s < 7 ? 7 : 10;
        this.rep0 = this.distance(len);
        if (this.rep0 === 0xffffffff) throw new Failure("LZMA end marker inside an LZMA2 chunk");
      } else {
        if (this.dictFull === 0) throw new Failure("LZMA repeated match before any data");
        if (this.bit(IS_REP0 + s) === 0) {
          if (this.bit(IS_REP0_LONG + s * POS_STATES_MAX + posState) === 0) {
            this.state = s < 7 ? 9 : 11;
            if (this.rep0 >= this.dictFull) throw new Failure("LZMA match distance reaches before the dictionary start");
            this.put(this.back(this.rep0));
            left--;
            pos++;
            continue;
          }
        } else {
          let dist: number;
          if (this.bit(IS_REP1 + s) === 0) {
            dist = this.rep1;
          } else {
            if (this.bit(IS_REP2 + s) === 0) {
              dist = this.rep2;
            } else {
              dist = this.rep3;
              this.rep3 = this.rep2;
            }
            this.rep2 = this.rep1;
          }
          this.rep1 = this.rep0;
          this.rep0 = dist;
        }
        len = this.length(REP_LEN, posState);
        this.state = s < 7 ? 8 : 11;
      }
      if (this.rep0 >= this.dictFull) throw new Failure("LZMA match distance reaches before the dictionary start");
      const n = this.repeat(this.rep0, len, left);
      this.pendingLen = len - n;
      left -= n;
      pos += n;
    }
    if (this.bufPos !== this.buf.length) throw new Failure(`LZMA chunk has ${this.buf.length - this.bufPos} bytes left over`);
    if (this.code !== 0) throw new Failure("LZMA chunk does not end cleanly (corrupt data)");
  }

  /** Bytes produced since the last dictionary reset, modulo what the masks need (2^4). */
  private totalPosition(): number {
    // Only the low bits matter (pb, lp <= 4); the dictionary position carries them
    // as long as the dictionary size is a multiple of 16, which LZMA2 sizes are.
    return this.dictPos;
  }
}
