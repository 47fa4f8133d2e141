// compress: none | zstd | xz — the action compresses each image it publishes
// whose format is not compressed already (the catalogue's `compression`; a
// custom format: the codec its file's first bytes announce) into
// <file>.zst / <file>.xz beside it in out-dir, after verification (verify
// checks the image itself). The compressed file is what is uploaded, as an
// artifact or a release asset; the manifest and the `images` output keep
// both files' names and digests.
//
// Streaming with flat memory: the image is read in chunks, compressed, hashed
// and written in one pass, into a temporary name renamed into place, so a
// failure (a full disk) leaves nothing half-written.
// - zstd: node:zlib's createZstdCompress, level 3 (zstd's default), with the
//   frame checksum and the content size in the header. One thread: Node's
//   stream breaks with ZSTD_c_nbWorkers > 0 ("stream.push() after EOF",
//   nodejs/node#59899), so no workers are asked for.
// - xz: node:zlib has no xz, and the npm packages for it either only
//   decompress (xz-compat) or are a native addon last released in 2024
//   (lzma-native 8.0.6), which the ncc bundle would have to carry per CPU.
//   The system's `xz -T0 -6` (xz-utils: on GitHub's Ubuntu images, and in
//   Debian's base) runs instead, reading the image itself; its output is
//   hashed and written here. No xz on PATH is an environment error (exit 4),
//   found before anything is built.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { open, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { constants as zlib, createZstdCompress } from "node:zlib";
import { z } from "zod";
import type { Compression } from "../core/catalogue.js";
import { ExitCode, UserError } from "../core/errors.js";
import { guarded } from "../core/system-error.js";
import type { CompressedCopy, ImageOutcome } from "./pipeline.js";
import { detectCompression } from "../verify/codec/detect.js";
import type { CompressedFile } from "../verify/manifest.js";

export const COMPRESS_CHOICES = ["none", "zstd", "xz"] as const;
export const compressSchema = z.enum(COMPRESS_CHOICES);
export type CompressChoice = z.infer<typeof compressSchema>;
export type Codec = Exclude<CompressChoice, "none">;

/** The suffix each codec adds to the image's file name. */
export const CODEC_SUFFIX: Readonly<Record<Codec, string>> = { zstd: ".zst", xz: ".xz" };

/** zstd's own default level: fast (hundreds of MB/s on one core), most of the size saving on disk images. */
export const ZSTD_LEVEL = 3;
/** xz's own default level (-6). */
export const XZ_LEVEL = 6;

/** The `xz` program (a name on PATH, or a path; NIXOS_GENERATORS_XZ for tests). */
export function xzProgram(env: NodeJS.ProcessEnv = process.env): string {
  return env.NIXOS_GENERATORS_XZ || "xz";
}

/** The compression an image has already: its catalogue format's, or, for a custom format, what its file's first bytes say. */
export async function compressionOf(image: Pick<ImageOutcome, "target">, file: string): Promise<Compression> {
  if (image.target.format.kind === "catalogue") return image.target.format.entry.compression;
  const handle = await open(file, "r");
  try {
    const head = Buffer.alloc(16);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return detectCompression(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}

function runXz(source: string, signal: AbortSignal | undefined): { output: Readable; done: Promise<void> } {
  const program = xzProgram();
  const child = spawn(program, ["-T0", `-${XZ_LEVEL}`, "--stdout", "--", source], { stdio: ["ignore", "pipe", "pipe"], ...(signal ? { signal } : {}) });
  const stderr: Buffer[] = [];
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, killed) => {
      // 2: a warning only (xz's own convention); the output is complete.
      if (code === 0 || code === 2) resolve();
      else reject(new UserError(`xz failed compressing ${source} (${killed ?? `exit ${code}`}): ${Buffer.concat(stderr).toString("utf8").trim() || "no message"}.`, "Read xz's message above; or set compress: zstd.", ExitCode.environment));
    });
  });
  return { output: child.stdout, done };
}

/** What a compression wrote: the file's size and SHA-256. */
export interface Written {
  size: number;
  sha256: string;
}

/**
 * Compresses `source` into `target` (streaming; all or nothing: a temporary
 * file beside `target`, renamed into place). Returns the compressed file's
 * size and SHA-256.
 */
