// Evaluation benchmark (issue 7): wall seconds and peak RSS, median of N runs,
// for the default configuration:
//   1. a bare NixOS toplevel instantiate;
//   2. one format (qcow) through the CLI (--dry-run);
//   3. nixpkgs' own system.build.images.qemu, for comparison with 2;
//   4. every x86_64 format in one CLI command (--all --dry-run);
//   5. every x86_64 format, one CLI process each, run one after another.
// Usage: node bench/formats.mjs [--runs N] [--skip-per-format]
// Needs Nix and the pinned nixpkgs (scripts/test-nixpkgs) and a built dist/.
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1] ?? 3) || 3;
const skipPerFormat = args.includes("--skip-per-format");
const nixpkgs = execFileSync("bash", [join(root, "scripts/test-nixpkgs")], { encoding: "utf8" }).trim();
const cli = join(root, "dist/cli/index.js");
const formats = JSON.parse(readFileSync(join(root, "nix/formats.json"), "utf8")).formats.filter((f) => f.systems.includes("x86_64-linux"));

/** Run a command under GNU time; returns wall seconds and peak RSS (MiB) of the process tree's largest member. */
function measure(cmd, cmdArgs) {
  const out = join(mkdtempSync(join(tmpdir(), "bench-")), "time");
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M", "-o", out, cmd, ...cmdArgs], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(" ")} failed:\n${r.stderr.slice(-2000)}`);
  const [wall, rssKb] = readFileSync(out, "utf8").trim().split("\n").pop().split(" ").map(Number);
  return { wall, rss: rssKb / 1024 };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function bench(name, once) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(once());
  const result = { name, wall: median(samples.map((s) => s.wall)), rss: median(samples.map((s) => s.rss)) };
  console.log(`${name.padEnd(46)} ${result.wall.toFixed(1).padStart(8)} s ${result.rss.toFixed(0).padStart(8)} MiB`);
  return result;
}

const toplevelExpr = `(import ${nixpkgs}/nixos/lib/eval-config.nix { system = "x86_64-linux"; modules = [ ${root}/nix/default-configuration.nix ]; }).config.system.build.toplevel`;
const qemuExpr = `(import ${nixpkgs}/nixos/lib/eval-config.nix { system = "x86_64-linux"; modules = [ ${root}/nix/default-configuration.nix ]; }).config.system.build.images.qemu`;
const node = process.execPath;
const I = ["-I", `nixpkgs=${nixpkgs}`];

console.log(`runs: ${runs} (median); formats: ${formats.length} (x86_64-linux); nixpkgs ${nixpkgs}`);
const results = [
  bench("toplevel instantiate", () => measure("nix-instantiate", ["--expr", toplevelExpr])),
  bench("one format (qcow) via the CLI", () => measure(node, [cli, "-f", "qcow", "--dry-run", ...I])),
  bench("nixpkgs system.build.images.qemu", () => measure("nix-instantiate", ["--expr", qemuExpr])),
  bench(`all ${formats.length} formats, one command`, () => measure(node, [cli, "--all", "--system", "x86_64-linux", "--dry-run", ...I])),
];
if (!skipPerFormat) {
  results.push(
    bench(`all ${formats.length} formats, one process each`, () => {
      let wall = 0;
      let rss = 0;
      for (const f of formats) {
        const m = measure(node, [cli, "-f", f.name, "--dry-run", ...I]);
        wall += m.wall;
        rss = Math.max(rss, m.rss);
      }
      return { wall, rss };
    }),
  );
}
const [, one, qemu, all, each] = results;
console.log(`ratio one format / nixpkgs variant: ${(one.wall / qemu.wall).toFixed(2)}`);
if (each) console.log(`ratio per-format processes / one command: ${(each.wall / all.wall).toFixed(2)}x`);
writeFileSync(join(root, "bench", "last-formats.json"), JSON.stringify({ runs, results }, null, 2) + "\n");
