// nixos-generators' documented flake usages, as its README shows them, on the
// pinned nixpkgs: a user flake takes this repository as an input with
// `inputs.nixpkgs.follows = "nixpkgs"` and uses the top-level nixosGenerate
// (with specialArgs.pkgs and diskSize), the all-formats module with a
// customised and a new format (formatAttr + fileExtension), customFormats,
// and a per-format module. The only change to the README's text: its `xc`
// input (a package from the network) is an overlay defined in place.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { projectPath } from "../../src/core/paths.js";
import { NIXPKGS, readDrv } from "../helpers/nix.js";

const run = promisify(execFile);
const T = { timeout: 600_000 };

const FLAKE = `{
  inputs = {
    nixpkgs.url = "path:${NIXPKGS}";
    nixos-generators = {
      url = "git+file://${projectPath()}";
      inputs.nixpkgs.follows = "nixpkgs";
    };
  };
  outputs = { self, nixpkgs, nixos-generators, ... }:
    let
      # The README's pkgsForSystem, with its xc overlay made here.
      pkgsForSystem = system: import nixpkgs {
        inherit system;
        overlays = [
          (final: prev: { readmeMarker = "readme overlay"; })
        ];
      };
      allVMs = [ "x86_64-linux" ];
      forAllVMs = f: nixpkgs.lib.genAttrs allVMs (system: f {
        inherit system;
        pkgs = pkgsForSystem system;
      });
    in
    {
      # "To set the disk size in flake.nix, set diskSize in the specialArgs argument of the nixosGenerate function."
      packages = forAllVMs ({ system, pkgs }: {
        vm = nixos-generators.nixosGenerate {
          system = system;
          specialArgs = {
            pkgs = pkgs;
            diskSize = 20 * 1024;
          };
          modules = [
            # Pin nixpkgs to the flake input, so that the packages installed
            # come from the flake inputs.nixpkgs.url.
            ({ ... }: { nix.registry.nixpkgs.flake = nixpkgs; })
            # Apply the rest of the config.
            ./configuration.nix
          ];
          format = "raw";
        };
        # The README's second flake: a format, and customFormats.
        vmware = nixos-generators.nixosGenerate {
          system = "x86_64-linux";
          modules = [ ./configuration.nix ];
          format = "vmware";
        };
        myFormat = nixos-generators.nixosGenerate {
          system = "x86_64-linux";
          modules = [ ./configuration.nix ];
          customFormats = { "myFormat" = ./my-format.nix; };
          format = "myFormat";
        };
        vbox = nixos-generators.nixosGenerate {
          system = "x86_64-linux";
          format = "virtualbox";
        };
      });

      # The README's all-formats flake.
      nixosModules.myFormats = { config, ... }: {
        imports = [
          nixos-generators.nixosModules.all-formats
        ];
        nixpkgs.hostPlatform = "x86_64-linux";
        # customize an existing format
        formatConfigs.vmware = { config, ... }: {
          services.openssh.enable = true;
        };
        # define a new format
        formatConfigs.my-custom-format = { config, modulesPath, ... }: {
          imports = [ "\${toString modulesPath}/installer/cd-dvd/installation-cd-base.nix" ];
          formatAttr = "isoImage";
          fileExtension = ".iso";
          networking.wireless.networks = {
            # ...
          };
        };
      };
      nixosConfigurations.my-machine = nixpkgs.lib.nixosSystem {
        modules = [ self.nixosModules.myFormats ];
      };

      # A per-format module: the configuration is that format, its system.build.<formatAttr> the image.
      nixosConfigurations.per-format = nixpkgs.lib.nixosSystem {
        modules = [ nixos-generators.nixosModules.docker ./configuration.nix { nixpkgs.hostPlatform = "x86_64-linux"; } ];
      };

      # What the test reads.
      result =
        let
          vm = self.packages.x86_64-linux.vm;
          machine = self.nixosConfigurations.my-machine.config;
          perFormat = self.nixosConfigurations.per-format.config;
        in
        {
          raw = vm.drvPath;
          rawFile = vm.passthru.fileName;
          rawDiskSize = vm.passthru.config.virtualisation.diskSize;
          overlays = vm.passthru.config.environment.etc.marker.text;
          vmware = self.packages.x86_64-linux.vmware.drvPath;
          vmwareFile = self.packages.x86_64-linux.vmware.passthru.fileName;
          vboxFile = self.packages.x86_64-linux.vbox.passthru.fileName;
          myFormat = self.packages.x86_64-linux.myFormat.drvPath;
          myFormatFile = self.packages.x86_64-linux.myFormat.passthru.filePath;
          myFormatSearch = self.packages.x86_64-linux.myFormat.passthru.imageSearch;
          vbox = self.packages.x86_64-linux.vbox.drvPath;
          machineVmware = machine.formats.vmware.drvPath;
          machineVmwareFile = machine.formats.vmware.passthru.fileName;
          machineVmwareSsh = machine.formats.vmware.passthru.config.services.openssh.enable;
          machineCustom = machine.formats.my-custom-format.drvPath;
          machineCustomFile = machine.formats.my-custom-format.passthru.filePath;
          machineCustomIso = machine.formats.my-custom-format.passthru.config.isoImage.isoName;
          perFormatAttr = perFormat.formatAttr;
          perFormatTarball = perFormat.system.build.\${perFormat.formatAttr}.drvPath;
          perFormatDocker = perFormat.formats.docker.drvPath;
        };

      # A module that sets nixpkgs.config while pkgs is given: refused, not dropped.
      refused = (nixos-generators.nixosGenerate {
        system = "x86_64-linux";
        pkgs = pkgsForSystem "x86_64-linux";
        modules = [ ./configuration.nix { nixpkgs.config.allowUnfree = true; } ];
        format = "raw";
      }).drvPath;
    };
}`;

