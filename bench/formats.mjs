// Evaluation benchmark (issue 7): wall seconds and peak RSS (summed over every
// process the command runs at once), median of N runs,
// for the default configuration:
//   1. a bare NixOS toplevel instantiate;
//   2. one format (qcow) through the CLI (--dry-run);
//   3. nixpkgs' own system.build.images.qemu, for comparison with 2, and the
//      CLI's evaluation alone (nix/eval.nix), like for like with it;
//   4. every x86_64 format in one CLI command (--all --dry-run);
//   5. every x86_64 format, one CLI process each, run one after another;
//   6. with --nixpkgs-variants: every variant of nixpkgs' system.build.images,
//      one nix-instantiate each (what a user does without this project).
//   7. with --caps 4,6,8: step 4 again with each cap of formats per evaluator
//      process (NIXOS_GENERATORS_FORMATS_PER_PROCESS), to tune the default.
// Usage: node bench/formats.mjs [--runs N] [--skip-per-format] [--nixpkgs-variants] [--caps N,N]
// Needs Nix and the pinned nixpkgs (scripts/test-nixpkgs) and a built dist/.
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1] ?? 3) || 3;
const skipPerFormat = args.includes("--skip-per-format");
const withVariants = args.includes("--nixpkgs-variants");
const caps = args.includes("--caps") ? String(args[args.indexOf("--caps") + 1] ?? "").split(",").map(Number).filter((n) => n > 0) : [];
const nixpkgs = execFileSync("bash", [join(root, "scripts/test-nixpkgs")], { encoding: "utf8" }).trim();
const cli = join(root, "dist/cli/index.js");
const formats = JSON.parse(readFileSync(join(root, "nix/formats.json"), "utf8")).formats.filter((f) => f.systems.includes("x86_64-linux"));

const PAGE = 4096;

/** Total RSS in bytes of `root` and all its descendants, read from /proc. */
function treeRss(root) {
  const children = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  let total = 0;
  const todo = [root];
  while (todo.length > 0) {
    const pid = todo.pop();
    try {
      total += Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * PAGE;
    } catch {
      // ended
    }
    todo.push(...(children.get(pid) ?? []));
  }
  return total;
}

/**
 * Run a command; returns wall seconds and peak RSS (MiB) of the whole process
 * tree (all evaluators that run at once, summed), sampled every 100 ms.
 */
function measure(cmd, cmdArgs, env = process.env) {
  return new Promise((resolvePromise, reject) => {
    const start = performance.now();
    const child = spawn(cmd, cmdArgs, { stdio: ["ignore", "ignore", "pipe"], env });
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, treeRss(child.pid))), 100);
    child.on("close", (code) => {
      clearInterval(timer);
      if (code !== 0) reject(new Error(`${cmd} ${cmdArgs.join(" ")} failed (${code}):\n${stderr}`));
      else resolvePromise({ wall: (performance.now() - start) / 1000, rss: peak / 2 ** 20 });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function bench(name, once) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await once());
  const result = { name, wall: median(samples.map((s) => s.wall)), rss: median(samples.map((s) => s.rss)) };
  console.log(`${name.padEnd(46)} ${result.wall.toFixed(1).padStart(8)} s ${result.rss.toFixed(0).padStart(8)} MiB`);
  return result;
}

const toplevelExpr = `(import ${nixpkgs}/nixos/lib/eval-config.nix { system = "x86_64-linux"; modules = [ ${root}/nix/default-configuration.nix ]; }).config.system.build.toplevel`;
const imagesExpr = `(import ${nixpkgs}/nixos/lib/eval-config.nix { system = "x86_64-linux"; modules = [ ${root}/nix/default-configuration.nix ]; }).config.system.build.images`;
const qemuExpr = `${imagesExpr}.qemu`;
// nix/eval.nix reads its request from a file.
const qcowRequest = join(mkdtempSync(join(tmpdir(), "bench-request-")), "request.json");
writeFileSync(qcowRequest, JSON.stringify({ config: { kind: "default" }, pairs: [{ format: "qcow", system: "x86_64-linux" }], diskSize: null, specialArgs: {}, formatPath: null }));
const node = process.execPath;
const I = ["-I", `nixpkgs=${nixpkgs}`];

