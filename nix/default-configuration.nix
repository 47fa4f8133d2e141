# The configuration used when none is given: a small NixOS that boots as a VM
# or a cloud image, and is safe to publish.
#
# - No password anywhere: root is locked, and SSH takes keys only. Give keys
#   through your own configuration (users.users.root.openssh.authorizedKeys.keys)
#   or the cloud's metadata (the cloud formats run their providers' agents).
# - Disk layout and boot loader come from the format; the fallbacks imported
#   here only make the bare system (`system.build.toplevel`) evaluate on its
#   own.
{ lib, ... }:
{
  imports = [ ./modules/standalone-fallbacks.nix ];

  services.openssh = {
    enable = true;
    settings = {
      PasswordAuthentication = false;
      KbdInteractiveAuthentication = false;
      PermitRootLogin = "prohibit-password";
    };
  };

  networking.useDHCP = lib.mkDefault true;
  services.qemuGuest.enable = lib.mkDefault true;

  system.stateVersion = lib.mkDefault lib.trivial.release;
}
