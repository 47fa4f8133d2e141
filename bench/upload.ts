// Benchmark (not a test): upload an already-compressed (random) 1 GiB file as
// a workflow artifact to the local artifact server (Azurite + the Twirp
// results service of __tests__/servers), once at zip level 0 (what the action
// uses for compressed images) and once at the artifact client's default (6).
//
//   node_modules/.bin/node --experimental-strip-types bench/upload.ts [--size-mib 1024] [--levels 0,6] [--storage memory|disk]
//
// With --release: a sparse file of --size-mib (default 2560, over GitHub's
// 2 GiB limit) through uploadReleaseAssets (split into parts below 2 GiB,
// streamed from the file's byte ranges) to the REST stand-in (GitHub's limit,
// assets above 64 MiB streamed to disk). The uploader runs in a child process
// of its own, so its peak RSS is its own; the stand-in's is printed apart.
//
//   node_modules/.bin/node --experimental-transform-types bench/upload.ts --release [--size-mib 2560]
// (transform, not strip: the sources' classes use parameter properties)
import { spawn } from "node:child_process";
import { randomFillSync } from "node:crypto";
import { mkdtemp, open, rm, truncate, writeFile } from "node:fs/promises";
import { registerHooks } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { GitHubTestServers } from "../__tests__/servers/index.js";

// The sources import each other as "./x.js" (tsc's NodeNext convention); let
// Node's type stripping find the "./x.ts" behind each such import.
registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      const relative = specifier.startsWith("./") || specifier.startsWith("../");
      if (relative && specifier.endsWith(".js") && context.parentURL?.endsWith(".ts")) {
        return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
      }
      throw error;
    }
  },
});

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] !== undefined ? (process.argv[index + 1] as string) : fallback;
}

const release = process.argv.includes("--release");
const role = option("role", "");
const sizeMiB = Number(option("size-mib", release ? "2560" : "1024"));
const levels = option("levels", "0,6").split(",").map(Number);
const storage = option("storage", "memory") === "disk" ? "disk" : "memory";
if (!Number.isInteger(sizeMiB) || sizeMiB < 1 || levels.some((l) => !Number.isInteger(l) || l < 0 || l > 9)) {
  console.error("usage: bench/upload.ts [--size-mib N] [--levels 0,6] [--storage memory|disk]");
  process.exit(2);
}

/** Random bytes: as incompressible as a zstd/xz/gzip image. */
async function writeRandomFile(path: string, bytes: number): Promise<void> {
  const file = await open(path, "w");
  const chunk = Buffer.alloc(16 * 1024 * 1024);
  try {
    for (let written = 0; written < bytes; written += chunk.length) {
      const length = Math.min(chunk.length, bytes - written);
      randomFillSync(chunk, 0, length);
      await file.write(chunk, 0, length);
    }
  } finally {
    await file.close();
  }
}

/** Keep @actions/core's per-chunk progress and debug lines out of the report. */
function muteActionsCore(): () => void {
  const original = process.stdout.write;
  process.stdout.write = ((..._args: unknown[]): boolean => true) as typeof process.stdout.write;
  return () => {
    process.stdout.write = original;
  };
}

/** The child: upload the file to the stand-in, print seconds and peak RSS as JSON. */
async function releaseUploader(): Promise<void> {
  const { uploadReleaseAssets } = await import("../src/publish/release.js");
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = await uploadReleaseAssets([{ path: option("file", ""), image: { format: "raw", system: "x86_64-linux" } }], {
    token: option("token", ""),
    tag: "bench",
    apiUrl: option("api", ""),
    repository: "octo-org/nixos-images",
    writeSpacingMs: 0,
  });
  const used = process.cpuUsage(cpu);
  const [asset] = result.assets;
  console.log(
    JSON.stringify({
      seconds: (performance.now() - start) / 1000,
      cpuSeconds: (used.user + used.system) / 1e6,
      maxRssMiB: process.resourceUsage().maxRSS / 1024,
      parts: asset?.parts?.map((p) => [p.name, p.size]) ?? [],
      sha256: asset?.sha256,
      published: result.published,
    }),
  );
}

