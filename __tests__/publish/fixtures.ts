// Image-shaped files for the publishing tests, helpers to look at them, and the
// release tests' shared set-up (releaseBench).
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as zlib from "node:zlib";
import { afterAll, afterEach, beforeAll } from "vitest";
import { loadCatalogue, type Format } from "../../src/core/catalogue.js";
import type { ReleaseOptions } from "../../src/publish/index.js";
import { GITHUB_MAX_ASSET_BYTES, startGitHubRestStub, type GitHubRestOptions, type GitHubRestStub } from "../servers/github-rest.js";

export function format(name: string): Format {
  const found = loadCatalogue().lookup(name);
  if (!found) throw new Error(`no format ${name} in the catalogue`);
  return found;
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export function sha256(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function hasQemuImg(): boolean {
  try {
    execFileSync("qemu-img", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/**
 * An empty qcow2 image of `virtualMiB` MiB: qemu-img's own when it is
 * installed, else one written here (v3 header, refcount table and block,
 * empty L1 table: `qemu-img check` finds no errors in it).
 */
export async function makeQcow2(path: string, virtualMiB: number): Promise<void> {
  if (hasQemuImg()) {
    execFileSync("qemu-img", ["create", "-q", "-f", "qcow2", path, `${virtualMiB}M`]);
    return;
  }
  const header = Buffer.alloc(512 * 1024);
  header.write("QFI\xfb", 0, "latin1");
  header.writeUInt32BE(3, 4); // version
  header.writeUInt32BE(16, 20); // cluster_bits: 64 KiB clusters
  header.writeBigUInt64BE(BigInt(virtualMiB) * 1024n * 1024n, 24); // size
  header.writeUInt32BE(1, 36); // l1_size
  header.writeBigUInt64BE(0x30000n, 40); // l1_table_offset
  header.writeBigUInt64BE(0x10000n, 48); // refcount_table_offset
  header.writeUInt32BE(1, 56); // refcount_table_clusters
  header.writeUInt32BE(4, 96); // refcount_order
  header.writeUInt32BE(104, 100); // header_length
  header.writeBigUInt64BE(0x20000n, 0x10000); // refcount table -> block
  for (let cluster = 0; cluster < 4; cluster++) header.writeUInt16BE(1, 0x20000 + cluster * 2);
  await writeFile(path, header.subarray(0, 0x40000));
}

/** A sparse raw disk of `sizeMiB` MiB with an MBR boot signature and some random "file system" data. */
export async function makeRawDisk(path: string, sizeMiB: number): Promise<void> {
  const file = await open(path, "w");
  try {
    await file.truncate(sizeMiB * 1024 * 1024);
    const mbr = Buffer.alloc(512);
    mbr.writeUInt8(0x83, 446 + 4); // one Linux partition
    mbr.writeUInt32LE(2048, 446 + 8);
    mbr.writeUInt32LE(sizeMiB * 2048 - 2048, 446 + 12);
    mbr.writeUInt16LE(0xaa55, 510);
    await file.write(mbr, 0, 512, 0);
    await file.write(randomBytes(256 * 1024), 0, 256 * 1024, 1024 * 1024);
  } finally {
    await file.close();
  }
}

/** Random (incompressible) bytes, zstd-compressed: the shape of an .img.zst / .vma.zst. */
export async function makeZstd(path: string, bytes: number): Promise<void> {
  const data = randomBytes(bytes);
  const zstd = (zlib as unknown as { zstdCompressSync?: (b: Buffer) => Buffer }).zstdCompressSync;
  if (zstd) {
    await writeFile(path, zstd(data));
  } else {
    await writeFile(path, execFileSync("zstd", ["-q", "-c", "-"], { input: data, maxBuffer: bytes * 2 }));
  }
}

/** Random bytes, gzip-compressed: the shape of a .qcow2.gz / .img.gz. */
export async function makeGzip(path: string, bytes: number): Promise<void> {
  await writeFile(path, zlib.gzipSync(randomBytes(bytes)));
}

/** What @actions/core printed to stdout while `run` ran (workflow commands like ::warning::). */
export async function captureStdout<T>(run: () => Promise<T>): Promise<{ result: T; output: string }> {
  const original = process.stdout.write.bind(process.stdout);
  let output = "";
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    output += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    return original(chunk, ...(rest as []));
  }) as typeof process.stdout.write;
  try {
    const result = await run();
    return { result, output };
  } finally {
    process.stdout.write = original;
  }
}

/** Sets `vars` in process.env; the returned function puts the old values back. */
export function withEnv(vars: Record<string, string | undefined>): () => void {
  const saved = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(vars)) {
    saved.set(name, process.env[name]);
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

/**
 * Drops the ::debug:: and ::add-mask:: workflow commands @actions/core writes
 * to stdout (the runner hides them; here they would flood the test log).
 */
export function quietActionsCore(): () => void {
  const original = process.stdout.write;
  const forward = original.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    if (/^::(debug|add-mask)::/.test(text) || /^Uploaded bytes \d+/.test(text)) return true;
    return forward(chunk, ...(rest as []));
  }) as typeof process.stdout.write;
  return () => {
    process.stdout.write = original;
  };
}

/** An image file a release test uploads: its name in the test's temporary directory, and how to write it. */
export interface BenchImage {
  name: string;
  make(path: string): Promise<void>;
}

export const zstdImage = (name: string, bytes: number): BenchImage => ({ name, make: (path) => makeZstd(path, bytes) });
export const qcow2Image = (name: string, virtualMiB: number): BenchImage => ({ name, make: (path) => makeQcow2(path, virtualMiB) });

/** Fast waits: the stand-in's faults are the real ones, only the clocks are shorter. */
export const FAST_RELEASE = {
  retryDelayMs: 10,
  retryBaseMs: 10,
  rateLimitSecondMs: 50,
  writeSpacingMs: 0,
  timeoutMs: 2000,
  stallTimeoutMs: 1000,
  answerTimeoutMs: 1000,
} satisfies Partial<ReleaseOptions>;

export interface ReleaseBench<K extends string> {
  /** The REST stand-in (started in beforeAll). */
  readonly github: GitHubRestStub;
  /** The temporary directory the images are in (removed in afterAll). */
  readonly dir: string;
  /** Each image's path. */
  readonly images: Record<K, string>;
  /** The waits every upload in the file uses. */
  readonly fast: typeof FAST_RELEASE;
  /** Release options for `tag` with the write token and the fast waits. */
  options(tag: string, extra?: Partial<ReleaseOptions>): ReleaseOptions;
}

/**
 * The set-up every release test file shares, as vitest hooks: the GitHub REST
 * stand-in, the images in a temporary directory, GITHUB_API_URL /
 * GITHUB_REPOSITORY / GITHUB_SHA pointing at it; after each test the releases
 * are dropped and the stand-in's limits put back; after all, everything is
 * stopped, removed and restored.
 */
export function releaseBench<K extends string>(spec: {
  prefix: string;
  stub: GitHubRestOptions;
  /** GITHUB_REPOSITORY: the repository the uploads go to unless told. */
  repository: string;
  images: Record<K, BenchImage>;
  fast?: Partial<typeof FAST_RELEASE>;
}): ReleaseBench<K> {
  let github: GitHubRestStub | undefined;
  let dir: string | undefined;
  let restoreEnv: (() => void) | undefined;
  const images = {} as Record<K, string>;
  const fast = { ...FAST_RELEASE, ...spec.fast };
  const started = (): GitHubRestStub => {
    if (!github) throw new Error("releaseBench: the stand-in is started in beforeAll");
    return github;
  };

  beforeAll(async () => {
    github = await startGitHubRestStub(spec.stub);
    dir = await mkdtemp(join(tmpdir(), spec.prefix));
    for (const [key, image] of Object.entries(spec.images) as Array<[K, BenchImage]>) {
      images[key] = join(dir, image.name);
      await image.make(images[key]);
    }
    restoreEnv = withEnv({ GITHUB_API_URL: github.apiUrl, GITHUB_REPOSITORY: spec.repository, GITHUB_SHA: "c0ffee0000000000000000000000000000000000" });
  });

  afterAll(async () => {
    restoreEnv?.();
    await github?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    github?.releases.splice(0);
    github?.configure({ maxAssetBytes: spec.stub.maxAssetBytes ?? GITHUB_MAX_ASSET_BYTES, digests: spec.stub.digests ?? true });
  });

  return {
    get github() {
      return started();
    },
    get dir() {
      if (!dir) throw new Error("releaseBench: the directory is made in beforeAll");
      return dir;
    },
    images,
    fast,
    options: (tag, extra = {}) => ({ token: started().tokens.write, tag, ...fast, ...extra }),
  };
}
