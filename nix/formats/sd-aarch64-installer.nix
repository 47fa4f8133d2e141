# sd-aarch64-installer: the NixOS installer SD card image for aarch64 boards.
{ modulesPath, ... }:
{
  imports = [ "${modulesPath}/installer/sd-card/sd-image-aarch64-installer.nix" ];
}
