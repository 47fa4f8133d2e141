// Benchmark of verifyImage on large images (not a test): a 2 GiB raw GPT disk
// with data written into it, the same disk as qcow2 (qemu-img convert) and as
// zstd. Each image is verified in a child process of its own, so its peak RSS
// (process.resourceUsage().maxRSS) is its own.
//
//   node_modules/.bin/node --experimental-strip-types bench/verify.ts
//   BENCH_SIZE_MIB=512 BENCH_DIR=/var/tmp node_modules/.bin/node --experimental-strip-types bench/verify.ts
//
// Node's type stripping does not map the sources' ".js" import suffixes to
// ".ts", so a resolve hook does that before src/verify is loaded.
import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, statSync, truncateSync, writeSync } from "node:fs";
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
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");

interface Result {
  seconds: number;
  maxRssMiB: number;
  ok: boolean;
  virtualSize: number | null;
  findings: string[];
}

/** Child mode: verify one image and print a Result as JSON. */
async function one(path: string, container: string, compression: string, diskSizeMiB: number): Promise<void> {
  const { verifyImage } = (await import("../src/verify/index.js")) as typeof import("../src/verify/index.js");
  const start = process.hrtime.bigint();
  const r = await verifyImage(path, { container: container as never, compression: compression as never, diskSizeMiB });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const result: Result = {
    seconds,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
    ok: r.ok,
    virtualSize: r.virtualSize ?? null,
    findings: r.findings.map((f) => `${f.check}: expected ${f.expected}, found ${f.found}`),
  };
  process.stdout.write(JSON.stringify(result) + "\n");
}

function sh(cmd: string, args: string[], input?: string): void {
  execFileSync(cmd, args, { input, stdio: ["pipe", "ignore", "inherit"], env: { ...process.env, PATH: `${process.env.PATH ?? ""}:/usr/sbin:/sbin` } });
}

/** A sparse GPT disk of `sizeMiB`: 256 MiB ESP (FAT32), ext4 root, and `dataMiB` of random data written into the root's space. */
function makeRawGpt(path: string, sizeMiB: number, dataMiB: number): void {
  closeSync(openSync(path, "w"));
  truncateSync(path, sizeMiB * MiB);
  sh("sfdisk", ["-q", path], "label: gpt\nstart=2048, size=524288, type=U, name=ESP\nstart=526336, type=L, name=nixos\n");
  const esp = `${path}.esp`;
  sh("mkfs.vfat", ["-C", "-F", "32", "-n", "ESP", esp, String(256 * 1024)]);
  sh("dd", [`if=${esp}`, `of=${path}`, "bs=1M", "seek=1", "conv=notrunc,sparse", "status=none"]);
  rmSync(esp);
  const rootStart = 526336 * 512;
  const rootMiB = Math.floor((sizeMiB * MiB - rootStart - 34 * 512) / MiB);
  const rootfs = `${path}.root`;
  sh("mkfs.ext4", ["-q", "-F", "-L", "nixos", rootfs, `${rootMiB}M`]);
  sh("dd", [`if=${rootfs}`, `of=${path}`, "bs=1M", `seek=${rootStart / MiB}`, "conv=notrunc,sparse", "status=none"]);
  rmSync(rootfs);
  // Random data in 16 MiB pieces spread over the root partition (past its metadata).
  const fd = openSync(path, "r+");
  const piece = Buffer.alloc(16 * MiB);
  const pieces = Math.max(1, Math.floor(dataMiB / 16));
  const span = rootMiB * MiB - 64 * MiB;
  for (let i = 0; i < pieces; i++) {
    for (let o = 0; o < piece.length; o += 4) piece.writeUInt32LE((Math.random() * 0xffffffff) >>> 0, o);
    const at = rootStart + 32 * MiB + Math.floor((span / pieces) * i / MiB) * MiB;
    writeSync(fd, piece, 0, piece.length, at);
  }
  closeSync(fd);
}

function child(path: string, container: string, compression: string, diskSizeMiB: number): Result {
  const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), "--one", path, container, compression, String(diskSizeMiB)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 16 * MiB,
  });
  return JSON.parse(out.trim().split("\n").pop()!) as Result;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === "--one") {
    await one(argv[1]!, argv[2]!, argv[3]!, Number(argv[4]));
    return;
  }
  const sizeMiB = Number(process.env.BENCH_SIZE_MIB ?? 2048);
  const dataMiB = Number(process.env.BENCH_DATA_MIB ?? 256);
  execFileSync("bash", [join(root, "scripts", "verify-fixture-tools")], { stdio: "inherit" });
  const dir = mkdtempSync(join(process.env.BENCH_DIR ?? tmpdir(), "verify-bench-"));
  try {
    const raw = join(dir, "disk.img");
    const qcow = join(dir, "disk.qcow2");
    const zst = join(dir, "disk.img.zst");
    let t = Date.now();
    makeRawGpt(raw, sizeMiB, dataMiB);
    sh("qemu-img", ["convert", "-O", "qcow2", raw, qcow]);
    sh("zstd", ["-q", "-1", "-T2", raw, "-o", zst]);
    console.log(`fixtures: ${sizeMiB} MiB disk with ${dataMiB} MiB of random data, made in ${((Date.now() - t) / 1000).toFixed(1)} s (${dir})`);
    const cases: [string, string, string, string][] = [
      ["raw GPT", raw, "raw-gpt", "none"],
      ["qcow2", qcow, "qcow2", "none"],
      ["raw GPT, zstd", zst, "raw-gpt", "zstd"],
    ];
    console.log("| image | file size | virtual size | time | MB/s (file) | MB/s (disk) | peak RSS | ok |");
    console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
    for (const [name, path, container, compression] of cases) {
      t = Date.now();
      const r = child(path, container, compression, sizeMiB);
      const size = statSync(path).size;
      const mbps = (n: number): string => (n / 1e6 / r.seconds).toFixed(0);
      console.log(
        `| ${name} | ${(size / MiB).toFixed(0)} MiB | ${r.virtualSize === null ? "-" : `${(r.virtualSize / MiB).toFixed(0)} MiB`} | ${r.seconds.toFixed(2)} s | ${mbps(size)} | ${mbps(sizeMiB * MiB)} | ${r.maxRssMiB.toFixed(0)} MiB | ${r.ok ? "yes" : "NO"} |`,
      );
      for (const f of r.findings) console.log(`    ${f}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
