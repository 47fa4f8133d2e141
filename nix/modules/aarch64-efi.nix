# On aarch64, the disk formats boot by UEFI.
#
# aarch64 machines (QEMU's virt machine with AAVMF, AWS Graviton, Azure and
# Google Cloud Arm VMs, Ampere servers) have UEFI firmware and no BIOS. Several
# nixpkgs variants make the same disk on every system: an MBR partition table
# with GRUB for BIOS and no EFI system partition, which such firmware cannot
# boot. With this module (imported by those formats' modules in
# nix/formats/), they make what nixpkgs itself makes when the variant is told
# the machine boots by UEFI: a GPT disk whose first partition is a FAT ESP
# (make-disk-image.nix partitionTableType "efi": parted `mklabel gpt` before
# the VM, `mkfs.vfat -n ESP` in it) mounted at /boot, with an EFI boot loader
# installed as the removable \EFI\BOOT\BOOTAA64.EFI (no EFI variables needed).
#
# | format     | nixpkgs' setting on aarch64                                  |
# |------------|--------------------------------------------------------------|
# | azure      | virtualisation.azureImage.vmGeneration = "v2" (Gen 2)        |
# | gce        | virtualisation.googleComputeImage.efi = true                 |
# | proxmox    | proxmox.qemuConf.bios = "ovmf" (partitionTableType "efi")    |
# | qcow       | image.efiSupport = true (as qcow-efi: systemd-boot)          |
# | openstack  | openstack.efi (nixpkgs' default on aarch64 already), and the |
# |            | disk made with partitionTableType "efi", which nixpkgs'      |
# |            | openstack-image.nix does not pass (its GRUB is EFI, its disk |
# |            | MBR without an ESP)                                          |
# | cloudstack | no setting in nixpkgs: GRUB for EFI (`grub` below) and the   |
# | do         | variant's make-disk-image call with partitionTableType "efi" |
# | kubevirt   | (nix/formats/<name>.nix)                                     |
#
# amazon (ec2.efi), hyperv, oci, qcow-efi and raw-efi make an ESP on aarch64
# already. raw stays an MBR disk for BIOS: that is what the format is (the
# catalogue's container raw-mbr); an aarch64 raw disk is raw-efi.
#
# x86_64 is left as nixpkgs makes it (`enable` is false there).
#
# Imported by each of those formats (nixosModules.<name> and all-formats),
# possibly from two copies of this repository: it has a `key`.
{
  config,
  lib,
  pkgs,
  ...
}:
let
  cfg = config.formatSettings.aarch64Efi;
in
{
  key = "nixos-generators-action/nix/modules/aarch64-efi.nix";

  options.formatSettings.aarch64Efi = {
    enable = lib.mkOption {
      type = lib.types.bool;
      default = pkgs.stdenv.hostPlatform.isAarch64;
      defaultText = lib.literalExpression "pkgs.stdenv.hostPlatform.isAarch64";
      example = false;
      description = ''
        Whether this format's disk boots by UEFI on aarch64: a GPT disk with
        an EFI system partition and an EFI boot loader instead of the MBR
        disk with BIOS GRUB that nixpkgs' variant makes on every system
        (azure, cloudstack, do, gce, kubevirt, openstack, proxmox, qcow; see
        nix/modules/aarch64-efi.nix). Set it to false (in
        `formatConfigs.<name>`) to get nixpkgs' variant as it is.
      '';
    };

    grub = lib.mkOption {
      type = lib.types.bool;
      default = false;
      internal = true;
      description = ''
        Set by the format modules whose nixpkgs variant has no EFI setting of
        its own (cloudstack, do, kubevirt): with `enable`, their GRUB is made
        the EFI GRUB nixpkgs' amazon, gce and openstack modules make for
        their EFI images (no install device, installed as the removable
        loader, on the ESP mounted at /boot).
      '';
    };

    loaderConfiguration = lib.mkOption {
      type = lib.types.lines;
      readOnly = true;
      internal = true;
      description = ''
        The same boot loader settings as NixOS module text, for the
        /etc/nixos/configuration.nix a format writes into its image, so that
        `nixos-rebuild` on the machine keeps the EFI boot loader.
      '';
      default = ''
        boot.loader.grub.device = lib.mkForce "nodev";
        boot.loader.grub.devices = lib.mkForce [ "nodev" ];
        boot.loader.grub.efiSupport = true;
        boot.loader.grub.efiInstallAsRemovable = true;
        fileSystems."/boot" = {
          device = "/dev/disk/by-label/ESP";
          fsType = "vfat";
        };
      '';
    };
  };

  config = lib.mkIf (cfg.enable && cfg.grub) {
    boot.loader.grub = {
      # The variants name /dev/vda (BIOS GRUB in the MBR) at normal priority.
      device = lib.mkForce "nodev";
      devices = lib.mkForce [ "nodev" ];
      efiSupport = lib.mkDefault true;
      efiInstallAsRemovable = lib.mkDefault true;
    };
    fileSystems."/boot" = {
      device = "/dev/disk/by-label/ESP";
      fsType = "vfat";
    };
  };
}
