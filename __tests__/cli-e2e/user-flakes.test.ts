// Flakes as users wrote them against nixos-generators, with only their inputs
// pointed at this repository and the pinned nixpkgs, through `nix eval`, the
// command line and the action. The repository input is a copy of this tree
// at another path (a git repository in a temp directory, locked with `nix
// flake lock`), so the flake's nixosModules come from a locked copy in the
// store while nixos-generate and the action run from this tree, as on a
// user's machine and on a runner.
//
// The flake covers: all-formats as the README shows it (a customised format
// and a new one in nixos-generators' vocabulary, formatAttr + fileExtension),
// per-format modules in a plain nixosSystem (proxmox-lxc, lxc, iso, qcow),
// nixosGenerate with `pkgs` and `lib` but no `system`, customFormats and a
// disk size given as a string (specialArgs.diskSize = "20480"), lxc-metadata
// of a configuration without file systems or boot loader, and a flake
// half-way through migrating, whose configuration still imports
// nixos-generators' own all-formats. That module is a stand-in here
// (./original/all-formats.nix below): written for this test from its
// documented interface (the options formatConfigs and formats), not its code.
//
// The custom format `fixture-disk` builds offline (the Nix root's /bin/sh
// writes a 4 MiB raw disk with an MBR); it is not a NixOS image.
import { execFile, execFileSync } from "node:child_process";
import { randomBytes, createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import type { ImageOutput } from "../../src/action/report.js";
import { ExitCode } from "../../src/core/errors.js";
import { projectPath } from "../../src/core/paths.js";
import { actionDir, runAction } from "../action/harness.js";
import { buildCli, runCli, type CliRun } from "../helpers/cli.js";
import { drvClosure, NIXPKGS, readDrv } from "../helpers/nix.js";

const run = promisify(execFile);
const T = { timeout: 900_000 };
const FULL = process.env.FULL_SWEEP === "1";
const SEED = randomBytes(6).toString("hex");

interface ImageJson {
  format: string;
  custom: boolean;
  system: string;
  status: string;
  image: string;
  fileName: string;
  drvPath: string;
  label: string;
  diskSize: number | "auto" | null;
  sha256?: string;
  container?: string;
  ok?: boolean;
  outLink?: string;
}

/** What `nix eval .#result` of the user's flake gives. */
interface Evaluated {
  webLxc: string;
  webLxcFile: string;
  webQcow: string;
  webQcowDiskSize: number;
  webFixture: string;
  ct: { attr: string; ext: string; image: string; imageName: string; formats: string; toplevel: string };
  container: { attr: string; ext: string; image: string; tarball: string; toplevel: string };
  installer: { attr: string; ext: string; image: string; isoName: string; toplevel: string };
  disk: { attr: string; ext: string; image: string; same: boolean; diskSize: number };
  bareToplevelEvaluates: boolean;
  raw: string;
  rawDiskSize: number;
  custom: string;
  customSearch: string;
  standInDeclarations: string[];
}

/** A copy of this repository (tracked and untracked files, not the ignored ones) as a git repository of its own. */
function copyRepository(): string {
  const copy = mkdtempSync(join(tmpdir(), "nixos-generators-copy-"));
  const files = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: projectPath(), encoding: "utf8", maxBuffer: 64 << 20 })
    .split("\0")
    .filter((f) => f !== "" && existsSync(projectPath(f)));
  for (const file of new Set(files)) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(projectPath(file), join(copy, file));
  }
  const git = (...args: string[]) => execFileSync("git", ["-c", "user.name=test", "-c", "user.email=test@example.invalid", ...args], { cwd: copy, stdio: "pipe" });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "-m", "a locked copy of the repository");
  return copy;
}

// nixos-generators' format-module vocabulary (formatAttr, fileExtension): a
// system.build attribute of its own that the Nix root's /bin/sh builds
// offline. The image is found by its extension (not the README beside it).
const FIXTURE_DISK = `{ config, pkgs, ... }: {
    formatAttr = "fixtureDisk";
    fileExtension = ".img";
    system.build.fixtureDisk = derivation {
      name = "fixture-disk-${SEED}";
      system = pkgs.stdenv.hostPlatform.system;
      builder = "/bin/sh";
      PATH = "/usr/bin:/bin";
      args = [ "-c" ''
        set -eu
        mkdir -p "$out"
        disk="$out/fixture-${SEED}.img"
        truncate -s 4M "$disk"
        printf '\\000\\000\\000\\000\\203\\000\\000\\000\\000\\010\\000\\000\\000\\030\\000\\000' | dd of="$disk" bs=1 seek=446 conv=notrunc 2>/dev/null
        printf '\\125\\252' | dd of="$disk" bs=1 seek=510 conv=notrunc 2>/dev/null
        printf 'fixture ${SEED}\\n' | dd of="$disk" bs=1 seek=1048576 conv=notrunc 2>/dev/null
        echo "not the image" > "$out/README"
      '' ];
    };
  }`;

