// Telling a container by its bytes, before any check runs.
import type { Container } from "../core/catalogue.js";
import { looksLikeExt } from "./containers/fs-ext4.js";
import { looksLikeArchive, payloadOffset } from "./containers/kexec-bundle.js";
import { ISO_MAGIC, ISO_SECTOR } from "./containers/iso.js";
import { QCOW2_MAGIC } from "./containers/qcow2.js";
import { rawKind } from "./containers/rawdisk.js";
import { VHD_COOKIE } from "./containers/vhd.js";
import { VHDX_SIGNATURE } from "./containers/vhdx.js";
import { VMA_MAGIC } from "./containers/vma.js";
import { VMDK_MAGIC } from "./containers/vmdk.js";
import type { ByteSource } from "./source.js";
import { tarNumber } from "./tar.js";

/** A container, or "tar" (which one is told by its members), or "unknown". */
export type Sniffed = Exclude<Container, "rootfs-tar" | "kexec-tar" | "lxc-metadata" | "gce-tar" | "ova" | "vagrant-box"> | "tar" | "unknown";

function looksLikeTar(h: Buffer): boolean {
  if (h.length < 512) return false;
  if (h.subarray(257, 262).toString("latin1") === "ustar") return true;
  // Pre-POSIX tar: no magic, but a header checksum that adds up.
  const stored = tarNumber(h, 148, 8);
  if (!Number.isFinite(stored) || stored === 0) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
  return sum === stored;
}

export async function sniff(src: ByteSource, expected?: Container): Promise<Sniffed> {
  const head = await src.read(0, 64 * 1024);
  const starts = (magic: Buffer, at = 0): boolean => head.length >= at + magic.length && head.subarray(at, at + magic.length).equals(magic);
  if (starts(QCOW2_MAGIC)) return "qcow2";
  if (starts(VHDX_SIGNATURE)) return "vhdx";
  if (starts(VMDK_MAGIC) || head.subarray(0, 21).toString("latin1") === "# Disk DescriptorFile") return "vmdk";
  if (starts(VMA_MAGIC)) return "vma";
  if (starts(VHD_COOKIE)) return "vhd";
  const pvd = await src.read(16 * ISO_SECTOR + 1, 5);
  if (pvd.equals(ISO_MAGIC)) return "iso";
  if (looksLikeTar(head)) return "tar";
  if (head.subarray(0, 2).toString("latin1") === "#!") {
    const payload = payloadOffset(head);
    if (payload && looksLikeArchive(head.subarray(payload.offset))) return "kexec-bundle";
    if (/qemu/i.test(head.toString("latin1"))) return "vm-runner";
    return "unknown";
  }
  // A fixed VHD is a raw disk with a footer: look at the end first where that is cheap.
  if (!src.sequential || expected === "vhd") {
    const size = await src.size();
    if (size >= 512) {
      const tail = await src.read(size - 512, 8);
      if (tail.equals(VHD_COOKIE)) return "vhd";
    }
  }
  const raw = await rawKind(src);
  if (raw) return raw;
  // A bare file system: no partition table, its superblock at byte 1024.
  if (await looksLikeExt(src)) return "fs-ext4";
  return "unknown";
}
