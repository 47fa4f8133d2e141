# The entry point the TypeScript core calls (one Nix process for any mix of
# formats and systems):
#
#   nix-instantiate --eval --strict --json --read-write-mode nix/eval.nix \
#     --argstr requestFile /tmp/…/request.json
#
# The request is a JSON file, not an argument: a large one (long special
# arguments, many formats) would exceed the kernel's argument size (E2BIG).
#
# request: {
#   config: { kind: "file", path } | { kind: "flake", uri, name } | { kind: "default" },
#   pairs: [ { format, system } ],
#   diskSize: MiB, "auto" or null, builder: "vm" | "repart" (default "vm"),
#   specialArgs: { name: string },
#   formatPath: a custom format module file or null,
#   list: true to list the configuration's custom formats instead, or
#   prefixes: true for the prefixes of the files that are never the user's
#     (to name the culprits of a conflict), both for the first of `systems`
# }
# Result: one entry per format x system with its derivation and image file
# (filePath, or imageSearch: the extension that names it in the output).
{ requestFile }:
let
  req = builtins.fromJSON (builtins.readFile requestFile);
  isFlake = req.config.kind == "flake";
  flake = builtins.getFlake req.config.uri;
  # A flake brings its own nixpkgs; files and the default use <nixpkgs> (-I).
  nixpkgs = <nixpkgs>;
  lib = if isFlake then flake.inputs.nixpkgs.lib or (import (nixpkgs + "/lib")) else import (nixpkgs + "/lib");
  generators = import ./lib.nix { inherit lib; };

  customFormatName = lib.removeSuffix ".nix" (baseNameOf req.formatPath);
  extraModules = [
    generators.allFormatsModule
    {
      formatSettings.diskSize = req.diskSize or null;
      formatSettings.builder = req.builder or "vm";
    }
  ]
  # The file itself is the module (not `import` of it): the module system
  # then names the user's file, and its line, in every error inside it.
  ++ lib.optional (req.formatPath or null != null) {
    _file = toString ./eval.nix + "#formatPath";
    formatConfigs.${customFormatName} = /. + req.formatPath;
  };

  specialArgs = req.specialArgs or { };

  fromFile =
    configuration: system:
    import (nixpkgs + "/nixos/lib/eval-config.nix") {
      inherit system specialArgs;
      modules = [ configuration ] ++ extraModules;
    };

  fromFlake =
    let
      nixos =
        flake.nixosConfigurations.${req.config.name}
          or (throw "nixos-generators: the flake ${req.config.uri} has no nixosConfigurations.${req.config.name} (it has: ${lib.concatStringsSep ", " (lib.attrNames (flake.nixosConfigurations or { }))}).");
    in
    nixos.extendModules { modules = extraModules; };

  configurationFor =
    system:
    if isFlake then
      fromFlake
    else if req.config.kind == "file" then
      fromFile (/. + req.config.path) system
    else
      fromFile generators.defaultConfiguration system;

  entry =
    nixos: format:
    let
      drv = generators.freshFormatOf nixos format;
      inherit (drv.passthru) config;
    in
    {
      inherit format;
      custom = !generators.isCatalogueFormat format;
      system = drv.passthru.system;
      drvPath = drv.drvPath;
      output = drv.outPath;
      fileName = config.image.fileName;
      inherit (drv.passthru) filePath imageSearch;
      label = config.system.nixos.label;
      diskSize = config.virtualisation.diskSize or null;
      # Evaluated for every format, even one whose file does not contain the
      # system (lxc-metadata): a configuration that does not evaluate fails.
      toplevel = config.system.build.toplevel.drvPath;
    };
in
# `list`: the configuration's own formats (formatConfigs names the catalogue
# does not have), for --list; `prefixes`: the library's file prefixes.
# Otherwise one base configuration per system, shared by that system's
# formats.
if req.list or false then
  lib.filter (name: !generators.isCatalogueFormat name) (
    lib.attrNames (configurationFor (lib.head req.systems)).config.formatConfigs
  )
else if req.prefixes or false then
  generators.libraryPrefixes (configurationFor (lib.head req.systems))._module.specialArgs.modulesPath
else
  lib.concatMap (
    system:
    let
      nixos = configurationFor system;
    in
    map (pair: entry nixos pair.format) (lib.filter (pair: pair.system == system) req.pairs)
  ) (lib.unique (map (pair: pair.system) req.pairs))
