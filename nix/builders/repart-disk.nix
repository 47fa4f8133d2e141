# The repart builder's disk: a GPT disk made by systemd-repart (nixpkgs'
# nixos/modules/image/repart.nix) instead of make-disk-image.nix, so that no
# derivation of the image needs the `kvm` system feature.
#
# It is added on top of a format's own module (the nixpkgs variant), which
# keeps everything the platform needs (guest agents, kernel parameters, the
# file systems by label) and loses only its `system.build.image`. In its
# place:
#
#   ESP (vfat, label from fileSystems.<efiSysMountPoint>, default "ESP")
#     /EFI/BOOT/BOOT{X64,AA64}.EFI        systemd-boot, the removable-media path
#     /EFI/systemd/systemd-boot{x64,aa64}.efi   where `bootctl install` puts it
#     /loader/loader.conf                  timeout, default entry, editor, console mode
#     /loader/entries/nixos-generation-1.conf   the system as generation 1
#     /EFI/nixos/<kernel>.efi, /EFI/nixos/<initrd>.efi   named as nixpkgs'
#                                          systemd-boot-builder.py names them
#   root (fileSystems."/".fsType, label from fileSystems."/", default "nixos")
#     /nix/store/...                       the closure of system.build.toplevel
#     /nix-path-registration               loaded into the Nix database on first
#                                          boot, which also sets the system profile
#
# Boot loader: systemd-boot (the format's GRUB settings are switched off), so
# `nixos-rebuild` keeps managing the ESP after boot. UEFI only.
# Size: `virtualisation.diskSize` in MiB, or "auto" (the root file system is
# minimised, then `autoFreeSpace` MiB of free space follow it, which
# boot.growPartition and the root's autoResize take on first boot).
# File systems: UUIDs derived from repart's `seed`, here a UUID made from the
# system's store path: stable for one configuration, different for another.
{
  config,
  lib,
  pkgs,
  modulesPath,
  ...
}:
let
  cfg = config.repartBuilder;
  inherit (pkgs.stdenv) hostPlatform;
  inherit (config.system.build) toplevel;

  # Image-media priority: the format owns its disk layout and boot loader
  # (nix/modules/ownership.nix); a user's lib.mkForce still wins.
  own = lib.mkImageMediaOverride;

  efiArch = hostPlatform.efiArch;
  espMount = config.boot.loader.efi.efiSysMountPoint;
  systemdBoot = "${config.systemd.package}/lib/systemd/boot/efi/systemd-boot${efiArch}.efi";

  # The label of a file system mounted by /dev/disk/by-label/<label>, or null.
  labelOf =
    mount:
    let
      fs = config.fileSystems.${mount} or null;
      prefix = "/dev/disk/by-label/";
    in
    if fs != null && fs.device != null && lib.hasPrefix prefix fs.device then
      lib.removePrefix prefix fs.device
    else if fs != null && fs.label != null then
      fs.label
    else
      null;
  describe =
    mount:
    let
      fs = config.fileSystems.${mount} or null;
    in
    if fs == null then "not defined" else "${toString fs.device} (${toString fs.fsType})";
  espLabel = labelOf espMount;
  rootLabel = labelOf "/";
  rootFsType = config.fileSystems."/".fsType or null;
  espFsType = config.fileSystems.${espMount}.fsType or null;
  supportedRootFsTypes = [
    "ext4"
    "btrfs"
    "xfs"
  ];

  # Where nixpkgs' systemd-boot-builder.py puts a store file on the ESP
  # (`boot_path`): /EFI/nixos/<store directory>-<file name>.efi. The same
  # names let the first `nixos-rebuild` recognise (and later collect) them.
  espPathOf =
    file:
    let
      plain = builtins.unsafeDiscardStringContext file;
      storeDirName = lib.head (lib.splitString "/" (lib.removePrefix "${builtins.storeDir}/" plain));
    in
    "/EFI/nixos/${storeDirName}-${baseNameOf plain}.efi";

  kernel = "${config.boot.kernelPackages.kernel}/${config.system.boot.loader.kernelFile}";
  initrd = "${config.system.build.initialRamdisk}/${config.system.boot.loader.initrdFile}";

  entryName = "nixos-generation-1.conf";
  bootEntry = pkgs.writeText entryName ''
    title ${config.system.nixos.distroName}
    version Generation 1 ${config.system.nixos.label}
    linux ${espPathOf kernel}
    initrd ${espPathOf initrd}
    options ${toString ([ "init=${toplevel}/init" ] ++ config.boot.kernelParams)}
    sort-key ${config.boot.loader.systemd-boot.sortKey}
  '';
  loaderConf = pkgs.writeText "loader.conf" (
    lib.concatLines (
      [
        "timeout ${
          if config.boot.loader.timeout == null then "menu-force" else toString config.boot.loader.timeout
        }"
        "default ${entryName}"
      ]
      ++ lib.optional (!config.boot.loader.systemd-boot.editor) "editor 0"
      ++ [ "console-mode ${config.boot.loader.systemd-boot.consoleMode}" ]
    )
  );

  closure = pkgs.closureInfo { rootPaths = [ toplevel ]; };
  registrationFile = "/nix-path-registration";

  # A UUID from the system's store path (repart derives partition and file
  # system UUIDs from it).
  seedOf =
    text:
    let
      h = builtins.hashString "sha256" (builtins.unsafeDiscardStringContext text);
      part = start: len: builtins.substring start len h;
    in
    "${part 0 8}-${part 8 4}-${part 12 4}-${part 16 4}-${part 20 12}";

  diskSize = config.virtualisation.diskSize;
  isAuto = diskSize == "auto";

  inherit (config.image) baseName fileName;
  qemuImg = lib.getExe' pkgs.buildPackages.qemu-utils "qemu-img";

  # Commands run in $out, where repart left "${baseName}.raw" as $raw: make
  # the format's file from it.
  target = lib.escapeShellArg fileName;
  vmdkOptions = lib.concatStringsSep "," [
    "compat6=${if config.vmware.vmCompat6 or false then "on" else "off"}"
    "subformat=${config.vmware.vmSubformat or "monolithicSparse"}"
  ];
  gzipLevel = toString (config.virtualisation.googleComputeImage.compressionLevel or 6);
  convert =
    {
      raw = ''mv -- "$raw" ${target}'';
      qcow2 = ''${qemuImg} convert -f raw -O qcow2 "$raw" ${target}'';
      vmdk = ''${qemuImg} convert -f raw -o ${vmdkOptions} -O vmdk "$raw" ${target}'';
      vhd = ''${qemuImg} convert -f raw -O vpc "$raw" ${target}'';
      # Azure takes a fixed VHD whose virtual size is a whole number of MiB:
      # round the disk up and move GPT's backup header to the new end.
      vhd-fixed = ''
        mib=$((1024 * 1024))
        truncate -s $(( ($(stat -c %s "$raw") + mib - 1) / mib * mib )) "$raw"
        sfdisk --relocate gpt-bak-std "$raw"
        ${qemuImg} convert -f raw -o subformat=fixed,force_size -O vpc "$raw" ${target}
      '';
      vhdx = ''${qemuImg} convert -f raw -o subformat=dynamic -O vhdx "$raw" ${target}'';
      # https://cloud.google.com/compute/docs/import/import-existing-image
      gce-tar = ''
        mv -- "$raw" disk.raw
        tar --format=oldgnu -Sc disk.raw | gzip -${gzipLevel} > ${target}
        rm disk.raw
      '';
    }
    .${cfg.output};
