// Proxmox VE: what qmrestore restores from a VMA backup.
import { reject, type Rule, type Source, type Target } from "./types.js";

const BACKUP: Source = {
  title: "Proxmox VE Administration Guide, 'Backup and Restore' (vzdump archives, qmrestore)",
  url: "https://pve.proxmox.com/pve-docs/chapter-vzdump.html",
};
const VMA_SPEC: Source = {
  title: "pve-qemu, 'vma_spec.txt' (the VMA archive format: config blobs, devices)",
  url: "https://git.proxmox.com/?p=pve-qemu.git;a=blob_plain;f=vma_spec.txt;hb=HEAD",
};
const QMRESTORE: Source = {
  title: "qemu-server, qmrestore's restore of a VMA archive: each device is mapped to a drive by a '#qmdump#map:' line of qemu-server.conf",
  url: "https://git.proxmox.com/?p=qemu-server.git;a=summary",
};

const CONFIG: Rule = { check: "proxmox.config", says: "qmrestore needs the VM's qemu-server.conf inside the archive", source: VMA_SPEC, enforcedBy: "vma.config" };
const COMPRESSION: Rule = { check: "proxmox.compression", says: "qmrestore reads .vma, .vma.gz, .vma.lzo and .vma.zst archives", source: BACKUP, enforcedBy: "compression" };
const DEVICE_MAP: Rule = {
  check: "proxmox.device-map",
  says: "qmrestore restores each disk of the archive to the drive that a '#qmdump#map:<drive>:<device>:<storage>:<format>:' line of qemu-server.conf names",
  source: QMRESTORE,
};

const ARCHIVE_INFO: Source = {
  title: "pve-storage, PVE::Storage::archive_info: a backup is recognised by its name, vzdump-(qemu|lxc|openvz)-….(vma|tar|tgz)[.gz|.lzo|.zst]",
  url: "https://git.proxmox.com/?p=pve-storage.git;a=blob;f=src/PVE/Storage.pm;hb=HEAD",
};
const FILE_NAME: Rule = {
  check: "proxmox.file-name",
  says: "qmrestore reads a VMA backup only under a name vzdump-qemu-<name>.vma, .vma.gz, .vma.lzo or .vma.zst",
  source: ARCHIVE_INFO,
};
/** The names qmrestore takes a VMA under (archive_info's pattern, for qemu). */
const QMRESTORE_NAME = /^vzdump-qemu-.+\.vma(?:\.(?:gz|lzo|zst))?$/;
const COMPRESSED_SUFFIX: Record<string, string> = { none: "", gzip: ".gz", zstd: ".zst" };

/** A name qmrestore reads for a file named `name` (its stem kept, the prefix and extension put right). */
function qmrestoreName(name: string, compression: string): string {
  const stem = name
    .replace(/\.(?:vma(?:\.[a-z0-9]+)?|zst|gz|lzo)$/i, "")
    .replace(/-?vzdump-qemu-/, "-")
    .replace(/^-+|-+$/g, "");
  return `vzdump-qemu-${stem || "nixos"}.vma${COMPRESSED_SUFFIX[compression] ?? ".zst"}`;
}

const MAP_LINE = /^#qmdump#map:([^:\s]+):([^:\s]+):([^:\s]*):([^:\s]*):\s*$/gm;

export const proxmox: Target = {
  formats: ["proxmox"],
  name: "Proxmox VE (qmrestore)",
  rules: [CONFIG, COMPRESSION, DEVICE_MAP, FILE_NAME],
  offline: ["the target storage named in the map lines (or --storage) must exist on the node, and the VM id must be free"],
  check(f, c) {
    if (f.fileName !== undefined && !QMRESTORE_NAME.test(f.fileName)) {
      reject(c, FILE_NAME, `a name qmrestore reads: rename the file to ${qmrestoreName(f.fileName, f.compression)}`, f.fileName);
    }
    const conf = f.vma?.configs.get("qemu-server.conf");
    if (!f.vma || conf === undefined) return Promise.resolve();
    const mapped = new Map<string, string>();
    for (const m of conf.matchAll(MAP_LINE)) mapped.set(m[2]!, m[1]!);
    for (const device of f.vma.devices) {
      if (device === "vmstate") continue;
      if (!mapped.has(device)) reject(c, DEVICE_MAP, `a line #qmdump#map:<drive>:${device}:… in qemu-server.conf`, `none for the device ${device}`);
    }
    for (const [device, drive] of mapped) {
      if (!f.vma.devices.includes(device)) reject(c, DEVICE_MAP, `data for every mapped drive in the archive`, `no device ${device} (mapped to ${drive})`);
    }
    return Promise.resolve();
  },
};
