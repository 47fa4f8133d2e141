// VMDK (VMware Virtual Disk Format 5.0): a hosted sparse extent with the
// "KDMV" header (capacity, grain size, grain directory), the embedded text
// descriptor, and for streamOptimized a footer, end-of-stream marker and
// compressed grains. Little-endian.
import type { Checks } from "../checks.js";
import { bytes, hex, isPowerOfTwo, show, u64le } from "../bytes.js";
import type { ByteSource } from "../source.js";
import { readOrFail } from "../source.js";

export const VMDK_MAGIC = Buffer.from("KDMV", "latin1");
const GD_AT_END = Number.POSITIVE_INFINITY; // 0xffffffffffffffff read through u64le
const FLAG_NEWLINE_TEST = 1;
const FLAG_COMPRESSED = 1 << 16;
const FLAG_MARKERS = 1 << 17;

interface SparseHeader {
  version: number;
  flags: number;
  capacity: number;
  grainSize: number;
  descriptorOffset: number;
  descriptorSize: number;
  gtesPerGt: number;
  gdOffset: number;
  compressAlgorithm: number;
}

function parseHeader(h: Buffer): SparseHeader {
  return {
    version: h.readUInt32LE(4),
    flags: h.readUInt32LE(8),
    capacity: u64le(h, 12),
    grainSize: u64le(h, 20),
    descriptorOffset: u64le(h, 28),
    descriptorSize: u64le(h, 36),
    gtesPerGt: h.readUInt32LE(44),
    gdOffset: u64le(h, 56),
    compressAlgorithm: h.readUInt16LE(77),
  };
}

export interface Descriptor {
  createType?: string;
  extentSectors: number;
  extents: number;
  text: string;
}

export function parseDescriptor(text: string): Descriptor {
  const createType = /^\s*createType\s*=\s*"([^"]*)"/m.exec(text)?.[1];
  let extentSectors = 0;
  let extents = 0;
  for (const m of text.matchAll(/^\s*(?:RW|RDONLY|NOACCESS)\s+(\d+)\s+(\w+)/gm)) {
    extentSectors += Number(m[1]);
    extents++;
  }
  const d: Descriptor = { extentSectors, extents, text };
  if (createType !== undefined) d.createType = createType;
  return d;
}

