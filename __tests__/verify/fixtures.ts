// Fixtures for the verify tests, made at test time with real Debian tools
// (scripts/verify-fixture-tools installs them). Every image is small and sparse.
import { execFileSync } from "node:child_process";
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync, writeSync, readSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const MiB = 1024 * 1024;
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Installs missing fixture tools (fast when all are there). */
export function ensureTools(): void {
  execFileSync("bash", [join(ROOT, "scripts", "verify-fixture-tools")], { stdio: ["ignore", "ignore", "inherit"] });
}

export function run(cmd: string, args: string[], opts: { cwd?: string; input?: string | Buffer } = {}): Buffer {
  const env = { ...process.env, PATH: `${process.env.PATH ?? ""}:/usr/sbin:/sbin`, SOURCE_DATE_EPOCH: "1700000000" };
  return execFileSync(cmd, args, { cwd: opts.cwd, input: opts.input, env, stdio: ["pipe", "pipe", "pipe"], maxBuffer: 64 * MiB });
}

export function tempDir(name: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `verify-${name}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Overwrites bytes at `offset` in place. */
export function patch(path: string, offset: number, bytes: Buffer | number[]): void {
  const fd = openSync(path, "r+");
  try {
    writeSync(fd, Buffer.from(bytes), 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

/** Flips every bit of the byte at `offset`. */
export function flip(path: string, offset: number): void {
  const fd = openSync(path, "r+");
  try {
    const b = Buffer.alloc(1);
    readSync(fd, b, 0, 1, offset);
    b[0] = b[0]! ^ 0xff;
    writeSync(fd, b, 0, 1, offset);
  } finally {
    closeSync(fd);
  }
}

export function readAt(path: string, offset: number, length: number): Buffer {
  const fd = openSync(path, "r");
  try {
    const b = Buffer.alloc(length);
    const n = readSync(fd, b, 0, length, offset);
    return b.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

export function copy(from: string, to: string): string {
  run("cp", ["--sparse=always", from, to]);
  return to;
}

/** A copy cut to `size` bytes. */
export function truncated(from: string, to: string, size: number): string {
  copy(from, to);
  truncateSync(to, size);
  return to;
}

export function size(path: string): number {
  return statSync(path).size;
}

/** A file tree: path → contents (string), or { link } for a symlink, or { mode } extras. */
export type Tree = Record<string, string | { link: string } | { text: string; mode: number }>;

export function writeTree(dir: string, tree: Tree): void {
  for (const [rel, v] of Object.entries(tree)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    if (typeof v === "string") writeFileSync(p, v);
    else if ("link" in v) symlinkSync(v.link, p);
    else {
      writeFileSync(p, v.text);
      chmodSync(p, v.mode);
    }
  }
}

/** An ext4 file system image of `sizeMiB` with `label`, holding `tree`. */
export function ext4(path: string, sizeMiB: number, label: string, tree: Tree = { "etc/hostname": "fixture\n" }): void {
  const src = `${path}.d`;
  mkdirSync(src, { recursive: true });
  writeTree(src, tree);
  run("mkfs.ext4", ["-q", "-F", "-L", label, "-d", src, path, `${sizeMiB}M`]);
  rmSync(src, { recursive: true, force: true });
}

/** A UEFI removable-media loader's file name (\EFI\BOOT\…). */
export type EfiLoader = "BOOTX64.EFI" | "BOOTAA64.EFI";

/** A FAT image of `sizeKiB` with `label` and one file; with `loader`, also \EFI\BOOT\<loader>. */
export function fat(path: string, sizeKiB: number, label: string, loader?: EfiLoader): void {
  run("mkfs.vfat", ["-C", "-n", label, path, String(sizeKiB)]);
  const f = `${path}.txt`;
  writeFileSync(f, "EFI fixture\n");
  run("mcopy", ["-i", path, f, "::/README.TXT"]);
  if (loader) {
    run("mmd", ["-i", path, "::/EFI", "::/EFI/BOOT"]);
    writeFileSync(f, Buffer.concat([Buffer.from("MZ"), Buffer.alloc(1022)]));
    run("mcopy", ["-i", path, f, `::/EFI/BOOT/${loader}`]);
  }
  rmSync(f);
}

/** Writes `part` into `disk` at byte `offset` without growing or unsparsing it. */
export function place(disk: string, part: string, offset: number): void {
  run("dd", [`if=${part}`, `of=${disk}`, "bs=1M", `seek=${offset / MiB}`, "conv=notrunc,sparse", "status=none"]);
  rmSync(part);
}

/** A raw MBR disk of `sizeMiB`: one bootable Linux partition from 1 MiB holding ext4 labelled `label`. */
export function rawMbr(path: string, sizeMiB: number, label = "nixos"): void {
  truncateSync(openClose(path), sizeMiB * MiB);
  run("sfdisk", ["-q", path], { input: "label: dos\nstart=2048, type=83, bootable\n" });
  ext4(`${path}.p1`, sizeMiB - 1, label);
  place(path, `${path}.p1`, MiB);
}

/** A raw GPT disk: a 16 MiB EFI System partition (FAT, with `loader` if given) and a Linux root (ext4 `label`). */
export function rawGpt(path: string, sizeMiB: number, label = "nixos", loader?: EfiLoader): void {
  truncateSync(openClose(path), sizeMiB * MiB);
  run("sfdisk", ["-q", path], { input: "label: gpt\nstart=2048, size=32768, type=U, name=ESP\nstart=34816, type=L, name=nixos\n" });
  fat(`${path}.p1`, 16 * 1024, "ESP", loader);
  place(path, `${path}.p1`, MiB);
  // The root partition runs to the backup GPT: 33 sectors before the end.
  const rootMiB = Math.floor((sizeMiB * MiB - 34816 * 512 - 33 * 512) / MiB);
  ext4(`${path}.p2`, rootMiB, label);
  place(path, `${path}.p2`, 34816 * 512);
}

/** An SD card image: FAT firmware partition (type 0x0b) at 8 MiB, ext4 root labelled NIXOS_SD. */
export function sdImage(path: string, sizeMiB: number, label = "NIXOS_SD"): void {
  truncateSync(openClose(path), sizeMiB * MiB);
  run("sfdisk", ["-q", path], { input: "label: dos\nstart=16384, size=32768, type=b\nstart=49152, type=83, bootable\n" });
  fat(`${path}.p1`, 16 * 1024, "FIRMWARE");
  place(path, `${path}.p1`, 8 * MiB);
  ext4(`${path}.p2`, sizeMiB - 24, label);
  place(path, `${path}.p2`, 24 * MiB);
}

function openClose(path: string): string {
  closeSync(openSync(path, "w"));
  return path;
}

/** An El Torito ISO labelled `label`, with a BIOS and/or an EFI boot entry (its FAT image holding `loader`, if given). */
export function iso(path: string, label: string, boot: { bios: boolean; efi: boolean; loader?: EfiLoader }): void {
  const dir = `${path}.d`;
  mkdirSync(join(dir, "boot"), { recursive: true });
  writeFileSync(join(dir, "boot", "bios.img"), Buffer.alloc(2048, 0x90));
  writeFileSync(join(dir, "README"), "fixture\n");
  const args = ["-as", "mkisofs", "-quiet", "-o", path, "-V", label, "-R"];
  if (boot.bios) args.push("-b", "boot/bios.img", "-no-emul-boot", "-boot-load-size", "4", "-c", "boot/boot.cat");
  if (boot.efi) {
    fat(join(dir, "boot", "efi.img"), 1440, "EFIBOOT", boot.loader);
    if (boot.bios) args.push("-eltorito-alt-boot");
    else args.push("-c", "boot/boot.cat");
    args.push("-e", "boot/efi.img", "-no-emul-boot");
  }
  args.push(dir);
  run("xorriso", args);
  rmSync(dir, { recursive: true, force: true });
}

export function qemuImg(args: string[]): void {
  run("qemu-img", args);
}

/** GNU tar of `tree` (or of `files` in `dir`), with extra tar flags. */
export function tarOf(out: string, dir: string, members: string[], flags: string[] = []): void {
  run("tar", [...flags, "--owner=0", "--group=0", "--numeric-owner", "--mtime=@1700000000", "-cf", out, "-C", dir, ...members]);
}

export function compress(tool: "xz" | "gzip" | "zstd", path: string): string {
  const args = tool === "zstd" ? ["-q", "-f", "--rm", "-3", path] : ["-f", tool === "xz" ? "-T1" : "-n", path];
  run(tool, args);
  return `${path}.${tool === "xz" ? "xz" : tool === "gzip" ? "gz" : "zst"}`;
}

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** A store path name with a 32-character hash. */
export function storePath(name: string): string {
  return `${"0123456789abcdfghijklmnpqrsvwxyz".slice(0, 32)}-${name}`;
}