// A stand-in of nixos-generators' all-formats.nix for this test, from its
// documented interface only: `formatConfigs` (attrsOf deferredModule) and
// `formats` (lazyAttrsOf raw, read-only). It builds nothing.
const ORIGINAL_ALL_FORMATS = `# Stand-in for nixos-generators' all-formats.nix (test only; not its code).
{ config, lib, ... }:
{
  options.formatConfigs = lib.mkOption {
    type = lib.types.attrsOf lib.types.deferredModule;
    default = { };
  };
  options.formats = lib.mkOption {
    type = lib.types.lazyAttrsOf lib.types.raw;
    readOnly = true;
  };
  config.formats = lib.mapAttrs (name: _: throw "stand-in: builds nothing") config.formatConfigs;
}
`;

function userFlake(copy: string): string {
  return `{
  inputs.nixpkgs.url = "path:${NIXPKGS}";
  inputs.nixos-generators.url = "git+file://${copy}";
  inputs.nixos-generators.inputs.nixpkgs.follows = "nixpkgs";

  outputs = { self, nixpkgs, nixos-generators, ... }:
    let
      common = { networking.hostName = "userflake"; system.stateVersion = "26.05"; };
      base = common // { nixpkgs.hostPlatform = "x86_64-linux"; };
      # A machine's disk and boot loader (in an image, the format's stand instead).
      hardware = { fileSystems."/" = { device = "/dev/sda1"; fsType = "ext4"; }; boot.loader.grub.device = "/dev/sda"; };
      fixtureDisk = ${FIXTURE_DISK};
      system = name: self.nixosConfigurations.\${name}.config;
    in
    {
      # The README's all-formats pattern: a customised format and a new one.
      nixosModules.myFormats = { ... }: {
        imports = [ nixos-generators.nixosModules.all-formats ];
        formatConfigs.lxc = { system.nixos.tags = [ "customised" ]; };
        formatConfigs.fixture-disk = fixtureDisk;
      };
      nixosConfigurations.web = nixpkgs.lib.nixosSystem {
        specialArgs.diskSize = "20480"; # as the old README's users wrote it
        modules = [ base hardware self.nixosModules.myFormats ];
      };

      # Per-format modules: the configuration is the image (no file systems or boot loader of its own).
      nixosConfigurations.ct = nixpkgs.lib.nixosSystem { modules = [ base nixos-generators.nixosModules.proxmox-lxc ]; };
      nixosConfigurations.container = nixpkgs.lib.nixosSystem { modules = [ base nixos-generators.nixosModules.lxc ]; };
      nixosConfigurations.installer = nixpkgs.lib.nixosSystem { modules = [ base nixos-generators.nixosModules.iso ]; };
      nixosConfigurations.disk = nixpkgs.lib.nixosSystem {
        specialArgs.diskSize = "4096";
        modules = [ base nixos-generators.nixosModules.qcow ];
      };

      # A configuration without file systems or boot loader (fine for lxc).
      nixosConfigurations.bare = nixpkgs.lib.nixosSystem { modules = [ base ]; };

      # Half-way through migrating: nixos-generators' own all-formats (a stand-in) is still imported.
      nixosConfigurations.migrating = nixpkgs.lib.nixosSystem {
        modules = [ base ./original/all-formats.nix { formatConfigs.lxc = { system.nixos.tags = [ "customised" ]; }; } ];
      };

      packages.x86_64-linux = {
        # pkgs and lib, no system; the disk size as a string.
        raw = nixos-generators.nixosGenerate {
          pkgs = import nixpkgs { system = "x86_64-linux"; };
          inherit (nixpkgs) lib;
          modules = [ common ];
          specialArgs.diskSize = "20480";
          format = "raw";
        };
        custom = nixos-generators.nixosGenerate {
          system = "x86_64-linux";
          modules = [ common ];
          customFormats.fixture-disk = fixtureDisk;
          format = "fixture-disk";
        };
      };

      result = {
        webLxc = (system "web").formats.lxc.drvPath;
        webLxcFile = (system "web").formats.lxc.passthru.fileName;
        webQcow = (system "web").formats.qcow.drvPath;
        webQcowDiskSize = (system "web").formats.qcow.passthru.config.virtualisation.diskSize;
        webFixture = (system "web").formats.fixture-disk.drvPath;
        ct = let c = system "ct"; in {
          attr = c.formatAttr;
          ext = c.fileExtension;
          image = c.system.build.\${c.formatAttr}.drvPath;
          imageName = c.image.fileName;
          formats = c.formats.proxmox-lxc.drvPath;
          toplevel = c.system.build.toplevel.drvPath;
        };
        container = let c = system "container"; in {
          attr = c.formatAttr;
          ext = c.fileExtension;
          image = c.system.build.\${c.formatAttr}.drvPath;
          tarball = c.system.build.tarball.drvPath;
          toplevel = c.system.build.toplevel.drvPath;
        };
        installer = let c = system "installer"; in {
          attr = c.formatAttr;
          ext = c.fileExtension;
          image = c.system.build.\${c.formatAttr}.drvPath;
          isoName = c.image.fileName;
          toplevel = c.system.build.toplevel.drvPath;
        };
        disk = let c = system "disk"; in {
          attr = c.formatAttr;
          ext = c.fileExtension;
          image = c.system.build.\${c.formatAttr}.drvPath;
          same = c.system.build.\${c.formatAttr}.drvPath == c.system.build.image.drvPath;
          diskSize = c.virtualisation.diskSize;
        };
        bareToplevelEvaluates = (builtins.tryEval (system "bare").system.build.toplevel.drvPath).success;
        raw = self.packages.x86_64-linux.raw.drvPath;
        rawDiskSize = self.packages.x86_64-linux.raw.passthru.config.virtualisation.diskSize;
        custom = self.packages.x86_64-linux.custom.drvPath;
        customSearch = self.packages.x86_64-linux.custom.passthru.imageSearch;
        standInDeclarations = map toString self.nixosConfigurations.migrating.options.formatConfigs.declarations;
      };
    };
}
`;
}

