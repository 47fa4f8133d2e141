// Which compression a file's first bytes announce.
import type { Compression } from "../../core/catalogue.js";

const MAGIC: readonly [Compression, readonly number[]][] = [
  ["gzip", [0x1f, 0x8b]],
  ["xz", [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ["zstd", [0x28, 0xb5, 0x2f, 0xfd]],
];

export function detectCompression(head: Uint8Array): Compression {
  for (const [kind, magic] of MAGIC) {
    if (magic.every((b, i) => head[i] === b)) return kind;
  }
  return "none";
}

export const COMPRESSION_MAGIC: Readonly<Record<Exclude<Compression, "none">, string>> = {
  gzip: "1f8b",
  xz: "fd377a585a00",
  zstd: "28b52ffd",
};
