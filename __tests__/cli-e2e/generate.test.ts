// The real `nixos-generate` command with the real Nix and the pinned nixpkgs:
// --dry-run plans for several formats at once, --json, --format-path,
// --flake, and every bad input that needs Nix to be found out.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/core/catalogue.js";
import { ExitCode } from "../../src/core/errors.js";
import { buildCli, runCli } from "../helpers/cli.js";
import { NIXPKGS } from "../helpers/nix.js";

const catalogue = loadCatalogue();
const I = ["-I", `nixpkgs=${NIXPKGS}`];
let cli = "";
let dir = "";

interface JsonResult {
  dryRun: boolean;
  derivationsToBuild: number;
  images: { format: string; system: string; image: string; fileName: string; drvPath: string; needsBuild: boolean }[];
}

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

beforeAll(async () => {
  cli = await buildCli();
  dir = mkdtempSync(join(tmpdir(), "nixos-generate-e2e-"));
}, 120_000);

describe("nixos-generate --list", () => {
  it("prints the catalogue as text and JSON without Nix", async () => {
    const text = await runCli(cli, ["--list"], { env: { NIXOS_GENERATORS_NIX_BIN: "/nonexistent" } });
    expect(text.code).toBe(0);
    for (const format of catalogue.formats) expect(text.stdout).toContain(format.name);
    const json = await runCli(cli, ["--list", "--json"], { env: { NIXOS_GENERATORS_NIX_BIN: "/nonexistent" } });
    const list = JSON.parse(json.stdout) as { name: string; aliases: string[] }[];
    expect(list.map((f) => f.name)).toEqual(catalogue.formats.map((f) => f.name));
    expect(list.find((f) => f.name === "qcow")?.aliases).toContain("qemu");
  });
});

