# cloudstack: an Apache CloudStack qcow2 disk, on nixpkgs' cloudstack-image.nix.
#
# nixpkgs' variant has no EFI setting: its disk is MBR with GRUB for BIOS on
# every system. On aarch64 (KVM's Arm guests boot by UEFI) the disk is made
# with the variant's make-disk-image.nix arguments and partitionTableType
# "efi", GRUB for EFI on the ESP (nix/modules/aarch64-efi.nix `grub`), and
# the image's /etc/nixos/configuration.nix keeps that boot loader.
{
  config,
  lib,
  pkgs,
  modulesPath,
  ...
}:
let
  cfg = config.formatSettings.aarch64Efi;
in
{
  imports = [ ../modules/aarch64-efi.nix ];

  formatSettings.aarch64Efi.grub = true;

  system.build.cloudstackImage = lib.mkIf cfg.enable (
    lib.mkForce (
      import (modulesPath + "/../lib/make-disk-image.nix") {
        inherit lib config pkgs;
        inherit (config.virtualisation) diskSize;
        inherit (config.image) baseName;
        format = "qcow2";
        configFile = pkgs.writeText "configuration.nix" ''
          { lib, ... }:
          {
            imports = [ <nixpkgs/nixos/modules/virtualisation/cloudstack-config.nix> ];
          ${cfg.loaderConfiguration}
          }
        '';
        partitionTableType = "efi";
      }
    )
  );
}
