// The image cache with the real @actions/cache client (service v2) against
// Azurite and the results service's CacheService.
import { randomBytes } from "node:crypto";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imageCacheKey, restoreImage, saveImage } from "../../src/publish/index.js";
import { startGitHubTestServers, type GitHubTestServers } from "../servers/index.js";
import { captureStdout, makeQcow2, quietActionsCore, sha256File, withEnv } from "./fixtures.js";

let servers: GitHubTestServers;
let restoreEnv: () => void;
let loud: () => void;

beforeAll(async () => {
  loud = quietActionsCore();
  servers = await startGitHubTestServers();
  restoreEnv = withEnv(servers.env);
});

afterAll(async () => {
  restoreEnv?.();
  await servers?.stop();
  loud?.();
});

/** A fresh "result" directory with a qcow2 image and a random-bytes companion file. */
async function makeImageDir(name: string): Promise<{ dir: string; files: string[]; sums: string[] }> {
  const dir = join(servers.workspace, "out", name);
  await mkdir(dir, { recursive: true });
  const files = [join(dir, "nixos.qcow2"), join(dir, "nixos.qcow2.sha256")];
  await makeQcow2(files[0]!, 64);
  await writeFile(files[1]!, randomBytes(300_000));
  return { dir, files, sums: await Promise.all(files.map(sha256File)) };
}

function drv(seed: string): string {
  const alphabet = "0123456789abcdfghijklmnpqrsvwxyz";
  const hash = Array.from(randomBytes(32), (b) => alphabet[b % 32]).join("");
  return `/nix/store/${hash}-nixos-${seed}.drv`;
}

describe("image cache", () => {
  it("builds keys as nixos-generators-<format>-<system>-<drv hash>", () => {
    const path = drv("qcow");
    const hash = path.slice("/nix/store/".length, "/nix/store/".length + 32);
    expect(imageCacheKey("qcow", "x86_64-linux", path)).toBe(`nixos-generators-qcow-x86_64-linux-${hash}`);
    expect(imageCacheKey("qcow", "x86_64-linux", hash)).toBe(`nixos-generators-qcow-x86_64-linux-${hash}`);
    expect(() => imageCacheKey("qcow", "x86_64-linux", "/nix/store/not-a-hash.drv")).toThrow(/not a Nix store derivation/);
    expect(() => imageCacheKey("qcow", "x86_64-linux", `/nix/store/${"e".repeat(32)}-x.drv`)).toThrow(); // 'e' is not nix base32
  });

  it("saves an image and restores identical bytes into the emptied directory", async () => {
    const { dir, files, sums } = await makeImageDir("save-restore");
    const key = imageCacheKey("qcow", "x86_64-linux", drv("a"));
    expect(await saveImage(key, [dir])).toBe(true);
    const entry = servers.results.cacheEntries.find((e) => e.key === key);
    expect(entry?.finalized).toBe(true);
    expect(entry?.size).toBe((await servers.results.readCacheBlob(entry!)).length);

    await rm(dir, { recursive: true });
    await mkdir(dir);
    expect(await readdir(dir)).toEqual([]);
    expect(await restoreImage(key, [dir])).toBe(true);
    expect(await Promise.all(files.map(sha256File))).toEqual(sums);
  });

  it("reports a miss as false, not an error, and restores nothing", async () => {
    const dir = join(servers.workspace, "out", "miss");
    const key = imageCacheKey("raw", "x86_64-linux", drv("miss"));
    const { result, output } = await captureStdout(() => restoreImage(key, [dir]));
    expect(result).toBe(false);
    expect(output).not.toMatch(/::(warning|error)::/);
    const lookup = servers.results.calls.filter((c) => c.method === "GetCacheEntryDownloadURL").at(-1);
    expect(lookup?.request.key).toBe(key);
    expect(lookup?.response.ok).toBe(false);
  });

  it("does not take another derivation's image even when its key starts the same", async () => {
    const { dir } = await makeImageDir("prefix");
    const key = imageCacheKey("qcow", "x86_64-linux", drv("p"));
    expect(await saveImage(`${key}-extra`, [dir])).toBe(true);
    await rm(dir, { recursive: true });
    // GitHub matches the primary key as a prefix too; the layer must refuse that hit.
    expect(await restoreImage(key, [dir])).toBe(false);
  });

  it("a second save of the same key is not a failure", async () => {
    const { dir } = await makeImageDir("twice");
    const key = imageCacheKey("qcow", "aarch64-linux", drv("b"));
    expect(await saveImage(key, [dir])).toBe(true);
    const { result, output } = await captureStdout(() => saveImage(key, [dir]));
    expect(result).toBe(false);
    expect(output).not.toMatch(/::(warning|error)::/);
    expect(output).toContain(`The cache already holds the image as ${key}.`);
    expect(servers.results.cacheEntries.filter((e) => e.key === key)).toHaveLength(1);
    expect(servers.results.calls.filter((c) => c.method === "CreateCacheEntry").at(-1)?.status).toBe(409);
  });

  it("a save the cache refuses (read-only token) is a warning, not a failure", async () => {
    const { dir } = await makeImageDir("read-only");
    const key = imageCacheKey("qcow", "x86_64-linux", drv("c"));
    const restore = withEnv({
      ACTIONS_RUNTIME_TOKEN: servers.results.makeRuntimeToken({ cacheScopes: [{ Scope: "refs/heads/main", Permission: 1 }] }),
    });
    try {
      const { result, output } = await captureStdout(() => saveImage(key, [dir]));
      expect(result).toBe(false);
      expect(output).toMatch(/::warning::.*cache write denied/);
    } finally {
      restore();
    }
    expect(servers.results.cacheEntries.some((e) => e.key === key)).toBe(false);
  });

  it("a cache service that fails is a warning on restore and on save", async () => {
    const { dir } = await makeImageDir("broken");
    const key = imageCacheKey("qcow", "x86_64-linux", drv("d"));
    const restore = withEnv({ ACTIONS_RUNTIME_TOKEN: "not-a-jwt" });
    try {
      const saved = await captureStdout(() => saveImage(key, [dir]));
      expect(saved.result).toBe(false);
      expect(saved.output).toMatch(/::warning::/);
      const restored = await captureStdout(() => restoreImage(key, [dir]));
      expect(restored.result).toBe(false);
      expect(restored.output).toMatch(/::warning::/);
    } finally {
      restore();
    }
  });

  it("without the Actions cache service (no ACTIONS_RESULTS_URL) both just return false", async () => {
    const restore = withEnv({ ACTIONS_RESULTS_URL: undefined, ACTIONS_CACHE_URL: undefined });
    try {
      const key = imageCacheKey("qcow", "x86_64-linux", drv("e"));
      const before = servers.results.calls.length;
      expect(await restoreImage(key, [join(servers.workspace, "none")])).toBe(false);
      expect(await saveImage(key, [join(servers.workspace, "none")])).toBe(false);
      expect(servers.results.calls.length).toBe(before);
    } finally {
      restore();
    }
  });
});
