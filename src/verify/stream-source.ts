// Random access over a decompressed stream without holding it: the stream is
// read forward on demand, keeping its first MiB (headers), a sliding window of
// the last bytes read (re-reads nearby), and, once the end is seen, its last
// MiB (footers). A read behind the window starts the stream again from the top,
// so checks read in offset order where they can.
import type { ByteSource } from "./source.js";

const HEAD = 1 << 20;
const WINDOW = 1 << 20;
const TAIL = 1 << 20;

export class StreamSource implements ByteSource {
  readonly sequential = true;
  /** How many times the stream was started again for a read behind the window. */
  restarts = 0;

  private readonly open: () => AsyncIterable<Buffer>;
  private it: AsyncIterator<Buffer> | undefined;
  /** Decompressed bytes pulled from the current iterator. */
  private pos = 0;
  private window: Buffer[] = [];
  private windowStart = 0;
  private readonly head = Buffer.alloc(HEAD);
  private headLength = 0;
  private total: number | undefined;
  private tail: Buffer | undefined;
  private failure: { error: unknown; at: number } | undefined;

  constructor(open: () => AsyncIterable<Buffer>) {
    this.open = open;
  }

  /** Reads to the end: the stream's size, or its decoding error thrown. */
  async size(): Promise<number> {
    if (this.total !== undefined) return this.total;
    await this.advanceTo(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY);
    return this.total ?? this.pos;
  }

  /** The stream's size if its end has been seen. */
  get knownSize(): number | undefined {
    return this.total;
  }

  async read(offset: number, length: number): Promise<Buffer> {
    let end = offset + length;
    if (this.total !== undefined) end = Math.min(end, this.total);
    if (end <= offset) return Buffer.alloc(0);
    if (end <= this.headLength) return Buffer.from(this.head.subarray(offset, end));
    if (this.tail && this.total !== undefined && offset >= this.total - this.tail.length) {
      const base = this.total - this.tail.length;
      return Buffer.from(this.tail.subarray(offset - base, end - base));
    }
    if (offset < this.windowStart || !this.it) await this.restart();
    await this.advanceTo(end, offset);
    const stop = Math.min(end, this.pos);
    return this.copyWindow(offset, stop);
  }

  async close(): Promise<void> {
    await this.it?.return?.();
    this.it = undefined;
  }

  private async restart(): Promise<void> {
    if (this.it) {
      this.restarts++;
      await this.it.return?.();
    }
    this.it = this.open()[Symbol.asyncIterator]();
    this.pos = 0;
    this.window = [];
    this.windowStart = 0;
  }

  /** Pulls until `end` bytes have been produced (or the stream ends), keeping bytes from `keepFrom` in the window. */
  private async advanceTo(end: number, keepFrom: number): Promise<void> {
    if (!this.it) await this.restart();
    const it = this.it!;
    if (this.failure && end > this.failure.at) throw this.failure.error;
    while (this.pos < end) {
      let r: IteratorResult<Buffer>;
      try {
        r = await it.next();
      } catch (error) {
        this.failure = { error, at: this.pos };
        throw error;
      }
      if (r.done) {
        this.total = this.pos;
        if (!this.tail) this.tail = this.copyWindow(Math.max(this.windowStart, this.pos - TAIL), this.pos);
        return;
      }
      const chunk = r.value;
      if (chunk.length === 0) continue;
      if (this.pos < HEAD && this.headLength === this.pos) {
        const n = Math.min(chunk.length, HEAD - this.pos);
        chunk.copy(this.head, this.pos, 0, n);
        this.headLength = this.pos + n;
      }
      this.window.push(chunk);
      this.pos += chunk.length;
      // Drop old chunks while the window stays large enough and keeps `keepFrom`.
      let windowBytes = this.pos - this.windowStart;
      for (;;) {
        const first = this.window[0]!;
        if (this.window.length < 2 || windowBytes - first.length < Math.max(WINDOW, TAIL) || this.windowStart + first.length > keepFrom) break;
        this.window.shift();
        this.windowStart += first.length;
        windowBytes -= first.length;
      }
    }
  }

  private copyWindow(from: number, to: number): Buffer {
    const out = Buffer.alloc(Math.max(0, to - from));
    let at = this.windowStart;
    for (const c of this.window) {
      const lo = Math.max(from, at);
      const hi = Math.min(to, at + c.length);
      if (lo < hi) c.copy(out, lo - from, lo - at, hi - at);
      at += c.length;
      if (at >= to) break;
    }
    return out;
  }
}
