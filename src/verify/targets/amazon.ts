// Amazon EC2: what VM Import/Export takes as a disk image (this format ships a VHD).
import { vhdDisk } from "../containers/vhd-disk.js";
import { linuxFilesystem, partitionTable } from "./partitions.js";
import { reject, type Rule, type Source, type Target } from "./types.js";

const REQUIREMENTS: Source = {
  title: "AWS VM Import/Export User Guide, 'System requirements' (Image formats; Volume types and file systems)",
  url: "https://docs.aws.amazon.com/vm-import/latest/userguide/prerequisites.html",
};

const VHD_KIND: Rule = {
  check: "amazon.vhd",
  says: "VM Import takes fixed or dynamic VHDs",
  source: REQUIREMENTS,
  enforcedBy: "vhd.footer.disk-type",
};
const TABLE: Rule = { check: "amazon.partition-table", says: "VM Import takes Linux volumes on an MBR or GPT partition table", source: REQUIREMENTS };
const FILESYSTEM: Rule = {
  check: "amazon.filesystem",
  says: "VM Import takes Linux volumes formatted ext2, ext3, ext4, Btrfs, JFS or XFS",
  source: REQUIREMENTS,
};

export const amazon: Target = {
  formats: ["amazon"],
  name: "Amazon EC2 (VM Import)",
  rules: [VHD_KIND, TABLE, FILESYSTEM],
  offline: [
    "the kernel and distribution must be on VM Import's list of supported operating systems, or the image is registered from a snapshot instead",
    "the S3 bucket, the vmimport service role and the Region's limits",
  ],
  async check(f, c) {
    if (!f.vhd) return;
    const disk = await vhdDisk(f.src, f.vhd);
    if (!disk) return;
    const table = await partitionTable(disk);
    if (!table) {
      reject(c, TABLE, "an MBR or GPT partition table in the VHD's disk", "none (no 0x55aa signature, or an unreadable GPT)", 0);
      return;
    }
    const seen: string[] = [];
    for (const p of table.partitions) {
      const fs = p.esp ? undefined : await linuxFilesystem(disk, p.start);
      if (fs) return;
      seen.push(`partition ${p.index} (${p.type}): ${p.esp ? "EFI System" : "no Linux file system"}`);
    }
    reject(c, FILESYSTEM, "a partition holding ext2/3/4, Btrfs, JFS or XFS", seen.join("; ") || `an empty ${table.kind.toUpperCase()} table`);
  },
};
