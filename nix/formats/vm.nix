# vm: a QEMU virtual machine runner, `bin/run-<host>-vm`, booting the kernel
# directly (like `nixos-rebuild build-vm`). --disk-size sizes its writable disk.
{ config, modulesPath, ... }:
{
  imports = [ "${modulesPath}/virtualisation/qemu-vm.nix" ];

  image.extension = "";
  image.fileName = "run-${config.system.name}-vm";
  image.filePath = "bin/${config.image.fileName}";
}
