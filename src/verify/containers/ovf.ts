// The OVF envelope (DMTF DSP0243) inside an OVA or a Vagrant box: which files
// it references and the capacity of each disk. Read with patterns, not a full
// XML parser: only the References and DiskSection elements matter here.
import type { Checks } from "../checks.js";

export interface OvfFile {
  id: string;
  href: string;
  size?: number;
}

export interface OvfDisk {
  diskId: string;
  fileRef?: string;
  /** Bytes. */
  capacity?: number;
  format?: string;
}

export interface Ovf {
  files: OvfFile[];
  disks: OvfDisk[];
  name?: string;
}

function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w.-]+:)?([\w.-]+)\s*=\s*"([^"]*)"/g)) out.set(m[2]!, m[3]!);
  return out;
}

function elements(xml: string, name: string): Map<string, string>[] {
  const re = new RegExp(`<(?:[\\w.-]+:)?${name}\\b([^>]*)>`, "g");
  return [...xml.matchAll(re)].map((m) => attributes(m[1]!));
}

/** Bytes in one capacity unit: "byte", "byte * 2^30", "MegaBytes", … (undefined if unknown). */
export function capacityUnit(units: string | undefined): number | undefined {
  if (!units) return 1;
  const u = units.replace(/\s+/g, "").toLowerCase();
  if (u === "byte" || u === "bytes") return 1;
  const pow = /^byte\*(\d+)\^(\d+)$/.exec(u);
  if (pow) return Number(pow[1]) ** Number(pow[2]);
  const named: Record<string, number> = { kilobytes: 2 ** 10, megabytes: 2 ** 20, gigabytes: 2 ** 30, terabytes: 2 ** 40 };
  return named[u];
}

export function parseOvf(xml: string, c: Checks, where: number): Ovf | undefined {
  if (!/<(?:[\w.-]+:)?Envelope\b/.test(xml) || !/<\/(?:[\w.-]+:)?Envelope>\s*$/.test(xml)) {
    c.fail("ovf.envelope", "an XML document with an <Envelope> root element", JSON.stringify(xml.slice(0, 40)), where);
    return undefined;
  }
  const files: OvfFile[] = [];
  for (const a of elements(xml, "File")) {
    const id = a.get("id");
    const href = a.get("href");
    if (!id || !href) continue;
    const f: OvfFile = { id, href };
    const size = a.get("size");
    if (size !== undefined) f.size = Number(size);
    files.push(f);
  }
  const disks: OvfDisk[] = [];
  for (const a of elements(xml, "Disk")) {
    const diskId = a.get("diskId");
    if (!diskId) continue;
    const d: OvfDisk = { diskId };
    const fileRef = a.get("fileRef");
    if (fileRef) d.fileRef = fileRef;
    const format = a.get("format");
    if (format) d.format = format;
    const cap = a.get("capacity");
    const unit = capacityUnit(a.get("capacityAllocationUnits"));
    if (cap !== undefined && unit !== undefined && /^\d+$/.test(cap)) d.capacity = Number(cap) * unit;
    else c.fail(`ovf.disk.${diskId}.capacity`, "a capacity in known units", `${cap ?? "none"} ${a.get("capacityAllocationUnits") ?? ""}`.trim(), where);
    disks.push(d);
  }
  const ovf: Ovf = { files, disks };
  const name = /<(?:[\w.-]+:)?VirtualSystem\b[^>]*\bovf:id="([^"]*)"/.exec(xml)?.[1];
  if (name) ovf.name = name;
  return ovf;
}
