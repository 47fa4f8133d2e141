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
#   pairs: [ { format, system, builder? } ] (a pair's builder: builder auto
#     chooses one per image; without it, the request's),
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
  defaultBuilder = req.builder or "vm";
  builderOf = pair: pair.builder or defaultBuilder;
  # The running copy's all-formats, in place of the configuration's own: a
  # flake's nixosModules.all-formats (and its per-format modules) come from
  # its locked input, another path than this copy. The configuration's copy
  # is disabled by its key, so the formats, their settings and what this
  # file reads are always this copy's (as nixos-generators' command line
  # added its own format module); the configuration's formatConfigs.<name>
  # definitions apply to it unchanged.
  extraModules = builder: [
    {
      _file = toString ./eval.nix + "#allFormats";
      disabledModules = [ { key = generators.allFormatsKey; } ];
    }
    generators.allFormatsImplementation
    {
      # Without --disk-size, the configuration's own (specialArgs.diskSize) stands.
      formatSettings.diskSize = lib.mkIf (req.diskSize or null != null) req.diskSize;
      formatSettings.builder = builder;
    }
  ]
  # The file itself is the module (not `import` of it): the module system
  # then names the user's file, and its line, in every error inside it.
  ++ lib.optional (req.formatPath or null != null) {
    _file = toString ./eval.nix + "#formatPath";
    formatConfigs.${customFormatName} = /. + req.formatPath;
  };

  specialArgs = req.specialArgs or { };

  # `base` with the running all-formats. Another module declaring
  # formatConfigs without the key (nixos-generators' own all-formats, when a
  # flake is half-way through migrating; or this library's file imported by
  # its path) makes the module system report "already declared": that is
  # told with the fix. Any other error is left to show as itself.
  withAllFormats =
    base: builder:
    let
      nixos = base.extendModules { modules = extraModules builder; };
      declaredBy = base.options.formatConfigs.declarations or [ ];
      files = lib.concatStringsSep ", " declaredBy;
    in
    if (builtins.tryEval nixos.options.formatConfigs.declarations).success || declaredBy == [ ] then
      nixos
    else if base.options ? formatEvaluator then
      throw "nixos-generators: the configuration imports this library's all-formats module by its file (${files}), which the running copy cannot take the place of: import nixosModules.all-formats (or a per-format module) of this repository instead, from an input updated to this version (nix flake update)."
    else
      throw "nixos-generators: the configuration imports nixos-generators' own all-formats module (${files}), which this tool replaces: import this repository's nixosModules.all-formats instead of nixos-generators.nixosModules.all-formats; the formatConfigs.<name> definitions carry over unchanged.";

  fromFile =
    configuration: system: builder:
    withAllFormats (import (nixpkgs + "/nixos/lib/eval-config.nix") {
      inherit system specialArgs;
      modules = [ configuration ];
    }) builder;

  fromFlake =
    builder:
    let
      nixos =
        flake.nixosConfigurations.${req.config.name}
          or (throw "nixos-generators: the flake ${req.config.uri} has no nixosConfigurations.${req.config.name} (it has: ${lib.concatStringsSep ", " (lib.attrNames (flake.nixosConfigurations or { }))}).");
    in
    withAllFormats nixos builder;

  configurationFor =
    system: builder:
    if isFlake then
      fromFlake builder
    else if req.config.kind == "file" then
      fromFile (/. + req.config.path) system builder
    else
      fromFile generators.defaultConfiguration system builder;

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
      # What a custom format says its image is (formatContainer), or null.
      container = config.formatContainer;
      label = config.system.nixos.label;
      diskSize = config.virtualisation.diskSize or null;
      # The kernel command line of the image's boot entries (the boot test
      # watches the serial console it names).
      kernelParams = config.boot.kernelParams;
      # The system, for the images that contain it (custom formats are
      # assumed to): forcing it checks the configuration's assertions. An
      # image without it (lxc-metadata) does not need a bootable system.
      toplevel =
        if generators.catalogue.formats.${drv.passthru.format}.containsSystem or true then
          config.system.build.toplevel.drvPath
        else
          null;
    };
in
# `list`: the configuration's own formats (formatConfigs names the catalogue
# does not have), for --list; `prefixes`: the library's file prefixes.
# Otherwise one base configuration per system and builder, shared by the
# formats of that system built with that builder.
if req.list or false then
  lib.filter (name: !generators.isCatalogueFormat name) (
    lib.attrNames (configurationFor (lib.head req.systems) defaultBuilder).config.formatConfigs
  )
else if req.prefixes or false then
  generators.libraryPrefixes
    (configurationFor (lib.head req.systems) defaultBuilder)._module.specialArgs.modulesPath
else
  lib.concatMap (
    group:
    let
      nixos = configurationFor group.system group.builder;
    in
    map (pair: entry nixos pair.format) (
      lib.filter (pair: pair.system == group.system && builderOf pair == group.builder) req.pairs
    )
  ) (
    lib.unique (
      map (pair: {
        inherit (pair) system;
        builder = builderOf pair;
      }) req.pairs
    )
  )
