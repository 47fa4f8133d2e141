// Opening an image's bytes: the file itself, or its decompressed stream.
import { createReadStream } from "node:fs";
import type { Compression } from "../core/catalogue.js";
import { decompress } from "./codec/decompress.js";
import { FileSource, type ByteSource } from "./source.js";
import { StreamSource } from "./stream-source.js";

/** The bytes of `path` from `start`, decompressed when `compression` says so. */
export async function openImage(path: string, compression: Compression, start = 0): Promise<ByteSource> {
  if (compression === "none" && start === 0) return FileSource.open(path);
  return new StreamSource(() => decompress(compression, createReadStream(path, { start, highWaterMark: 1 << 20 })));
}
