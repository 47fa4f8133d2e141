// Bootable ISOs (installer and live images): El Torito entries for BIOS and
// EFI, and the EFI image's removable-media loader.
import { loaderSystem } from "../containers/fat-dir.js";
import { reject, type Rule, type Source, type Target } from "./types.js";

const EL_TORITO: Source = {
  title: "'El Torito' Bootable CD-ROM Format Specification 1.0 (Phoenix/IBM): boot catalog, platform 0x00 = 80x86 BIOS",
  url: "https://pdos.csail.mit.edu/6.828/2018/readings/boot-cdrom.pdf",
};
const UEFI_CD: Source = {
  title: "UEFI Specification 2.10: 13.3.2.1 ISO-9660 and El Torito (platform 0xEF, a FAT image); 3.5.1.1 Removable Media Boot Behavior",
  url: "https://uefi.org/specs/UEFI/2.10/13_Protocols_Media_Access.html#iso-9660-and-el-torito",
};

const EFI: Rule = {
  check: "iso.efi",
  says: "UEFI firmware boots an ISO from an El Torito EFI entry (platform 0xEF) whose FAT image holds \\EFI\\BOOT\\BOOT<arch>.EFI",
  source: UEFI_CD,
};
const BIOS: Rule = { check: "iso.bios", says: "an x86_64 ISO boots on BIOS machines too: it needs an El Torito BIOS entry (platform 0x00)", source: EL_TORITO };

export const iso: Target = {
  formats: ["iso", "install-iso", "install-iso-hyperv"],
  name: "BIOS and UEFI firmware (ISO)",
  rules: [EFI, BIOS],
  offline: ["Secure Boot: whether the firmware trusts the EFI loader's signature"],
  check(f, c) {
    const i = f.iso;
    if (!i || !i.elTorito) return Promise.resolve(); // iso.el-torito says it does not boot
    const system = f.system ?? loaderSystem(i.efiLoaders);
    if (!i.efi) reject(c, EFI, "a bootable El Torito entry for EFI (platform 0xEF)", i.listed || "no boot entries", i.catalogAt);
    else if (!loaderSystem(i.efiLoaders) || (f.system && loaderSystem(i.efiLoaders) !== f.system)) {
      reject(c, EFI, `\\EFI\\BOOT\\${system === "aarch64-linux" ? "BOOTAA64.EFI" : "BOOTX64.EFI"} in the EFI image`, i.efiLoaders.join(", ") || "no \\EFI\\BOOT\\BOOT*.EFI");
    }
    if (system === "x86_64-linux" && !i.bios) reject(c, BIOS, "a bootable El Torito entry for BIOS (platform 0x00)", i.listed || "no boot entries", i.catalogAt);
    return Promise.resolve();
  },
};
