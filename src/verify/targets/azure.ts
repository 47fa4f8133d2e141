// Azure: what it takes as an uploaded VHD for a managed disk or an image.
import { bytes, MiB } from "../bytes.js";
import { reject, type Rule, type Source, type Target } from "./types.js";

/** Microsoft's notes for any Linux image brought to Azure. */
const PREPARE: Source = {
  title: "Microsoft Learn, 'Prepare Linux for imaging in Azure' (General Linux installation notes; Resizing VHDs)",
  url: "https://learn.microsoft.com/en-us/azure/virtual-machines/linux/create-upload-generic",
};
const VHD_SPEC: Source = {
  title: "Microsoft, 'Virtual Hard Disk Image Format Specification' (Hard Disk Footer Format)",
  url: "https://www.microsoft.com/en-us/download/details.aspx?id=23850",
};

const FIXED: Rule = { check: "azure.fixed-vhd", says: "Azure accepts only fixed-size VHDs", source: PREPARE };
const WHOLE_MIB: Rule = { check: "azure.virtual-size", says: "Azure accepts only VHDs whose virtual size is a whole number of MiB", source: PREPARE };
const FOOTER: Rule = {
  check: "azure.footer",
  says: "Azure reads a fixed VHD as the disk's bytes followed by a valid 512-byte footer",
  source: VHD_SPEC,
  enforcedBy: "vhd.footer.cookie, vhd.footer.checksum, vhd.fixed.size",
};

const DISK_TYPES: Readonly<Record<number, string>> = { 2: "fixed", 3: "dynamic", 4: "differencing" };

export const azure: Target = {
  formats: ["azure"],
  name: "Azure",
  rules: [FIXED, WHOLE_MIB, FOOTER],
  offline: [
    "the VM generation (Gen1 boots by BIOS from MBR, Gen2 by UEFI from GPT) is chosen when the image is created",
    "the Azure Linux agent or cloud-init inside the image, and the disk size limits of the chosen disk type",
  ],
  check(f, c) {
    const v = f.vhd;
    if (!v) return Promise.resolve();
    if (v.diskType !== 2) reject(c, FIXED, "a fixed VHD (disk type 2)", DISK_TYPES[v.diskType] ?? `disk type ${v.diskType}`);
    if (v.currentSize % MiB !== 0) {
      reject(c, WHOLE_MIB, `a multiple of ${MiB} bytes`, `${bytes(v.currentSize)}, ${v.currentSize % MiB} bytes past a whole MiB`);
    }
    return Promise.resolve();
  },
};
