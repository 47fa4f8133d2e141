# proxmox: a Proxmox VE backup (VMA), on nixpkgs' proxmox-image.nix.
#
# On aarch64 (no SeaBIOS there) the VM is nixpkgs' OVMF one:
# `proxmox.qemuConf.bios = "ovmf"`, whose disk nixpkgs partitions "efi" (GPT
# and an ESP) with GRUB for EFI, and whose qemu-server.conf says
# `bios: ovmf` (nix/modules/aarch64-efi.nix).
{ config, lib, ... }:
{
  imports = [ ../modules/aarch64-efi.nix ];

  proxmox.qemuConf.bios = lib.mkIf config.formatSettings.aarch64Efi.enable (lib.mkDefault "ovmf");
}
