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

  moduleOf =
    format:
    let
      own = ./formats + "/${format.name}.nix";
    in
    {
      _file = "${toString ./formats.json}#${format.name}";
      inherit (format) formatAttr;
      imports =
        lib.optional (format.nixpkgsVariant != null) (
          { imageModules, ... }: { imports = [ imageModules.${format.nixpkgsVariant} ]; }
        )
        ++ lib.optional (builtins.pathExists own) own;
    };
in
rec {
  /** Every format by its canonical name, with its `module`. */
  formats = lib.listToAttrs (
    map (format: lib.nameValuePair format.name (format // { module = moduleOf format; })) data.formats
  );

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
