# sd-aarch64: SD card image for aarch64 boards (U-Boot + extlinux).
{ modulesPath, ... }:
{
  imports = [ "${modulesPath}/installer/sd-card/sd-image-aarch64.nix" ];
}
