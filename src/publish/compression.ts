// How hard the artifact zip compresses an image.
import { ExitCode, UserError } from "../core/errors.js";
import type { ImageFile } from "./image.js";

/**
 * Zip (deflate) level for images that are not compressed already.
 * Level 1 rather than the artifact client's 6: disk images are mostly zero
 * blocks and file-system data, where level 1 keeps nearly all of the size
 * saving of 6 at a fraction of the CPU time (a runner has 2-4 cores, and a
 * raw image is gigabytes).
 */
export const DEFAULT_ZIP_COMPRESSION_LEVEL = 1;

/**
 * Containers whose payload is compressed even though the file itself is not
 * (catalogue compression "none"): an ISO holds a squashfs, an OVA a
 * stream-optimised (deflated) VMDK, a kexec bundle a compressed initrd.
 * Deflating them again costs CPU and saves close to nothing.
 */
export const PRECOMPRESSED_CONTAINERS: ReadonlySet<string> = new Set(["iso", "ova", "kexec-bundle"]);

/** Checks a user-given zip level (0-9). */
export function checkCompressionLevel(level: number): void {
  if (!Number.isInteger(level) || level < 0 || level > 9) {
    throw new UserError(
      `The artifact compression level ${level} is not an integer from 0 to 9.`,
      "Give 0 (store, fastest) to 9 (smallest), or leave it unset.",
      ExitCode.usage,
    );
  }
}

/**
 * The zip level for one image: 0 (stored as is) for an image that is already
 * compressed (catalogue compression other than "none", or a precompressed
 * container), otherwise `level` (default DEFAULT_ZIP_COMPRESSION_LEVEL).
 */
export function zipCompressionLevel(
  format: Pick<ImageFile["format"], "compression" | "container">,
  level: number = DEFAULT_ZIP_COMPRESSION_LEVEL,
): number {
  checkCompressionLevel(level);
  if (format.compression !== "none" || PRECOMPRESSED_CONTAINERS.has(format.container)) return 0;
  return level;
}