console.log(`runs: ${runs} (median); formats: ${formats.length} (x86_64-linux); nixpkgs ${nixpkgs}`);
const results = [
  await bench("toplevel instantiate", () => measure("nix-instantiate", ["--expr", toplevelExpr])),
  await bench("one format (qcow) via the CLI", () => measure(node, [cli, "-f", "qcow", "--dry-run", ...I])),
  await bench("nixpkgs system.build.images.qemu", () => measure("nix-instantiate", ["--expr", qemuExpr])),
  // The CLI's evaluation alone (no node, no dry-run plan): like for like with 3.
  await bench("one format (qcow), nix/eval.nix only", () =>
    measure("nix-instantiate", ["--eval", "--strict", "--json", "--read-write-mode", ...I, join(root, "nix/eval.nix"), "--argstr", "requestFile", qcowRequest]),
  ),
  await bench(`all ${formats.length} formats, one command`, () => measure(node, [cli, "--all", "--system", "x86_64-linux", "--dry-run", ...I])),
];
if (!skipPerFormat) {
  results.push(
    await bench(`all ${formats.length} formats, one process each`, async () => {
      let wall = 0;
      let rss = 0;
      for (const f of formats) {
        const m = await measure(node, [cli, "-f", f.name, "--dry-run", ...I]);
        wall += m.wall;
        rss = Math.max(rss, m.rss);
      }
      return { wall, rss };
    }),
  );
}
// What a user does without this project: nixpkgs' own image variants, one
// `system.build.images.<variant>` instantiate each.
let variants = [];
if (withVariants) {
  variants = JSON.parse(
    execFileSync("nix-instantiate", ["--eval", "--json", "--expr", `builtins.attrNames ${imagesExpr}`], { encoding: "utf8" }),
  );
  results.push(
    await bench(`nixpkgs' ${variants.length} variants, one process each`, async () => {
      let wall = 0;
      let rss = 0;
      for (const variant of variants) {
        const m = await measure("nix-instantiate", ["--expr", `${imagesExpr}.${variant}`]);
        wall += m.wall;
        rss = Math.max(rss, m.rss);
      }
      return { wall, rss };
    }),
  );
}
for (const cap of caps) {
  results.push(
    await bench(`all ${formats.length} formats, one command, cap ${cap}`, () =>
      measure(node, [cli, "--all", "--system", "x86_64-linux", "--dry-run", ...I], { ...process.env, NIXOS_GENERATORS_FORMATS_PER_PROCESS: String(cap) }),
    ),
  );
}
const [, one, qemu, oneEval, all] = results;
const each = results.find((r) => r.name.endsWith("formats, one process each"));
const nixpkgsEach = results.find((r) => r.name.endsWith("variants, one process each"));
console.log(`ratio one format / nixpkgs variant: CLI ${(one.wall / qemu.wall).toFixed(2)}, evaluation alone ${(oneEval.wall / qemu.wall).toFixed(2)}`);
if (each) console.log(`ratio per-format processes / one command: ${(each.wall / all.wall).toFixed(2)}x`);
if (nixpkgsEach) {
  const perFormat = all.wall / formats.length;
  const perVariant = nixpkgsEach.wall / variants.length;
  console.log(`per image: nixpkgs variant alone ${perVariant.toFixed(1)} s, one command ${perFormat.toFixed(1)} s: ${(perVariant / perFormat).toFixed(2)}x`);
}
writeFileSync(join(root, "bench", "last-formats.json"), JSON.stringify({ runs, results }, null, 2) + "\n");
