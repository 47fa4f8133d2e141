// What every row of the hostile catalogue shares: the scratch tree of hostile
// paths (a symlink loop, a 300-byte name, a regular file to put paths under,
// an empty directory posing as nixpkgs, configurations naming their image
// outside its directory, a read-only bind mount, a full 1 MiB
// tmpfs), snapshots of directories to show nothing was written, and the
// assertions on the one message (no stack trace, no second error).
import { execFileSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { expect } from "vitest";
import { projectPath } from "../../src/core/paths.js";

export const isRoot = process.getuid?.() === 0;

export interface Scratch {
  root: string;
  /** A symbolic link to itself. */
  loop: string;
  /** A configuration file name of 300 bytes (in an existing directory). */
  longName: string;
  /** A regular file (paths under it are hostile). */
  file: string;
  /** An empty directory (posing as nixpkgs). */
  emptyDir: string;
  /** A valid configuration file. */
  config: string;
  /** Configurations whose custom format 'escape' names its image outside its directory. */
  escaping: { fileName: string; filePath: string };
  /** A read-only bind mount (root only; undefined with the reason otherwise). */
  readOnly?: string;
  /** A 1 MiB tmpfs (root only). */
  full?: string;
  /** Why readOnly/full are missing, when they are. */
  noMounts?: string;
  cleanUp(): void;
}

function mount(args: string[]): void {
  execFileSync("mount", args, { stdio: "pipe" });
}

/**
 * The hostile tree. Read-only and full directories need mounts, so root
 * (tests run as root here, where chmod 000 stops nothing: a read-only bind
 * mount stops root too, EROFS).
 */
export function makeScratch(prefix: string): Scratch {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const loop = join(root, "loop.nix");
  symlinkSync("loop.nix", loop);
  const file = join(root, "a-file");
  writeFileSync(file, "not a directory\n");
  const emptyDir = join(root, "empty-dir");
  mkdirSync(emptyDir);
  const config = join(root, "configuration.nix");
  writeFileSync(config, "{ ... }: { }\n");
  const escaping = { fileName: join(root, "escaping-file-name.nix"), filePath: join(root, "escaping-file-path.nix") };
  // A custom format 'escape' whose builder writes "$out/$fileName" (the offline fixture derivation, not a
  // NixOS image): built, '../escape.img' would land beside $out in the store.
  const fixture = projectPath("__tests__", "fixtures", "formats", "fixture-derivation.nix");
  const base = projectPath("nix", "default-configuration.nix");
  const escapingConfig = (setting: string) =>
    `{ lib, ... }:\n{\n  imports = [ ${base} ];\n  formatConfigs.escape = { config, pkgs, ... }: {\n    image.extension = "img";\n    ${setting}\n    system.build.image = import ${fixture} { inherit config pkgs; } "escape" ''\n      mkdir -p "$out"; echo escaped > "$out/$fileName"\n    '';\n  };\n}\n`;
  writeFileSync(escaping.fileName, escapingConfig(`image.fileName = "../escape.img";`));
  writeFileSync(escaping.filePath, escapingConfig(`image.filePath = "../../../../etc/passwd";`));
  const scratch: Scratch = {
    root,
    loop,
    longName: join(root, `${"c".repeat(296)}.nix`),
    file,
    emptyDir,
    config,
    escaping,
    cleanUp: () => {
      for (const dir of [scratch.readOnly, scratch.full]) if (dir) execFileSync("umount", [dir], { stdio: "pipe" });
      rmSync(root, { recursive: true, force: true });
    },
  };
  if (!isRoot) {
    scratch.noMounts = "not root: a read-only bind mount and a small tmpfs need CAP_SYS_ADMIN";
    return scratch;
  }
  try {
    const readOnly = join(root, "read-only");
    mkdirSync(readOnly);
    mount(["--bind", readOnly, readOnly]);
    scratch.readOnly = readOnly;
    mount(["-o", "remount,ro,bind", readOnly, readOnly]);
    const full = join(root, "full");
    mkdirSync(full);
    mount(["-t", "tmpfs", "-o", "size=1m", "tmpfs", full]);
    scratch.full = full;
  } catch (error) {
    scratch.noMounts = `mount failed: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
  }
  return scratch;
}

/** Every entry below `dir` (relative path, kind, size), or null when `dir` does not exist. */
export function snapshot(dir: string): string[] | null {
  let top;
  try {
    top = lstatSync(dir);
  } catch {
    return null;
  }
  if (!top.isDirectory()) return [`(file, ${top.size} bytes)`];
  const out: string[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      const stats = lstatSync(path);
      out.push(`${relative(dir, path)} ${entry.isDirectory() ? "dir" : entry.isSymbolicLink() ? "link" : `${stats.size} bytes ${stats.mtimeMs}`}`);
      if (entry.isDirectory()) walk(path);
    }
  };
  walk(dir);
  return out.sort();
}

/** No stack trace and no "bug" report anywhere in the output. */
export function expectNoStackTrace(output: string): void {
  expect(output).not.toMatch(/^\s+at .*[(:]/m);
  expect(output).not.toContain("node:internal");
  expect(output).not.toMatch(/failed unexpectedly \(a bug/);
  expect(output).not.toMatch(/^(Type|Reference|Range)?Error: /m);
}
