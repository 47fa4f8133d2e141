# sd-x86_64: SD-card-style image for x86_64 (extlinux), as nixpkgs' tests use.
{ modulesPath, ... }:
{
  imports = [ "${modulesPath}/installer/sd-card/sd-image-x86_64.nix" ];
}
