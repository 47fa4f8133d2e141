# The all-formats NixOS module: every format of the catalogue (and any custom
# one) as an extension of this configuration.
#
#   config.formats.<name>        the format's derivation; its output holds the
#                                image at passthru.filePath
#   config.formatConfigs.<name>  the format's module (deferred): add to it to
#                                customise a format, or define a new name to
#                                add a format
#
# Built on nixpkgs' image machinery: formats reuse `image.modules` (the
# table behind `system.build.images`), `image.extension`/`image.filePath`
# and `virtualisation.diskSize`. Format configurations are made with
# `extendModules`, like `system.build.images`.
#
# Import it as nixosModules.all-formats (nix/lib.nix `allFormatsModule`):
# that module has a `key`, so two copies of this repository in one
# configuration count once, and nix/eval.nix can replace the configuration's
# copy by the running one.
{
  config,
  options,
  lib,
  extendModules,
  modulesPath,
  ...
}:
let
  catalogue = import ../catalogue.nix { inherit lib; };
  builders = import ../builders { inherit lib; };
  ownership = import ./ownership.nix { inherit lib; };
  cfg = config.formatSettings;

  imageModules =
    if options ? image.modules then
      config.image.modules
    else
      throw "nixos-generators: this nixpkgs has no `image.modules` (nixos/modules/image/images.nix); it needs NixOS 25.05 or newer.";

  diskSizeModule =
    { options, ... }:
    {
      config = lib.optionalAttrs (cfg.diskSize != null && options ? virtualisation.diskSize) {
        virtualisation.diskSize = lib.mkOverride 60 cfg.diskSize;
      };
    };

  # Disk images and installer media copy their nixpkgs into the image (the
  # channel): `lib.cleanSource pkgs.path` in make-disk-image.nix and
  # cd-dvd/channel.nix. That filters and hashes the whole nixpkgs tree at
  # evaluation time, about 3.7 s (1.3 s user, 2.4 s sys) per call, and Nix
  # does not cache a filtered path. The formats of one configuration share a
  # single call: their `lib` answers `cleanSource` of this configuration's
  # nixpkgs with one value computed once. Same store path, so same
  # derivations.
  nixpkgsSource = lib.cleanSource basePkgs.path;
  formatLib = lib // {
    cleanSource = src: if builtins.isPath src && src == basePkgs.path then nixpkgsSource else lib.cleanSource src;
  };

  extend =
    modules:
    extendModules {
      modules = modules ++ [
        ./format-options.nix
        ./serial-console.nix
        diskSizeModule
      ];
      specialArgs = {
        inherit imageModules;
        lib = formatLib;
      };
    };

  # Files whose definitions are never the user's (see ownership.nix).
  libraryPrefixes = ownership.libraryPrefixes modulesPath;

  basePkgs = config._module.args.pkgs;

  # nixpkgs settings a format could change (formats do not change the
  # platform). While it changes none, its configuration reuses this
  # configuration's package set instead of instantiating nixpkgs again.
  nixpkgsSettings = lib.filter (path: lib.hasAttrByPath path options) (
    map
      (name: [
        "nixpkgs"
        name
      ])
      [
        "pkgs"
        "config"
        "overlays"
      ]
  );
  # The files whose definitions make an option's value (its default's
  # declaring file when nothing else defines it). Counting definitions would
  # not do: a format's one overlay replaces the default, one definition each.
  definingFiles = opts: path: (lib.getAttrFromPath path opts).files;
  sameNixpkgsSettings =
    extended: lib.all (path: definingFiles extended.options path == definingFiles options path) nixpkgsSettings;
  reuseBasePkgs = {
    _file = "${toString ./all-formats.nix}#reuseBasePkgs";
    _module.args.pkgs = lib.mkOverride 90 basePkgs;
  };

  base = {
    inherit options;
  };

  evalFormat =
    name: module:
    let
      # Trial evaluations of the format (with this configuration's package
      # set), one per ownership tier the user's files define options of.
      trials = ownership.trials {
        inherit base libraryPrefixes;
        evaluate = modules: extend ([ module reuseBasePkgs ] ++ modules);
      };
      ownedModules = map (t: t.owned) trials;
      withBasePkgs = extend ([ module ] ++ ownedModules ++ [ reuseBasePkgs ]);
      # Whether the format leaves nixpkgs settings alone: read from the first
      # trial, or without one from the configuration itself (from outside,
      # after its evaluation; the format's own package set is only made when
      # it does set some).
      reusesBasePkgs = sameNixpkgsSettings (if trials != [ ] then (lib.head trials).trial else withBasePkgs);
      final = if reusesBasePkgs then withBasePkgs else extend ([ module ] ++ ownedModules);
      inherit (final.config) formatOutput formatImage image;
    in
    lib.recursiveUpdate formatOutput {
      passthru = {
        inherit (final) config;
        inherit (formatImage) filePath;
        inherit (image) fileName;
        # The extension that names the image when no module sets
        # image.filePath (a format written with `fileExtension` alone).
        imageSearch = formatImage.search;
        format = name;
        system = final._module.args.pkgs.stdenv.hostPlatform.system;
        inherit reusesBasePkgs;
        # How many trial evaluations the ownership rule needed (0 to 2).
        ownershipTrials = lib.length trials;
      };
    };
