// Images in the Actions cache, keyed by the derivation that builds them: the
// same derivation gives the same image, so a hit skips the build.
import { access } from "node:fs/promises";
import { resolve } from "node:path";
import * as cache from "@actions/cache";
import * as core from "@actions/core";

const NIX_HASH = /^[0-9a-df-np-sv-z]{32}$/;

/** The hash part of a derivation (a /nix/store/<hash>-<name>.drv path, or the bare hash). */
export function derivationHash(drv: string): string {
  const name = drv.trim().replace(/^.*\//, "");
  const hash = name.slice(0, 32);
  if (!NIX_HASH.test(hash) || (name.length > 32 && name[32] !== "-")) {
    throw new Error(`not a Nix store derivation path or hash: '${drv}'`);
  }
  return hash;
}

/** nixos-generators-<format>-<system>-<drv hash>. */
export function imageCacheKey(format: string, system: string, drv: string): string {
  return `nixos-generators-${format}-${system}-${derivationHash(drv)}`;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function allExist(paths: readonly string[]): Promise<boolean> {
  const found = await Promise.all(paths.map((p) => access(p).then(() => true, () => false)));
  return found.every(Boolean);
}

/**
 * Restores the image files saved under `key` to `paths` (absolute, the same
 * paths they were saved from). True on a hit; a miss, or a cache service that
 * is not there or fails, gives false (with a warning for a failure).
 */
export async function restoreImage(key: string, paths: readonly string[]): Promise<boolean> {
  if (!cache.isFeatureAvailable()) {
    core.info(`The Actions cache is not available here; not looking up ${key}.`);
    return false;
  }
  const absolute = paths.map((p) => resolve(p));
  let matched: string | undefined;
  try {
    matched = await cache.restoreCache(absolute, key);
  } catch (error) {
    core.warning(`Could not look up the cached image ${key}: ${message(error)}.`);
    return false;
  }
  if (matched === undefined) {
    core.info(`No cached image for ${key}.`);
    return false;
  }
  if (matched !== key) {
    // Only a prefix of another key matched: a different derivation's image.
    core.warning(`The cache offered ${matched} for ${key}; not using it.`);
    return false;
  }
  if (!(await allExist(absolute))) {
    core.warning(`The cached image ${key} did not hold all of ${absolute.join(", ")}; not using it.`);
    return false;
  }
  core.info(`Restored the image from the cache (${key}).`);
  return true;
}

/**
 * Saves the image files under `key`. Never fails the run: false and a
 * warning when the cache could not take it; false and a note when the cache
 * holds an entry for the key already (the same derivation, cached before).
 */
export async function saveImage(key: string, paths: readonly string[]): Promise<boolean> {
  if (!cache.isFeatureAvailable()) {
    core.info(`The Actions cache is not available here; not saving ${key}.`);
    return false;
  }
  const absolute = paths.map((p) => resolve(p));
  let id: number;
  try {
    id = await cache.saveCache(absolute, key);
  } catch (error) {
    core.warning(`Could not save the image to the cache as ${key}: ${message(error)}. The build is not affected.`);
    return false;
  }
  if (id === -1) {
    // The client reports every refused reservation alike ("another job may be
    // creating this cache"), a rejected token as much as an entry that
    // exists: ask whether the entry is there.
    const existing = await cache.restoreCache(absolute, key, [], { lookupOnly: true }).catch(() => undefined);
    if (existing === key) {
      core.info(`The cache already holds the image as ${key}.`);
    } else {
      core.warning(`The image could not be saved to the cache as ${key}; the build is not affected.`);
    }
    return false;
  }
  core.info(`Saved the image to the cache as ${key}.`);
  return true;
}
