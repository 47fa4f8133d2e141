// A tar reader over a ByteSource: ustar, GNU (long names, old sparse 'S'
// members) and pax (path, size, GNU sparse 0.1 and 1.0). It yields one entry
// per member, with where its data lies, and never reads member data itself.
import type { Checks } from "./checks.js";
import { bytes, isZero } from "./bytes.js";
import type { ByteSource, SparseRegion } from "./source.js";
import { SliceSource, SparseSource } from "./source.js";

export interface TarEntry {
  /** Normalised: no leading "./" or "/", no trailing "/". */
  name: string;
  /** '0' file, '1' hard link, '2' symlink, '5' directory, … ('S' sparse is reported as '0'). */
  type: string;
  /** The member's size as extracted (a sparse member's real size). */
  size: number;
  /** Bytes the member's data takes in the archive. */
  storedSize: number;
  linkName: string;
  mode: number;
  headerOffset: number;
  dataOffset: number;
  sparse?: SparseRegion[];
  /**
   * The header's magic: "gnu" ("ustar  \0", what GNU tar's gnu and oldgnu
   * formats write), "ustar" (POSIX "ustar\0" "00", also under pax) or "v7" (none).
   */
  magic: TarMagic;
  /** Whether a pax extended header (type 'x') described this member. */
  pax: boolean;
}

export type TarMagic = "gnu" | "ustar" | "v7";

export function tarMagic(h: Buffer): TarMagic {
  const m = h.subarray(257, 265).toString("latin1");
  if (m === "ustar  \0") return "gnu";
  if (m.startsWith("ustar\0")) return "ustar";
  return "v7";
}

export interface TarSummary {
  entries: number;
  /** Offset just past the last member (where the end-of-archive blocks start). */
  end: number;
  /** Whether the archive ends with its zero blocks. */
  endMarker: boolean;
  /** Whether the walk stopped at a damaged header. */
  broken: boolean;
}

export function normaliseName(name: string): string {
  let n = name;
  while (n.startsWith("./")) n = n.slice(2);
  n = n.replace(/^\/+/, "").replace(/\/+$/, "");
  return n === "." ? "" : n;
}

/** The data of an entry as a source of its own (sparse members expanded). */
export function entrySource(src: ByteSource, e: TarEntry): ByteSource {
  if (e.sparse) return new SparseSource(src, e.dataOffset, e.sparse, e.size);
  return new SliceSource(src, e.dataOffset, e.size);
}

/** An octal (or GNU base-256) number field; NaN when it is neither. */
export function tarNumber(b: Buffer, off: number, len: number): number {
  const f = b.subarray(off, off + len);
  if (f[0]! & 0x80) {
    let v = f[0]! & 0x7f;
    for (let i = 1; i < f.length; i++) v = v * 256 + f[i]!;
    return v;
  }
  const s = f.toString("latin1").replace(/\0.*$/s, "").trim();
  if (s === "") return 0;
  return /^[0-7]+$/.test(s) ? parseInt(s, 8) : Number.NaN;
}

function headerChecksumOk(h: Buffer): boolean {
  const stored = tarNumber(h, 148, 8);
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < 512; i++) {
    const c = i >= 148 && i < 156 ? 0x20 : h[i]!;
    unsigned += c;
    signed += c > 127 ? c - 256 : c;
  }
  return stored === unsigned || stored === signed;
}

function field(h: Buffer, off: number, len: number): string {
  const f = h.subarray(off, off + len);
  const nul = f.indexOf(0);
  return (nul >= 0 ? f.subarray(0, nul) : f).toString("utf8");
}

function parsePax(data: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(0x20, i);
    if (sp < 0) break;
    const len = parseInt(data.subarray(i, sp).toString("latin1"), 10);
    if (!Number.isFinite(len) || len <= 0) break;
    const rec = data.subarray(sp + 1, i + len - 1).toString("utf8");
    const eq = rec.indexOf("=");
    if (eq > 0) out.set(rec.slice(0, eq), rec.slice(eq + 1));
    i += len;
  }
  return out;
}

