# The library behind the flake's `nixosGenerate` and the non-flake entry
# point (eval.nix). It never pins a nixpkgs: the caller's lib and nixosSystem
# (or eval-config.nix) decide which one.
{ lib }:
let
  catalogue = import ./catalogue.nix { inherit lib; };

  allFormatsKey = "nixos-generators-action/nixosModules.all-formats";

  /**
    The all-formats NixOS module (nixosModules.all-formats): modules/all-formats.nix
    under a `key`, so that it counts once however many copies of this
    repository import it (a flake input, a library flake's own input), and
    nix/eval.nix can disable the configuration's copy by that key
    (`disabledModules = [ { key = allFormatsKey; } ]`) and add its own
    (`allFormatsImplementation`).
  */
  allFormatsModule = {
    key = allFormatsKey;
    _file = "${toString ./lib.nix}#allFormatsModule";
    imports = [ ./modules/all-formats.nix ];
  };

  /**
    nixosModules.<name>: the configuration IS that format's image, like
    nixos-generators' per-format modules (an LXC container, an installer
    ISO, a qcow2 disk…). The format's module is imported into the
    configuration itself, nixpkgs' variant by its path (catalogue.nix
    `standaloneModule`), so

      config.system.build.${config.formatAttr}   the image, under the name
                                                 nixos-generators gave it
                                                 (tarball, isoImage, qcow…)
      config.system.build.image                  the same image
      config.fileExtension                       ".tar.xz", ".iso", …
      config.formats.<name>                      all-formats, as ever

    Built with the "vm" builder (nixpkgs' variants); the disk size follows
    `formatSettings.diskSize` (default: specialArgs.diskSize) for the
    formats that take one. Unlike all-formats' formats, the configuration's
    own file systems and boot loader are not overridden: they meet the
    format's at normal priority, as with nixos-generators.
  */
  perFormatModule =
    name:
    {
      config,
      lib,
      modulesPath,
      ...
    }:
    let
      catalogue = import ./catalogue.nix { inherit lib; };
      builders = import ./builders { inherit lib; };
      format = catalogue.formats.${name};
      attr = format.originalFormatAttr;
      diskSize = config.formatSettings.diskSize;
    in
    {
      # Imported twice (also from another copy of this repository), it counts once.
      key = "nixos-generators-action/nixosModules.${name}";
      _file = "${toString ./lib.nix}#nixosModules.${name}";

      imports = [
        allFormatsModule
        ./modules/format-options.nix
        (builders.formatModule {
          builder = "vm";
          format = format // {
            module = catalogue.standaloneModule modulesPath format;
          };
        })
      ];

      # At mkDefault: in `config.formats.<name>` of this configuration, the
      # catalogue's formatAttr (the same derivation) stands.
      formatAttr = lib.mkDefault attr;

      system.build = lib.optionalAttrs (attr != format.formatAttr) {
        # Where nixpkgs defines the attribute itself (amazonImage, tarball,
        # isoImage, VMA…), its definition stands; otherwise (qcow, raw,
        # kexec_tarball…) it is the format's output. Below mkDefault, so a
        # nixpkgs module's mkDefault wins too.
        ${attr} = lib.mkOverride 1200 config.system.build.${format.formatAttr};
      };
    }
    // lib.optionalAttrs format.diskSize {
      virtualisation.diskSize = lib.mkIf (diskSize != null) (lib.mkOverride 60 diskSize);
    };

  /** Modules to add for custom formats: `{ <name> = module; }`. */
  customFormatsModule = customFormats: {
    _file = toString ./lib.nix;
    formatConfigs = customFormats;
  };

  /** The canonical name of `format` in a configuration: its own (custom) formats first, then the catalogue's names and aliases. */
  nameIn =
    nixos: format:
    let
      known = nixos.config.formatConfigs;
      custom = lib.filter (name: !(catalogue.formats ? ${name})) (lib.attrNames known);
    in
    if known ? ${format} then
      format
    else
      catalogue.aliases.${format} or (throw (
        "nixos-generators: unknown format '${format}'. Known formats: ${lib.concatStringsSep ", " (lib.attrNames catalogue.formats)}"
        + lib.optionalString (custom != [ ]) "; this configuration's own: ${lib.concatStringsSep ", " custom}"
        + ". A custom format is defined with formatConfigs.<name> (the all-formats module), customFormats (nixosGenerate) or --format-path."
      ));

  /**
    The derivation of `format` from an evaluated configuration with
    all-formats in it: `config.formats.<name>`, or with `fresh`, the same
    derivation computed without keeping it in the configuration.
  */
  formatIn =
    { fresh }:
    nixos: format:
    let
      name = nameIn nixos format;
      entry = catalogue.formats.${name} or null;
      system = nixos._module.args.pkgs.stdenv.hostPlatform.system;
    in
    if entry != null && !(lib.elem system entry.systems) then
      throw "nixos-generators: the format '${name}' is not available for ${system} (it is for: ${lib.concatStringsSep ", " entry.systems}). Evaluate it with system = \"${lib.head entry.systems}\"; building it on another architecture needs binfmt emulation (boot.binfmt.emulatedSystems, or qemu-user-static and extra-platforms)."
    else if fresh then
      nixos.config.formatEvaluator name
    else
      nixos.config.formats.${name};

  /** The derivation of `format` from an evaluated configuration with all-formats in it. */
  formatOf = formatIn { fresh = false; };
