# kexec-bundle: one self-extracting executable. Run it as root on any Linux
# with kexec support and it boots into this configuration: a shell header,
# then a tarball holding the kernel, the initrd (with the whole system) and a
# static kexec.
{
  config,
  lib,
  pkgs,
  modulesPath,
  ...
}:
let
  kexec = lib.getExe' pkgs.pkgsStatic.kexec-tools "kexec";
  inherit (config.system.build) kexecTree;
in
{
  imports = [ "${modulesPath}/installer/netboot/netboot-minimal.nix" ];

  image.extension = lib.mkForce "kexec";
  image.filePath = lib.mkForce config.image.fileName;
  system.build.image = lib.mkForce (
    pkgs.runCommand config.image.fileName
      { nativeBuildInputs = [ pkgs.gnutar ]; }
      ''
        mkdir -p bundle $out
        cp -L ${kexecTree}/bzImage ${kexecTree}/initrd.gz bundle/
        cp ${kexec} bundle/kexec
        cat > $out/${config.image.fileName} <<'HEADER'
        #!/bin/sh
        # NixOS kexec bundle: unpacks itself and kexecs into the system.
        set -eu
        dir=$(mktemp -d)
        trap 'rm -rf "$dir"' EXIT
        sed '1,/^#PAYLOAD#$/d' "$0" | tar -xf - -C "$dir"
        "$dir/kexec" --load "$dir/bzImage" --initrd="$dir/initrd.gz" \
          --command-line "init=${config.system.build.toplevel}/init ${toString config.boot.kernelParams}"
        if [ "''${1:-}" != "--no-exec" ]; then "$dir/kexec" -e; fi
        exit 0
        #PAYLOAD#
        HEADER
        tar -cf - -C bundle . >> $out/${config.image.fileName}
        chmod +x $out/${config.image.fileName}
      ''
  );
}
