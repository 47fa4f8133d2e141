// Disk space, before building: the images go to the Nix store, are made in
// Nix's build directory and are copied to out-dir. When a filesystem holding
// these has less free space (statfs) than the plan needs, stop early (exit 4)
// with both numbers and the fix, instead of Nix's "No space left on device"
// after minutes of building. With free-disk-space: true, first remove the
// hosted runner image's big preinstalled SDKs (a fixed list, below) through
// sudo.
//
// The estimate, per image (MiB): a format that takes a disk size, given as a
// number: that size for an uncompressed raw or VHD disk (a fixed-size file,
// copied out whole), else at most IMAGE_MIB of its container; otherwise
// IMAGE_MIB of its container (a minimal configuration's image, rounded up).
// Per filesystem, what lies on it adds up:
//   Nix store  STORE_BASE_MIB per system (the system's closure and the image
//              tools: QEMU, the VM kernel, mkfs…) + every image;
//   build dir  the largest image (Nix >= 2.30 builds in /nix/var/nix/builds,
//              older ones in TMPDIR; `build-dir` when set);
//   out-dir    every image (the copy), and with compress: zstd | xz the
//              compressed copy written beside each image that is not
//              compressed already and leaves the store (not a VM runner):
//              at most the image's own size (incompressible data), so the
//              image's estimate bounds it.
// So an image counts twice (store + copy), three times where the build
// directory shares the filesystem (and once more for a compressed copy). A configuration with a large closure
// needs more than this; Nix's own out-of-space failure is still reported
// (src/nix/build-cause.ts).
import { lstat, realpath, stat, statfs } from "node:fs/promises";
import { dirname, isAbsolute, join, normalize } from "node:path";
import type { Container } from "../core/catalogue.js";
import { ExitCode, UserError } from "../core/errors.js";
import { targetSystems, type GenerateRequest, type Target } from "../core/request.js";
import type { CompressChoice } from "../pipeline/compress.js";
import { parseNixVersion, versionAtLeast } from "../nix/version.js";
import { execAsRoot } from "./exec.js";
import { readNixSettings } from "./nix-config.js";

/** The store's and the system closure's share per system. */
export const STORE_BASE_MIB = 2048;
/** A custom format's image, when nothing is known of it. */
export const CUSTOM_IMAGE_MIB = 2048;
/** An image of each container, for a minimal configuration (rounded up). */
export const IMAGE_MIB: Readonly<Record<Container, number>> = {
  qcow2: 2048,
  "raw-mbr": 2048,
  "raw-gpt": 2048,
  "fs-ext4": 2048,
  vhd: 2048,
  vhdx: 2048,
  vmdk: 2048,
  ova: 2048,
  "vagrant-box": 2048,
  vma: 2048,
  "gce-tar": 2048,
  "sd-image": 2048,
  iso: 1536,
  "rootfs-tar": 1024,
  "kexec-tar": 1024,
  "kexec-bundle": 1024,
  "lxc-metadata": 1,
  // A script that starts QEMU; the VM's disk is made when it runs.
  "vm-runner": 1,
};
/** Containers that are a fixed-size file of the disk size when not compressed. */
const FIXED_SIZE: ReadonlySet<Container> = new Set<Container>(["raw-mbr", "raw-gpt", "fs-ext4", "vhd"]);

/**
 * What free-disk-space: true removes: the hosted Ubuntu runner image's big
 * SDKs this action never uses, from the image's documented contents
 * (github.com/actions/runner-images, images/ubuntu):
 * - /usr/share/dotnet: the .NET SDKs (scripts/build/install-dotnetcore-sdk.sh);
 * - /usr/local/lib/android: the Android SDK and NDKs (Ubuntu2404-Readme.md: ANDROID_HOME=/usr/local/lib/android/sdk);
 * - /opt/ghc: GHC on older images (ppa:hvr/ghc installs there);
 * - /usr/local/.ghcup: GHCup, GHC, Cabal (scripts/build/install-haskell.sh: GHCUP_INSTALL_BASE_PREFIX=/usr/local);
 * - /opt/hostedtoolcache/CodeQL: the CodeQL bundle (scripts/build/install-codeql-bundle.sh: $AGENT_TOOLSDIRECTORY/CodeQL).
 * Nothing outside this list is ever removed.
 */
export const RUNNER_BIG_DIRECTORIES = ["/usr/share/dotnet", "/usr/local/lib/android", "/opt/ghc", "/usr/local/.ghcup", "/opt/hostedtoolcache/CodeQL"] as const;

/** Where things are (settings for tests; the defaults are the real places). */
export interface DiskPlaces {
  /** Where the Nix store lives (/nix; NIXOS_GENERATORS_NIX_DIR). */
  nixDir: string;
  /** Nix's build directory. */
  buildDir: string;
  outDir: string;
}

