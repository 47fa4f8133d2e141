// A zstd stream split into its frames by their headers, without decoding.
// node:zlib's zstd decoder (Node 24) stops after the first frame and drops the
// rest without an error, so each frame goes to a decoder of its own; skippable
// frames are passed over. Frame layout: RFC 8878, section 3.1.
import type { InputReader } from "./input.js";

export const ZSTD_FRAME_MAGIC = 0xfd2fb528;
const SKIPPABLE_MASK = 0xfffffff0;
const SKIPPABLE_MAGIC = 0x184d2a50;
const DICT_ID_BYTES = [0, 1, 2, 4] as const;
const CONTENT_SIZE_BYTES = [0, 2, 4, 8] as const;

/** Skips skippable frames; true when a zstd frame follows, false at the end. */
export async function nextFrame(reader: InputReader): Promise<boolean> {
  for (;;) {
    if (await reader.atEnd()) return false;
    const head = await reader.peek(4);
    if (!head) reader.fail("the stream ends early (truncated): a frame magic number is cut short");
    const magic = head.readUInt32LE(0);
    if (magic === ZSTD_FRAME_MAGIC) return true;
    if ((magic & SKIPPABLE_MASK) !== SKIPPABLE_MAGIC) reader.fail(`not a zstd frame (magic 0x${magic.toString(16).padStart(8, "0")})`);
    await reader.exact(4);
    let left = (await reader.exact(4)).readUInt32LE(0);
    while (left > 0) left -= (await reader.exact(Math.min(left, 1 << 20))).length;
  }
}

/** The bytes of the zstd frame at the reader's position, header, blocks and checksum, as they come. */
export async function* frameBytes(reader: InputReader): AsyncGenerator<Buffer> {
  const start = await reader.exact(5);
  const descriptor = start[4] ?? 0;
  const contentSizeFlag = descriptor >> 6;
  const singleSegment = (descriptor >> 5) & 1;
  const checksum = (descriptor >> 2) & 1;
  if ((descriptor >> 3) & 1) reader.fail("the frame header's reserved bit is set");
  const headerRest =
    (singleSegment ? 0 : 1) +
    (DICT_ID_BYTES[descriptor & 3] ?? 0) +
    (contentSizeFlag === 0 ? singleSegment : (CONTENT_SIZE_BYTES[contentSizeFlag] ?? 0));
  yield Buffer.concat([start, await reader.exact(headerRest)]);
  for (;;) {
    const header = await reader.exact(3);
    yield header;
    const value = header[0]! | (header[1]! << 8) | (header[2]! << 16);
    const type = (value >> 1) & 3;
    if (type === 3) reader.fail("a block of the reserved type 3");
    // An RLE block holds one byte, repeated `size` times; a raw or compressed one `size` bytes.
    const size = type === 1 ? 1 : value >>> 3;
    if (size > 0) yield await reader.exact(size);
    if (value & 1) break;
  }
  if (checksum) yield await reader.exact(4);
}
