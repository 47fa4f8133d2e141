// One fact the catalogue's per-format boot facts cannot say: aarch64 has no
// BIOS, and a raw-mbr image (nixpkgs' `raw`: an MBR disk with GRUB for BIOS,
// no ESP; the old tool's "raw image with bios/mbr") has nothing its UEFI-only
// firmware can start. The pair is still built, as nixpkgs and the old tool
// build it, with a warning; the boot test fails it without starting QEMU.
// Every other aarch64 disk has an ESP (nix/modules/aarch64-efi.nix).
import type { Container, NixSystem } from "./catalogue.js";

/** Why an image of `container` for `system` cannot boot on that system's firmware, or undefined. */
export function unbootableOn(format: { name: string; container: Container }, system: NixSystem): string | undefined {
  if (system !== "aarch64-linux" || format.container !== "raw-mbr") return undefined;
  return `${format.name} for aarch64-linux is an MBR disk with GRUB for BIOS and no EFI system partition, which aarch64's UEFI-only firmware cannot start`;
}