export interface SpaceNeed {
  role: "Nix store" | "build directory" | "out-dir" | "compressed copies";
  path: string;
  mib: number;
}

/** One filesystem: its free space and what the plan puts on it. */
export interface FilesystemSpace {
  /** The path measured (the first existing one of the needs' paths or their parents). */
  path: string;
  freeMiB: number;
  needMiB: number;
  needs: SpaceNeed[];
}

/** The estimated size of one image (MiB); see the head of this file. */
export function imageMiB(target: Target, diskSize: GenerateRequest["diskSize"]): number {
  if (target.format.kind === "custom") return CUSTOM_IMAGE_MIB;
  const { entry } = target.format;
  const typical = IMAGE_MIB[entry.container];
  if (!entry.diskSize || typeof diskSize !== "number") return typical;
  return FIXED_SIZE.has(entry.container) && entry.compression === "none" ? diskSize : Math.min(diskSize, typical);
}

/**
 * The compressed copy `compress` writes beside the image in out-dir (MiB):
 * none for compress: none, for a format compressed already (the catalogue's
 * `compression`) and for a VM runner (it stays in the store, nothing is
 * published); else at most the image's estimate (a custom format's
 * compression is only known from its file, so it counts).
 */
export function compressedCopyMiB(target: Target, diskSize: GenerateRequest["diskSize"], compress: CompressChoice): number {
  if (compress === "none") return 0;
  if (target.format.kind === "catalogue" && (target.format.entry.compression !== "none" || target.format.entry.container === "vm-runner")) return 0;
  return imageMiB(target, diskSize);
}

/** What the plan needs where (before grouping by filesystem); `compress` is the action's input (default none). */
export function spaceNeeds(request: Pick<GenerateRequest, "targets" | "diskSize">, places: DiskPlaces, compress: CompressChoice = "none"): SpaceNeed[] {
  const sizes = request.targets.map((t) => imageMiB(t, request.diskSize));
  const images = sizes.reduce((a, b) => a + b, 0);
  const copies = request.targets.reduce((sum, t) => sum + compressedCopyMiB(t, request.diskSize, compress), 0);
  return [
    { role: "Nix store", path: places.nixDir, mib: STORE_BASE_MIB * targetSystems(request.targets).length + images },
    { role: "build directory", path: places.buildDir, mib: Math.max(0, ...sizes) },
    { role: "out-dir", path: places.outDir, mib: images },
    ...(copies > 0 ? [{ role: "compressed copies" as const, path: places.outDir, mib: copies }] : []),
  ];
}

async function existingAncestor(path: string): Promise<string> {
  let current = path;
  for (;;) {
    if (await stat(current).then(() => true, () => false)) return current;
    const parent = dirname(current);
    if (parent === current) return current;
    current = parent;
  }
}

/** Free space for an unprivileged user (f_bavail), in MiB. */
export type FreeSpace = (path: string) => Promise<number>;
export const statfsFree: FreeSpace = async (path) => {
  const s = await statfs(path);
  return Math.floor((s.bavail * s.bsize) / (1024 * 1024));
};

/** Groups the needs by filesystem (device) and measures each one's free space. */
export async function measure(needs: readonly SpaceNeed[], free: FreeSpace = statfsFree): Promise<FilesystemSpace[]> {
  const byDevice = new Map<number, FilesystemSpace>();
  for (const need of needs) {
    const path = await existingAncestor(need.path);
    const dev = (await stat(path)).dev;
    const fs = byDevice.get(dev);
    if (fs) {
      fs.needs.push(need);
      fs.needMiB += need.mib;
    } else {
      byDevice.set(dev, { path, freeMiB: await free(path), needMiB: need.mib, needs: [need] });
    }
  }
  return [...byDevice.values()];
}

export function gib(mib: number): string {
  return `${(mib / 1024).toFixed(1)} GiB`;
}

function describe(fs: FilesystemSpace): string {
  return `${fs.path} has ${gib(fs.freeMiB)} free and the build needs about ${gib(fs.needMiB)} there (${fs.needs.map((n) => `${n.role} ${n.path}: ${gib(n.mib)}`).join(", ")})`;
}

export interface FreeDiskOptions {
  /** The directories to remove (default RUNNER_BIG_DIRECTORIES), each below `root`. */
  directories?: readonly string[];
  /** Default NIXOS_GENERATORS_FREE_DISK_ROOT, else "/". */
  root?: string;
  log?: (line: string) => void;
}

