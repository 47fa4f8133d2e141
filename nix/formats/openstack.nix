# openstack: an OpenStack qcow2 image, on nixpkgs' openstack-image.nix.
#
# On aarch64 nixpkgs' openstack-config.nix boots by EFI already
# (`openstack.efi` defaults to aarch64: GRUB for EFI, installed as the
# removable loader, /boot on the partition labelled ESP), but
# openstack-image.nix makes its disk with make-disk-image.nix's default
# partition table, "legacy": an MBR disk without that ESP. Here the disk is
# made with the same arguments and partitionTableType "efi" whenever
# `openstack.efi` is on (nix/modules/aarch64-efi.nix).
{
  config,
  lib,
  pkgs,
  modulesPath,
  ...
}:
{
  imports = [ ../modules/aarch64-efi.nix ];

  system.build.openstackImage = lib.mkIf (config.formatSettings.aarch64Efi.enable && config.openstack.efi) (
    lib.mkForce (
      import (modulesPath + "/../lib/make-disk-image.nix") {
        inherit lib config;
        inherit (config.image) baseName;
        copyChannel = true;
        format = "qcow2";
        additionalSpace = "1024M";
        # As nixpkgs' module: a package set of the system's own (its regular qemu-kvm).
        pkgs = import pkgs.path { inherit (pkgs.stdenv.hostPlatform) system; };
        configFile = pkgs.writeText "configuration.nix" ''
          {
            imports = [ <nixpkgs/nixos/modules/virtualisation/openstack-config.nix> ];
          }
        '';
        partitionTableType = "efi";
      }
    )
  );
}
