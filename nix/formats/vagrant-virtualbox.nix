# vagrant-virtualbox: a Vagrant box (box v1: a gzip tarball of box.ovf, the
# disk, Vagrantfile and metadata.json).
#
# nixpkgs' variant means to build this box, but sets its extension and
# `system.build.image` at priority 999, below virtualbox-image.nix's normal
# definitions, so as it stands it builds the plain OVA. The box is the
# derivation's output itself (a file), hence the empty filePath.
{ config, lib, ... }:
{
  image.extension = lib.mkForce "box";
  image.filePath = lib.mkForce "";
  system.build.image = lib.mkForce config.system.build.vagrantVirtualbox;
}
