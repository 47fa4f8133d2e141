// CRC-32 (IEEE, as in gzip, GPT, xz), CRC-32C (Castagnoli, as in VHDX) and
// CRC-64 (ECMA-182, as in xz), table-driven, incremental.

function table32(poly: number): Uint32Array {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (poly ^ (c >>> 1)) >>> 0 : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
}

const T32 = table32(0xedb88320);
const T32C = table32(0x82f63b78);

function update32(t: Uint32Array, crc: number, data: Uint8Array): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = (t[(c ^ data[i]!) & 0xff]! ^ (c >>> 8)) >>> 0;
  return ~c >>> 0;
}

/** CRC-32 of `data`, continuing from `crc` (0 to start). */
export function crc32(data: Uint8Array, crc = 0): number {
  return update32(T32, crc, data);
}

/** CRC-32C of `data`, continuing from `crc` (0 to start). */
export function crc32c(data: Uint8Array, crc = 0): number {
  return update32(T32C, crc, data);
}

// CRC-64/XZ: reflected polynomial 0xC96C5795D7870F42, kept as two 32-bit halves.
const T64_LO = new Uint32Array(256);
const T64_HI = new Uint32Array(256);
{
  const polyLo = 0xd7870f42;
  const polyHi = 0xc96c5795;
  for (let n = 0; n < 256; n++) {
    let lo = n;
    let hi = 0;
    for (let k = 0; k < 8; k++) {
      const bit = lo & 1;
      lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
      hi = hi >>> 1;
      if (bit) {
        lo = (lo ^ polyLo) >>> 0;
        hi = (hi ^ polyHi) >>> 0;
      }
    }
    T64_LO[n] = lo;
    T64_HI[n] = hi;
  }
}

/** Incremental CRC-64/XZ; `digest()` gives the 8 bytes little-endian, as xz stores them. */
export class Crc64 {
  private lo = 0xffffffff;
  private hi = 0xffffffff;
  update(data: Uint8Array): void {
    let lo = this.lo;
    let hi = this.hi;
    for (let i = 0; i < data.length; i++) {
      const idx = (lo ^ data[i]!) & 0xff;
      lo = (((lo >>> 8) | (hi << 24)) ^ T64_LO[idx]!) >>> 0;
      hi = ((hi >>> 8) ^ T64_HI[idx]!) >>> 0;
    }
    this.lo = lo;
    this.hi = hi;
  }
  digest(): Buffer {
    const out = Buffer.alloc(8);
    out.writeUInt32LE(~this.lo >>> 0, 0);
    out.writeUInt32LE(~this.hi >>> 0, 4);
    return out;
  }
}
