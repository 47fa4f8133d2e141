# docker: a root file system tarball for `docker import`; the container runs
# systemd as its init:
#   docker import nixos-*.tar.xz nixos && docker run --privileged -it nixos /init
{
  config,
  modulesPath,
  ...
}:
{
  imports = [ "${modulesPath}/virtualisation/docker-image.nix" ];

  image.extension = "tar.xz";
  image.filePath = "tarball/${config.image.fileName}";
}
