// The byte-level pieces: checksums, the xz and zstd decoders (against the real
// xz and zstd tools), the stream source's random access, the tar reader.
import { randomBytes } from "node:crypto";
import { createReadStream, readFileSync, writeFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { Checks } from "../../src/verify/checks.js";
import { decompress, DecompressError } from "../../src/verify/codec/decompress.js";
import { xzDecompress } from "../../src/verify/codec/xz.js";
import { Crc64, crc32, crc32c } from "../../src/verify/crc.js";
import { StreamSource } from "../../src/verify/stream-source.js";
import { FileSource } from "../../src/verify/source.js";
import { walkTar, type TarEntry, type TarSummary } from "../../src/verify/tar.js";
import * as f from "./fixtures.js";

let dir = "";
let cleanup = (): void => {};
const p = (name: string): string => `${dir}/${name}`;
let text: Buffer;
let mixed: Buffer;

async function collect(it: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const b of it) parts.push(b);
  return Buffer.concat(parts);
}

const file = (path: string): AsyncIterable<Buffer> => createReadStream(path, { highWaterMark: 64 * 1024 });

async function* once(b: Buffer): AsyncGenerator<Buffer> {
  yield b;
}

beforeAll(() => {
  f.ensureTools();
  ({ dir, cleanup } = f.tempDir("codec"));
  const lines: string[] = [];
  for (let i = 0; i < 20000; i++) lines.push(`line ${i}: the quick brown fox ${i % 97} jumps over ${(i * 7) % 13}`);
  text = Buffer.from(lines.join("\n"));
  mixed = Buffer.concat([text.subarray(0, 300000), randomBytes(400000), text]);
  writeFileSync(p("text"), text);
  writeFileSync(p("mixed"), mixed);
});
afterAll(() => cleanup());

describe("checksums", () => {
  test("CRC-32, CRC-32C, CRC-64/XZ and XXH64 check values", () => {
    const nine = Buffer.from("123456789");
    expect(crc32(nine)).toBe(0xcbf43926);
    expect(crc32c(nine)).toBe(0xe3069283);
    expect(crc32(nine.subarray(4), crc32(nine.subarray(0, 4)))).toBe(0xcbf43926);
    const c64 = new Crc64();
    c64.update(nine);
    expect(c64.digest().readBigUInt64LE(0)).toBe(0x995dc9bbdf1939fan);
  });
});

describe("xz", () => {
  test("decodes what xz wrote: presets, check types, blocks, concatenated streams, padding", async () => {
    const cases: [string, string, string[]][] = [
      ["text", "t0", ["-0", "-C", "crc32"]],
      ["text", "t9", ["-9", "-C", "sha256"]],
      ["mixed", "m6", ["-6"]],
      ["mixed", "none", ["-1", "-C", "none"]],
      ["mixed", "blocks", ["-T2", "--block-size=300KiB"]],
    ];
    for (const [src, name, args] of cases) {
      writeFileSync(p(`${name}.xz`), f.run("xz", ["-c", ...args, p(src)]));
      const got = await collect(xzDecompress(file(p(`${name}.xz`))));
      expect(got.equals(src === "text" ? text : mixed), `${name}.xz`).toBe(true);
    }
    // Two streams back to back, with stream padding between and after.
    writeFileSync(p("cat.xz"), Buffer.concat([readFileSync(p("t0.xz")), Buffer.alloc(8), readFileSync(p("m6.xz")), Buffer.alloc(4)]));
    expect((await collect(xzDecompress(file(p("cat.xz"))))).equals(Buffer.concat([text, mixed]))).toBe(true);
  });

  test("corrupt, truncated and non-xz input are errors with an offset", async () => {
    const good = readFileSync(p("m6.xz"));
    const bad = Buffer.from(good);
    bad[Math.floor(bad.length / 3)]! ^= 0x55;
    await expect(collect(decompress("xz", once(bad)))).rejects.toBeInstanceOf(DecompressError);
    const err = await collect(decompress("xz", once(good.subarray(0, good.length - 30)))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DecompressError);
    expect((err as DecompressError).reason).toMatch(/truncated/);
    expect((err as DecompressError).at).toBeGreaterThan(0);
    await expect(collect(decompress("xz", once(Buffer.from("not xz at all"))))).rejects.toThrow(/bad magic|truncated/);
    await expect(collect(decompress("xz", once(Buffer.concat([good, Buffer.from("junk")]))))).rejects.toThrow(/garbage|padding|truncated/);
  });
});

