# Options every format configuration has (imported into each format's
# extension of the user's configuration), with nixpkgs' image file options
# (image.baseName, image.extension, image.fileName, image.filePath).
#
# Two vocabularies describe where a format's image is, and both work:
#
#   nixpkgs (image/file-options.nix)    nixos-generators' format modules
#   system.build.image                  system.build.<formatAttr>
#   image.extension = "iso"             fileExtension = ".iso"
#   image.filePath = "iso/<fileName>"   (the one file ending in fileExtension)
#
# `image.extension` is the one source of truth: `fileExtension` sets it (at
# mkDefault, so a nixpkgs module's own extension wins) and reads it back.
# When no module sets `image.filePath`, a format that gives `fileExtension`
# names its image by extension only (`formatImage.search`): the image is the
# file in the output whose name ends in it, found after the build, as the old
# nixos-generators found it.
{
  config,
  options,
  lib,
  modulesPath,
  ...
}:
let
  # The priority of an option's own default (lib.mkOptionDefault).
  optionDefaultPriority = 1500;
  filePathDefined = options.image.filePath.highestPrio < optionDefaultPriority;
  # The containers verify knows, as the catalogue names them.
  containers = lib.unique (map (format: format.container) (lib.importJSON ../formats.json).formats);
  extensionGiven = options.fileExtension.highestPrio < optionDefaultPriority;
in
{
  # Imported twice (nixosModules.<name> and all-formats, maybe from two copies
  # of this repository), it counts once.
  key = "nixos-generators-action/nix/modules/format-options.nix";

  imports = [ "${modulesPath}/image/file-options.nix" ];

  options = {
    formatAttr = lib.mkOption {
      type = lib.types.str;
      default = "image";
      example = "isoImage";
      description = ''
        The attribute of `system.build` that is this format's output. nixpkgs'
        image modules set `system.build.image`; a format may name another
        attribute instead (e.g. `isoImage`, `tarball`, `vm`).
      '';
    };

    fileExtension = lib.mkOption {
      type = lib.types.strMatching "([.][^/]+)?";
      default = lib.optionalString (config.image.extension != "") ".${config.image.extension}";
      defaultText = lib.literalExpression ''lib.optionalString (config.image.extension != "") ("." + config.image.extension)'';
      example = ".iso";
      description = ''
        The image file's extension with its leading dot, as nixos-generators'
        format modules give it (`".iso"`, `".qcow2"`, `".tar.xz"`; `""` for an
        image without one, such as the vm format's runner). Setting it
        sets `image.extension` (without the dot). When no module sets
        `image.filePath`, the image is the one file in the output whose name
        ends in this extension.
      '';
    };

    formatContainer = lib.mkOption {
      type = lib.types.nullOr (lib.types.enum containers);
      default = null;
      example = "qcow2";
      description = ''
        What a custom format's image file is, in the catalogue's container
        names (`container` in nix/formats.json: `qcow2`, `raw-mbr`,
        `raw-gpt`, `fs-ext4`, `vhd`, `iso`, `rootfs-tar`, …). Verification
        holds the image to that container's checks (its compression is
        whatever the file is). When null, verification names what the file
        is and reports it, but fails no image it does not recognise. The
        catalogue's formats are held to their catalogue container, whatever
        this says.
      '';
    };

    formatOutput = lib.mkOption {
      type = lib.types.package;
      readOnly = true;
      description = "The derivation building this format: `system.build.<formatAttr>`.";
    };

    formatImage = lib.mkOption {
      type = lib.types.submodule {
        options = {
          filePath = lib.mkOption {
            type = lib.types.nullOr lib.types.str;
            description = "The image below the output (`image.filePath`); null when it is found by `search`.";
          };
          search = lib.mkOption {
            type = lib.types.nullOr lib.types.str;
            description = "The extension that names the image in the output, when no module sets `image.filePath`.";
          };
        };
      };
      readOnly = true;
      internal = true;
      description = "Where the image is in `formatOutput`: a known path, or an extension to find it by.";
    };
  };

  config = {
    image.extension = lib.mkIf extensionGiven (lib.mkDefault (lib.removePrefix "." config.fileExtension));

    formatOutput =
      config.system.build.${config.formatAttr}
        or (throw "nixos-generators: this format names `system.build.${config.formatAttr}` (formatAttr) but no module defines it.");

    formatImage =
      if filePathDefined || !extensionGiven then
        {
          inherit (config.image) filePath;
          search = null;
        }
      else
        {
          filePath = null;
          search = config.fileExtension;
        };
  };
}
