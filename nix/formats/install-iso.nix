# install-iso: the minimal NixOS installer ISO (installer tools, no desktop),
# with this configuration's additions. Like every NixOS installer image, it
# logs the `nixos` user in on the console without a password.
{ modulesPath, ... }:
{
  imports = [ "${modulesPath}/installer/cd-dvd/installation-cd-minimal.nix" ];
}
