# docker: a root file system tarball for `docker import`; the container runs
# systemd as its init:
#   docker import nixos-*.tar.xz nixos && docker run --privileged -it nixos /init
#
# nixpkgs' docker-container profile calls make-system-tarball.nix without a
# `fileName`, so the tarball is always tarball/nixos-system-<system>.tar.xz
# (its default), whatever `image.fileName` says. This format keeps that name
# (nixpkgs' documentation and the old nixos-generators' docker format name it
# so) as the default `image.baseName`, and makes the tarball with the profile's
# arguments plus `fileName = image.baseName`, so the file the builder writes is
# the file reported, also for a configuration that sets another baseName.
{
  config,
  lib,
  pkgs,
  modulesPath,
  ...
}:
{
  imports = [ "${modulesPath}/virtualisation/docker-image.nix" ];

  image.baseName = lib.mkDefault "nixos-system-${pkgs.stdenv.hostPlatform.system}";
  image.extension = "tar.xz";
  image.filePath = "tarball/${config.image.fileName}";

  # As nixos/modules/profiles/docker-container.nix, with fileName.
  system.build.tarball = lib.mkForce (
    pkgs.callPackage (modulesPath + "/../lib/make-system-tarball.nix") {
      fileName = config.image.baseName;
      contents = [
        {
          source = "${config.system.build.toplevel}/.";
          target = "./";
        }
      ];
      extraArgs = "--owner=0";
      storeContents =
        map
          (object: {
            inherit object;
            symlink = "none";
          })
          [
            config.system.build.toplevel
            pkgs.stdenv
          ];
      # Some container managers like lxc need these (as the profile).
      extraCommands = pkgs.writeScript "extra-commands.sh" ''
        rm etc
        mkdir -p proc sys dev etc
      '';
    }
  );
}
