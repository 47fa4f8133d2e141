# iso: a live ISO of this configuration, on nixpkgs' iso-image.nix.
#
# nixpkgs' module leaves `isoImage.makeEfiBootable` and
# `isoImage.makeUsbBootable` false (only its installer media turn them on,
# installation-cd-base.nix), so its plain `iso` variant is a BIOS-only CD on
# x86_64 and boots nothing on aarch64 (no BIOS there). This format turns both
# on, as the installers do: an El Torito EFI boot image (boot/efi.img with
# \EFI\BOOT\BOOT<arch>.EFI) on every system, and on x86_64 also the isolinux
# BIOS entry and the isohybrid MBR, so the same file boots from CD or USB.
_: {
  isoImage.makeEfiBootable = true;
  isoImage.makeUsbBootable = true;
}
