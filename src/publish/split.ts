// Release assets of 2 GiB or more, which GitHub refuses: the file is uploaded
// in parts below the limit (<name>.part01, .part02, …), each part read
// straight from its byte range of the file (no part files, flat memory), and
// the whole file's sha256 is computed on the way, so SHA256SUMS can list the
// parts and the whole file. `cat <name>.part* > <name>` puts it back together.
import { createHash, type Hash } from "node:crypto";
import { createReadStream } from "node:fs";
import type { AssetSource } from "./asset-upload.js";

/** GitHub refuses release assets of this many bytes or more (422 "size must be less than 2147483648"). */
export const GITHUB_ASSET_LIMIT_BYTES = 2 * 1024 ** 3;

/**
 * The limit in force: GitHub's, unless NIXOS_GENERATORS_RELEASE_ASSET_LIMIT
 * (bytes) sets a smaller one — the tests' stand-in takes small limits, so
 * splitting can be tested without gigabytes.
 */
export function assetLimitBytes(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.NIXOS_GENERATORS_RELEASE_ASSET_LIMIT?.trim();
  if (!text || !/^\d+$/.test(text)) return GITHUB_ASSET_LIMIT_BYTES;
  const value = Number(text);
  return value >= 2 && value <= GITHUB_ASSET_LIMIT_BYTES ? value : GITHUB_ASSET_LIMIT_BYTES;
}

export interface Part {
  /** <name>.partNN, numbered from 01, all of one width (so `cat name.part*` takes them in order). */
  name: string;
  /** Byte offset in the file. */
  start: number;
  size: number;
}

/**
 * The parts of a file of `size` bytes, each below `limit`: as few as can be,
 * of equal size (the last may be smaller), on MiB boundaries when the limit
 * is large enough for that.
 */
export function planParts(name: string, size: number, limit: number): Part[] {
  const most = limit - 1;
  if (size < limit) return [];
  const count = Math.ceil(size / most);
  const align = most >= 64 * 1024 * 1024 ? 1024 * 1024 : 1;
  const partSize = Math.min(most, Math.ceil(Math.ceil(size / count) / align) * align);
  const total = Math.ceil(size / partSize);
  const width = Math.max(2, String(total).length);
  const parts: Part[] = [];
  for (let index = 0, start = 0; start < size; index++, start += partSize) {
    parts.push({ name: `${name}.part${String(index + 1).padStart(width, "0")}`, start, size: Math.min(partSize, size - start) });
  }
  return parts;
}

/** The byte range of a file, read in 1 MiB chunks, again for each try. */
export function rangeSource(path: string, start: number, size: number): AssetSource {
  return { size, chunks: () => createReadStream(path, { start, end: start + size - 1, highWaterMark: 1024 * 1024 }) };
}

/**
 * The sha256 of the whole file, fed by the parts' uploads in order. A part's
 * try starts from a copy of the state after the parts before it, so a try
 * that breaks off (and is repeated) leaves nothing in the hash; `commit`
 * keeps the last try's state once the part is in place.
 */
export class WholeFileHash {
  private state: Hash = createHash("sha256");
  private pending: Hash | undefined;

  /** `inner`, with every byte of its latest read also hashed (after the committed parts). */
  through(inner: AssetSource): AssetSource {
    return {
      size: inner.size,
      chunks: () => {
        const hash = this.state.copy();
        this.pending = hash;
        return (async function* () {
          for await (const chunk of inner.chunks()) {
            hash.update(chunk);
            yield chunk;
          }
        })();
      },
    };
  }

  /** The part's bytes are on the release: keep them in the hash. */
  commit(): void {
    if (this.pending) this.state = this.pending;
    this.pending = undefined;
  }

  digest(): string {
    return this.state.digest("hex");
  }
}

/** Matches `<name>.partNN`; group 1 is the whole file's name. */
export const PART_NAME = /^(.+)\.part\d{2,}$/;

/** The shell line that puts a split file back together and checks it. */
export function reassemblyCommand(name: string): string {
  return `cat ${name}.part* > ${name} && sha256sum -c --ignore-missing SHA256SUMS`;
}
