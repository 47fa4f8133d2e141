// The disk inside a Proxmox VMA (nixpkgs' proxmox image: `vma create` of
// qemu-server.conf and drive-virtio0, then zstd), written out as `vma extract`
// would: a sparse raw file the device's size, each cluster's stored 4 KiB
// blocks at their place, every other block left as zeros. The archive is read
// once, forward, through verify's VMA reader (which checks each header and
// extent as it goes) from its decompressed stream. The firmware is the one
// qemu-server.conf asks Proxmox for: `bios: ovmf` is UEFI, else SeaBIOS.
import { open, type FileHandle } from "node:fs/promises";
import type { Compression } from "../core/catalogue.js";
import { Checks } from "../verify/checks.js";
import { DecompressError } from "../verify/codec/decompress.js";
import { checkVma, VMA_BLOCK, VMA_CLUSTER, type VmaCluster, type VmaDevice } from "../verify/containers/vma.js";
import { renderFinding } from "../verify/index.js";
import { openImage } from "../verify/open.js";

/** A VMA the disk cannot be extracted from: what is wrong with it. */
export class VmaError extends Error {
  override readonly name = "VmaError";
}

export interface VmaDisk {
  /** The device extracted (nixpkgs': drive-virtio0). */
  device: string;
  size: number;
  /** qemu-server.conf's `bios:` (undefined when it sets none: SeaBIOS). */
  bios: string | undefined;
  firmware: "bios" | "uefi";
}

/** The value of `bios:` in a qemu-server.conf (its first section: the VM, not a snapshot). */
export function qemuServerBios(conf: string): string | undefined {
  for (const line of conf.split("\n")) {
    if (/^\s*\[/.test(line)) break;
    const match = /^\s*bios\s*:\s*(\S+)/.exec(line);
    if (match) return match[1];
  }
  return undefined;
}

/** Writes the stored blocks of one cluster (runs of set mask bits as one write each), clipped to the device's size. */
async function writeCluster(out: FileHandle, c: VmaCluster): Promise<void> {
  const base = c.cluster * VMA_CLUSTER;
  let taken = 0;
  for (let b = 0; b < 16; ) {
    if (!(c.mask & (1 << b))) {
      b++;
      continue;
    }
    let e = b;
    while (e < 16 && c.mask & (1 << e)) e++;
    const at = base + b * VMA_BLOCK;
    const length = Math.min((e - b) * VMA_BLOCK, c.device.size - at);
    if (length > 0) await out.write(c.data, taken * VMA_BLOCK, length, at);
    taken += e - b;
    b = e;
  }
}

/**
 * Extracts the first disk of the VMA `file` (decompressed by `compression`) into
 * the sparse raw file `dest`. Throws VmaError when the archive is corrupt or cut
 * short; the file read is never written.
 */
export async function extractVmaDisk(file: string, compression: Compression, dest: string): Promise<VmaDisk> {
  const src = await openImage(file, compression);
  const checks = new Checks();
  let out: FileHandle | undefined;
  let disk: VmaDevice | undefined;
  let bios: string | undefined;
  let seen = new Uint8Array(0);
  let stored = 0;
  let duplicate: number | undefined;
  try {
    await checkVma(src, checks, {
      async header(facts) {
        disk = facts.deviceInfo.find((d) => d.name !== "vmstate");
        if (!disk) return;
        bios = qemuServerBios(facts.configs.get("qemu-server.conf") ?? "");
        seen = new Uint8Array(Math.ceil(disk.size / VMA_CLUSTER));
        out = await open(dest, "w");
        await out.truncate(disk.size);
      },
      async cluster(c) {
        if (!out || c.device.id !== disk?.id) return;
        if (seen[c.cluster]) duplicate ??= c.cluster;
        seen[c.cluster] = 1;
        stored++;
        await writeCluster(out, c);
      },
    });
  } catch (error) {
    if (error instanceof DecompressError) throw new VmaError(`it does not decompress as ${error.format} (${error.reason}${error.at >= 0 ? ` at compressed byte ${error.at}` : ""})`);
    throw error;
  } finally {
    await out?.close();
    await src.close?.();
  }
  const finding = checks.findings[0];
  if (finding) throw new VmaError(`its VMA is corrupt or cut short (${renderFinding(finding)})`);
  if (!disk) throw new VmaError("its VMA holds no disk (only vmstate)");
  if (duplicate !== undefined) throw new VmaError(`its VMA stores cluster ${duplicate} of ${disk.name} twice`);
  const missing = seen.indexOf(0);
  if (missing >= 0) throw new VmaError(`its VMA is cut short: ${disk.name} has ${stored} of its ${seen.length} clusters (cluster ${missing} is missing; vma extract refuses such an archive)`);
  return { device: disk.name, size: disk.size, bios, firmware: bios === "ovmf" ? "uefi" : "bios" };
}
