// Small helpers for reading binary structures out of Buffers.

export const KiB = 1024;
export const MiB = 1024 * 1024;

/** A 64-bit field as a number; values past 2^53 become Infinity (never sane here). */
export function u64le(b: Buffer, off: number): number {
  return toSafe(b.readBigUInt64LE(off));
}
export function u64be(b: Buffer, off: number): number {
  return toSafe(b.readBigUInt64BE(off));
}
function toSafe(v: bigint): number {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : Number.POSITIVE_INFINITY;
}

/** Bytes shown for a finding: printable ASCII as text, anything else as hex. */
export function show(b: Buffer): string {
  if (b.length > 0 && b.every((c) => c >= 0x20 && c < 0x7f)) return JSON.stringify(b.toString("latin1"));
  return "0x" + b.toString("hex");
}

/** Text of a fixed-size field: up to the first NUL, trailing spaces trimmed. */
export function fixedString(b: Buffer, off: number, len: number, encoding: "latin1" | "utf16le" = "latin1"): string {
  let s = b.subarray(off, off + len).toString(encoding);
  const nul = s.indexOf("\0");
  if (nul >= 0) s = s.slice(0, nul);
  return s.trimEnd();
}

/** A GUID in the mixed-endian layout of GPT, VHDX and EFI (first three fields little-endian). */
export function guid(b: Buffer, off: number): string {
  const h = (i: number, n: number, le: boolean): string => {
    const part = Buffer.from(b.subarray(off + i, off + i + n));
    if (le) part.reverse();
    return part.toString("hex");
  };
  return `${h(0, 4, true)}-${h(4, 2, true)}-${h(6, 2, true)}-${h(8, 2, false)}-${h(10, 6, false)}`.toUpperCase();
}

export function isZero(b: Buffer): boolean {
  for (const c of b) if (c !== 0) return false;
  return true;
}

export function hex(n: number, width = 0): string {
  return "0x" + n.toString(16).padStart(width, "0");
}

/** Bytes as "67108864 (64 MiB)". */
export function bytes(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const units: [number, string][] = [
    [1024 ** 4, "TiB"],
    [1024 ** 3, "GiB"],
    [MiB, "MiB"],
    [KiB, "KiB"],
  ];
  for (const [size, unit] of units) {
    if (n >= size) {
      const v = n / size;
      return `${n} (${Number.isInteger(v) ? v : v.toFixed(2)} ${unit})`;
    }
  }
  return `${n} B`;
}

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0 && n <= 2 ** 30;
}
