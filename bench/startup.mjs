// Start-up benchmark (issue 7): what runs before any Nix evaluation, median of
// N runs (default 10), in milliseconds:
//   1. the action bundle's cold start: importing dist/index.js (7 MB, ncc),
//      timed inside node; the import includes the plan-mode run itself (the
//      bundle runs the action at load), so this is an upper bound;
//   2. the action in plan mode (`mode: plan`, `formats: all`), the whole run;
//   3. `nixos-generate --list`;
//   4. node itself (`node -e 0`), the floor under 2 and 3.
// Usage: node bench/startup.mjs [--runs N]
// Needs a built dist/ and Node 24 (node_modules/.bin/node after npm ci).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf("--runs") + 1] ?? 10) || 10;
const node = process.execPath;
const action = join(root, "dist/index.js");
const cli = join(root, "dist/cli/index.js");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall milliseconds of one run; fails on a non-zero exit. */
function wall(cmdArgs, env = {}) {
  const start = performance.now();
  const r = spawnSync(node, cmdArgs, { env: { ...process.env, ...env }, encoding: "utf8" });
  const ms = performance.now() - start;
  if (r.status !== 0) throw new Error(`node ${cmdArgs.join(" ")} failed (${r.status}):\n${r.stderr}${r.stdout}`);
  return { ms, stdout: r.stdout };
}

const importProbe = `const t = performance.now(); await import(${JSON.stringify(action)}); console.log("IMPORT_MS", performance.now() - t);`;

function bench(name, once) {
  const samples = Array.from({ length: runs }, once);
  const ms = median(samples);
  console.log(`${name.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms`);
  return { name, ms };
}

const out = mkdtempSync(join(tmpdir(), "bench-startup-"));
const planEnv = { INPUT_MODE: "plan", INPUT_FORMATS: "all", GITHUB_OUTPUT: join(out, "output"), GITHUB_STEP_SUMMARY: join(out, "summary") };
// The runner creates both files before a step starts.
writeFileSync(planEnv.GITHUB_OUTPUT, "");
writeFileSync(planEnv.GITHUB_STEP_SUMMARY, "");

console.log(`runs: ${runs} (median); node ${process.version}`);
const results = [
  bench("action bundle import + plan (in node)", () => {
    const { stdout } = wall(["--input-type=module", "-e", importProbe], planEnv);
    const match = /IMPORT_MS (\S+)/.exec(stdout);
    if (!match) throw new Error(`no IMPORT_MS in:\n${stdout}`);
    return Number(match[1]);
  }),
  bench("action, mode: plan, formats: all", () => wall([action], planEnv).ms),
  bench("nixos-generate --list", () => wall([cli, "--list"]).ms),
  bench("node -e 0", () => wall(["-e", "0"]).ms),
];
// The plan run must really have planned: the matrix output names formats.
if (!readFileSync(planEnv.GITHUB_OUTPUT, "utf8").includes('"format"')) throw new Error("plan mode wrote no matrix");
writeFileSync(join(root, "bench", "last-startup.json"), JSON.stringify({ runs, results }, null, 2) + "\n");
