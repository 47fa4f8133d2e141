# The format catalogue as Nix data: nix/formats.json (shared with the
# TypeScript side) joined with each format's module.
#
# A format's module is nixpkgs' image variant named by `nixpkgsVariant`
# (from `image.modules`, handed to format modules as `imageModules`), plus
# nix/formats/<name>.nix where the format needs more than nixpkgs has or is
# not in nixpkgs at all. Its `formatAttr` (the system.build attribute that is
# its output) comes from the table too, so the flake's per-format modules
# know it without evaluating anything.
{ lib }:
let
  data = lib.importJSON ./formats.json;

  # A format's module, given how it reaches nixpkgs' variant (`variantModule`
  # of the variant's name).
  moduleWith =
    variantModule: format:
    let
      own = ./formats + "/${format.name}.nix";
    in
    {
      _file = "${toString ./formats.json}#${format.name}";
      imports =
        lib.optional (format.nixpkgsVariant != null) (variantModule format.nixpkgsVariant)
        ++ lib.optional (builtins.pathExists own) own;
    };

  # Inside a format's extension of a configuration: the variant as the
  # configuration's own `image.modules` has it.
  fromImageModules =
    variant:
    { imageModules, ... }:
    {
      imports = [ imageModules.${variant} ];
    };

  moduleOf =
    format:
    {
      _file = "${toString ./formats.json}#${format.name}";
      inherit (format) formatAttr;
      imports = [ (moduleWith fromImageModules format) ];
    };
in
rec {
  /** Every format by its canonical name, with its `module`. */
  formats = lib.listToAttrs (
    map (format: lib.nameValuePair format.name (format // { module = moduleOf format; })) data.formats
  );

  /**
    nixpkgs' image variants (`image.modules` as nixos/modules/image/images.nix
    defines it), read from that module alone: for a module that imports a
    variant into the configuration itself, where the configuration's own
    `config.image.modules` would be an infinite recursion (imports cannot
    depend on config). `modulesPath` is the configuration's.
  */
  nixpkgsImageModules =
    modulesPath: (lib.evalModules { modules = [ (modulesPath + "/image/images.nix") ]; }).config.image.modules;

  /**
    The module of a catalogue format for a configuration that IS that format
    (nixosModules.<name>): the same format files, with nixpkgs' variant
    imported by its path (`nixpkgsImageModules`). It leaves `formatAttr` to
    the importer.
  */
  standaloneModule =
    modulesPath: format: moduleWith (variant: (nixpkgsImageModules modulesPath).${variant}) format;

  /** Alias -> canonical name (nixpkgs' variant names among them). */
  aliases = lib.listToAttrs (
    lib.concatMap (format: map (alias: lib.nameValuePair alias format.name) format.aliases) data.formats
  );

  /** The canonical name for a name or an alias; throws a helpful error otherwise. */
  canonicalName =
    name:
    if formats ? ${name} then
      name
    else
      aliases.${name}
        or (throw "nixos-generators: unknown format '${name}'. Known formats: ${lib.concatStringsSep ", " (lib.attrNames formats)}.");
}