let cli = "";
let flake = "";
let evaluated: Evaluated;
const runs: Record<string, CliRun> = {};
const seconds: Record<string, number> = {};

async function timed<R>(name: string, work: () => Promise<R>): Promise<R> {
  const started = Date.now();
  try {
    return await work();
  } finally {
    seconds[name] = (Date.now() - started) / 1000;
  }
}

function imagesOf(r: CliRun | undefined): ImageJson[] {
  expect(r?.code, r?.stderr).toBe(ExitCode.ok);
  return (JSON.parse(r?.stdout ?? "null") as { images: ImageJson[] }).images;
}

beforeAll(async () => {
  const copy = copyRepository();
  flake = mkdtempSync(join(tmpdir(), "user-flake-"));
  mkdirSync(join(flake, "original"));
  writeFileSync(join(flake, "original", "all-formats.nix"), ORIGINAL_ALL_FORMATS);
  writeFileSync(join(flake, "flake.nix"), userFlake(copy));
  cli = await buildCli();
  await actionDir();
  await timed("lock", () => run("nix", ["flake", "lock", flake], { maxBuffer: 16 << 20 }));
  const lock = JSON.parse(readFileSync(join(flake, "flake.lock"), "utf8")) as { nodes: Record<string, { locked?: { type: string; url?: string; rev?: string } }> };
  // Locked: a git input at a revision, another path than the running copy.
  expect(lock.nodes["nixos-generators"]?.locked).toMatchObject({ type: "git", url: `file://${copy}`, rev: expect.stringMatching(/^[0-9a-f]{40}$/) });
  const cliRun = (name: string, args: string[]) => timed(name, async () => (runs[name] = await runCli(cli, args)));
  // Two at a time (two cores).
  await Promise.all([
    timed("nix eval", async () => {
      const { stdout } = await run("nix", ["eval", "--json", `${flake}#result`], { maxBuffer: 64 << 20 });
      evaluated = JSON.parse(stdout) as Evaluated;
    }),
    cliRun("web", ["--flake", `${flake}#web`, "-f", "lxc", "-f", "qcow", "-f", "fixture-disk", "--dry-run", "--json"]),
  ]);
  await Promise.all([
    cliRun("ct", ["--flake", `${flake}#ct`, "-f", "proxmox-lxc", "--dry-run", "--json"]),
    cliRun("bare", ["--flake", `${flake}#bare`, "-f", "lxc", "-f", "lxc-metadata", "--dry-run", "--json"]),
  ]);
  await Promise.all([
    cliRun("migrating", ["--flake", `${flake}#migrating`, "-f", "lxc", "--dry-run", "--json"]),
    cliRun("build", ["--flake", `${flake}#web`, "-f", "fixture-disk", "-o", join(flake, "result"), "--json"]),
  ]);
  console.log(`user flakes: ${JSON.stringify(seconds)}\n${JSON.stringify(evaluated, null, 2)}`);
}, 1_800_000);

