// SD card images: what a board's boot firmware reads from the card.
import { partitionTable } from "./partitions.js";
import { reject, type Rule, type Source, type Target } from "./types.js";

const RPI_BOOT: Source = {
  title: "Raspberry Pi documentation, 'The boot folder': boot files are stored on the first partition of the SD card, formatted with the FAT file system",
  url: "https://www.raspberrypi.com/documentation/computers/configuration.html#the-boot-folder",
};
const LAYOUT: Source = {
  title: "NixOS manual / nixpkgs sd-image: an MBR card with a FAT firmware partition and an ext4 root (extlinux, U-Boot)",
  url: "https://nixos.wiki/wiki/NixOS_on_ARM#Installation",
};

const MBR_FAT_EXT4: Rule = {
  check: "sd.layout",
  says: "the card has an MBR partition table, a FAT firmware partition and an ext4 root",
  source: LAYOUT,
  enforcedBy: "mbr.signature, sd.firmware-partition, sd.firmware-filesystem, sd.root-partition, sd.root-filesystem",
};
const FIRMWARE_FIRST: Rule = { check: "sd.firmware-first", says: "a Raspberry Pi reads its boot firmware from the card's first partition, a FAT one", source: RPI_BOOT };

const FAT_MBR = new Set([0x0b, 0x0c]);

export const sdAarch64: Target = {
  formats: ["sd-aarch64", "sd-aarch64-installer"],
  name: "Raspberry Pi and other aarch64 boards (SD card)",
  rules: [MBR_FAT_EXT4, FIRMWARE_FIRST],
  offline: ["whether the board's firmware (or U-Boot) in the FAT partition matches the board"],
  async check(f, c) {
    const table = await partitionTable(f.src);
    if (!table || table.kind !== "mbr") return;
    const first = table.partitions.find((p) => p.index === 1);
    if (!first || first.mbrType === undefined || !FAT_MBR.has(first.mbrType)) {
      reject(c, FIRMWARE_FIRST, "partition 1 of type 0x0b or 0x0c (FAT32)", first ? `partition 1 of type ${first.type}` : "no partition 1", 446);
    }
  },
};

export const sdX86: Target = {
  formats: ["sd-x86_64"],
  name: "x86_64 machines booting from an SD card",
  rules: [MBR_FAT_EXT4],
  offline: ["the machine's firmware must boot from the card (BIOS boot sector or EFI loader)"],
  check: () => Promise.resolve(),
};
