// A raw disk booted by UEFI firmware with no boot entries yet (a new VM, a
// disk written to a new machine): GPT, an EFI System partition, the
// removable-media loader on it.
import { efiBootLoaders, loaderSystem } from "../containers/fat-dir.js";
import { partitionTable } from "./partitions.js";
import { reject, type Rule, type Source, type Target } from "./types.js";

const UEFI: Source = {
  title: "UEFI Specification 2.10: 5.3 GUID Partition Table; 13.3 File System Format (the EFI System Partition is FAT)",
  url: "https://uefi.org/specs/UEFI/2.10/05_GUID_Partition_Table_Format.html",
};
const REMOVABLE: Source = {
  title: "UEFI Specification 2.10: 3.5.1.1 Removable Media Boot Behavior (\\EFI\\BOOT\\BOOTX64.EFI, \\EFI\\BOOT\\BOOTAA64.EFI)",
  url: "https://uefi.org/specs/UEFI/2.10/03_Boot_Manager.html#removable-media-boot-behavior",
};

const GPT_ESP: Rule = { check: "raw-efi.esp", says: "UEFI firmware boots a GPT disk from a FAT EFI System partition", source: UEFI, enforcedBy: "mbr.protective, gpt.*, gpt.esp, gpt.esp.filesystem" };
const LOADER: Rule = {
  check: "raw-efi.removable-loader",
  says: "UEFI firmware with no boot entry for the disk starts \\EFI\\BOOT\\BOOT<arch>.EFI from its EFI System partition",
  source: REMOVABLE,
};

const WANT: Readonly<Record<string, string>> = { "x86_64-linux": "BOOTX64.EFI", "aarch64-linux": "BOOTAA64.EFI" };

export const rawEfi: Target = {
  formats: ["raw-efi"],
  name: "UEFI firmware (raw disk)",
  rules: [GPT_ESP, LOADER],
  offline: ["Secure Boot: whether the firmware trusts the loader's signature"],
  async check(f, c) {
    const table = await partitionTable(f.src);
    const esp = table?.kind === "gpt" ? table.partitions.find((p) => p.esp) : undefined;
    if (!esp) return; // gpt.esp says what is missing
    const loaders = await efiBootLoaders(f.src, esp.start);
    const want = f.system ? WANT[f.system] : undefined;
    if (want ? !loaders.includes(want) : !loaderSystem(loaders)) {
      reject(c, LOADER, `\\EFI\\BOOT\\${want ?? "BOOTX64.EFI or BOOTAA64.EFI"} on partition ${esp.index}`, loaders.length ? loaders.join(", ") : "no \\EFI\\BOOT\\BOOT*.EFI", esp.start);
    }
  },
};