const round512 = (n: number): number => Math.ceil(n / 512) * 512;

/**
 * Walks the archive's members in order. Damage (bad header checksum, bad number
 * fields, an archive that ends inside a member) becomes a finding on `c` and
 * ends the walk; `summary` is filled in as it goes.
 */
export async function* walkTar(src: ByteSource, c: Checks, summary: TarSummary): AsyncGenerator<TarEntry> {
  let offset = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax = new Map<string, string>();
  let paxSeen = false;
  summary.entries = 0;
  summary.endMarker = false;
  summary.broken = false;

  for (;;) {
    summary.end = offset;
    const h = await src.read(offset, 512);
    if (h.length === 0) {
      if (summary.entries === 0) {
        c.fail("tar.empty", "a tar archive", "an empty file", 0);
        summary.broken = true;
      }
      // No end-of-archive blocks: GNU tar accepts that, but a cut archive looks the same.
      return;
    }
    if (h.length < 512) {
      c.fail("tar.truncated", "a whole 512-byte header", `the archive ends ${h.length} bytes into it`, offset);
      summary.broken = true;
      return;
    }
    if (isZero(h)) {
      summary.endMarker = true;
      return;
    }
    if (!headerChecksumOk(h)) {
      c.fail("tar.header-checksum", `checksum ${tarNumber(h, 148, 8)}`, "a header whose bytes do not add up to it (corrupt, or not a tar)", offset);
      summary.broken = true;
      return;
    }
    const type = String.fromCharCode(h[156] || 0x30);
    const storedSize = tarNumber(h, 124, 12);
    const mode = tarNumber(h, 100, 8);
    if (Number.isNaN(storedSize)) {
      c.fail("tar.size-field", "an octal size", JSON.stringify(field(h, 124, 12)), offset + 124);
      summary.broken = true;
      return;
    }
    let dataOffset = offset + 512;
    const paxSize = pax.get("size");
    const size0 = paxSize !== undefined ? Number(paxSize) : storedSize;

    // Meta entries that describe the next one.
    if (type === "L" || type === "K" || type === "x" || type === "g") {
      const data = await src.read(dataOffset, size0);
      if (data.length < size0) {
        c.fail("tar.truncated", `${size0} bytes of extended header`, `the archive ends at ${bytes(dataOffset + data.length)}`, dataOffset);
        summary.broken = true;
        return;
      }
      if (type === "L") longName = field(data, 0, data.length);
      else if (type === "K") longLink = field(data, 0, data.length);
      else if (type === "x") {
        pax = parsePax(data);
        paxSeen = true;
      }
      offset = dataOffset + round512(size0);
      continue;
    }

    const ustar = h.subarray(257, 263).toString("latin1") === "ustar\0";
    let name = longName ?? pax.get("path") ?? pax.get("GNU.sparse.name") ?? field(h, 0, 100);
    if (!longName && !pax.has("path") && ustar) {
      const prefix = field(h, 345, 155);
      if (prefix) name = `${prefix}/${name}`;
    }
    if (pax.has("GNU.sparse.name")) name = pax.get("GNU.sparse.name")!;
    const linkName = longLink ?? pax.get("linkpath") ?? field(h, 157, 100);

    let entryType = type === "\0" || type === "7" ? "0" : type;
    let size = size0;
    let sparse: SparseRegion[] | undefined;
    let stored = size0;

    if (type === "S") {
      // Old GNU sparse: 4 map entries in the header, more in extension blocks.
      sparse = [];
      const addMap = (b: Buffer, at: number, count: number): void => {
        for (let i = 0; i < count; i++) {
          const o = tarNumber(b, at + i * 24, 12);
          const n = tarNumber(b, at + i * 24 + 12, 12);
          if (Number.isNaN(o) || Number.isNaN(n) || (o === 0 && n === 0 && b[at + i * 24] === 0)) continue;
          sparse!.push({ offset: o, length: n });
        }
      };
      addMap(h, 386, 4);
      let extended = h[482] !== 0;
      while (extended) {
        const ext = await src.read(dataOffset, 512);
        if (ext.length < 512) {
          c.fail("tar.truncated", "a sparse map extension block", `the archive ends at ${bytes(dataOffset + ext.length)}`, dataOffset);
          summary.broken = true;
          return;
        }
        addMap(ext, 0, 21);
        extended = ext[504] !== 0;
        dataOffset += 512;
      }
      size = tarNumber(h, 483, 12);
      entryType = "0";
    } else if (pax.get("GNU.sparse.major") === "1" && pax.get("GNU.sparse.minor") === "0") {
      // pax sparse 1.0: the map is text at the start of the data, padded to 512.
      const text: string[] = [];
      let mapBytes = 0;
      let lines: string[] = [];
      for (;;) {
        const blk = await src.read(dataOffset + mapBytes, 512);
        if (blk.length < 512) {
          c.fail("tar.truncated", "a pax sparse map", `the archive ends at ${bytes(dataOffset + mapBytes + blk.length)}`, dataOffset);
          summary.broken = true;
          return;
        }
        text.push(blk.toString("latin1"));
        mapBytes += 512;
        lines = text.join("").split("\n");
        const count = Number(lines[0]);
        if (Number.isFinite(count) && lines.length > 1 + 2 * count) break;
        if (mapBytes > 64 << 20) break;
      }
      const count = Number(lines[0]);
      sparse = [];
      for (let i = 0; i < count; i++) sparse.push({ offset: Number(lines[1 + 2 * i]), length: Number(lines[2 + 2 * i]) });
      size = Number(pax.get("GNU.sparse.realsize") ?? size0);
      dataOffset += mapBytes;
      stored = size0 - mapBytes;
    } else if (pax.has("GNU.sparse.map")) {
      const nums = pax.get("GNU.sparse.map")!.split(",").map(Number);
      sparse = [];
      for (let i = 0; i + 1 < nums.length; i += 2) sparse.push({ offset: nums[i]!, length: nums[i + 1]! });
      size = Number(pax.get("GNU.sparse.size") ?? pax.get("GNU.sparse.realsize") ?? size0);
    }
    if (sparse) {
      const storedTotal = sparse.reduce((a, r) => a + r.length, 0);
      const bad = sparse.find((r) => !Number.isFinite(r.offset) || !Number.isFinite(r.length) || r.offset + r.length > size);
      if (bad || storedTotal !== stored) {
        c.fail("tar.sparse-map", `regions inside ${size} bytes adding up to ${stored} stored bytes`, bad ? `region ${bad.offset}+${bad.length}` : `${storedTotal} bytes`, offset);
        summary.broken = true;
        return;
      }
    }

    const hasData = entryType === "0" || entryType === "S";
    const entry: TarEntry = {
      name: normaliseName(name),
      type: entryType,
      size: hasData ? size : 0,
      storedSize: hasData ? stored : 0,
      linkName,
      mode: Number.isNaN(mode) ? 0 : mode,
      headerOffset: offset,
      dataOffset,
      magic: tarMagic(h),
      pax: paxSeen,
    };
    if (sparse) entry.sparse = sparse;
    longName = undefined;
    longLink = undefined;
    pax = new Map();
    paxSeen = false;
    summary.entries++;

    const next = dataOffset + round512(hasData || entryType === "1" ? stored : size0);
    yield entry;
    if (stored > 0) {
      // A member cut short shows as a last byte that is not there (checked after
      // the consumer looked at the member, so a stream is read forward).
      const last = await src.read(dataOffset + stored - 1, 1);
      if (last.length === 0) {
        const total = await src.size();
        c.fail("tar.truncated", `member ${JSON.stringify(entry.name)} of ${bytes(stored)} ending at ${dataOffset + stored}`, `the archive ends at ${bytes(total)}`, dataOffset);
        summary.broken = true;
        summary.end = total;
        return;
      }
    }
    offset = next;
  }
}