in
{
  imports = [
    (modulesPath + "/image/repart.nix")
    (modulesPath + "/virtualisation/disk-size-option.nix")
  ];

  options.repartBuilder = {
    output = lib.mkOption {
      type = lib.types.enum [
        "raw"
        "qcow2"
        "vmdk"
        "vhd"
        "vhd-fixed"
        "vhdx"
        "gce-tar"
      ];
      description = ''
        The container the raw GPT disk made by systemd-repart is turned into:
        kept as it is (`raw`), or converted with `qemu-img` (`qcow2`, `vmdk`,
        dynamic `vhd`, `vhd-fixed` rounded to whole MiB for Azure, dynamic
        `vhdx`), or put into a gzip-compressed tar as `disk.raw` (`gce-tar`).
        Set by the format (nix/builders/default.nix).
      '';
    };

    espSize = lib.mkOption {
      type = lib.types.ints.positive;
      default = 256;
      example = 512;
      description = ''
        Size of the EFI system partition in MiB (as make-disk-image.nix's
        `bootSize`). It holds systemd-boot and one kernel and initrd per
        generation `nixos-rebuild` keeps.
      '';
    };

    autoFreeSpace = lib.mkOption {
      type = lib.types.ints.unsigned;
      default = 512;
      description = ''
        Free space in MiB left after the minimised root partition when
        `virtualisation.diskSize` is `"auto"` (as make-disk-image.nix's
        `additionalSpace`). On first boot `boot.growPartition` and the root
        file system's `autoResize` take it, and any larger disk the image is
        written to.
      '';
    };

    extraInstallCommands = lib.mkOption {
      type = lib.types.lines;
      default = "";
      internal = true;
      description = ''
        Shell commands run in `$out` after the image file is made (`$raw` is
        gone by then; `$rawBytes` holds its size): metadata files a
        platform's tools expect next to the image.
      '';
    };
  };

  config = {
    boot.loader.grub.enable = own false;
    boot.loader.systemd-boot.enable = own true;

    image.repart = {
      name = lib.mkDefault "nixos-image-${config.system.nixos.label}-${hostPlatform.system}";
      version = lib.mkDefault null;
      seed = lib.mkDefault (seedOf toplevel.outPath);
      imageSize = if isAuto then "auto" else "${toString diskSize}M";
      sectorSize = lib.mkDefault 512;

      partitions = {
        "10-esp" = {
          contents = {
            "/EFI/BOOT/BOOT${lib.toUpper efiArch}.EFI".source = systemdBoot;
            "/EFI/systemd/systemd-boot${efiArch}.efi".source = systemdBoot;
            "/loader/loader.conf".source = loaderConf;
            "/loader/entries/${entryName}".source = bootEntry;
            ${espPathOf kernel}.source = kernel;
            ${espPathOf initrd}.source = initrd;
          }
          // lib.mapAttrs' (
            name: file: lib.nameValuePair "/${name}" { source = file; }
          ) config.boot.loader.systemd-boot.extraFiles
          // lib.mapAttrs' (
            name: text:
            lib.nameValuePair "/loader/entries/${name}" { source = pkgs.writeText name text; }
          ) config.boot.loader.systemd-boot.extraEntries;
          repartConfig = {
            Type = "esp";
            Format = "vfat";
            SizeMinBytes = "${toString cfg.espSize}M";
            SizeMaxBytes = "${toString cfg.espSize}M";
          }
          // lib.optionalAttrs (espLabel != null) { Label = espLabel; };
        };
        "20-root" = {
          storePaths = [ toplevel ];
          contents.${registrationFile}.source = "${closure}/registration";
          repartConfig = {
            Type = "root";
          }
          // lib.optionalAttrs (rootFsType != null) { Format = rootFsType; }
          // lib.optionalAttrs (rootLabel != null) { Label = rootLabel; }
          // lib.optionalAttrs isAuto {
            Minimize = "guess";
            PaddingMinBytes = "${toString cfg.autoFreeSpace}M";
          };
        };
      };

      assertions = [
        {
          assertion = espLabel != null && espFsType == "vfat";
          message = "nixos-generators (repart builder): the EFI system partition is mounted at boot.loader.efi.efiSysMountPoint (${espMount}), so fileSystems.\"${espMount}\" must be a vfat file system found by label (device = \"/dev/disk/by-label/ESP\"); it is ${describe espMount}.";
        }
        {
          assertion = rootLabel != null && lib.elem rootFsType supportedRootFsTypes;
          message = "nixos-generators (repart builder): fileSystems.\"/\" must be found by label (device = \"/dev/disk/by-label/nixos\") and be one of ${lib.concatStringsSep ", " supportedRootFsTypes}; it is ${describe "/"}.";
        }
        {
          assertion = config.boot.loader.systemd-boot.xbootldrMountPoint == null;
          message = "nixos-generators (repart builder): boot.loader.systemd-boot.xbootldrMountPoint is not supported; the image has one ESP and a root partition.";
        }
        {
          assertion = config.boot.initrd.secrets == { };
          message = "nixos-generators (repart builder): boot.initrd.secrets (${lib.concatStringsSep ", " (lib.attrNames config.boot.initrd.secrets)}) cannot be put into an image built without running the system; use builder = \"vm\" or provide the secrets after boot.";
        }
      ];
    };

    # The image carries the closure but no Nix database: load it on first
    # boot, before the Nix daemon starts, and make the running system the
    # first generation of the system profile so nixos-rebuild can follow it.
    systemd.services.nixos-generators-register-paths = {
      description = "Register the Nix store paths of the disk image";
      wantedBy = [ "sysinit.target" ];
      before = [
        "sysinit.target"
        "shutdown.target"
        "nix-daemon.socket"
        "nix-daemon.service"
      ];
      after = [ "local-fs.target" ];
      conflicts = [ "shutdown.target" ];
      unitConfig = {
        DefaultDependencies = false;
        ConditionPathExists = registrationFile;
      };
      restartIfChanged = false;
      serviceConfig = {
        Type = "oneshot";
        RemainAfterExit = true;
      };
      script = ''
        ${lib.getExe' config.nix.package.out "nix-store"} --load-db < ${registrationFile}
        touch /etc/NIXOS
        ${lib.getExe' config.nix.package.out "nix-env"} -p /nix/var/nix/profiles/system --set /run/current-system
        rm -f ${registrationFile}
      '';
    };

    image.extension = lib.mkOverride 90 (
      {
        raw = "img";
        qcow2 = "qcow2";
        vmdk = "vmdk";
        vhd = "vhd";
        vhd-fixed = "vhd";
        vhdx = "vhdx";
        gce-tar = "raw.tar.gz";
      }
      .${cfg.output}
    );

    system.build.image = lib.mkOverride 90 (
      config.image.repart.image.overrideAttrs (previous: {
        nativeBuildInputs = previous.nativeBuildInputs ++ [
          pkgs.buildPackages.gnutar
          pkgs.buildPackages.gzip
        ];
        postInstall = ''
          cd "$out"
          raw=${lib.escapeShellArg "${baseName}.raw"}
          rawBytes=$(stat -c %s "$raw")
          ${convert}
          rm -f -- "$raw"
          ${cfg.extraInstallCommands}
        '';
        passthru = previous.passthru or { } // {
          builder = "repart";
          inherit bootEntry loaderConf closure;
        };
      })
    );
  };
}
