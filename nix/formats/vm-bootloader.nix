# vm-bootloader: the vm format booting through the configuration's real boot
# loader from a disk image (like `nixos-rebuild build-vm-with-bootloader`).
{ config, ... }:
{
  imports = [ ./vm.nix ];

  virtualisation.useBootLoader = true;
  virtualisation.useEFIBoot =
    config.boot.loader.systemd-boot.enable || config.boot.loader.efi.canTouchEfiVariables;
}
