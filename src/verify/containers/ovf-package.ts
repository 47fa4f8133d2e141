// An OVF package: an OVA (the .ovf first, then its disks, maybe a manifest)
// or a Vagrant box (Vagrantfile, metadata.json, box.ovf, disk), checked from
// the listing one walk over the archive made (tarballs.ts).
import { createHash } from "node:crypto";
import type { Checks } from "../checks.js";
import { bytes } from "../bytes.js";
import type { ByteSource } from "../source.js";
import { readChunks } from "../source.js";
import { entrySource } from "../tar.js";
import { parseOvf, type Ovf } from "./ovf.js";
import type { Listing } from "./tarballs.js";

export async function checkOvfPackage(src: ByteSource, l: Listing, c: Checks, kind: "ova" | "vagrant"): Promise<void> {
  let ovfName: string | undefined;
  if (kind === "ova") {
    const first = l.order[0];
    if (!first || !/\.ovf$/i.test(first)) {
      c.fail("ova.first-member", "the .ovf descriptor first", first ?? "no members", 0);
    }
    ovfName = l.order.find((n) => /\.ovf$/i.test(n));
  } else {
    for (const need of ["Vagrantfile", "metadata.json", "box.ovf"]) {
      if (!l.members.has(need)) c.fail(`vagrant.${need}`, `a ${need} member`, "none");
    }
    const meta = l.texts.get("metadata.json");
    if (meta !== undefined) {
      try {
        const parsed: unknown = JSON.parse(meta);
        const provider = typeof parsed === "object" && parsed !== null && "provider" in parsed ? parsed.provider : undefined;
        if (typeof provider !== "string") c.fail("vagrant.metadata.provider", 'a "provider" string in metadata.json', meta.slice(0, 60));
        else c.detail("provider", provider);
      } catch (e) {
        c.fail("vagrant.metadata.json", "valid JSON", e instanceof Error ? e.message : String(e), l.members.get("metadata.json")!.dataOffset);
      }
    }
    ovfName = l.members.has("box.ovf") ? "box.ovf" : l.order.find((n) => /\.ovf$/i.test(n));
  }
  if (!ovfName) {
    c.fail(`${kind}.ovf`, "an .ovf descriptor", "none");
    return;
  }
  c.detail("ovf", ovfName);
  const ovf: Ovf | undefined = parseOvf(l.texts.get(ovfName) ?? "", c, l.members.get(ovfName)!.dataOffset);
  if (!ovf) return;
  if (ovf.name) c.detail("virtualSystem", ovf.name);
  if (ovf.disks.length === 0) c.fail("ovf.disks", "at least one <Disk> in the DiskSection", "none", l.members.get(ovfName)!.dataOffset);
  for (const f of ovf.files) {
    const m = l.members.get(f.href);
    if (!m) {
      c.fail(`ovf.file.${f.href}`, "a member for each file the OVF references", "missing");
      continue;
    }
    if (f.size !== undefined && f.size !== m.size) c.fail(`ovf.file.${f.href}.size`, `${f.size} bytes (the OVF's ovf:size)`, `${m.size} bytes`, m.headerOffset);
  }
  for (const d of ovf.disks) {
    const file = ovf.files.find((f) => f.id === d.fileRef);
    if (!file) continue;
    const capacity = l.diskSizes.get(file.href);
    if (d.capacity !== undefined) c.detail(`disk.${d.diskId}.capacity`, d.capacity);
    if (d.capacity !== undefined && capacity !== undefined && d.capacity !== capacity) {
      c.fail(`ovf.disk.${d.diskId}.capacity`, `${bytes(capacity)} (the VMDK's capacity)`, bytes(d.capacity));
    }
  }
  // A manifest, when there is one, has digests of the other members.
  const mfName = l.order.find((n) => /\.mf$/i.test(n));
  if (mfName) {
    for (const m of (l.texts.get(mfName) ?? "").matchAll(/^(SHA1|SHA256|SHA512)\s*\(([^)]+)\)\s*=\s*([0-9a-fA-F]+)\s*$/gm)) {
      const [, algo, file, digest] = m as unknown as [string, string, string, string];
      // A manifest cannot hold its own digest: nixpkgs' Vagrant box lists box.mf
      // too (its loop runs over `*`, box.mf included), a line Vagrant and VirtualBox ignore.
      if (file === mfName) {
        c.detail("manifest.self", "listed, ignored");
        continue;
      }
      const e = l.members.get(file);
      if (!e) {
        c.fail(`${kind}.manifest.${file}`, "a member for each file the manifest lists", "missing");
        continue;
      }
      const h = createHash(algo.toLowerCase());
      for await (const chunk of readChunks(entrySource(src, e), 0, e.size)) h.update(chunk);
      const actual = h.digest("hex");
      if (actual !== digest.toLowerCase()) c.fail(`${kind}.manifest.${file}`, `${algo} ${digest.toLowerCase()}`, actual, e.dataOffset);
    }
    c.detail("manifest", mfName);
  }
}
