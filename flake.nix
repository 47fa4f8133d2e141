{
  description = "nixos-generators: one NixOS configuration into every image format";

  # The library never uses this nixpkgs: nixosGenerate and the modules work on
  # the caller's. It only provides Node.js for the `nixos-generate` app.
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";

  outputs =
    { self, nixpkgs }:
    let
      formatNames = map (format: format.name) (builtins.fromJSON (builtins.readFile ./nix/formats.json)).formats;
      systems = [
        "x86_64-linux"
        "aarch64-linux"
      ];
      forSystems = f: nixpkgs.lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});
    in
    {
      lib = {
        /**
          One format of a NixOS configuration:
          nixosGenerate { system, modules, format, customFormats ? { }, specialArgs ? { },
                          lib ? pkgs.lib, nixosSystem ? nixpkgs.lib.nixosSystem, pkgs ? null }
          `specialArgs.diskSize` sets the disk size (MiB or "auto").
        */
        nixosGenerate =
          args:
          let
            lib =
              args.lib or args.pkgs.lib
                or (throw "nixos-generators: nixosGenerate needs `lib` (nixpkgs.lib) or `pkgs`, from the nixpkgs you build with.");
            generators = import ./nix/lib.nix { inherit lib; };
          in
          generators.nixosGenerate (builtins.removeAttrs args [ "lib" ]);

        /** The format catalogue (names, aliases, extensions, systems), as data. */
        formats = (builtins.fromJSON (builtins.readFile ./nix/formats.json)).formats;
      };

      nixosModules = {
        all-formats = ./nix/modules/all-formats.nix;
      }
      // builtins.listToAttrs (
        map (name: {
          inherit name;
          value =
            { config, ... }:
            {
              imports = [ ./nix/modules/all-formats.nix ];
              system.build.${name} = config.formats.${name};
            };
        }) formatNames
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