describe("a user's flake through nix eval (the library as the flake's outputs give it)", () => {
  it("per-format modules make the configuration that format: system.build.${formatAttr} is the image, under nixos-generators' names", async () => {
    expect(evaluated.ct).toMatchObject({ attr: "tarball", ext: ".tar.xz" });
    expect(evaluated.container).toMatchObject({ attr: "tarball", ext: ".tar.xz" });
    expect(evaluated.installer).toMatchObject({ attr: "isoImage", ext: ".iso" });
    expect(evaluated.disk).toMatchObject({ attr: "qcow", ext: ".qcow2", same: true });
    // nixpkgs' own attribute where it defines one (tarball), the image itself otherwise (qcow).
    expect(evaluated.container.image).toBe(evaluated.container.tarball);
    expect(evaluated.installer.image).toMatch(new RegExp(`-${evaluated.installer.isoName.replace(/\./g, "\\.")}\\.drv$`));
    // The configurations evaluate as the image they are (root file system, boot loader), and the image holds that system.
    for (const c of [evaluated.ct, evaluated.container, evaluated.installer]) expect(c.toplevel).toMatch(/-nixos-system-[^/]+\.drv$/);
    expect(evaluated.ct.toplevel).toMatch(/-nixos-system-unnamed-lxc-proxmox-/);
    expect(await drvClosure(evaluated.ct.image)).toContain(evaluated.ct.toplevel);
    expect(await drvClosure(evaluated.installer.image)).toContain(evaluated.installer.toplevel);
    // all-formats' config.formats.<name> is there too, the same derivation.
    expect(evaluated.ct.formats).toBe(evaluated.ct.image);
  });

  it("a disk size given as a string of digits is MiB, in formatSettings, per-format modules and nixosGenerate", () => {
    expect(evaluated.webQcowDiskSize).toBe(20480);
    expect(evaluated.disk.diskSize).toBe(4096);
    expect(evaluated.rawDiskSize).toBe(20480);
    expect(readDrv(evaluated.raw)).toContain("truncate -s 20480M");
  });

  it("nixosGenerate with pkgs and lib but no system, and customFormats in nixos-generators' vocabulary", () => {
    expect(evaluated.raw).toMatch(/-nixos-disk-image\.drv$/);
    expect(evaluated.custom).toMatch(new RegExp(`-fixture-disk-${SEED}\\.drv$`));
    expect(evaluated.customSearch).toBe(".img");
  });
});

