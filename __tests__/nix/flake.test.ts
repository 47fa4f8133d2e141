// The flake as users consume it: a project flake with this repository and
// nixpkgs as inputs, using lib.nixosGenerate and nixosModules.all-formats;
// and `nix flake show`, which must list the outputs without evaluating images.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/core/catalogue.js";
import { projectPath } from "../../src/core/paths.js";
import { drvClosure, NIXPKGS, nixEvalJson } from "../helpers/nix.js";

const run = promisify(execFile);
const T = { timeout: 600_000 };
const repo = `git+file://${projectPath()}`;

describe("the flake", () => {
  it("lib.nixosGenerate and nixosModules.all-formats work from a user's flake", T, async () => {
    const dir = mkdtempSync(join(tmpdir(), "user-flake-"));
    writeFileSync(
      join(dir, "flake.nix"),
      `{
        inputs.nixpkgs.url = "path:${NIXPKGS}";
        inputs.generators.url = "${repo}";
        inputs.generators.inputs.nixpkgs.follows = "nixpkgs";
        outputs = { nixpkgs, generators, ... }:
          let
            configuration = { networking.hostName = "flakeuser"; system.stateVersion = "26.05"; };
            web = nixpkgs.lib.nixosSystem {
              modules = [ configuration generators.nixosModules.all-formats { nixpkgs.hostPlatform = "x86_64-linux"; } ];
            };
          in {
            result = {
              generated = (generators.lib.nixosGenerate {
                inherit (nixpkgs) lib;
                nixosSystem = nixpkgs.lib.nixosSystem;
                system = "x86_64-linux";
                modules = [ configuration ];
                format = "lxc";
              }).drvPath;
              module = web.config.formats.lxc.drvPath;
              toplevel = web.config.formats.lxc.passthru.config.system.build.toplevel.drvPath;
            };
          };
      }`,
    );
    const { stdout } = await run("nix", ["eval", "--json", "--no-write-lock-file", `${dir}#result`], { maxBuffer: 16 << 20 });
    const result = JSON.parse(stdout) as { generated: string; module: string; toplevel: string };
    expect(result.generated).toBe(result.module);
    expect(result.toplevel).toMatch(/-nixos-system-flakeuser-/);
    expect(await drvClosure(result.generated)).toContain(result.toplevel);
  });

  it("`nix flake show` lists the modules and the library", T, async () => {
    const { stdout } = await run(
      "nix",
      ["flake", "show", "--json", "--no-write-lock-file", "--override-input", "nixpkgs", `path:${NIXPKGS}`, repo],
      { maxBuffer: 16 << 20 },
    );
    const show = JSON.parse(stdout) as {
      nixosModules: Record<string, { type: string }>;
      lib: unknown;
      packages: Record<string, Record<string, { name: string }>>;
      apps: Record<string, Record<string, { type: string }>>;
    };
    expect(show.nixosModules["all-formats"]?.type).toBe("nixos-module");
    for (const format of loadCatalogue().formats) expect(show.nixosModules[format.name]?.type).toBe("nixos-module");
    expect(show.lib).toBeDefined();
    // `nix run` of the flake: the command line, packaged from dist/ and nix/.
    const version = (JSON.parse(readFileSync(projectPath("package.json"), "utf8")) as { version: string }).version;
    expect(show.packages["x86_64-linux"]?.default?.name).toBe(`nixos-generate-${version}`);
    expect(show.apps["x86_64-linux"]?.default?.type).toBe("app");
  });
});

// Every per-format module in a plain configuration (FULL_SWEEP=1: one
// configuration and image per format): the configuration is the format, and
// system.build.<originalFormatAttr> is the image, nixpkgs' own attribute
// where it defines one, the format's output otherwise.
describe.runIf(process.env.FULL_SWEEP === "1")("nixosModules.<format>, every format", () => {
  it("formatAttr, fileExtension and system.build.${formatAttr} of each", { timeout: 3_600_000 }, async () => {
    const formats = loadCatalogue().formats;
    const expr = `builtins.listToAttrs (map (f: let
        c = (import (nixpkgs + "/nixos/lib/eval-config.nix") {
          system = null;
          modules = [ ((import (nix + "/lib.nix") { inherit lib; }).perFormatModule f.name)
                      { nixpkgs.hostPlatform = f.system; system.stateVersion = "26.05"; } ];
        }).config;
      in lib.nameValuePair f.name {
        attr = c.formatAttr;
        ext = c.fileExtension;
        image = c.system.build.\${c.formatAttr}.drvPath;
        output = c.formatOutput.drvPath;
      }) (builtins.fromJSON ''${JSON.stringify(formats.map((f) => ({ name: f.name, system: f.systems[0] })))}''))`;
    const started = Date.now();
    const result = await nixEvalJson<Record<string, { attr: string; ext: string; image: string; output: string }>>(expr);
    console.log(`per-format modules: ${formats.length} evaluated in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    for (const format of formats) {
      const r = result[format.name];
      expect(r, format.name).toMatchObject({ attr: format.originalFormatAttr, ext: format.extension ? `.${format.extension}` : "" });
      expect(r?.image, format.name).toBe(r?.output);
    }
  });
});
