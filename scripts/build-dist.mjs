// Build the committed bundles with ncc: the action (dist/index.js) and the
// command line (dist/cli/index.js). `node scripts/build-dist.mjs [OUTDIR]`.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const out = resolve(process.argv[2] ?? join(root, "dist"));
const ncc = join(root, "node_modules", ".bin", "ncc");

rmSync(out, { recursive: true, force: true });
for (const [entry, dir] of [
  ["src/action/main.ts", out],
  ["src/cli/main.ts", join(out, "cli")],
]) {
  execFileSync(ncc, ["build", join(root, entry), "--out", dir, "--quiet", "--no-source-map-register", "--license", "licenses.txt"], {
    cwd: root,
    stdio: "inherit",
  });
}
console.log(`built ${out}`);
