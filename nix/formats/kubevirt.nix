# kubevirt: a KubeVirt qcow2 disk, on nixpkgs' kubevirt.nix.
#
# nixpkgs' variant has no EFI setting: its disk is MBR with GRUB for BIOS on
# every system. On aarch64 (KubeVirt's Arm VMs boot by UEFI only) the disk is
# made with the variant's make-disk-image.nix arguments and
# partitionTableType "efi", GRUB for EFI on the ESP
# (nix/modules/aarch64-efi.nix `grub`).
{
  config,
  lib,
  pkgs,
  modulesPath,
  ...
}:
{
  imports = [ ../modules/aarch64-efi.nix ];

  formatSettings.aarch64Efi.grub = true;

  system.build.kubevirtImage = lib.mkIf config.formatSettings.aarch64Efi.enable (
    lib.mkForce (
      import (modulesPath + "/../lib/make-disk-image.nix") {
        inherit lib config pkgs;
        inherit (config.image) baseName;
        format = "qcow2";
        partitionTableType = "efi";
      }
    )
  );
}
