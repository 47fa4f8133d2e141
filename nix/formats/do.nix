# do: a DigitalOcean custom image, on nixpkgs' digital-ocean-image.nix.
#
# nixpkgs' variant has no EFI setting: its disk is MBR with GRUB for BIOS on
# every system. On aarch64 (no BIOS) the disk is made with the variant's
# make-disk-image.nix arguments and partitionTableType "efi", GRUB for EFI on
# the ESP (nix/modules/aarch64-efi.nix `grub`), and the image's default
# /etc/nixos/configuration.nix keeps that boot loader.
{
  config,
  lib,
  pkgs,
  modulesPath,
  ...
}:
let
  cfg = config.formatSettings.aarch64Efi;
  image = config.virtualisation.digitalOceanImage;
  compress =
    {
      "gzip" = "${pkgs.gzip}/bin/gzip";
      "bzip2" = "${pkgs.bzip2}/bin/bzip2";
    }
    .${image.compressionMethod};
in
{
  imports = [ ../modules/aarch64-efi.nix ];

  formatSettings.aarch64Efi.grub = true;

  # nixpkgs' default (digital-ocean-init.nix), with the EFI boot loader.
  virtualisation.digitalOcean.defaultConfigFile = lib.mkIf cfg.enable (
    lib.mkDefault (
      pkgs.writeText "digitalocean-configuration.nix" ''
        { modulesPath, lib, ... }:
        {
          imports = lib.optional (builtins.pathExists ./do-userdata.nix) ./do-userdata.nix ++ [
            (modulesPath + "/virtualisation/digital-ocean-config.nix")
          ];
        ${cfg.loaderConfiguration}
        }
      ''
    )
  );

  system.build.digitalOceanImage = lib.mkIf cfg.enable (
    lib.mkForce (
      import (modulesPath + "/../lib/make-disk-image.nix") {
        name = "digital-ocean-image";
        inherit (config.image) baseName;
        inherit (config.virtualisation) diskSize;
        inherit config lib pkgs;
        format = "qcow2";
        postVM = ''
          ${compress} $diskImage
        '';
        configFile = if image.configFile == null then config.virtualisation.digitalOcean.defaultConfigFile else image.configFile;
        partitionTableType = "efi";
      }
    )
  );
}