in
{
  inherit catalogue formatOf;

  /** Like `formatOf`, for a caller evaluating many formats in one process: nothing is kept. */
  freshFormatOf = formatIn { fresh = true; };

  /** Whether `name` is a format of the catalogue (a name or an alias), not a custom one. */
  isCatalogueFormat = name: catalogue.formats ? ${name} || catalogue.aliases ? ${name};

  /** The prefixes of the files that are never the user's, for a configuration's `modulesPath` (see modules/ownership.nix). */
  inherit (import ./modules/ownership.nix { inherit lib; }) libraryPrefixes;

  inherit allFormatsKey allFormatsModule perFormatModule;

  /** The file behind `allFormatsModule`, without its key. */
  allFormatsImplementation = ./modules/all-formats.nix;

  /** The embedded default configuration. */
  defaultConfiguration = ./default-configuration.nix;

  /**
    One format of one NixOS configuration, with nixos-generators' signature.

    - `format`: a catalogue name or alias, or a name of `customFormats`.
    - `system`: the system to build for (`nixpkgs.hostPlatform`, at
      mkDefault); null leaves it to the modules.
    - `modules`, `specialArgs`: as for `nixosSystem`. `specialArgs.diskSize`
      sets the disk size in MiB (or "auto") for formats that take one.
    - `customFormats`: `{ <name> = module; }`, added to `formatConfigs`.
    - `pkgs`: a package set to build with. It becomes `nixpkgs.pkgs` (also
      when given as `specialArgs.pkgs`, as the old README shows), so the
      overlays that modules set (`nixpkgs.overlays`) are applied on top of
      it, and a `nixpkgs.config` that modules set is refused by nixpkgs'
      own assertion instead of being dropped: pass it to the `import
      nixpkgs { config = …; }` that made `pkgs`.
    - `nixosSystem`: the function evaluating the configuration (e.g.
      `nixpkgs.lib.nixosSystem`); without it, `pkgs`' eval-config.nix.
  */
  nixosGenerate =
    {
      system ? null,
      modules ? [ ],
      format,
      customFormats ? { },
      specialArgs ? { },
      pkgs ? specialArgs.pkgs or null,
      nixosSystem ?
        if pkgs != null then
          args: import (pkgs.path + "/nixos/lib/eval-config.nix") (args // { system = null; })
        else
          throw "nixos-generators: nixosGenerate needs `nixosSystem` (e.g. nixpkgs.lib.nixosSystem) or `pkgs`.",
    }:
    let
      nixos = nixosSystem {
        specialArgs = builtins.removeAttrs specialArgs [ "pkgs" ];
        modules =
          modules
          ++ [
            allFormatsModule
            (customFormatsModule customFormats)
          ]
          ++ lib.optional (system != null) { nixpkgs.hostPlatform = lib.mkDefault system; }
          ++ lib.optional (pkgs != null) {
            _file = "${toString ./lib.nix}#pkgs";
            nixpkgs.pkgs = pkgs;
          };
      };
    in
    formatOf nixos format;
}
