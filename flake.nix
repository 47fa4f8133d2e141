{
  description = "nixos-generators: one NixOS configuration into every image format";

  # nixosGenerate defaults to this input's lib and nixosSystem. Users point it
  # at their own nixpkgs (`inputs.nixpkgs.follows = "nixpkgs"`), as with
  # nixos-generators, so no second nixpkgs is evaluated. The modules
  # (nixosModules.*) always work on the configuration's own nixpkgs.
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

  outputs =
    { self, nixpkgs }:
    let
      catalogue = (builtins.fromJSON (builtins.readFile ./nix/formats.json)).formats;
      # The modules take the configuration's own lib; this one only builds them.
      generators = import ./nix/lib.nix { inherit (nixpkgs) lib; };
      systems = [
        "x86_64-linux"
        "aarch64-linux"
      ];
      forSystems = f: nixpkgs.lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});

      /**
        One format of a NixOS configuration, with nixos-generators' signature:

        nixosGenerate { format, system ? null, modules ? [ ], specialArgs ? { },
                        customFormats ? { }, pkgs ? null,
                        lib ? nixpkgs.lib, nixosSystem ? nixpkgs.lib.nixosSystem }

        `specialArgs.diskSize` sets the disk size (MiB or "auto"). `pkgs` (or
        `specialArgs.pkgs`) becomes `nixpkgs.pkgs`: overlays that modules set
        still apply, a `nixpkgs.config` that modules set is refused (see
        nix/lib.nix).
      */
      nixosGenerate =
        {
          lib ? nixpkgs.lib,
          nixosSystem ? nixpkgs.lib.nixosSystem,
          ...
        }@args:
        (import ./nix/lib.nix { inherit lib; }).nixosGenerate (
          builtins.removeAttrs args [ "lib" ] // { inherit nixosSystem; }
        );
    in
    {
      inherit nixosGenerate;

      lib = {
        inherit nixosGenerate;

        /** The format catalogue (names, aliases, extensions, systems), as data. */
        formats = catalogue;
      };

      nixosModules = {
        # Keyed: imported from two copies of this repository, it counts once.
        all-formats = generators.allFormatsModule;
      }
      # One module per format, like nixos-generators' per-format modules: the
      # configuration becomes that format (its module is imported into the
      # configuration itself), `system.build.${config.formatAttr}` is the
      # image under nixos-generators' attribute name, and all-formats'
      # `config.formats.<name>` is there too (nix/lib.nix perFormatModule).
      // builtins.listToAttrs (
        map (format: {
          inherit (format) name;
          value = generators.perFormatModule format.name;
        }) catalogue
      );

      packages = forSystems (pkgs: {
        default = pkgs.callPackage ./nix/package.nix { };
      });

      apps = forSystems (pkgs: {
        default = {
          type = "app";
          program = "${self.packages.${pkgs.stdenv.hostPlatform.system}.default}/bin/nixos-generate";
        };
      });
    };
}
