# install-iso-hyperv: the installer ISO with Hyper-V guest support.
{ modulesPath, ... }:
{
  imports = [ "${modulesPath}/installer/cd-dvd/installation-cd-minimal.nix" ];

  virtualisation.hypervGuest.enable = true;
}