describe("nixos-generate --dry-run", () => {
  it("plans several formats in one command and prints the image files", { timeout: 600_000 }, async () => {
    const run = await runCli(cli, ["-f", "iso", "-f", "lxc-metadata", "-f", "kexec", "--dry-run", ...I]);
    expect(run.stderr).toContain("dry run:");
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^\/nix\/store\/[^/]+\/iso\/nixos-[^/]+\.iso$/);
    expect(lines[1]).toMatch(/^\/nix\/store\/[^/]+\/tarball\/[^/]+\.tar\.xz$/);
    expect(lines[2]).toMatch(/^\/nix\/store\/[^/]+\/tarball\/[^/]+\.tar\.xz$/);
  });

  it("answers --json with the derivations, which are in the store", { timeout: 600_000 }, async () => {
    const run = await runCli(cli, ["-f", "lxc-metadata", "--system", "x86_64-linux", "--system", "aarch64-linux", "--dry-run", "--json", ...I]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as JsonResult;
    expect(result.dryRun).toBe(true);
    expect(result.images.map((i) => i.system)).toEqual(["x86_64-linux", "aarch64-linux"]);
    for (const image of result.images) {
      expect(existsSync(image.drvPath)).toBe(true);
      expect(image.image.endsWith(`/${image.fileName}`)).toBe(true);
      expect(image.fileName).toMatch(new RegExp(`${image.system}\\.tar\\.xz$`));
    }
    // Offline, nothing is in the store yet: the images would be built.
    expect(result.images.every((i) => i.needsBuild)).toBe(true);
    expect(result.derivationsToBuild).toBeGreaterThan(result.images.length);
  });

  it("evaluates a custom format from --format-path", { timeout: 600_000 }, async () => {
    const format = write(
      "hello-tar.nix",
      `{ config, pkgs, ... }: {
        image.extension = "tar";
        system.build.image = pkgs.runCommand config.image.fileName { } ''
          mkdir $out && tar -cf $out/${"$"}{config.image.fileName} -C ${"$"}{config.system.build.toplevel} .
        '';
      }`,
    );
    const run = await runCli(cli, ["--format-path", format, "--dry-run", "--json", ...I]);
    expect(run.code, run.stderr).toBe(0);
    const [image] = (JSON.parse(run.stdout) as JsonResult).images;
    expect(image?.format).toBe("hello-tar");
    expect(image?.fileName).toMatch(/^nixos-image-[^/]+-x86_64-linux\.tar$/);
    expect(readFileSync(image?.drvPath ?? "", "utf8")).toContain(image?.fileName);
  });

  it("evaluates a flake's nixosConfigurations entry", { timeout: 600_000 }, async () => {
    const flake = join(dir, "flake");
    mkdirSync(flake);
    writeFileSync(
      join(flake, "flake.nix"),
      `{
        inputs.nixpkgs.url = "path:${NIXPKGS}";
        outputs = { nixpkgs, ... }: {
          nixosConfigurations.web = nixpkgs.lib.nixosSystem {
            modules = [ { nixpkgs.hostPlatform = "x86_64-linux"; networking.hostName = "flakeweb"; system.stateVersion = "26.05";
                          boot.loader.grub.device = "/dev/sda"; fileSystems."/" = { device = "/dev/sda1"; fsType = "ext4"; }; } ];
          };
        };
      }`,
    );
    const run = await runCli(cli, ["--flake", `${flake}#web`, "-f", "lxc-metadata", "-f", "qcow", "--dry-run", "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as JsonResult;
    expect(result.images.map((i) => i.format)).toEqual(["lxc-metadata", "qcow"]);
    expect(result.images[1]?.fileName).toMatch(/\.qcow2$/);
    const missing = await runCli(cli, ["--flake", `${flake}#nope`, "-f", "lxc-metadata", "--dry-run"]);
    expect(missing.code).toBe(ExitCode.config);
    expect(missing.stderr).toContain("has no nixosConfigurations.nope");
    expect(missing.stderr).toContain("web");
  });
});

describe("bad input found out by Nix", () => {
  it("a Nix syntax error names the file and line", { timeout: 300_000 }, async () => {
    const config = write("syntax.nix", "{ ... }:\n{\n  networking.hostName = \"a\"\n}\n");
    const run = await runCli(cli, ["-f", "lxc-metadata", "-c", config, "--dry-run", ...I]);
    expect(run.code).toBe(ExitCode.config);
    expect(run.stderr).toContain(`Nix syntax error in ${config}:4`);
    expect(run.stdout).toBe("");
  });

  it("an undefined option names the option and the file", { timeout: 300_000 }, async () => {
    const config = write("undefined.nix", "{ ... }: { services.doesNotExist.enable = true; }\n");
    const run = await runCli(cli, ["-f", "lxc-metadata", "-c", config, "--dry-run", ...I]);
    expect(run.code).toBe(ExitCode.config);
    expect(run.stderr).toContain("option that does not exist: services.doesNotExist");
    expect(run.stderr).toContain(config);
  });

  it("a type error names the option and the type", { timeout: 300_000 }, async () => {
    const config = write("type.nix", '{ ... }: { networking.firewall.enable = "yes"; }\n');
    // lxc: an image that contains the system, so every option of it is evaluated (lxc-metadata's tarball reads a few).
    const run = await runCli(cli, ["-f", "lxc", "-c", config, "--dry-run", ...I]);
    expect(run.code).toBe(ExitCode.config);
    expect(run.stderr).toContain("networking.firewall.enable is not of type boolean");
  });

  it("a conflict with the format says which format file sets the option", { timeout: 300_000 }, async () => {
    const config = write("conflict.nix", '{ ... }: { services.getty.autologinUser = "root"; }\n');
    const run = await runCli(cli, ["-f", "install-iso", "-c", config, "--dry-run", ...I]);
    expect(run.code).toBe(ExitCode.config);
    expect(run.stderr).toContain("services.getty.autologinUser has conflicting values");
    expect(run.stderr).toMatch(/The format \(install-iso\) sets it in \S+installation-device\.nix/);
    expect(run.stderr).toContain(config);
  });

  it("a hardware configuration's disks and boot device give way to the format", { timeout: 300_000 }, async () => {
    const config = write(
      "hardware.nix",
      '{ ... }: { boot.loader.grub.device = "/dev/sda"; fileSystems."/" = { device = "/dev/sdz9"; fsType = "btrfs"; }; system.stateVersion = "26.05"; }\n',
    );
    const run = await runCli(cli, ["-f", "amazon", "-c", config, "--dry-run", ...I]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\.vhd\n$/);
  });

  it("nix missing, or older than 2.18", async () => {
    const missing = await runCli(cli, ["-f", "iso", "--dry-run", ...I], { env: { NIXOS_GENERATORS_NIX_BIN: join(dir, "no-such-dir") } });
    expect(missing.code).toBe(ExitCode.environment);
    expect(missing.stderr).toContain("Nix is not installed");
    const old = join(dir, "old-nix");
    mkdirSync(old, { recursive: true });
    writeFileSync(join(old, "nix"), "#!/bin/sh\necho 'nix (Nix) 2.3.16'\n", { mode: 0o755 });
    const tooOld = await runCli(cli, ["-f", "iso", "--dry-run", ...I], { env: { NIXOS_GENERATORS_NIX_BIN: old } });
    expect(tooOld.code).toBe(ExitCode.environment);
    expect(tooOld.stderr).toContain("Nix 2.3.16 is too old");
  });

  it("a nixpkgs without image.modules", { timeout: 300_000 }, async () => {
    // The pinned nixpkgs with nixos/modules/image/images.nix left out of the
    // module list, as in releases before image.modules existed.
    const old = join(dir, "old-nixpkgs");
    mkdirSync(join(old, "nixos", "modules"), { recursive: true });
    const linkAllBut = (from: string, to: string, except: string) => {
      for (const entry of readdirSync(from)) if (entry !== except) symlinkSync(join(from, entry), join(to, entry));
    };
    linkAllBut(NIXPKGS, old, "nixos");
    linkAllBut(join(NIXPKGS, "nixos"), join(old, "nixos"), "modules");
    const modules = join(NIXPKGS, "nixos", "modules");
    linkAllBut(modules, join(old, "nixos", "modules"), "module-list.nix");
    const list = readFileSync(join(modules, "module-list.nix"), "utf8").replace(/^\s*\.\/image\/images\.nix\s*$/m, "");
    writeFileSync(join(old, "nixos", "modules", "module-list.nix"), list);
    const run = await runCli(cli, ["-f", "qcow", "--dry-run", "-I", `nixpkgs=${old}`]);
    expect(run.code).toBe(ExitCode.environment);
    expect(run.stderr).toContain("no `image.modules`");
  });

  it("Ctrl-C stops Nix, exits 130 and leaves the out-link as it was", { timeout: 300_000 }, async () => {
    const link = join(dir, "result-kept");
    symlinkSync("/nonexistent/earlier-result", link);
    const run = await runCli(cli, ["-f", "qcow", "-o", link, ...I], { interruptAfterMs: 3000 });
    expect(run.code).toBe(ExitCode.interrupted);
    expect(run.stderr).toContain("Interrupted");
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe("/nonexistent/earlier-result");
  });
});
