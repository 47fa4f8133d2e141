# nixosModules.<name>: the configuration IS that format's image, like
# nixos-generators' per-format modules (an LXC container, an installer ISO, a
# qcow2 disk…). The format's module is imported into the configuration itself
# (nixpkgs' variant by its path, see catalogue.nix `standaloneModule`), so
#
#   config.system.build.${config.formatAttr}   the image, under the attribute
#                                              name nixos-generators gave it
#                                              (tarball, isoImage, qcow, VMA…)
#   config.system.build.image                  the same image (nixpkgs' name)
#   config.fileExtension                       ".tar.xz", ".iso", …
#   config.formats.<name>                      all-formats, as ever
#
# The format is built with the "vm" builder (nixpkgs' variants); the image's
# disk size follows `formatSettings.diskSize` (default: specialArgs.diskSize)
# for the formats that take one. Unlike all-formats' formats, the
# configuration's own file systems and boot loader are not overridden: they
# meet the format's at normal priority, as with nixos-generators.
name:
{
  config,
  lib,
  modulesPath,
  ...
}:
let
  catalogue = import ../catalogue.nix { inherit lib; };
  builders = import ../builders { inherit lib; };
  format = catalogue.formats.${name};
  attr = format.originalFormatAttr;
  diskSize = config.formatSettings.diskSize;
in
{
  # Imported twice (also from another copy of this repository), it counts once.
  key = "nixos-generators-action/nixosModules.${name}";
  _file = "${toString ./per-format.nix}#${name}";

  imports = [
    (import ../lib.nix { inherit lib; }).allFormatsModule
    ./format-options.nix
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
}
