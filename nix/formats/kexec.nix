# kexec: a tarball to extract to / and run /kexec_nixos (as nixos-generators'
# kexec format), on nixpkgs' netboot-minimal variant.
#
# nixpkgs' kexecTarball holds only /kexec_nixos (a link to its kexec-boot
# script) and that script's closure. The script loads ${SCRIPT_DIR}/bzImage
# and ${SCRIPT_DIR}/initrd.gz, next to itself (/ when run as /kexec_nixos),
# and neither is in the tarball; the netboot initrd (the one carrying the
# squashfs store) is not even in the closure. This format makes the same
# tarball with the kernel and that initrd at its top, where the script looks.
{
  config,
  lib,
  pkgs,
  modulesPath,
  ...
}:
{
  system.build.kexecTarball = lib.mkForce (
    pkgs.callPackage "${toString modulesPath}/../lib/make-system-tarball.nix" {
      fileName = config.image.baseName;
      # Regular files (kexecTree's entries are links into the store).
      contents = [
        {
          source = "${config.system.build.kernel}/${config.system.boot.loader.kernelFile}";
          target = "/bzImage";
        }
        {
          source = "${config.system.build.netbootRamdisk}/initrd";
          target = "/initrd.gz";
        }
      ];
      storeContents = [
        {
          object = config.system.build.kexecScript;
          symlink = "/kexec_nixos";
        }
      ];
    }
  );
}
