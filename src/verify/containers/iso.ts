// ISO 9660 (ECMA-119) with El Torito: volume descriptors from sector 16 ("CD001"),
// the primary one's label and size, the boot record's catalog and its BIOS
// (platform 0x00) and EFI (platform 0xEF) entries.
import type { NixSystem } from "../../core/catalogue.js";
import type { Checks } from "../checks.js";
import { bytes, fixedString, hex, show } from "../bytes.js";
import type { ByteSource } from "../source.js";
import { efiBootLoaders } from "./fat-dir.js";
import { probeFat } from "./filesystems.js";
import { hasMbrSignature } from "./mbr.js";

export const ISO_SECTOR = 2048;
export const ISO_MAGIC = Buffer.from("CD001", "latin1");
const EL_TORITO = "EL TORITO SPECIFICATION";

export const PLATFORMS: Readonly<Record<number, string>> = { 0x00: "BIOS", 0x01: "PowerPC", 0x02: "Mac", 0xef: "EFI" };

interface BootEntry {
  platform: number;
  bootable: boolean;
  loadRba: number;
  sectors: number;
  at: number;
}

/** What a target's rules need from an ISO: its boot entries and EFI loaders. */
export interface IsoFacts {
  elTorito: boolean;
  bios: boolean;
  efi: boolean;
  /** \EFI\BOOT\BOOT<arch>.EFI files in the EFI boot image ("BOOTX64.EFI", …). */
  efiLoaders: string[];
  /** The boot entries, as listed in findings ("BIOS, EFI"). */
  listed: string;
  catalogAt: number;
}

export async function checkIso(src: ByteSource, c: Checks, system?: NixSystem): Promise<IsoFacts | undefined> {
  const s0 = await src.read(0, 512);
  c.detail("isohybrid", hasMbrSignature(s0));
  let pvd: Buffer | undefined;
  let pvdAt = 0;
  let catalogLba: number | undefined;
  let bootRecordAt = 0;
  let terminated = false;
  for (let i = 16; i < 16 + 64; i++) {
    const at = i * ISO_SECTOR;
    const d = await src.read(at, ISO_SECTOR);
    if (d.length < ISO_SECTOR) {
      c.fail("iso.truncated", `a volume descriptor at sector ${i}`, `the image ends at ${bytes(at + d.length)}`, at);
      return undefined;
    }
    const magic = d.subarray(1, 6);
    if (!magic.equals(ISO_MAGIC)) {
      c.fail("iso.descriptor.magic", show(ISO_MAGIC), show(magic), at + 1);
      return undefined;
    }
    const type = d[0]!;
    if (type === 255) {
      terminated = true;
      break;
    }
    if (type === 1 && !pvd) {
      pvd = d;
      pvdAt = at;
    }
    if (type === 0 && fixedString(d, 7, 32) === EL_TORITO) {
      catalogLba = d.readUInt32LE(71);
      bootRecordAt = at;
    }
  }
  if (!terminated) c.fail("iso.descriptor.terminator", "a volume descriptor set terminator (type 255)", "none in 64 descriptors", 16 * ISO_SECTOR);
  if (!pvd) {
    c.fail("iso.primary-descriptor", "a primary volume descriptor (type 1)", "none", 16 * ISO_SECTOR);
    return undefined;
  }
  const label = fixedString(pvd, 40, 32);
  c.label = label;
  c.detail("volumeId", label);
  const systemId = fixedString(pvd, 8, 32);
  if (systemId) c.detail("systemId", systemId);
  const blocks = pvd.readUInt32LE(80);
  const blockSize = pvd.readUInt16LE(128);
  if (pvd.readUInt32BE(84) !== blocks) c.fail("iso.volume-size", `the same size in both byte orders (${blocks})`, String(pvd.readUInt32BE(84)), pvdAt + 84);
  if (blockSize !== ISO_SECTOR) c.fail("iso.block-size", String(ISO_SECTOR), String(blockSize), pvdAt + 128);
  const volumeSize = blocks * blockSize;
  c.detail("volumeSize", volumeSize);

  const entries = catalogLba === undefined ? [] : await readCatalog(src, c, catalogLba, bootRecordAt);
  const bios = entries.some((e) => e.bootable && e.platform === 0x00);
  const efiEntries = entries.filter((e) => e.bootable && e.platform === 0xef);
  c.detail("elTorito", catalogLba !== undefined);
  c.detail("biosBoot", bios);
  c.detail("efiBoot", efiEntries.length > 0);
  const listed = entries.map((e) => `${PLATFORMS[e.platform] ?? hex(e.platform, 2)}${e.bootable ? "" : " (not bootable)"}`).join(", ");
  c.detail("bootEntries", listed);

  const fileSize = await src.size();
  c.detail("fileSize", fileSize);
  if (volumeSize > fileSize) c.fail("iso.volume-size", `a volume of ${bytes(volumeSize)} inside the file`, `a file of ${bytes(fileSize)} (truncated)`, pvdAt + 80);
  for (const e of entries) {
    if (e.loadRba * ISO_SECTOR >= fileSize) c.fail("iso.boot-entry.location", `a boot image inside the file (${bytes(fileSize)})`, `sector ${e.loadRba}`, e.at + 8);
  }
  const efiLoaders: string[] = [];
  for (const e of efiEntries) {
    if (e.loadRba * ISO_SECTOR >= fileSize) continue;
    const fat = await probeFat(src, e.loadRba * ISO_SECTOR);
    if (!fat) c.fail("iso.efi-image", "a FAT file system (the EFI boot image)", "no FAT boot sector", e.loadRba * ISO_SECTOR);
    else {
      c.detail("efiImage", fat.kind);
      for (const l of await efiBootLoaders(src, e.loadRba * ISO_SECTOR)) if (!efiLoaders.includes(l)) efiLoaders.push(l);
    }
  }
  if (efiLoaders.length > 0) c.detail("efiLoaders", efiLoaders.join(", "));
  const facts: IsoFacts = { elTorito: catalogLba !== undefined, bios, efi: efiEntries.length > 0, efiLoaders, listed, catalogAt: (catalogLba ?? 17) * ISO_SECTOR };

  if (catalogLba === undefined) {
    c.fail("iso.el-torito", `an El Torito boot record ("${EL_TORITO}")`, "none: the ISO does not boot", 17 * ISO_SECTOR);
    return facts;
  }
  const needBios = system === "x86_64-linux";
  const needEfi = system !== undefined;
  if (needBios && !bios) c.fail("iso.bios-boot", "a bootable El Torito entry for BIOS (platform 0x00)", listed || "none", catalogLba * ISO_SECTOR);
  if (needEfi && efiEntries.length === 0) c.fail("iso.efi-boot", "a bootable El Torito entry for EFI (platform 0xEF)", listed || "none", catalogLba * ISO_SECTOR);
  if (!needEfi && entries.every((e) => !e.bootable)) c.fail("iso.boot-entry", "a bootable El Torito entry", "none", catalogLba * ISO_SECTOR);
  return facts;
}

