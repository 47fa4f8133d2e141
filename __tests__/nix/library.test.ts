// The Nix library's API on the pinned nixpkgs: nixosGenerate, all-formats,
// formatConfigs (customise and add formats), customFormats, diskSize, one
// shared evaluation giving the same derivations as one per format, the shared
// nixpkgs channel, and derivations independent of cwd/TMPDIR/HOME.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/core/catalogue.js";
import { projectPath } from "../../src/core/paths.js";
import { evaluate } from "../../src/nix/evaluate.js";
import { catalogueEvaluation, type CatalogueEvaluation } from "../helpers/catalogue-derivations.js";
import { nixEvalJson, readDrv, requisites, testRequest } from "../helpers/nix.js";

const T = { timeout: 600_000 };

/** `nixosGenerate` from nix/lib.nix with the pinned nixpkgs' eval-config. */
function generate(args: string): string {
  return `(import (nix + "/lib.nix") { inherit lib; }).nixosGenerate ({
    nixosSystem = import (nixpkgs + "/nixos/lib/eval-config.nix");
    system = "x86_64-linux";
    modules = [ (nix + "/default-configuration.nix") ];
  } // ${args})`;
}

describe("nixosGenerate", () => {
  // Every bootable format adds nix/modules/serial-console.nix's kernel
  // parameters; with those in the configuration, the image is nixpkgs' own.
  it("gives nixpkgs' own image (with the serial console every bootable format adds) for a format built on a nixpkgs variant, and diskSize reaches the builder", T, async () => {
    const r = await nixEvalJson<{ ours: string; nixpkgs: string; sized: string; size: number; fileName: string; params: string[] }>(`
      let
        serial = { lib, ... }: { boot.kernelParams = lib.mkAfter [ "console=tty0" "console=ttyS0,115200n8" ]; };
        nixos = import (nixpkgs + "/nixos/lib/eval-config.nix") { system = "x86_64-linux"; modules = [ (nix + "/default-configuration.nix") serial ]; };
        sized = ${generate(`{ format = "qemu"; specialArgs.diskSize = 20480; }`)};
      in {
        ours = (${generate(`{ format = "qcow"; }`)}).drvPath;
        nixpkgs = nixos.config.system.build.images.qemu.drvPath;
        sized = sized.drvPath;
        size = sized.passthru.config.virtualisation.diskSize;
        fileName = sized.passthru.fileName;
        params = (${generate(`{ format = "qcow"; }`)}).passthru.config.boot.kernelParams;
      }`);
    expect(r.params.slice(-2)).toEqual(["console=tty0", "console=ttyS0,115200n8"]);
    expect(r.ours).toBe(r.nixpkgs);
    expect(r.size).toBe(20480);
    expect(r.sized).not.toBe(r.ours);
    expect(readDrv(r.sized)).toContain("truncate -s 20480M");
    expect(r.fileName).toMatch(/\.qcow2$/);
  });

  it("refuses a format for a system it does not support, saying what to do", T, async () => {
    await expect(nixEvalJson(`(${generate(`{ format = "sd-aarch64"; }`)}).drvPath`)).rejects.toThrow(
      /not available for x86_64-linux.*aarch64-linux.*binfmt/s,
    );
  });
});

describe("formatConfigs and customFormats", () => {
  it("customises a format, adds a brand-new one and names another system.build attribute", T, async () => {
    const r = await nixEvalJson<{ iso: string; tarName: string; tarFile: string; tarDrv: string; top: string; toplevel: string }>(`
      let
        nixos = import (nixpkgs + "/nixos/lib/eval-config.nix") {
          system = "x86_64-linux";
          modules = [
            (nix + "/default-configuration.nix")
            (nix + "/modules/all-formats.nix")
            {
              formatConfigs.iso = { isoImage.volumeID = "CUSTOMVOL42"; };
              formatConfigs.root-tar = { config, pkgs, ... }: {
                image.extension = "tar";
                system.build.image = pkgs.runCommand config.image.fileName { } "tar -cf $out -C \${config.system.build.toplevel} .";
              };
              formatConfigs.toplevel-only = { formatAttr = "toplevel"; image.extension = "system"; };
            }
          ];
        };
        inherit (nixos.config) formats;
      in {
        iso = formats.iso.drvPath;
        tarName = formats.root-tar.name;
        tarFile = formats.root-tar.passthru.fileName;
        tarDrv = formats.root-tar.drvPath;
        top = formats.toplevel-only.drvPath;
        toplevel = formats.toplevel-only.passthru.config.system.build.toplevel.drvPath;
      }`);
    expect(readDrv(r.iso)).toContain("CUSTOMVOL42");
    expect(r.tarFile).toMatch(/^nixos-image-[^/]+-x86_64-linux\.tar$/);
    expect(r.tarName).toBe(r.tarFile);
    expect(readDrv(r.tarDrv)).toContain("tar -cf");
    expect(r.top).toBe(r.toplevel);
  });

  it("customFormats in nixosGenerate behave like built-in formats", T, async () => {
    const r = await nixEvalJson<{ name: string; fileName: string; reuses: boolean }>(`
      let d = ${generate(`{ format = "hello"; customFormats.hello = { config, pkgs, ... }: { image.extension = "txt"; system.build.image = pkgs.writeText config.image.fileName config.networking.hostName; }; }`)};
      in { name = d.name; fileName = d.passthru.fileName; reuses = d.passthru.reusesBasePkgs; }`);
    expect(r.fileName).toMatch(/\.txt$/);
    expect(r.name).toBe(r.fileName);
    expect(r.reuses).toBe(true);
  });
});

