// Decompressing streams: gzip and zstd through node:zlib (Node 24, which
// engines requires, has zstd; each zstd frame gets its own decoder, see
// zstd-frames.ts), xz through our own decoder (node:zlib has none).
// Each takes and gives async iterables of Buffers, so memory stays bounded.
import { pipeline, Readable, type Transform } from "node:stream";
import * as zlib from "node:zlib";
import type { Compression } from "../../core/catalogue.js";
import { xzDecompress } from "./xz.js";
import { CodecError, InputReader } from "./input.js";
import { frameBytes, nextFrame } from "./zstd-frames.js";

/** A compressed stream that cannot be decoded; `at` is the compressed offset reached. */
export class DecompressError extends Error {
  override readonly name = "DecompressError";
  readonly format: Exclude<Compression, "none">;
  readonly reason: string;
  readonly at: number;
  constructor(format: Exclude<Compression, "none">, reason: string, at: number) {
    super(`${format}: ${reason}`);
    this.format = format;
    this.reason = reason;
    this.at = at;
  }
}

const CHUNK = 256 * 1024;

type ZlibFactory = (opts: zlib.ZlibOptions) => Transform;

async function* counted(input: AsyncIterable<Buffer>, count: { n: number }): AsyncGenerator<Buffer> {
  for await (const chunk of input) {
    count.n += chunk.length;
    yield chunk;
  }
}

async function* throughZlib(format: "gzip" | "zstd", make: ZlibFactory, input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const count = { n: 0 };
  const src = Readable.from(counted(input, count));
  const z = make({ chunkSize: CHUNK });
  let failure: Error | undefined;
  // The pipeline's end (and its error, if any) can come after the last chunk.
  const finished = new Promise<void>((resolve) => {
    pipeline(src, z, (err) => {
      if (err) failure = err;
      resolve();
    });
  });
  let drained = false;
  try {
    // destroyOnReturn: false: the iterator must not destroy the transform when
    // its readable side ends while the pipeline still closes its writable side.
    for await (const chunk of z.iterator({ destroyOnReturn: false })) yield chunk as Buffer;
    drained = true;
  } catch (e) {
    throw new DecompressError(format, zlibReason(failure ?? e), count.n);
  } finally {
    // Stopped early (an error, or a reader that had enough): end both
    // streams. Drained: let the pipeline finish, or it reports a premature close.
    if (!drained) {
      src.destroy();
      z.destroy();
    }
  }
  await finished;
  if (failure) throw new DecompressError(format, zlibReason(failure), count.n);
}

function zlibReason(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "Z_BUF_ERROR" || /unexpected end/i.test(e.message)) return "the stream ends early (truncated)";
    return e.message;
  }
  return String(e);
}

/** The decompressed bytes of `input` (the whole compressed file, from its start). */
export function decompress(format: Compression, input: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
  switch (format) {
    case "none":
      return input;
    case "gzip":
      return throughZlib("gzip", (o) => zlib.createGunzip(o), input);
    case "zstd":
      return wrapErrors("zstd", zstdFrames(input));
    case "xz":
      return wrapErrors("xz", xzDecompress(input));
  }
}

/** Each zstd frame through a node:zlib decoder of its own (one decoder stops after its first frame). */
async function* zstdFrames(input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const reader = new InputReader(input);
  try {
    while (await nextFrame(reader)) yield* throughZlib("zstd", () => zlib.createZstdDecompress({ chunkSize: CHUNK }), frameBytes(reader));
  } finally {
    await reader.close();
  }
}

async function* wrapErrors(format: "xz" | "zstd", it: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    yield* it;
  } catch (e) {
    if (e instanceof DecompressError) throw e;
    const at = e instanceof CodecError ? e.at : -1;
    throw new DecompressError(format, e instanceof Error ? e.message : String(e), at);
  }
}