describe("a user's flake through nixos-generate --flake (the running copy in place of the locked one)", () => {
  it("all-formats: the README's pattern, with the customised format, the new one and the flake's disk size", () => {
    const images = imagesOf(runs.web);
    expect(images.map((i) => [i.format, i.custom])).toEqual([
      ["lxc", false],
      ["qcow", false],
      ["fixture-disk", true],
    ]);
    // The same derivations as the flake's own config.formats.<name>: the customisation applies.
    expect(images.map((i) => i.drvPath)).toEqual([evaluated.webLxc, evaluated.webQcow, evaluated.webFixture]);
    expect(images[0]?.fileName).toBe(evaluated.webLxcFile);
    expect(images[1]?.diskSize).toBe(20480);
    expect(images[1]?.fileName).toMatch(/\.qcow2$/);
    // Named by its extension (fileExtension alone): known once built.
    expect(images[2]?.fileName).toMatch(/\.img$/);
  });

  it("a per-format module's configuration: the format's image is the configuration's own", () => {
    const [image] = imagesOf(runs.ct);
    expect(image?.format).toBe("proxmox-lxc");
    expect(image?.drvPath).toBe(evaluated.ct.image);
    expect(image?.fileName).toBe(evaluated.ct.imageName);
  });

  it("lxc-metadata of a configuration without file systems or boot loader: evaluated without the system, as lxc is with it", () => {
    // The configuration itself does not evaluate as a bootable system (so the system is not forced for the metadata)…
    expect(evaluated.bareToplevelEvaluates).toBe(false);
    // …and both images of it evaluate, as `lxc image import $(nixos-generate -f lxc-metadata) $(nixos-generate -f lxc)` needs.
    const images = imagesOf(runs.bare);
    expect(images.map((i) => i.format)).toEqual(["lxc", "lxc-metadata"]);
    for (const image of images) {
      expect(image.fileName).toMatch(/\.tar\.xz$/);
      expect(existsSync(image.drvPath)).toBe(true);
    }
    expect(images[1]?.drvPath).toMatch(/-tarball\.drv$/);
  });

  it("a configuration still importing nixos-generators' own all-formats: one message naming the file and the fix, exit 3", () => {
    // The stand-in declares formatConfigs, as the original does (evaluated alone, the configuration is fine).
    expect(evaluated.standInDeclarations).toEqual([expect.stringMatching(/-source\/original\/all-formats\.nix$/)]);
    const r = runs.migrating;
    expect(r?.code, r?.stderr).toBe(ExitCode.config);
    expect(r?.stderr).toMatch(/imports nixos-generators' own all-formats module \(\/nix\/store\/[^)]+-source\/original\/all-formats\.nix\)/);
    expect(r?.stderr).toContain("import this repository's nixosModules.all-formats instead of nixos-generators.nixosModules.all-formats");
    expect(r?.stderr).not.toMatch(/already declared|at \/nix\/store\/.*\.nix:\d+/);
    expect(r?.stdout).toBe("");
  });

  it("builds the flake's custom format for real: linked, verified, reported", () => {
    const [image] = imagesOf(runs.build);
    expect(image).toMatchObject({ format: "fixture-disk", custom: true, status: "built", ok: true, container: "raw-mbr", fileName: `fixture-${SEED}.img` });
    expect(image?.drvPath).toBe(evaluated.webFixture);
    expect(image?.image.startsWith(`${readlinkSync(join(flake, "result"))}/`)).toBe(true);
    const bytes = readFileSync(image?.image ?? "");
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(image?.sha256);
    expect(bytes.subarray(1 << 20, (1 << 20) + 8 + SEED.length).toString()).toBe(`fixture ${SEED}`);
  });
});

// The action's flake: input on the locked copy runs by default: a real build
// (the image kept in out-dir) and the refusal of the original all-formats.
// The per-format-module case (ct) takes the same pipeline path as the command
// line's ct run above (one evaluation code for both front ends) and then a
// build that fails at a download offline (the action's handling of that is
// covered in action/build.test.ts); it runs with FULL_SWEEP=1.
describe("a user's flake through the action (flake: input)", () => {
  it("builds the all-formats configuration's custom format for real and keeps it in out-dir", T, async () => {
    const r = await runAction({ inputs: { flake: `${flake}#web`, formats: "fixture-disk", upload: "none" } });
    console.log(`action, flake web: ${(r.durationMs / 1000).toFixed(1)} s`);
    expect(r.errors).toEqual([]);
    expect(r.code).toBe(ExitCode.ok);
    const [image] = JSON.parse(r.outputs.images ?? "null") as ImageOutput[];
    expect(image).toMatchObject({ format: "fixture-disk", custom: true, ok: true, container: "raw-mbr", drvPath: evaluated.webFixture, file: `fixture-${SEED}.img` });
    expect(image?.storePath).toBe(imagesOf(runs.build)[0]?.image);
  });

  it.runIf(FULL)("evaluates a per-format module's configuration to the flake's own image derivation (the build then fails offline)", T, async () => {
    const r = await runAction({ inputs: { flake: `${flake}#ct`, formats: "proxmox-lxc", upload: "none" } });
    console.log(`action, flake ct: ${(r.durationMs / 1000).toFixed(1)} s`);
    const [image] = JSON.parse(r.outputs.images ?? "null") as ImageOutput[];
    expect(image).toMatchObject({ format: "proxmox-lxc", drvPath: evaluated.ct.image, file: evaluated.ct.imageName, ok: false });
    // This machine is offline: the build stops at a download, never at the evaluation.
    expect(r.code).toBe(ExitCode.environment);
    expect(image?.error).toMatch(/^The build failed because a download failed/);
  });

  it("refuses nixos-generators' own all-formats with the same message, exit 3, before any build", T, async () => {
    const r = await runAction({ inputs: { flake: `${flake}#migrating`, formats: "lxc", upload: "none" } });
    expect(r.code).toBe(ExitCode.config);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]?.message).toMatch(/imports nixos-generators' own all-formats module \(\/nix\/store\/[^)]+-source\/original\/all-formats\.nix\)/);
    const [image] = JSON.parse(r.outputs.images ?? "null") as ImageOutput[];
    expect(image).toMatchObject({ format: "lxc", ok: false, drvPath: null });
    expect(r.stdout).not.toContain("::group::Build");
  });
});
