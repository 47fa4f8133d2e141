// XXH64 (the content checksum of a zstd frame), in 32-bit halves so that it
// needs neither BigInt nor 64-bit integers. Incremental.

// A 64-bit value is [hi, lo], both unsigned 32-bit.
type U64 = [number, number];

const P1: U64 = [0x9e3779b1, 0x85ebca87];
const P2: U64 = [0xc2b2ae3d, 0x27d4eb4f];
const P3: U64 = [0x165667b1, 0x9e3779f9];
const P4: U64 = [0x85ebca77, 0xc2b2ae63];
const P5: U64 = [0x27d4eb2f, 0x165667c5];

function add(a: U64, b: U64): U64 {
  const lo = a[1] + b[1];
  const hi = (a[0] + b[0] + (lo > 0xffffffff ? 1 : 0)) >>> 0;
  return [hi, lo >>> 0];
}

function sub(a: U64, b: U64): U64 {
  const lo = a[1] - b[1];
  const hi = (a[0] - b[0] - (lo < 0 ? 1 : 0)) >>> 0;
  return [hi, lo >>> 0];
}

function mul(a: U64, b: U64): U64 {
  const a0 = a[1] & 0xffff;
  const a1 = a[1] >>> 16;
  const b0 = b[1] & 0xffff;
  const b1 = b[1] >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const p11 = a1 * b1;
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const lo = (((mid & 0xffff) << 16) | (p00 & 0xffff)) >>> 0;
  const hiLoLo = p11 + (p01 >>> 16) + (p10 >>> 16) + Math.floor(mid / 65536);
  const hi = (hiLoLo + Math.imul(a[1], b[0]) + Math.imul(a[0], b[1])) >>> 0;
  return [hi, lo];
}

function rotl(a: U64, r: number): U64 {
  if (r === 0) return a;
  if (r >= 32) return rotl([a[1], a[0]], r - 32);
  return [((a[0] << r) | (a[1] >>> (32 - r))) >>> 0, ((a[1] << r) | (a[0] >>> (32 - r))) >>> 0];
}

function xor(a: U64, b: U64): U64 {
  return [(a[0] ^ b[0]) >>> 0, (a[1] ^ b[1]) >>> 0];
}

function shr(a: U64, r: number): U64 {
  if (r >= 32) return [0, a[0] >>> (r - 32)];
  return [a[0] >>> r, ((a[1] >>> r) | (a[0] << (32 - r))) >>> 0];
}

function lane(b: Uint8Array, i: number): U64 {
  const lo = (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
  const hi = (b[i + 4]! | (b[i + 5]! << 8) | (b[i + 6]! << 16) | (b[i + 7]! << 24)) >>> 0;
  return [hi, lo];
}

function round(acc: U64, input: U64): U64 {
  return mul(rotl(add(acc, mul(input, P2)), 31), P1);
}

function mergeRound(acc: U64, val: U64): U64 {
  return add(mul(xor(acc, round([0, 0], val)), P1), P4);
}

export class Xxh64 {
  private v1: U64 = add(P1, P2);
  private v2: U64 = P2;
  private v3: U64 = [0, 0];
  private v4: U64 = sub([0, 0], P1);
  private readonly buf = new Uint8Array(32);
  private buffered = 0;
  private total = 0;

  update(data: Uint8Array): void {
    this.total += data.length;
    let i = 0;
    if (this.buffered > 0) {
      const n = Math.min(32 - this.buffered, data.length);
      this.buf.set(data.subarray(0, n), this.buffered);
      this.buffered += n;
      i = n;
      if (this.buffered < 32) return;
      this.stripe(this.buf, 0);
      this.buffered = 0;
    }
    for (; i + 32 <= data.length; i += 32) this.stripe(data, i);
    if (i < data.length) {
      this.buf.set(data.subarray(i), 0);
      this.buffered = data.length - i;
    }
  }

  private stripe(b: Uint8Array, i: number): void {
    this.v1 = round(this.v1, lane(b, i));
    this.v2 = round(this.v2, lane(b, i + 8));
    this.v3 = round(this.v3, lane(b, i + 16));
    this.v4 = round(this.v4, lane(b, i + 24));
  }

  /** The low 32 bits of the digest (what zstd stores). */
  digest32(): number {
    let acc: U64;
    if (this.total >= 32) {
      acc = add(add(rotl(this.v1, 1), rotl(this.v2, 7)), add(rotl(this.v3, 12), rotl(this.v4, 18)));
      acc = mergeRound(acc, this.v1);
      acc = mergeRound(acc, this.v2);
      acc = mergeRound(acc, this.v3);
      acc = mergeRound(acc, this.v4);
    } else {
      acc = P5;
    }
    acc = add(acc, [Math.floor(this.total / 2 ** 32) >>> 0, this.total >>> 0]);
    const b = this.buf;
    let i = 0;
    const end = this.buffered;
    for (; i + 8 <= end; i += 8) {
      acc = xor(acc, round([0, 0], lane(b, i)));
      acc = add(mul(rotl(acc, 27), P1), P4);
    }
    if (i + 4 <= end) {
      const w = (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) >>> 0;
      acc = xor(acc, mul([0, w], P1));
      acc = add(mul(rotl(acc, 23), P2), P3);
      i += 4;
    }
    for (; i < end; i++) {
      acc = xor(acc, mul([0, b[i]!], P5));
      acc = mul(rotl(acc, 11), P1);
    }
    acc = xor(acc, shr(acc, 33));
    acc = mul(acc, P2);
    acc = xor(acc, shr(acc, 29));
    acc = mul(acc, P3);
    acc = xor(acc, shr(acc, 32));
    return acc[1];
  }
}
