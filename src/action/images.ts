// Where the action puts images: out of the read-only Nix store into
// <out-dir>/<format>-<system>/<file>, and in and out of the Actions cache.
// A VM runner (a directory on its /nix/store closure) is not portable: it is
// verified in the store and listed, but neither copied, uploaded nor cached.
import { constants } from "node:fs";
import { chmod, copyFile, mkdir, rm, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { imageCacheKey, restoreImage, saveImage } from "../publish/index.js";
import type { ImageOutcome } from "../pipeline/pipeline.js";

/** <out-dir>/<format>-<system>/<file>; the file name is a base name, so nothing lands outside out-dir. */
export function outDirPath(outDir: string, image: Pick<ImageOutcome, "format" | "target">, fileName: string): string {
  return join(outDir, `${image.format}-${image.target.system}`, basename(fileName));
}

/** Whether the image left the store (copied to out-dir or restored there); a VM runner does not. */
export function isPortable(image: ImageOutcome): boolean {
  return image.file !== undefined && image.file !== image.storePath;
}

/** What is published: the portable images that passed. */
export function isPublishable(image: ImageOutcome): boolean {
  return isPortable(image) && image.failure === undefined;
}

/** The pipeline's `place` hook: copy a built image file out of the store; a directory stays where it is. */
export function copyOut(outDir: string) {
  return async (image: ImageOutcome, storePath: string): Promise<string> => {
    if ((await stat(storePath)).isDirectory()) return storePath;
    const file = outDirPath(outDir, image, image.fileName);
    await mkdir(join(file, ".."), { recursive: true });
    await rm(file, { force: true });
    await copyFile(storePath, file, constants.COPYFILE_FICLONE);
    await chmod(file, 0o644);
    return file;
  };
}

/** The cache key of an image whose file name is known before the build (not a VM runner, not found by extension). */
function cacheKeyOf(image: ImageOutcome): string | undefined {
  const format = image.target.format;
  if (format.kind === "catalogue" && format.entry.container === "vm-runner") return undefined;
  if (image.evaluated.imageSearch !== null) return undefined;
  return imageCacheKey(image.format, image.target.system, image.evaluated.drvPath);
}

/** The pipeline's `restore` hook: the image from the Actions cache, by its derivation. */
export function restoreFromCache(outDir: string) {
  return async (image: ImageOutcome): Promise<string | undefined> => {
    const key = cacheKeyOf(image);
    if (key === undefined) return undefined;
    const file = outDirPath(outDir, image, image.fileName);
    return (await restoreImage(key, [file])) ? file : undefined;
  };
}

/** Saves the images this run built (and copied out) to the cache. */
export async function saveToCache(images: readonly ImageOutcome[]): Promise<void> {
  for (const image of images) {
    const key = cacheKeyOf(image);
    if (key === undefined || image.status !== "built" || !isPortable(image) || image.file === undefined) continue;
    await saveImage(key, [image.file]);
  }
}
