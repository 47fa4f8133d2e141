// Pull-style reading of a compressed byte stream, for our own decoders: ask
// for n bytes, get them or a "truncated" error that says where.

/** What our own decoders throw: a reason and the compressed offset reached. */
export class CodecError extends Error {
  readonly at: number;
  constructor(message: string, at: number) {
    super(message);
    this.at = at;
  }
}

export class InputReader {
  private readonly it: AsyncIterator<Buffer>;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private done = false;
  /** Compressed bytes consumed so far. */
  offset = 0;
  private capture: Buffer[] | undefined;

  constructor(input: AsyncIterable<Buffer>) {
    this.it = input[Symbol.asyncIterator]();
  }

  fail(message: string): never {
    throw new CodecError(message, this.offset);
  }

  /** True when at least n bytes are buffered (pulling more as needed). */
  async has(n: number): Promise<boolean> {
    while (this.buffered < n && !this.done) {
      const r = await this.it.next();
      if (r.done) {
        this.done = true;
        break;
      }
      if (r.value.length > 0) {
        this.chunks.push(r.value);
        this.buffered += r.value.length;
      }
    }
    return this.buffered >= n;
  }

  async atEnd(): Promise<boolean> {
    return !(await this.has(1));
  }

  /** Exactly n bytes, or a truncation error. */
  async exact(n: number): Promise<Buffer> {
    if (!(await this.has(n))) this.fail(`the stream ends early (truncated): wanted ${n} more bytes, ${this.buffered} left`);
    return this.take(n);
  }

  async byte(): Promise<number> {
    return (await this.exact(1))[0]!;
  }

  /** The next n bytes without consuming them (n must be available). */
  async peek(n: number): Promise<Buffer | undefined> {
    if (!(await this.has(n))) return undefined;
    const first = this.chunks[0]!;
    if (first.length >= n) return first.subarray(0, n);
    return Buffer.concat(this.chunks).subarray(0, n);
  }

  private take(n: number): Buffer {
    let out: Buffer;
    const first = this.chunks[0]!;
    if (first.length > n) {
      out = first.subarray(0, n);
      this.chunks[0] = first.subarray(n);
    } else if (first.length === n) {
      out = first;
      this.chunks.shift();
    } else {
      out = Buffer.allocUnsafe(n);
      let at = 0;
      while (at < n) {
        const c = this.chunks[0]!;
        const k = Math.min(c.length, n - at);
        c.copy(out, at, 0, k);
        at += k;
        if (k === c.length) this.chunks.shift();
        else this.chunks[0] = c.subarray(k);
      }
    }
    this.buffered -= n;
    this.offset += n;
    this.capture?.push(out);
    return out;
  }

  /** Starts keeping a copy of consumed bytes (for a CRC over a structure). */
  startCapture(): void {
    this.capture = [];
  }
  endCapture(): Buffer {
    const b = Buffer.concat(this.capture ?? []);
    this.capture = undefined;
    return b;
  }

  async close(): Promise<void> {
    await this.it.return?.();
  }
}