// The user's configuration.nix: it sets an overlay of its own, and shows which
// overlays reached the package set.
const CONFIGURATION = `{ pkgs, ... }: {
  networking.hostName = "oldreadme";
  system.stateVersion = "26.05";
  nixpkgs.overlays = [ (final: prev: { moduleMarker = "module overlay"; }) ];
  environment.etc.marker.text = "\${pkgs.readmeMarker or "no readme overlay"} + \${pkgs.moduleMarker or "no module overlay"}";
}`;

// A format module as nixos-generators' formats directory has them.
const MY_FORMAT = `{ config, pkgs, modulesPath, ... }: {
  imports = [ "\${toString modulesPath}/virtualisation/disk-image.nix" ];
  formatAttr = "image";
  fileExtension = ".qcow2";
  image.format = "qcow2";
}`;

let dir = "";
let result: Record<string, string | number | boolean | null>;

async function nixEval(attr: string): Promise<string> {
  const { stdout } = await run("nix", ["eval", "--json", "--no-write-lock-file", `${dir}#${attr}`], { maxBuffer: 64 << 20 });
  return stdout;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "old-readme-"));
  writeFileSync(join(dir, "flake.nix"), FLAKE);
  writeFileSync(join(dir, "configuration.nix"), CONFIGURATION);
  writeFileSync(join(dir, "my-format.nix"), MY_FORMAT);
  const started = Date.now();
  result = JSON.parse(await nixEval("result")) as typeof result;
  console.log(`old README usages: evaluated in ${((Date.now() - started) / 1000).toFixed(1)} s\n${JSON.stringify(result, null, 2)}`);
}, 900_000);

describe("the old README's flake usages, unchanged", () => {
  it("top-level nixosGenerate with specialArgs.pkgs and diskSize: the raw image is 20 GiB", () => {
    expect(result.raw).toMatch(/^\/nix\/store\/[a-z0-9]{32}-nixos-disk-image\.drv$/);
    expect(result.rawFile).toMatch(/^nixos-image-\S+-x86_64-linux\.img$/);
    expect(result.rawDiskSize).toBe(20480);
    const line = readDrv(String(result.raw))
      .split("\\n")
      .find((l) => l.includes("20480"));
    console.log(`raw disk size in the builder: ${line?.trim()}`);
    expect(line).toMatch(/truncate -s 20480M/);
  });

  it("pkgs becomes nixpkgs.pkgs: its overlays and the modules' overlays both apply", () => {
    expect(result.overlays).toBe("readme overlay + module overlay");
  });

  it("a nixpkgs.config set in a module while pkgs is given is refused with nixpkgs' own message, not dropped", T, async () => {
    await expect(nixEval("refused")).rejects.toThrow(/nixpkgs\.config.* options should be passed when creating the instance instead/s);
  });

  it("formats by name, customFormats with formatAttr + fileExtension, and a configuration without modules", () => {
    expect(result.vmware).toMatch(/-nixos-vmware-\S+\.drv$/);
    expect(result.vmwareFile).toMatch(/\.vmdk$/);
    expect(result.vbox).toMatch(/-nixos-ova-\S+\.drv$/);
    expect(result.vboxFile).toMatch(/\.ova$/);
    expect(result.myFormat).toMatch(/-nixos-disk-image\.drv$/);
    // No module sets image.filePath: as in nixos-generators, the image is the output's file with the extension.
    expect(result.myFormatFile).toBeNull();
    expect(result.myFormatSearch).toBe(".qcow2");
  });

  it("all-formats: a customised format and a new one (installer ISO, formatAttr isoImage, fileExtension .iso)", () => {
    expect(result.machineVmwareFile).toMatch(/\.vmdk$/);
    // Customised: not the plain vmware image.
    expect(result.machineVmware).not.toBe(result.vmware);
    expect(result.machineVmwareSsh).toBe(true);
    expect(result.machineCustom).toMatch(/\.iso\.drv$/);
    expect(result.machineCustomFile).toBe(`iso/${String(result.machineCustomIso)}`);
  });

  it("nixosModules.<format>: system.build.<formatAttr> is the format's image", () => {
    expect(result.perFormatAttr).toBe("tarball");
    expect(result.perFormatTarball).toBe(result.perFormatDocker);
  });
});
