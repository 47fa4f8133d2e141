# vm-nogui: the vm format on the serial console, without a graphical window.
{ ... }:
{
  imports = [ ./vm.nix ];

  virtualisation.graphics = false;
}