async function releaseBench(): Promise<void> {
  const { startGitHubRestStub } = await import("../__tests__/servers/github-rest.js");
  const dir = await mkdtemp(join(tmpdir(), "release-bench-"));
  const file = join(dir, "nixos-x86_64-linux.img");
  const github = await startGitHubRestStub();
  try {
    await writeFile(file, "");
    await truncate(file, sizeMiB * 1024 * 1024);
    console.log(`Node ${process.version}: a sparse ${sizeMiB} MiB file -> uploadReleaseAssets (split) -> the REST stand-in (limit 2 GiB, assets streamed to disk)\n`);
    const child = spawn(process.execPath, ["--experimental-transform-types", "--no-warnings", process.argv[1] as string, "--role", "release-uploader", "--file", file, "--api", github.apiUrl, "--token", github.tokens.write], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    const code = await new Promise<number | null>((done) => child.on("close", done));
    if (code !== 0) throw new Error(`the uploader exited with ${code}: ${out}`);
    const measured = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as { seconds: number; cpuSeconds: number; maxRssMiB: number; parts: [string, number][]; sha256: string; published: boolean };
    const stored = github.releases[0]?.assets ?? [];
    console.log(`size: ${sizeMiB * 1024 * 1024} bytes (${(sizeMiB / 1024).toFixed(2)} GiB)`);
    console.log(`parts: ${measured.parts.map(([name, size]) => `${name} ${size} B`).join(", ")}`);
    console.log(`uploader: ${measured.seconds.toFixed(2)} s wall, ${measured.cpuSeconds.toFixed(2)} s CPU, peak RSS ${measured.maxRssMiB.toFixed(0)} MiB`);
    console.log(`stand-in (this process): peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
    console.log(`release published: ${measured.published}; stand-in holds ${stored.map((a) => `${a.name} (${a.size} B)`).join(", ")}`);
    console.log(`whole-file sha256 ${measured.sha256}`);
  } finally {
    await github.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (role === "release-uploader") {
  await releaseUploader();
  process.exit(0);
}
if (release) {
  await releaseBench();
  process.exit(0);
}

const { startGitHubTestServers } = await import("../__tests__/servers/index.js");
const { DefaultArtifactClient } = await import("@actions/artifact");

const dir = await mkdtemp(join(tmpdir(), "upload-bench-"));
const file = join(dir, "image.img.zst");
const bytes = sizeMiB * 1024 * 1024;
let servers: GitHubTestServers | undefined;
try {
  console.log(`writing ${sizeMiB} MiB of random bytes to ${file} …`);
  await writeRandomFile(file, bytes);
  // The real service does not re-read the blob on finalize; neither does this one here.
  servers = await startGitHubTestServers({ azurite: { storage }, results: { verifyDigest: false } });
  Object.assign(process.env, servers.env);
  const client = new DefaultArtifactClient();
  console.log(`Node ${process.version}, Azurite storage: ${storage}; MB = 10^6 bytes of the file per wall-clock second\n`);
  const rows: string[][] = [["zip level", "wall s", "MB/s", "zip MiB", "client CPU s"]];
  for (const level of levels) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const unmute = muteActionsCore();
    let result;
    try {
      result = await client.uploadArtifact(`bench-level-${level}`, [file], dir, { compressionLevel: level });
    } finally {
      unmute();
    }
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(cpu);
    rows.push([
      level === 6 ? "6 (client default)" : String(level),
      seconds.toFixed(2),
      (bytes / 1e6 / seconds).toFixed(1),
      ((result.size ?? 0) / 1024 / 1024).toFixed(1),
      ((used.user + used.system) / 1e6).toFixed(2),
    ]);
    // Free Azurite's memory before the next run.
    const record = servers.results.artifacts.find((a) => a.id === result.id);
    if (record) await servers.azurite.service.getContainerClient(record.container).deleteBlob(record.blobName);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) console.log(row.map((cell, column) => cell.padStart(widths[column]!)).join("  "));
} finally {
  await servers?.stop();
  await rm(dir, { recursive: true, force: true });
}
