# Disk and boot loader values that only make a configuration without a format
# evaluate on its own (its `system.build.toplevel`), for the embedded default
# configuration.
#
# They sit at priority 1400: weaker than any definition a format makes, even
# `mkDefault` (1000; nixpkgs' digital-ocean-config.nix defines its root file
# system that way), so a format never meets them as a conflict, and stronger
# than an option's own default (1500). This file is the library's, not the
# user's (nix/modules/ownership.nix), so the embedded default configuration
# has no disk layout of its own for a format to take over.
{ lib, ... }:
let
  fallback = lib.mkOverride 1400;
in
{
  boot.loader.grub.device = fallback "nodev";
  fileSystems."/" = fallback {
    device = "/dev/disk/by-label/nixos";
    fsType = "ext4";
  };
}
