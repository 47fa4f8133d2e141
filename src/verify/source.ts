// Random access to the bytes of an image, whatever holds them: a file (positioned
// reads), a window of another source (a tar member), a sparse member's map, or a
// decompressed stream (see stream-source.ts). Nothing here reads a whole file.
import { open, type FileHandle } from "node:fs/promises";
import type { Checks } from "./checks.js";
import { bytes } from "./bytes.js";

export interface ByteSource {
  /** Total bytes. For a decompressed stream this reads to its end the first time. */
  size(): Promise<number>;
  /** Up to `length` bytes from `offset`: fewer only where the source ends. */
  read(offset: number, length: number): Promise<Buffer>;
  /** Reading backwards is costly (a stream restarts): check in offset order where it is cheap to. */
  readonly sequential: boolean;
  close?(): Promise<void>;
}

export class FileSource implements ByteSource {
  readonly sequential = false;
  private readonly fh: FileHandle;
  private readonly length: number;
  private constructor(fh: FileHandle, length: number) {
    this.fh = fh;
    this.length = length;
  }

  static async open(path: string): Promise<FileSource> {
    const fh = await open(path, "r");
    const st = await fh.stat();
    return new FileSource(fh, st.size);
  }

  size(): Promise<number> {
    return Promise.resolve(this.length);
  }

  async read(offset: number, length: number): Promise<Buffer> {
    const n = Math.max(0, Math.min(length, this.length - offset));
    const buf = Buffer.alloc(n);
    let done = 0;
    while (done < n) {
      const { bytesRead } = await this.fh.read(buf, done, n - done, offset + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return done === n ? buf : buf.subarray(0, done);
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}

export class BufferSource implements ByteSource {
  readonly sequential = false;
  private readonly buf: Buffer;
  constructor(buf: Buffer) {
    this.buf = buf;
  }
  size(): Promise<number> {
    return Promise.resolve(this.buf.length);
  }
  read(offset: number, length: number): Promise<Buffer> {
    return Promise.resolve(this.buf.subarray(offset, Math.min(this.buf.length, offset + length)));
  }
}

/** `length` bytes of `parent` from `start` (a tar member, a partition). */
export class SliceSource implements ByteSource {
  readonly sequential: boolean;
  private readonly parent: ByteSource;
  private readonly start: number;
  private readonly length: number;
  constructor(parent: ByteSource, start: number, length: number) {
    this.parent = parent;
    this.start = start;
    this.length = length;
    this.sequential = parent.sequential;
  }
  size(): Promise<number> {
    return Promise.resolve(this.length);
  }
  read(offset: number, length: number): Promise<Buffer> {
    const n = Math.max(0, Math.min(length, this.length - offset));
    return this.parent.read(this.start + offset, n);
  }
}

export interface SparseRegion {
  /** Offset in the member's real (expanded) contents. */
  offset: number;
  length: number;
}

/** A sparse tar member: stored regions back to back in `parent` from `start`, holes read as zeros. */
export class SparseSource implements ByteSource {
  readonly sequential: boolean;
  private readonly stored: number[] = [];
  private readonly parent: ByteSource;
  private readonly start: number;
  private readonly regions: readonly SparseRegion[];
  private readonly realSize: number;
  constructor(parent: ByteSource, start: number, regions: readonly SparseRegion[], realSize: number) {
    this.parent = parent;
    this.start = start;
    this.regions = regions;
    this.realSize = realSize;
    this.sequential = parent.sequential;
    let at = 0;
    for (const r of regions) {
      this.stored.push(at);
      at += r.length;
    }
  }
  size(): Promise<number> {
    return Promise.resolve(this.realSize);
  }
  async read(offset: number, length: number): Promise<Buffer> {
    const end = Math.min(this.realSize, offset + length);
    if (end <= offset) return Buffer.alloc(0);
    const out = Buffer.alloc(end - offset);
    for (let i = 0; i < this.regions.length; i++) {
      const r = this.regions[i]!;
      const lo = Math.max(offset, r.offset);
      const hi = Math.min(end, r.offset + r.length);
      if (lo >= hi) continue;
      const data = await this.parent.read(this.start + this.stored[i]! + (lo - r.offset), hi - lo);
      data.copy(out, lo - offset);
    }
    return out;
  }
}

/**
 * `length` bytes at `offset`, or undefined after a finding that the image ends
 * before them (a truncated file).
 */
export async function readOrFail(src: ByteSource, c: Checks, what: string, offset: number, length: number): Promise<Buffer | undefined> {
  const b = await src.read(offset, length);
  if (b.length === length) return b;
  c.fail(`${what}.truncated`, `${length} bytes at offset ${offset}`, `the image ends at ${bytes(offset + b.length)}`, offset);
  return undefined;
}

/** The bytes [offset, offset+length) in chunks of at most `chunk`, for hashing. */
export async function* readChunks(src: ByteSource, offset: number, length: number, chunk = 1 << 20): AsyncGenerator<Buffer> {
  let at = offset;
  const end = offset + length;
  while (at < end) {
    const b = await src.read(at, Math.min(chunk, end - at));
    if (b.length === 0) return;
    yield b;
    at += b.length;
  }
}
