// Runs once before every suite: the tests need the pinned nixpkgs and a Nix;
// both are checked here so a missing one stops the run with one message,
// never a silent skip.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { projectPath } from "../../src/core/paths.js";

export default function setup(): void {
  const nixpkgs = process.env.NIXPKGS_TEST_DIR ?? "/opt/nixpkgs-26.11pre";
  if (!existsSync(join(nixpkgs, "nixos", "modules", "image", "images.nix"))) {
    throw new Error(
      `the pinned test nixpkgs is not at ${nixpkgs}: bring github:neg-serg/nixpkgs-slim with the fetch tool and run ../shared/tools/prepare-nixpkgs on it (or set NIXPKGS_TEST_DIR). 'npm test' checks this first.`,
    );
  }
  process.env.NIXPKGS_TEST_DIR = nixpkgs;
  try {
    execFileSync("nix", ["--version"], { stdio: "pipe" });
  } catch {
    throw new Error("no 'nix' on PATH: run scripts/install-nix (npm test does) or install Nix >= 2.18");
  }
  // Tests evaluate the store copy of the tree, as users evaluate a channel or flake input.
  process.env.NIXPKGS_TEST_PATH ??= execFileSync("bash", [projectPath("scripts", "test-nixpkgs")], { encoding: "utf8" }).trim();
}
