// Where the action puts images: out of the read-only Nix store into
// <out-dir>/<format>-<system>/<file>, and in and out of the Actions cache.
// A VM runner (a directory on its /nix/store closure) is not portable: it is
// verified in the store and listed, but neither copied, uploaded nor cached.
//
// Every file operation here is guarded (core/system-error.ts): a full disk, a
// read-only or unreachable out-dir is one UserError naming the path, and a
// copy that fails leaves nothing behind (it is written under a temporary name
// in the same directory and renamed into place).
import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { chmod, copyFile, lstat, mkdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { guarded, isNotThere } from "../core/system-error.js";
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

const INSTEAD = "set out-dir: to a directory on a disk with room for the images";

/**
 * Copies `source` to `file` all or nothing: into a temporary name beside it,
 * then renamed over `file`. On failure the partial copy is removed, and so
 * are the directories this call created.
 */
export async function copyAtomically(source: string, file: string): Promise<void> {
  const created = await mkdir(dirname(file), { recursive: true });
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.part`);
  try {
    await copyFile(source, temp, constants.COPYFILE_FICLONE);
    await chmod(temp, 0o644);
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    if (created !== undefined) await rm(created, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}

/** The pipeline's `place` hook: copy a built image file out of the store; a directory stays where it is. */
export function copyOut(outDir: string) {
  return async (image: ImageOutcome, storePath: string): Promise<string> => {
    const where = `${image.format} (${image.target.system})`;
    const source = await guarded({ problem: `The built image of ${where} cannot be read at ${storePath}`, target: storePath, owner: "runner" }, () => stat(storePath));
    if (source.isDirectory()) return storePath;
    const file = outDirPath(outDir, image, image.fileName);
    await guarded({ problem: `Copying the image of ${where} to ${file} failed`, target: file, owner: "user", instead: INSTEAD }, () => copyAtomically(storePath, file));
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
    const context = { problem: `Restoring the image of ${image.format} (${image.target.system}) from the cache to ${file} failed`, target: file, owner: "user" as const, instead: INSTEAD };
    const before = await guarded(context, () => lstat(file).then(() => true, (error: unknown) => (isNotThere(error) ? false : Promise.reject(error))));
    if (await restoreImage(key, [file])) return file;
    // A restore that failed part way (a full disk) may have left part of the file: it goes.
    if (!before) await guarded(context, () => rm(file, { force: true }));
    return undefined;
  };
}

/** Saves the images this run built (and copied out) to the cache. */
export async function saveToCache(images: readonly ImageOutcome[]): Promise<void> {
  for (const image of images) {
    const key = cacheKeyOf(image);
    if (key === undefined || image.status !== "built" || !isPortable(image) || image.file === undefined) continue;
    const file = image.file;
    // saveImage turns the cache service's failures into warnings; what is left is the runner's own disk.
    await guarded({ problem: `Saving the image ${file} to the Actions cache failed`, target: process.env.RUNNER_TEMP || file, owner: "runner" }, () => saveImage(key, [file]));
  }
}