/** Removes the listed directories (through sudo when not root); returns the ones removed. */
export async function freeDiskSpace(options: FreeDiskOptions = {}): Promise<string[]> {
  const log = options.log ?? (() => undefined);
  const root = options.root ?? (process.env.NIXOS_GENERATORS_FREE_DISK_ROOT || "/");
  const removed: string[] = [];
  // The list is the GitHub-hosted image's: on a self-hosted machine these directories are its owner's.
  if (root === "/" && process.env.RUNNER_ENVIRONMENT !== "github-hosted") {
    log(`free-disk-space: skipped, this is not a GitHub-hosted runner (RUNNER_ENVIRONMENT=${process.env.RUNNER_ENVIRONMENT ?? "unset"}); nothing was removed`);
    return removed;
  }
  for (const entry of options.directories ?? RUNNER_BIG_DIRECTORIES) {
    if (!isAbsolute(entry) || normalize(entry) !== entry || entry === "/") throw new Error(`freeDiskSpace: '${entry}' is not a normalized absolute directory`);
    const path = join(root, entry);
    if (!(await lstat(path).then(() => true, () => false))) continue;
    // Through a symbolic link on the way, the removal would land outside the list.
    const real = await realpath(path).catch(() => undefined);
    if (real !== join(await realpath(root), entry)) {
      log(`free-disk-space: skipped ${path}: it resolves to ${real ?? "nothing"}, not itself`);
      continue;
    }
    const result = await execAsRoot("rm", ["-rf", "--one-file-system", "--", path]);
    if (!result) {
      throw new UserError(
        `free-disk-space: true needs root to remove ${path}, and the job has neither root nor passwordless sudo.`,
        "Set free-disk-space: false and free space in a step of your own, or run on a GitHub-hosted runner (passwordless sudo).",
        ExitCode.environment,
      );
    }
    if (result.code !== 0) {
      log(`free-disk-space: removing ${path} failed (exit ${result.code}): ${result.stderr.trim().split("\n").slice(-1)[0] ?? ""}`);
      continue;
    }
    removed.push(path);
  }
  return removed;
}

/** Nix's build directory: `build-dir` when set; <nixDir>/var/nix/builds from Nix 2.30 on; TMPDIR before. */
export async function nixBuildDir(nixVersion: string | undefined, nixDir: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const setting = (await readNixSettings(["build-dir"], env).catch(() => new Map<string, { value: unknown }>())).get("build-dir")?.value;
  if (typeof setting === "string" && setting !== "") return setting;
  const version = nixVersion ? parseNixVersion(nixVersion) : undefined;
  if (version && versionAtLeast(version, "2.30")) return join(nixDir, "var", "nix", "builds");
  return env.TMPDIR || "/tmp";
}

/** The real places: the store under NIXOS_GENERATORS_NIX_DIR (default /nix), Nix's build directory, out-dir. */
export async function diskPlaces(outDir: string, nixVersion: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<DiskPlaces> {
  const nixDir = env.NIXOS_GENERATORS_NIX_DIR || "/nix";
  return { nixDir, buildDir: await nixBuildDir(nixVersion, nixDir, env), outDir };
}

export interface DiskSpaceOptions extends FreeDiskOptions {
  request: Pick<GenerateRequest, "targets" | "diskSize">;
  places: DiskPlaces;
  /** free-disk-space: remove RUNNER_BIG_DIRECTORIES first. */
  free: boolean;
  /** The compress input: its copies go to out-dir too (default none). */
  compress?: CompressChoice;
  freeSpace?: FreeSpace;
}

/** Frees space when asked, then fails (exit 4) when a filesystem has less than the plan needs. */
export async function ensureDiskSpace(options: DiskSpaceOptions): Promise<FilesystemSpace[]> {
  const log = options.log ?? (() => undefined);
  const needs = spaceNeeds(options.request, options.places, options.compress);
  let filesystems = await measure(needs, options.freeSpace);
  let removed: string[] = [];
  if (options.free) {
    const before = filesystems.reduce((sum, fs) => sum + fs.freeMiB, 0);
    removed = await freeDiskSpace(options);
    filesystems = await measure(needs, options.freeSpace);
    const after = filesystems.reduce((sum, fs) => sum + fs.freeMiB, 0);
    log(`free-disk-space: removed ${removed.length > 0 ? removed.join(", ") : "nothing (none of the listed directories is here)"}; ${gib(Math.max(0, after - before))} freed where the build writes`);
  }
  for (const fs of filesystems) log(`disk space: ${describe(fs)}`);
  const short = filesystems.filter((fs) => fs.freeMiB < fs.needMiB);
  if (short.length === 0) return filesystems;
  const count = options.request.targets.length;
  throw new UserError(
    `Not enough disk space for ${count} image${count === 1 ? "" : "s"}: ${short.map(describe).join("; ")}.`,
    [
      options.free
        ? `free-disk-space removed ${removed.length > 0 ? removed.join(", ") : "nothing (none of its directories is on this runner)"}, and that is not enough. `
        : `Set free-disk-space: true (removes the runner image's unused SDKs: ${RUNNER_BIG_DIRECTORIES.join(", ")}), `,
      options.free ? "Build" : "build",
      " fewer images per job (mode: plan, then a matrix job per image), or use a runner with a larger disk.",
    ].join(""),
    ExitCode.environment,
  );
}
