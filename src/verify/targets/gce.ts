// Google Compute Engine: what it imports as a boot disk image.
import { reject, type Rule, type Source, type Target } from "./types.js";

const IMPORT: Source = {
  title: "Google Cloud, 'Manually import boot disks' (Compute Engine): disk.raw, tar --format=oldgnu, gzip",
  url: "https://cloud.google.com/compute/docs/import/import-existing-image",
};
const IMAGES: Source = {
  title: "Google Cloud, 'Image management best practices' (Understanding images): a partition table (MBR or GPT) in disk.raw",
  url: "https://cloud.google.com/compute/docs/images/image-management-best-practices",
};

const GZIP_TAR: Rule = { check: "gce.gzip-tar", says: "Compute Engine imports a gzip-compressed tar archive", source: IMPORT, enforcedBy: "compression, container" };
const ONLY_DISK_RAW: Rule = { check: "gce.disk-raw", says: "Compute Engine imports an archive holding exactly one file, disk.raw", source: IMPORT, enforcedBy: "gce.disk.raw, gce.members" };
const OLDGNU: Rule = {
  check: "gce.tar-format",
  says: "Compute Engine reads disk.raw from a tar archive in GNU tar's oldgnu format",
  source: IMPORT,
};
const PARTITIONS: Rule = { check: "gce.partition-table", says: "Compute Engine boots a disk.raw with an MBR or GPT partition table", source: IMAGES, enforcedBy: "disk.raw.mbr.signature, disk.raw.gpt.*" };

export const gce: Target = {
  formats: ["gce"],
  name: "Compute Engine",
  rules: [GZIP_TAR, ONLY_DISK_RAW, OLDGNU, PARTITIONS],
  offline: [
    "the guest environment and a kernel with virtio-scsi and gVNIC/virtio-net drivers",
    "the image's size against the project's quota; the bucket and the import job",
  ],
  check(f, c) {
    const disk = f.listing?.members.get("disk.raw");
    if (!disk) return Promise.resolve();
    if (disk.pax || disk.magic !== "gnu") {
      const found = disk.pax ? "a pax (POSIX.1-2001) archive" : disk.magic === "ustar" ? "a POSIX ustar archive" : "a pre-POSIX (v7) archive";
      reject(c, OLDGNU, 'a GNU tar header ("ustar  \\0", as tar --format=oldgnu writes)', found, disk.headerOffset);
    }
    return Promise.resolve();
  },
};
