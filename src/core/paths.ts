// Where the project's own files are, from the sources, the tests and the ncc bundle alike.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(): string {
  if (process.env.NIXOS_GENERATORS_ROOT) return resolve(process.env.NIXOS_GENERATORS_ROOT);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "nix", "formats.json"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find the project root (nix/formats.json) above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

let root: string | undefined;

/** A path inside the project (the checkout, or the action's directory on a runner). */
export function projectPath(...parts: string[]): string {
  root ??= findRoot();
  return join(root, ...parts);
}
