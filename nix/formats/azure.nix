# azure: a fixed-size VHD that Azure takes, on nixpkgs' azure-image.nix.
#
# Azure takes a fixed VHD whose virtual size is a whole number of MiB, with
# its 512-byte footer in the file's last 512 bytes. nixpkgs' variant converts
# the raw disk to such a VHD and then, when `virtualisation.diskSize` is
# "auto" (the default), appends `additionalSpace` (512 MiB) to the finished
# VHD and runs growpart on it as if it were a raw disk: the footer is left in
# the middle of the file, the partition grows over it, and the file ends in
# zeros, which Azure (and `nixos-generate verify -f azure`) refuses. It also
# grows partition 1, which is the ESP, not the root file system, for
# vmGeneration = "v2".
#
# This format makes the same disk with make-disk-image.nix and the same
# arguments as nixpkgs' module, with another postVM: the raw disk is grown
# (by `additionalSpace`, for "auto"), rounded up to a whole MiB, its root
# partition grown to the end, and only then converted to a fixed VHD
# (`force_size` keeps the virtual size exactly the raw size). Nothing touches
# the VHD after qemu-img writes it.
#
# On aarch64 (Azure's Arm VMs are Generation 2, UEFI only) the image is
# nixpkgs' Generation 2 one, `vmGeneration = "v2"` (nix/modules/aarch64-efi.nix).
{
  config,
  lib,
  pkgs,
  modulesPath,
  ...
}:
let
  cfg = config.virtualisation.azureImage;
  inherit (config.image) fileName;
  # make-disk-image.nix's root partition: 1 on "legacy" (MBR), 2 on "efi" (after the ESP).
  rootPartition = if cfg.vmGeneration == "v2" then "2" else "1";
  qemuImg = lib.getExe' pkgs.vmTools.qemu "qemu-img";
  growpart = lib.getExe' pkgs.cloud-utils "growpart";
in
{
  imports = [ ../modules/aarch64-efi.nix ];

  virtualisation.azureImage.vmGeneration = lib.mkIf config.formatSettings.aarch64Efi.enable (lib.mkDefault "v2");

  system.build.azureImage = lib.mkForce (
    import (modulesPath + "/../lib/make-disk-image.nix") {
      name = "azure-image";
      inherit (config.image) baseName;
      format = "raw";
      postVM =
        lib.optionalString (config.virtualisation.diskSize == "auto") ''
          truncate -s +${cfg.additionalSpace} $diskImage
        ''
        + ''
          # Azure: a virtual size in whole MiB.
          truncate -s %1M $diskImage
        ''
        + lib.optionalString (config.virtualisation.diskSize == "auto") ''
          # growpart exits 1 when there is nothing to grow (NOCHANGE).
          ${growpart} $diskImage ${rootPartition} || [ $? -eq 1 ]
        ''
        + ''
          ${qemuImg} convert -f raw -o subformat=fixed,force_size -O vpc $diskImage $out/${fileName}
          rm $diskImage
        '';
      # A path (modulesPath is a string): copied to the store as nixpkgs' ./azure-config-user.nix is.
      configFile = /. + modulesPath + "/virtualisation/azure-config-user.nix";
      bootSize = "${toString cfg.bootSize}M";
      partitionTableType = if cfg.vmGeneration == "v2" then "efi" else "legacy";
      inherit (cfg) contents label;
      inherit (config.virtualisation) diskSize;
      inherit config lib pkgs;
    }
  );
}
