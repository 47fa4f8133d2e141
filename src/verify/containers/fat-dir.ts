// Reading a FAT file system's directories (Microsoft's FAT specification,
// "FAT: General Overview of On-Disk Format"): enough to list \EFI\BOOT on an
// EFI System partition or an El Torito EFI image. Short (8.3) names only;
// long-name entries are skipped, as the names looked for fit 8.3.
import type { ByteSource } from "../source.js";

interface Fat {
  bytesPerSector: number;
  clusterBytes: number;
  fatOffset: number;
  bits: 12 | 16 | 32;
  /** FAT12/16: where the fixed root directory lies, and its length. */
  rootOffset: number;
  rootBytes: number;
  /** FAT32: the root directory's first cluster. */
  rootCluster: number;
  dataOffset: number;
}

const MAX_CLUSTERS = 4096;

async function readBpb(src: ByteSource, at: number): Promise<Fat | undefined> {
  const bs = await src.read(at, 512);
  if (bs.length < 512 || bs[510] !== 0x55 || bs[511] !== 0xaa) return undefined;
  const bytesPerSector = bs.readUInt16LE(11);
  const sectorsPerCluster = bs[13]!;
  const reserved = bs.readUInt16LE(14);
  const fats = bs[16]!;
  const rootEntries = bs.readUInt16LE(17);
  const totalSectors = bs.readUInt16LE(19) || bs.readUInt32LE(32);
  const fatSectors = bs.readUInt16LE(22) || bs.readUInt32LE(36);
  if (![512, 1024, 2048, 4096].includes(bytesPerSector) || sectorsPerCluster === 0 || fats === 0 || fatSectors === 0) return undefined;
  const rootSectors = Math.ceil((rootEntries * 32) / bytesPerSector);
  const firstData = reserved + fats * fatSectors + rootSectors;
  const clusters = Math.floor((totalSectors - firstData) / sectorsPerCluster);
  const bits = clusters < 4085 ? 12 : clusters < 65525 ? 16 : 32;
  return {
    bytesPerSector,
    clusterBytes: sectorsPerCluster * bytesPerSector,
    fatOffset: at + reserved * bytesPerSector,
    bits,
    rootOffset: at + (reserved + fats * fatSectors) * bytesPerSector,
    rootBytes: rootSectors * bytesPerSector,
    rootCluster: bits === 32 ? bs.readUInt32LE(44) : 0,
    dataOffset: at + firstData * bytesPerSector,
  };
}

async function nextCluster(src: ByteSource, fat: Fat, cluster: number): Promise<number> {
  if (fat.bits === 12) {
    const at = fat.fatOffset + Math.floor(cluster * 1.5);
    const b = await src.read(at, 2);
    if (b.length < 2) return -1;
    const v = b.readUInt16LE(0);
    const n = cluster & 1 ? v >> 4 : v & 0xfff;
    return n >= 0xff8 ? -1 : n;
  }
  if (fat.bits === 16) {
    const b = await src.read(fat.fatOffset + cluster * 2, 2);
    if (b.length < 2) return -1;
    const n = b.readUInt16LE(0);
    return n >= 0xfff8 ? -1 : n;
  }
  const b = await src.read(fat.fatOffset + cluster * 4, 4);
  if (b.length < 4) return -1;
  const n = b.readUInt32LE(0) & 0x0fffffff;
  return n >= 0x0ffffff8 ? -1 : n;
}

async function readChain(src: ByteSource, fat: Fat, first: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let cluster = first;
  for (let i = 0; i < MAX_CLUSTERS && cluster >= 2; i++) {
    parts.push(await src.read(fat.dataOffset + (cluster - 2) * fat.clusterBytes, fat.clusterBytes));
    cluster = await nextCluster(src, fat, cluster);
  }
  return Buffer.concat(parts);
}

export interface FatEntry {
  /** "BOOTX64.EFI", "EFI", … as stored (upper case). */
  name: string;
  directory: boolean;
  cluster: number;
  size: number;
}

function entries(dir: Buffer): FatEntry[] {
  const out: FatEntry[] = [];
  for (let o = 0; o + 32 <= dir.length; o += 32) {
    const first = dir[o]!;
    if (first === 0x00) break;
    const attr = dir[o + 11]!;
    if (first === 0xe5 || attr === 0x0f || attr & 0x08) continue; // deleted, long name, volume label
    const base = dir.subarray(o, o + 8).toString("latin1").trimEnd();
    const ext = dir.subarray(o + 8, o + 11).toString("latin1").trimEnd();
    const name = (first === 0x05 ? "\xe5" + base.slice(1) : base) + (ext ? `.${ext}` : "");
    if (name === "." || name === "..") continue;
    out.push({ name, directory: (attr & 0x10) !== 0, cluster: (dir.readUInt16LE(o + 20) << 16) | dir.readUInt16LE(o + 26), size: dir.readUInt32LE(o + 28) });
  }
  return out;
}

/**
 * The entries of the directory `path` (["EFI", "BOOT"]) in the FAT file system
 * starting at byte `at`; undefined when there is no FAT there or no such directory.
 */
export async function listFatDirectory(src: ByteSource, at: number, path: readonly string[]): Promise<FatEntry[] | undefined> {
  const fat = await readBpb(src, at);
  if (!fat) return undefined;
  let dir = fat.bits === 32 ? await readChain(src, fat, fat.rootCluster) : await src.read(fat.rootOffset, fat.rootBytes);
  for (const part of path) {
    const next = entries(dir).find((e) => e.directory && e.name.toUpperCase() === part.toUpperCase());
    if (!next || next.cluster < 2) return undefined;
    dir = await readChain(src, fat, next.cluster);
  }
  return entries(dir);
}

/** The UEFI removable-media boot loaders (\EFI\BOOT\BOOT<arch>.EFI) a FAT file system holds. */
export async function efiBootLoaders(src: ByteSource, at: number): Promise<string[]> {
  const dir = await listFatDirectory(src, at, ["EFI", "BOOT"]);
  return (dir ?? []).filter((e) => !e.directory && /^BOOT[A-Z0-9]+\.EFI$/i.test(e.name)).map((e) => e.name.toUpperCase());
}

/** The system a removable-media loader boots: BOOTX64.EFI → x86_64-linux, BOOTAA64.EFI → aarch64-linux. */
export function loaderSystem(loaders: readonly string[]): "x86_64-linux" | "aarch64-linux" | undefined {
  if (loaders.includes("BOOTX64.EFI")) return "x86_64-linux";
  if (loaders.includes("BOOTAA64.EFI")) return "aarch64-linux";
  return undefined;
}
