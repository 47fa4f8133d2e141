# qcow: a qcow2 disk, on nixpkgs' `qemu` variant (disk-image.nix with
# `image.efiSupport = false`: an MBR disk with GRUB for BIOS).
#
# On aarch64, which has no BIOS, the disk is the one disk-image.nix makes
# with `image.efiSupport = true` (as the qemu-efi variant, qcow-efi): GPT, an
# ESP at /boot and systemd-boot (nix/modules/aarch64-efi.nix).
{ config, lib, ... }:
{
  imports = [ ../modules/aarch64-efi.nix ];

  # Above the variant's own `image.efiSupport = false` (normal priority).
  image.efiSupport = lib.mkIf config.formatSettings.aarch64Efi.enable (lib.mkOverride 90 true);
}
