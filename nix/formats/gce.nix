# gce: a Google Compute Engine image, on nixpkgs' google-compute-image.nix.
#
# On aarch64 (Compute Engine's Arm VMs boot by UEFI only) the image is the one
# nixpkgs makes with `virtualisation.googleComputeImage.efi = true`: a GPT
# disk with an ESP and GRUB for EFI (nix/modules/aarch64-efi.nix).
{ config, lib, ... }:
{
  imports = [ ../modules/aarch64-efi.nix ];

  virtualisation.googleComputeImage.efi = lib.mkIf config.formatSettings.aarch64Efi.enable (lib.mkDefault true);
}