describe("zstd", () => {
  test("node:zlib's decoder, through decompress(), matches zstd: levels, no checksum, long window, frames", async () => {
    const cases: [string, string, string[]][] = [
      ["mixed", "l1", ["-1"]],
      ["text", "l19", ["-19"]],
      ["mixed", "nocheck", ["-3", "--no-check"]],
      ["text", "long", ["--long=24", "-5"]],
    ];
    for (const [src, name, args] of cases) {
      writeFileSync(p(`${name}.zst`), f.run("zstd", ["-q", "-c", ...args, p(src)]));
      const got = await collect(decompress("zstd", file(p(`${name}.zst`))));
      expect(got.equals(src === "text" ? text : mixed), `${name}.zst`).toBe(true);
    }
    // Two frames and a skippable frame.
    const skippable = Buffer.alloc(12);
    skippable.writeUInt32LE(0x184d2a50, 0);
    skippable.writeUInt32LE(4, 4);
    writeFileSync(p("cat.zst"), Buffer.concat([readFileSync(p("l1.zst")), skippable, readFileSync(p("l19.zst"))]));
    expect((await collect(decompress("zstd", file(p("cat.zst"))))).equals(Buffer.concat([mixed, text]))).toBe(true);
  });

  test("corrupt data fails its checks; a cut stream is truncated", async () => {
    const good = readFileSync(p("l19.zst"));
    for (const at of [Math.floor(good.length / 2), good.length - 6, good.length - 2]) {
      const bad = Buffer.from(good);
      bad[at]! ^= 0x40;
      await expect(collect(decompress("zstd", once(bad))), `flip at ${at}`).rejects.toBeInstanceOf(DecompressError);
    }
    await expect(collect(decompress("zstd", once(good.subarray(0, good.length - 100))))).rejects.toThrow(/truncated/);
  });
});

describe("stream source", () => {
  test("random reads over a gzip stream, forward and back, and its size", async () => {
    const data = Buffer.concat([randomBytes(3 << 20), Buffer.alloc(2 << 20, 7), randomBytes(1 << 20)]);
    writeFileSync(p("data"), data);
    f.compress("gzip", p("data"));
    const src = new StreamSource(() => decompress("gzip", file(p("data.gz"))));
    const reads: [number, number][] = [
      [0, 512],
      [100, 4096],
      [2 << 20, 100],
      [(3 << 20) - 10, 20],
      [5 << 20, 1 << 20],
      [1 << 20, 64],
      [(6 << 20) - 5, 100],
    ];
    for (const [off, len] of reads) {
      expect((await src.read(off, len)).equals(data.subarray(off, off + len)), `read ${off}+${len}`).toBe(true);
    }
    expect(src.restarts).toBe(1);
    expect(await src.size()).toBe(data.length);
    expect((await src.read(data.length - 300, 1000)).equals(data.subarray(data.length - 300))).toBe(true);
    await src.close();
  });
});

describe("tar reader", () => {
  test("GNU long names, pax paths, symlinks, and where data lies", async () => {
    const long = `${"d".repeat(60)}/${"e".repeat(60)}/${"f".repeat(60)}.txt`;
    f.writeTree(p("t"), { [long]: "long\n", "link": { link: "/nix/store/x" }, "small.txt": "hello tar\n" });
    for (const format of ["gnu", "posix", "ustar"]) {
      const out = p(`t-${format}.tar`);
      f.tarOf(out, p("t"), ["small.txt", "link", long], [`--format=${format}`]);
      const src = await FileSource.open(out);
      const c = new Checks();
      const summary: TarSummary = { entries: 0, end: 0, endMarker: false, broken: false };
      const entries: TarEntry[] = [];
      for await (const e of walkTar(src, c, summary)) entries.push(e);
      expect(c.findings).toEqual([]);
      expect(summary.endMarker).toBe(true);
      expect(entries.map((e) => e.name)).toEqual(["small.txt", "link", long]);
      expect(entries[1]).toMatchObject({ type: "2", linkName: "/nix/store/x" });
      const small = entries[0]!;
      expect((await src.read(small.dataOffset, small.size)).toString()).toBe("hello tar\n");
      await src.close();
    }
  });
});