async function readCatalog(src: ByteSource, c: Checks, lba: number, recordAt: number): Promise<BootEntry[]> {
  const at = lba * ISO_SECTOR;
  const cat = await src.read(at, ISO_SECTOR);
  if (cat.length < ISO_SECTOR) {
    c.fail("iso.boot-catalog", `a boot catalog at sector ${lba}`, `the image ends at ${bytes(at + cat.length)}`, recordAt + 71);
    return [];
  }
  const v = cat.subarray(0, 32);
  if (v[0] !== 0x01 || v[30] !== 0x55 || v[31] !== 0xaa) {
    c.fail("iso.boot-catalog.validation", "a validation entry (0x01 … 0x55 0xaa)", `${hex(v[0]!, 2)} … ${v.subarray(30, 32).toString("hex")}`, at);
    return [];
  }
  let sum = 0;
  for (let i = 0; i < 32; i += 2) sum = (sum + v.readUInt16LE(i)) & 0xffff;
  if (sum !== 0) {
    c.fail("iso.boot-catalog.checksum", "16-bit words summing to 0", hex(sum, 4), at + 28);
    return [];
  }
  const entries: BootEntry[] = [];
  const entry = (o: number, platform: number): BootEntry => ({
    platform,
    bootable: cat[o] === 0x88,
    sectors: cat.readUInt16LE(o + 6),
    loadRba: cat.readUInt32LE(o + 8),
    at: at + o,
  });
  entries.push(entry(32, v[1]!));
  let o = 64;
  while (o + 32 <= cat.length) {
    const indicator = cat[o]!;
    if (indicator !== 0x90 && indicator !== 0x91) break;
    const platform = cat[o + 1]!;
    const count = cat.readUInt16LE(o + 2);
    o += 32;
    for (let k = 0; k < count && o + 32 <= cat.length; k++) {
      entries.push(entry(o, platform));
      o += 32;
      while (o + 32 <= cat.length && cat[o] === 0x44) o += 32; // extension entries
    }
    if (indicator === 0x91) break;
  }
  return entries;
}
