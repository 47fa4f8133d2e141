// qcow2 (QEMU's docs/interop/qcow2.txt): big-endian header with magic
// "QFI\xfb", version 2 or 3, cluster bits, virtual size, and the L1 and
// refcount tables, which must lie inside the file and be large enough.
import type { Checks } from "../checks.js";
import { bytes, hex, show, u64be } from "../bytes.js";
import type { ByteSource } from "../source.js";
import { readOrFail } from "../source.js";

export const QCOW2_MAGIC = Buffer.from([0x51, 0x46, 0x49, 0xfb]);
const L2_OFFSET_MASK = 0x00fffffffffffe00n;

export async function checkQcow2(src: ByteSource, c: Checks): Promise<void> {
  const h = await readOrFail(src, c, "qcow2.header", 0, 104);
  if (!h) return;
  const magic = h.subarray(0, 4);
  if (!magic.equals(QCOW2_MAGIC)) {
    c.fail("qcow2.magic", show(QCOW2_MAGIC), show(magic), 0);
    return;
  }
  const version = h.readUInt32BE(4);
  if (version !== 2 && version !== 3) {
    c.fail("qcow2.version", "2 or 3", String(version), 4);
    return;
  }
  c.detail("version", version);
  const backingOffset = u64be(h, 8);
  const clusterBits = h.readUInt32BE(20);
  const size = u64be(h, 24);
  const cryptMethod = h.readUInt32BE(32);
  const l1Size = h.readUInt32BE(36);
  const l1Offset = u64be(h, 40);
  const refcountOffset = u64be(h, 48);
  const refcountClusters = h.readUInt32BE(56);
  const snapshots = h.readUInt32BE(60);

  if (clusterBits < 9 || clusterBits > 21) {
    c.fail("qcow2.cluster-bits", "9..21", String(clusterBits), 20);
    return;
  }
  const clusterSize = 2 ** clusterBits;
  c.detail("clusterSize", clusterSize);
  c.virtualSize = size;
  if (!Number.isFinite(size)) c.fail("qcow2.size", "a virtual size below 2^53", "a larger one", 24);
  if (size % 512 !== 0) c.fail("qcow2.size", "a multiple of 512 bytes", String(size), 24);
  if (backingOffset !== 0) c.fail("qcow2.backing-file", "no backing file (a self-contained image)", `a backing file name at ${backingOffset}`, 8);
  if (cryptMethod !== 0) c.fail("qcow2.encryption", "none (0)", String(cryptMethod), 32);
  if (snapshots !== 0) c.detail("snapshots", snapshots);

  let l2EntryBytes = 8;
  if (version === 3) {
    const incompatible = h.readBigUInt64BE(72);
    if (incompatible & 0x10n) l2EntryBytes = 16; // extended L2 entries (subclusters)
    const headerLength = h.readUInt32BE(100);
    if (incompatible & 1n) c.fail("qcow2.dirty", "a cleanly closed image", "the dirty bit set (refcounts need repair)", 72);
    if (incompatible & 2n) c.fail("qcow2.corrupt", "an image QEMU has not marked corrupt", "the corrupt bit set", 72);
    if (incompatible & 4n) c.fail("qcow2.external-data", "data inside the file", "an external data file", 72);
    const known = 0x1fn;
    if (incompatible & ~known) c.fail("qcow2.incompatible-features", "only known feature bits", "0x" + incompatible.toString(16), 72);
    if (headerLength < 104 || headerLength % 8 !== 0) c.fail("qcow2.header-length", "104 or more, a multiple of 8", String(headerLength), 100);
    c.detail("refcountBits", 2 ** h.readUInt32BE(96));
  }

  // The L1 table must map the whole virtual disk: each entry covers one L2 table.
  const l2Entries = clusterSize / l2EntryBytes;
  const needL1 = Math.ceil(size / (clusterSize * l2Entries));
  if (l1Size < needL1) c.fail("qcow2.l1-size", `at least ${needL1} entries for ${bytes(size)}`, String(l1Size), 36);
  if (l1Offset % clusterSize !== 0) c.fail("qcow2.l1-offset", `a multiple of the cluster size (${clusterSize})`, String(l1Offset), 40);
  if (refcountOffset === 0 || refcountOffset % clusterSize !== 0) c.fail("qcow2.refcount-offset", `a non-zero multiple of the cluster size (${clusterSize})`, String(refcountOffset), 48);

  // Read the L1 and L2 tables in file order before asking a stream for its size.
  const l1Bytes = Math.min(l1Size * 8, 8 << 20);
  const l1 = l1Size > 0 && l1Offset % clusterSize === 0 ? await src.read(l1Offset, l1Bytes) : Buffer.alloc(0);
  const l2Tables: { offset: number; at: number }[] = [];
  for (let i = 0; i + 8 <= l1.length; i += 8) {
    const l2 = Number(l1.readBigUInt64BE(i) & L2_OFFSET_MASK);
    if (l2 !== 0) l2Tables.push({ offset: l2, at: l1Offset + i });
  }
  l2Tables.sort((a, b) => a.offset - b.offset);
  // The furthest data cluster each L2 table points to (bounded: the first 4096 tables).
  let furthest = { end: 0, at: 0 };
  let dataClusters = 0;
  const compressedBits = 62 - (clusterBits - 8);
  const compressedMask = (1n << BigInt(compressedBits)) - 1n;
  for (const t of l2Tables.slice(0, 4096)) {
    if (t.offset % clusterSize !== 0) continue;
    const l2 = await src.read(t.offset, clusterSize);
    for (let j = 0; j + 8 <= l2.length; j += l2EntryBytes) {
      const e = l2.readBigUInt64BE(j);
      let end: number;
      if (e & (1n << 62n)) {
        end = Number(e & compressedMask) + 1;
      } else {
        const off = Number(e & L2_OFFSET_MASK);
        if (off === 0) continue;
        end = off + 1;
      }
      dataClusters++;
      if (end > furthest.end) furthest = { end, at: t.offset + j };
    }
  }
  const fileSize = await src.size();
  c.detail("fileSize", fileSize);
  c.detail("l2Tables", l2Tables.length);
  c.detail("dataClusters", dataClusters);
  if (l1Offset + l1Size * 8 > fileSize) {
    c.fail("qcow2.l1-table", `an L1 table inside the file (${bytes(fileSize)})`, `${l1Size} entries at ${l1Offset}, ending at ${l1Offset + l1Size * 8}`, 40);
    return;
  }
  if (refcountOffset + refcountClusters * clusterSize > fileSize) {
    c.fail("qcow2.refcount-table", `a refcount table inside the file (${bytes(fileSize)})`, `${refcountClusters} clusters at ${refcountOffset}`, 48);
  }
  const badL2 = l2Tables.find((t) => t.offset % clusterSize !== 0 || t.offset + clusterSize > fileSize);
  if (badL2) {
    c.fail("qcow2.l1-entry", `an L2 table offset inside the file (${bytes(fileSize)}), cluster-aligned`, hex(badL2.offset), badL2.at);
    return;
  }
  if (furthest.end > fileSize) {
    c.fail("qcow2.l2-entry", `data clusters inside the file (${bytes(fileSize)})`, `a cluster at ${hex(furthest.end - 1)}`, furthest.at);
  }
}
