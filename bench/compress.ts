// Benchmark of the action's compress (src/pipeline/compress.ts), not a test:
// a 2.5 GiB sparse disk laid out as the mbr-disk fixture format lays out its
// image (__tests__/fixtures/formats/mbr-disk.nix: an MBR with one Linux
// partition from LBA 2048, the seed line at 1 MiB; the rest a hole), compressed
// with zstd and xz; then the same disk with data in it (a tar of the pinned
// nixpkgs tree, ~450 MB of source text, written at 1 MiB). Not a NixOS image.
// Each compression runs in a child process of its own; its peak RSS is read
// from /proc every 50 ms, summed over the child and its children (xz runs as
// one), so "peak RSS" is what the step holds at once.
//
//   node_modules/.bin/node --experimental-transform-types bench/compress.ts
//   BENCH_SIZE_MIB=512 BENCH_DIR=/var/tmp node_modules/.bin/node --experimental-transform-types bench/compress.ts
//
// Node's type transform does not map the sources' ".js" import suffixes to
// ".ts", so a resolve hook does that before src/publish is loaded.
import { execFileSync, spawn } from "node:child_process";
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeSync } from "node:fs";
import { registerHooks } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (e) {
      if (specifier.startsWith(".") && specifier.endsWith(".js")) return next(`${specifier.slice(0, -3)}.ts`, context);
      throw e;
    }
  },
});

const MiB = 1024 * 1024;
const here = fileURLToPath(import.meta.url);
const root = join(dirname(here), "..");

/** The child: compress one file, print {seconds, size, sha256}. */
if (process.argv[2] === "--one") {
  const [, , , codec, source, target] = process.argv;
  const { compressFile } = await import(join(root, "src", "pipeline", "compress.ts"));
  const started = performance.now();
  const written = await compressFile(source, target, codec);
  process.stdout.write(JSON.stringify({ seconds: (performance.now() - started) / 1000, ...written }));
  process.exit(0);
}

/** The fixture disk: mbr-disk.nix's layout at `sizeMiB`, sparse. */
function fixtureDisk(path: string, sizeMiB: number): void {
  const fd = openSync(path, "w");
  truncateSync(path, sizeMiB * MiB);
  // Partition 1: type 0x83, from LBA 2048, the rest of the disk.
  const entry = Buffer.alloc(16);
  entry[4] = 0x83;
  entry.writeUInt32LE(2048, 8);
  entry.writeUInt32LE(sizeMiB * 2048 - 2048, 12);
  writeSync(fd, entry, 0, 16, 446);
  writeSync(fd, Buffer.from([0x55, 0xaa]), 0, 2, 510);
  writeSync(fd, Buffer.from("fixture bench\n"), 0, 14, MiB);
  closeSync(fd);
}

/** Sum of VmRSS (KiB) of `pid` and its descendants, from /proc. */
function treeRssKiB(pid: number): number {
  let total = 0;
  const status = `/proc/${pid}/status`;
  if (!existsSync(status)) return 0;
  try {
    total += Number(/^VmRSS:\s+(\d+)/m.exec(readFileSync(status, "utf8"))?.[1] ?? 0);
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const children = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      for (const child of children ? children.split(/\s+/) : []) total += treeRssKiB(Number(child));
    }
  } catch {
    // The process ended between two reads.
  }
  return total;
}

interface Result {
  seconds: number;
  size: number;
  sha256: string;
  peakRssMiB: number;
}

function compressOnce(codec: string, source: string, target: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--experimental-transform-types", "--no-warnings", here, "--one", codec, source, target], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    let peak = 0;
    const poll = setInterval(() => (peak = Math.max(peak, treeRssKiB(child.pid ?? 0))), 50);
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("close", (code) => {
      clearInterval(poll);
      if (code !== 0) return reject(new Error(`compress ${codec} exited ${code}`));
      resolve({ ...(JSON.parse(out) as Omit<Result, "peakRssMiB">), peakRssMiB: peak / 1024 });
    });
  });
}

const sizeMiB = Number(process.env.BENCH_SIZE_MIB ?? 2560);
const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), "bench-compress-"));
const nixpkgs = process.env.NIXPKGS_TEST_DIR ?? "/opt/nixpkgs-26.11pre";
try {
  const disk = join(dir, "mbr-disk.img");
  const rows: string[] = [];
  for (const variant of ["sparse", "with data"] as const) {
    fixtureDisk(disk, sizeMiB);
    if (variant === "with data") {
      // A tar of the pinned nixpkgs tree into the partition, from 1 MiB on.
      execFileSync("sh", ["-c", `tar -C "$1" -cf - . | dd of="$2" bs=1M seek=1 conv=notrunc,sparse status=none`, "sh", nixpkgs, disk]);
    }
    const allocated = Number(execFileSync("du", ["-B1", disk], { encoding: "utf8" }).split("\t")[0]);
    for (const codec of ["zstd", "xz"]) {
      const target = `${disk}.${codec === "zstd" ? "zst" : "xz"}`;
      const r = await compressOnce(codec, disk, target);
      // Decompressed again, the bytes are the disk's.
      const tool = codec === "zstd" ? "zstd -dc" : "xz -dc";
      const back = execFileSync("sh", ["-c", `${tool} "$1" | cmp - "$2" && echo same`, "sh", target, disk], { encoding: "utf8" }).trim();
      rows.push(
        `| ${variant} | ${(statSync(disk).size / MiB).toFixed(0)} MiB (${(allocated / MiB).toFixed(0)} MiB allocated) | ${codec} | ${r.seconds.toFixed(1)} s | ${((statSync(disk).size / MiB) / r.seconds).toFixed(0)} MiB/s | ${r.peakRssMiB.toFixed(0)} MiB | ${(r.size / MiB).toFixed(2)} MiB | ${back === "same" ? "yes" : "NO"} |`,
      );
      console.error(rows[rows.length - 1]);
      rmSync(target);
    }
  }
  console.log(["| image | size | codec | seconds | image MiB/s | peak RSS (node + xz) | output | round trip |", "| --- | --- | --- | --- | --- | --- | --- | --- |", ...rows].join("\n"));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
