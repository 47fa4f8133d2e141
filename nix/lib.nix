# The library behind the flake's `nixosGenerate` and the non-flake entry
# point (eval.nix). It never pins a nixpkgs: the caller's lib and nixosSystem
# (or eval-config.nix) decide which one.
{ lib }:
let
  catalogue = import ./catalogue.nix { inherit lib; };

  /** Modules to add for custom formats: `{ <name> = module; }`. */
  customFormatsModule = customFormats: {
    _file = toString ./lib.nix;
    formatConfigs = customFormats;
  };

  /**
    The derivation of `format` from an evaluated configuration with
    all-formats in it: `config.formats.<name>`, or with `fresh`, the same
    derivation computed without keeping it in the configuration.
  */
  formatIn =
    { fresh }:
    nixos: format:
    let
      name = if nixos.config.formatConfigs ? ${format} then format else catalogue.canonicalName format;
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

  /** The all-formats NixOS module. */
  allFormatsModule = ./modules/all-formats.nix;

  /** The embedded default configuration. */
  defaultConfiguration = ./default-configuration.nix;

  /**
    One format of one NixOS configuration.

    `specialArgs.diskSize` sets the disk size in MiB (or "auto") for formats
    that take one. `customFormats` adds or extends formats (`formatConfigs`).
    Pass `nixosSystem` (e.g. `nixpkgs.lib.nixosSystem`) or `pkgs` (whose
    nixpkgs then evaluates the system).
  */
  nixosGenerate =
    {
      system ? null,
      modules ? [ ],
      format,
      customFormats ? { },
      specialArgs ? { },
      pkgs ? null,
      nixosSystem ?
        if pkgs != null then
          args: import (pkgs.path + "/nixos/lib/eval-config.nix") (args // { system = null; })
        else
          throw "nixos-generators: nixosGenerate needs `nixosSystem` (e.g. nixpkgs.lib.nixosSystem) or `pkgs`.",
    }:
    let
      nixos = nixosSystem {
        inherit specialArgs;
        modules =
          modules
          ++ [
            ./modules/all-formats.nix
            (customFormatsModule customFormats)
          ]
          ++ lib.optional (system != null) { nixpkgs.hostPlatform = lib.mkDefault system; }
          ++ lib.optional (pkgs != null) { nixpkgs.pkgs = lib.mkDefault pkgs; };
      };
    in
    formatOf nixos format;
}
