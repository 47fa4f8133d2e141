# Options every format configuration has (imported into each format's
# extension of the user's configuration), with nixpkgs' image file options
# (image.baseName, image.extension, image.fileName, image.filePath).
{
  config,
  lib,
  modulesPath,
  ...
}:
{
  imports = [ "${modulesPath}/image/file-options.nix" ];

  options.formatAttr = lib.mkOption {
    type = lib.types.str;
    default = "image";
    example = "tarball";
    description = ''
      The attribute of `system.build` that is this format's output. nixpkgs'
      image modules set `system.build.image`; a custom format may name another
      attribute instead (e.g. `tarball`, `vm`).
    '';
  };

  options.formatOutput = lib.mkOption {
    type = lib.types.package;
    readOnly = true;
    description = "The derivation building this format: `system.build.<formatAttr>`.";
  };

  config.formatOutput =
    config.system.build.${config.formatAttr}
      or (throw "nixos-generators: this format names `system.build.${config.formatAttr}` (formatAttr) but no module defines it.");
}