in
{
  options = {
    formatConfigs = lib.mkOption {
      type = lib.types.lazyAttrsOf lib.types.deferredModule;
      default = { };
      description = ''
        The NixOS module of each image format, evaluated as an extension of
        this configuration. Define `formatConfigs.<name>` to customise a
        format, or a new name to add a format: its module sets
        `image.extension` (and `image.filePath` when the image sits below
        `$out`) and `system.build.image`, or, as nixos-generators' format
        modules do, `formatAttr` (another `system.build` attribute) and
        `fileExtension` (".iso"; the image is the output's file with that
        extension). Disk layout and boot loader belong to the format: see
        nix/modules/ownership.nix.
      '';
    };

    formatEvaluator = lib.mkOption {
      type = lib.types.raw;
      readOnly = true;
      internal = true;
      description = ''
        `name: derivation`: what `formats.<name>` holds, computed afresh on
        every call instead of kept in this configuration. A caller that
        evaluates many formats in one process (nix/eval.nix) uses it so each
        format's configuration can be garbage-collected once its results are
        read.
      '';
    };

    formats = lib.mkOption {
      type = lib.types.lazyAttrsOf lib.types.raw;
      readOnly = true;
      description = ''
        The derivation of every format in `formatConfigs`, with
        `passthru.filePath` (the image below `$out`, or null when
        `passthru.imageSearch` names the extension to find it by),
        `passthru.fileName`,
        `passthru.config` (the format's NixOS configuration),
        `passthru.reusesBasePkgs` (whether it shares this configuration's
        package set) and `passthru.ownershipTrials` (the extra evaluations
        the ownership rule took).
      '';
    };

    formatSettings = {
      builder = lib.mkOption {
        type = lib.types.enum builders.names;
        default = "vm";
        example = "repart";
        description = ''
          How the catalogue's formats are built. `"vm"`: nixpkgs' own image
          variants, whose disk images install the system in a QEMU VM (the
          `kvm` system feature). `"repart"`: the formats that boot by UEFI get
          a GPT disk made by systemd-repart without a VM, with systemd-boot;
          the other formats are refused when evaluated. See
          nix/builders/README.md.
        '';
      };

      diskSize = lib.mkOption {
        # A string of digits is MiB too: nixos-generators' README users wrote
        # `specialArgs.diskSize = "20480"`, which its formats passed on as is.
        type = lib.types.nullOr (
          lib.types.either (lib.types.enum [ "auto" ]) (
            lib.types.coercedTo (lib.types.strMatching "[1-9][0-9]*") lib.toInt lib.types.ints.positive
          )
        );
        default = config._module.specialArgs.diskSize or null;
        defaultText = lib.literalExpression "specialArgs.diskSize or null";
        example = 20480;
        description = ''
          Disk size in MiB (a number, or a string of digits such as
          `"20480"`), or `"auto"`, for the formats that take one
          (`virtualisation.diskSize`); null leaves each format's default.
          Defaults to `specialArgs.diskSize`, as in nixos-generators.
        '';
      };
    };
  };

  config = {
    formatConfigs = lib.mapAttrs (
      _: format:
      builders.formatModule {
        inherit (cfg) builder;
        inherit format;
      }
    ) catalogue.formats;
    formats = lib.mapAttrs evalFormat config.formatConfigs;
    formatEvaluator = name: evalFormat name config.formatConfigs.${name};
  };
}