/** Checks a VMDK; returns its capacity in bytes when the header could be read. */
export async function checkVmdk(src: ByteSource, c: Checks): Promise<number | undefined> {
  const h = await readOrFail(src, c, "vmdk.header", 0, 512);
  if (!h) return undefined;
  const magic = h.subarray(0, 4);
  if (!magic.equals(VMDK_MAGIC)) {
    if (h.subarray(0, 21).toString("latin1") === "# Disk DescriptorFile") {
      c.fail("vmdk.monolithic", "a single-file sparse VMDK (KDMV header)", "a bare descriptor whose data lives in other files", 0);
    } else {
      c.fail("vmdk.magic", show(VMDK_MAGIC), show(magic), 0);
    }
    return undefined;
  }
  let hdr = parseHeader(h);
  if (hdr.version < 1 || hdr.version > 3) {
    c.fail("vmdk.version", "1, 2 or 3", String(hdr.version), 4);
    return undefined;
  }
  c.detail("version", hdr.version);
  if (hdr.flags & FLAG_NEWLINE_TEST) {
    const nl = h.subarray(73, 77);
    if (!nl.equals(Buffer.from([0x0a, 0x20, 0x0d, 0x0a]))) c.fail("vmdk.newline-detection", "0a200d0a", nl.toString("hex") + " (the file went through a text-mode transfer)", 73);
  }
  if (!isPowerOfTwo(hdr.grainSize) || hdr.grainSize < 8) {
    c.fail("vmdk.grain-size", "a power of two of at least 8 sectors", String(hdr.grainSize), 20);
    return undefined;
  }
  c.detail("grainSize", hdr.grainSize * 512);
  const streamOptimized = (hdr.flags & FLAG_MARKERS) !== 0;

  // The descriptor, embedded after the header.
  let descriptor: Descriptor | undefined;
  if (hdr.descriptorOffset > 0 && hdr.descriptorSize > 0) {
    const at = hdr.descriptorOffset * 512;
    const raw = await readOrFail(src, c, "vmdk.descriptor", at, Math.min(hdr.descriptorSize * 512, 1 << 20));
    if (raw) {
      const nul = raw.indexOf(0);
      const text = raw.subarray(0, nul < 0 ? raw.length : nul).toString("utf8");
      if (!text.includes("# Disk DescriptorFile")) c.fail("vmdk.descriptor", '"# Disk DescriptorFile"', show(raw.subarray(0, 21)), at);
      else descriptor = parseDescriptor(text);
    }
  } else {
    c.fail("vmdk.descriptor", "an embedded descriptor", "none (descriptor offset or size is 0)", 28);
  }
  if (descriptor?.createType) c.detail("createType", descriptor.createType);

  if (streamOptimized) {
    if (!(hdr.flags & FLAG_COMPRESSED) || hdr.compressAlgorithm !== 1) {
      c.fail("vmdk.compression", "compressed grains (flag bit 16) with deflate (algorithm 1)", `flags ${hex(hdr.flags)}, algorithm ${hdr.compressAlgorithm}`, 8);
    }
    if (descriptor?.createType && descriptor.createType !== "streamOptimized") c.fail("vmdk.create-type", '"streamOptimized" (the header has markers)', JSON.stringify(descriptor.createType));
  } else if (descriptor?.createType && descriptor.createType !== "monolithicSparse") {
    c.fail("vmdk.create-type", '"monolithicSparse" (a sparse extent without markers)', JSON.stringify(descriptor.createType));
  }

  const size = await src.size();
  c.detail("fileSize", size);
  if (streamOptimized && hdr.gdOffset === GD_AT_END) {
    // Footer marker, footer (a header copy with the real grain directory), end-of-stream marker.
    if (size < 1536 + 512) {
      c.fail("vmdk.footer", "a footer and end-of-stream marker at the end", `a file of ${bytes(size)}`, 0);
      return hdr.capacity * 512;
    }
    const end = await src.read(size - 1536, 1536);
    const marker = end.subarray(0, 512);
    const footer = end.subarray(512, 1024);
    const eos = end.subarray(1024, 1536);
    if (!eos.every((x) => x === 0)) c.fail("vmdk.end-of-stream", "a zero end-of-stream marker in the last sector (the file may be truncated)", show(eos.subarray(0, 16)), size - 512);
    if (marker.readUInt32LE(12) !== 3) c.fail("vmdk.footer-marker", "a footer marker (type 3)", `type ${marker.readUInt32LE(12)}`, size - 1536 + 12);
    if (!footer.subarray(0, 4).equals(VMDK_MAGIC)) {
      c.fail("vmdk.footer.magic", show(VMDK_MAGIC), show(footer.subarray(0, 4)), size - 1024);
      return hdr.capacity * 512;
    }
    const f = parseHeader(footer);
    if (f.capacity !== hdr.capacity) c.fail("vmdk.footer.capacity", String(hdr.capacity), String(f.capacity), size - 1024 + 12);
    hdr = { ...hdr, gdOffset: f.gdOffset };
  }
  const capacity = hdr.capacity * 512;
  c.virtualSize = capacity;
  c.detail("capacity", capacity);
  if (descriptor && descriptor.extents > 0 && descriptor.extentSectors !== hdr.capacity) {
    c.fail("vmdk.descriptor.extent-size", `${hdr.capacity} sectors (the header's capacity)`, `${descriptor.extentSectors} sectors`, hdr.descriptorOffset * 512);
  }

  // The grain directory and its tables must lie inside the file.
  const grainsPerGt = hdr.gtesPerGt;
  if (grainsPerGt === 0) {
    c.fail("vmdk.gtes-per-gt", "a non-zero count", "0", 44);
    return capacity;
  }
  const gdEntries = Math.ceil(hdr.capacity / (hdr.grainSize * grainsPerGt));
  const gdAt = hdr.gdOffset * 512;
  if (!Number.isFinite(gdAt) || gdAt + gdEntries * 4 > size) {
    c.fail("vmdk.grain-directory", `${gdEntries} entries inside the file (${bytes(size)})`, Number.isFinite(gdAt) ? `at ${gdAt}` : "no location", 56);
    return capacity;
  }
  if (src.sequential) return capacity; // reading tables back from a stream would start it again
  const gd = await src.read(gdAt, Math.min(gdEntries * 4, 4 << 20));
  let grains = 0;
  for (let i = 0; i + 4 <= gd.length; i += 4) {
    const gtSector = gd.readUInt32LE(i);
    if (gtSector === 0) continue;
    const gtAt = gtSector * 512;
    const gt = await src.read(gtAt, grainsPerGt * 4);
    if (gt.length < grainsPerGt * 4) {
      c.fail("vmdk.grain-table", `a grain table inside the file (${bytes(size)})`, `one at ${gtAt}`, gdAt + i);
      return capacity;
    }
    for (let j = 0; j < gt.length; j += 4) {
      const g = gt.readUInt32LE(j);
      if (g <= 1) continue; // unallocated or zero grain
      grains++;
      if (g * 512 >= size) {
        c.fail("vmdk.grain", `grains inside the file (${bytes(size)})`, `a grain at ${g * 512}`, gtAt + j);
        return capacity;
      }
    }
  }
  c.detail("grains", grains);
  return capacity;
}