describe("what a format evaluation shares and what it costs", () => {
  it("reuses the package set unless the format sets nixpkgs options, and runs ownership trials only for options the user's files define", T, async () => {
    const hardware = projectPath("__tests__", "fixtures", "hardware-configuration.nix");
    const r = await nixEvalJson<Record<string, { trials: number; reuses: boolean; name: string; mounts: string[] }>>(`
      let
        # A format with its own overlay: it must get its own package set.
        overlaid = { pkgs, ... }: {
          nixpkgs.overlays = [ (final: prev: { formatMarker = prev.writeText "format-marker" "from the format's overlay"; }) ];
          image.extension = "txt";
          system.build.image = pkgs.formatMarker;
        };
        configs = {
          default = [ (nix + "/default-configuration.nix") ];
          hardware = [ (nix + "/default-configuration.nix") ${hardware} ];
          # Mounts but no GRUB device (an EFI machine): one tier only.
          mountsOnly = [ (nix + "/default-configuration.nix") { fileSystems."/data" = { device = "/dev/disk/by-label/data"; fsType = "xfs"; }; } ];
        };
        formatsOf = modules: (import (nixpkgs + "/nixos/lib/eval-config.nix") {
          system = "x86_64-linux";
          modules = modules ++ [ (nix + "/modules/all-formats.nix") { formatConfigs.overlaid = overlaid; } ];
        }).config.formats;
        summary = d: {
          trials = d.passthru.ownershipTrials;
          reuses = d.passthru.reusesBasePkgs;
          inherit (d) name;
          mounts = builtins.attrNames d.passthru.config.fileSystems;
        };
      in
      lib.concatMapAttrs (config: modules: let f = formatsOf modules; in {
        "\${config}-qcow" = summary f.qcow;
        "\${config}-overlaid" = summary f.overlaid;
      }) configs`);
    // The embedded default configuration defines no disk layout of its own.
    expect(r["default-qcow"]).toMatchObject({ trials: 0, reuses: true, mounts: ["/"] });
    expect(r["hardware-qcow"]).toMatchObject({ trials: 2, reuses: true, mounts: ["/"] });
    // The user's /data mount gives way to the format's disk layout.
    expect(r["mountsOnly-qcow"]).toMatchObject({ trials: 1, reuses: true, mounts: ["/"] });
    for (const config of ["default", "hardware", "mountsOnly"]) {
      expect(r[`${config}-overlaid`], config).toMatchObject({ reuses: false, name: "format-marker" });
    }
  });
});

describe("one evaluation for many formats", () => {
  let shared: CatalogueEvaluation;
  beforeAll(async () => {
    shared = await catalogueEvaluation();
  }, 3_600_000);

  // "Together" is the shared catalogue evaluation (../helpers/catalogue-derivations.ts):
  // every format x system of the default configuration in one evaluation.
  it("gives the same derivations as one evaluation per format", T, async () => {
    const pairs = [
      { format: "lxc-metadata", system: "x86_64-linux" as const },
      { format: "iso", system: "x86_64-linux" as const },
      { format: "lxc-metadata", system: "aarch64-linux" as const },
    ];
    const together = pairs.map((pair) => shared.entry(pair.format, pair.system));
    const alone = await Promise.all(pairs.map((pair) => evaluate(testRequest(), [pair], { processes: 1 })));
    expect(together.map((e) => e.drvPath)).toEqual(alone.map(([e]) => e?.drvPath));
    expect(together.map((e) => e.fileName)).toEqual(alone.map(([e]) => e?.fileName));
  });

  it("copies the nixpkgs channel nixpkgs itself would copy, into disk images and installer media alike", T, async () => {
    // all-formats.nix computes `lib.cleanSource pkgs.path` once for every
    // format (make-disk-image.nix, cd-dvd/channel.nix); the store path must be
    // the one nixpkgs' own lib gives.
    const channel = await nixEvalJson<string>(`(lib.cleanSource nixpkgs).outPath`);
    expect(channel).toMatch(/^\/nix\/store\/[a-z0-9]{32}-source$/);
    // The images of the shared catalogue evaluation (the default configuration, every format).
    for (const format of ["qcow", "install-iso", "lxc"]) expect(await requisites(shared.entry(format, "x86_64-linux").drvPath), format).toContain(channel);
    // A format without a channel does not get one.
    expect(await requisites(shared.entry("lxc-metadata", "x86_64-linux").drvPath)).not.toContain(channel);
  });

  it("does not depend on the working directory, TMPDIR or HOME", T, async () => {
    const expr = `(${generate(`{ format = "lxc-metadata"; }`)}).drvPath`;
    const a = await nixEvalJson<string>(expr);
    const other = mkdtempSync(join(tmpdir(), "elsewhere-"));
    const b = await nixEvalJson<string>(expr, { ...process.env, TMPDIR: other, HOME: other }, other);
    expect(b).toBe(a);
  });
});

describe("the catalogue and the builders agree", () => {
  it("the formats nix/formats.json says repart can make are the ones nix/builders makes", async () => {
    const repart = await nixEvalJson<string[]>(`builtins.attrNames (import (nix + "/builders") { inherit lib; }).repartFormats`);
    const catalogue = loadCatalogue();
    expect(repart.length).toBeGreaterThan(0);
    expect(catalogue.formats.filter((f) => f.builders.includes("repart")).map((f) => f.name).sort()).toEqual([...repart].sort());
    for (const f of catalogue.formats) expect(f.builders, f.name).toContain("vm");
  });
});