export async function compressFile(source: string, target: string, codec: Codec, options: { signal?: AbortSignal } = {}): Promise<Written> {
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString("hex")}.part`);
  const hash = createHash("sha256");
  let size = 0;
  const count = async function* (chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of chunks) {
      hash.update(chunk);
      size += chunk.length;
      yield chunk;
    }
  };
  const signal = options.signal ? { signal: options.signal } : {};
  try {
    if (codec === "zstd") {
      const { size: sourceSize } = await stat(source);
      // 1 MiB reads and 128 KiB output chunks: 3.5x the throughput of the stream defaults (64 KiB, 16 KiB) on disk images.
      const zstd = createZstdCompress({
        chunkSize: 128 * 1024,
        params: { [zlib.ZSTD_c_compressionLevel]: ZSTD_LEVEL, [zlib.ZSTD_c_checksumFlag]: 1 },
        pledgedSrcSize: sourceSize,
      });
      await pipeline(createReadStream(source, { highWaterMark: 1024 * 1024 }), zstd, count, createWriteStream(temp, { mode: 0o644 }), signal);
    } else {
      const xz = runXz(source, options.signal);
      await Promise.all([pipeline(xz.output, count, createWriteStream(temp, { mode: 0o644 }), signal), xz.done]);
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  return { size, sha256: hash.digest("hex") };
}

/** Fails (exit 4) when the codec's program is missing: xz must be on PATH; zstd is node:zlib's. */
export async function checkCompressor(codec: CompressChoice): Promise<void> {
  if (codec !== "xz") return;
  const program = xzProgram();
  const works = await new Promise<boolean>((resolve) => {
    const child = spawn(program, ["--version"], { stdio: "ignore" });
    child.on("error", () => resolve(false));
    child.on("close", (code) => resolve(code === 0));
  });
  if (!works) {
    throw new UserError(
      `compress: xz runs the system's xz program, and '${program} --version' does not run on this runner.`,
      "Install xz-utils before this step (sudo apt-get install -y xz-utils), or set compress: zstd (built into the action).",
      ExitCode.environment,
    );
  }
}

export interface CompressOptions {
  signal?: AbortSignal;
  log?: (line: string) => void;
}

/**
 * Compresses each image that is not compressed already into <file>.zst or
 * <file>.xz beside it, and records it in `image.compressed`. `images` are the
 * portable, verified ones (the caller's choice); an image compressed already
 * is left as it is (and logged).
 */
export async function compressImages(images: readonly ImageOutcome[], codec: CompressChoice, options: CompressOptions = {}): Promise<void> {
  if (codec === "none") return;
  const log = options.log ?? (() => undefined);
  for (const image of images) {
    const file = image.file;
    if (file === undefined) continue;
    const where = `${image.format} (${image.target.system})`;
    const has = await guarded({ problem: `The image of ${where} cannot be read at ${file}`, target: file, owner: "runner" }, () => compressionOf(image, file));
    if (has !== "none") {
      log(`${where}: ${basename(file)} is ${has}-compressed already; uploaded as it is`);
      continue;
    }
    const target = `${file}${CODEC_SUFFIX[codec]}`;
    const started = Date.now();
    const written = await guarded(
      { problem: `Compressing the image of ${where} to ${target} failed`, target, owner: "user", instead: "set out-dir: to a directory on a disk with room for the compressed images, or compress: none" },
      () => compressFile(file, target, codec, options.signal ? { signal: options.signal } : {}),
    );
    const copy: CompressedCopy = { path: target, fileName: basename(target), compression: codec, ...written };
    image.compressed = copy;
    const { size } = await stat(file);
    log(`${where}: ${basename(file)} (${size} bytes) -> ${copy.fileName} (${written.size} bytes, ${((Date.now() - started) / 1000).toFixed(1)} s), sha256 ${written.sha256}`);
  }
}

/** The manifest's form of a compressed copy (its path as given: the caller makes it relative). */
export function compressedEntry(copy: CompressedCopy): CompressedFile {
  return { file: copy.fileName, path: copy.path, compression: copy.compression, size: copy.size, sha256: copy.sha256 };
}

/** The file an image is uploaded as: its compressed copy when there is one, else the image. */
export function uploadedFile(image: ImageOutcome): { path: string; fileName: string; compression?: Codec; sha256?: string } {
  if (image.compressed) return { path: image.compressed.path, fileName: image.compressed.fileName, compression: image.compressed.compression, sha256: image.compressed.sha256 };
  return { path: image.file ?? image.storePath, fileName: image.fileName, ...(image.report?.sha256 ? { sha256: image.report.sha256 } : {}) };
}
