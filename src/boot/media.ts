// What QEMU boots, per container: the image file itself (a disk, an ISO), a
// disk unpacked from it (a tarball, an OVA, a Vagrant box, a compressed disk),
// the disk inside a Proxmox VMA (vma-extract.ts), the kernel and initrd its
// boot configuration names (an SD card, kexec), or its own runner script (vm). Unpacked files go into a work directory; the
// image file is only read.
import { execFile } from "node:child_process";
import { createReadStream, createWriteStream } from "node:fs";
import { lstat, open, readdir, readFile, readlink, stat, writeFile } from "node:fs/promises";
import { isAbsolute, join, normalize, posix, relative } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { promisify } from "node:util";
import type { Compression, Container } from "../core/catalogue.js";
import { ExitCode, UserError } from "../core/errors.js";
import { decompress } from "../verify/codec/decompress.js";
import { extractVmaDisk, VmaError } from "./vma-extract.js";

const run = promisify(execFile);

export type DiskFormat = "qcow2" | "raw" | "vpc" | "vhdx" | "vmdk";

export type BootMedia =
  | { kind: "disk"; file: string; format: DiskFormat; note: string; firmware?: "bios" | "uefi" }
  | { kind: "cdrom"; file: string; note: string }
  | { kind: "kernel"; kernel: string; initrd: string; append: string; disk?: { file: string; format: DiskFormat }; note: string }
  | { kind: "runner"; script: string; note: string };

export class NotBootable extends Error {}

const DISK_FORMAT: Partial<Record<Container, DiskFormat>> = {
  qcow2: "qcow2",
  "raw-mbr": "raw",
  "raw-gpt": "raw",
  vhd: "vpc",
  vhdx: "vhdx",
  vmdk: "vmdk",
};

function unusable(what: string, file: string): UserError {
  return new UserError(`The boot test cannot use ${file}: ${what}.`, "Check the image with `nixos-generate verify`; it is not what its format builds.", ExitCode.boot);
}

/** Decompresses `file` into `dest` (gzip, xz, zstd). */
async function decompressTo(file: string, compression: Exclude<Compression, "none">, dest: string): Promise<void> {
  await pipeline(Readable.from(decompress(compression, createReadStream(file))), createWriteStream(dest));
}

async function untar(file: string, dir: string): Promise<void> {
  try {
    await run("tar", ["-xf", file, "-C", dir, "--no-same-owner", "--no-same-permissions"], { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    throw unusable(`tar could not unpack it (${String((error as { stderr?: string }).stderr ?? error).trim().split("\n")[0]})`, file);
  }
}

/** A path inside `root` as a system whose `/` is `root` sees it: symbolic links followed within `root`. */
export async function resolveInside(root: string, path: string, depth = 0): Promise<string> {
  if (depth > 40) throw new Error(`too many symbolic links resolving ${path}`);
  const parts = normalize(path).split("/").filter((p) => p !== "" && p !== ".");
  let current = "/";
  for (let i = 0; i < parts.length; i++) {
    const next = posix.join(current, parts[i] ?? "");
    const onDisk = join(root, next);
    const info = await lstat(onDisk).catch(() => undefined);
    if (info?.isSymbolicLink()) {
      const target = await readlink(onDisk);
      const resolved = isAbsolute(target) ? target : posix.join(current, target);
      return resolveInside(root, posix.join(resolved, ...parts.slice(i + 1)), depth + 1);
    }
    current = next;
  }
  return join(root, current);
}

/** The quoted --command-line "…" a kexec script passes. */
export function kexecCommandLine(script: string): string | undefined {
  return /--command-line[= ]"([^"]*)"/.exec(script)?.[1];
}

async function firstWithExtension(dir: string, extension: string): Promise<string | undefined> {
  const names = (await readdir(dir)).sort();
  const name = names.find((n) => n.toLowerCase().endsWith(extension));
  return name === undefined ? undefined : join(dir, name);
}

/** The disk an OVF descriptor references first (an OVA, a Vagrant box), else the first .vmdk. */
async function ovfDisk(dir: string, file: string): Promise<string> {
  const ovf = await firstWithExtension(dir, ".ovf");
  if (ovf) {
    const text = await readFile(ovf, "utf8");
    for (const match of text.matchAll(/<(?:ovf:)?File\b[^>]*\bovf:href="([^"]+)"/g)) {
      const href = match[1] ?? "";
      const path = join(dir, href);
      if (!relative(dir, path).startsWith("..") && (await stat(path).catch(() => undefined))?.isFile()) return path;
    }
  }
  const vmdk = await firstWithExtension(dir, ".vmdk");
  if (!vmdk) throw unusable("it holds no VMDK disk", file);
  return vmdk;
}

interface MbrEntry {
  type: number;
  start: number;
  sectors: number;
}

async function mbrEntries(disk: string): Promise<MbrEntry[]> {
  const handle = await open(disk, "r");
  try {
    const sector = Buffer.alloc(512);
    await handle.read(sector, 0, 512, 0);
    if (sector.readUInt16LE(510) !== 0xaa55) return [];
    const entries: MbrEntry[] = [];
    for (let i = 0; i < 4; i++) {
      const at = 446 + i * 16;
      const type = sector[at + 4] ?? 0;
      if (type !== 0) entries.push({ type, start: sector.readUInt32LE(at + 8), sectors: sector.readUInt32LE(at + 12) });
    }
    return entries;
  } finally {
    await handle.close();
  }
}

/** Reads a file from the ext4 file system at `offset` bytes into `disk` (debugfs, e2fsprogs). */
async function ext4Read(disk: string, offset: number, path: string, dest?: string): Promise<string> {
  const device = `${disk}?offset=${offset}`;
  if (dest) {
    await run("debugfs", ["-R", `dump ${path} ${dest}`, device], { maxBuffer: 1024 * 1024 });
    const info = await stat(dest).catch(() => undefined);
    if (!info || info.size === 0) throw new Error(`no ${path}`);
    return dest;
  }
  const { stdout } = await run("debugfs", ["-R", `cat ${path}`, device], { maxBuffer: 16 * 1024 * 1024 });
  if (stdout === "") throw new Error(`no ${path}`);
  return stdout;
}

/** The default entry of an extlinux.conf: LINUX, INITRD (relative to the file's directory) and APPEND. */
export function extlinuxDefault(conf: string): { linux: string; initrd?: string; append: string } | undefined {
  const lines = conf.split("\n").map((l) => l.trim());
  const wanted = lines.find((l) => /^DEFAULT\s/i.test(l))?.split(/\s+/)[1];
  const labels: { label: string; linux?: string; initrd?: string; append: string }[] = [];
  for (const line of lines) {
    const [key = "", ...rest] = line.split(/\s+/);
    const value = rest.join(" ");
    const current = labels[labels.length - 1];
    switch (key.toUpperCase()) {
      case "LABEL":
        labels.push({ label: value, append: "" });
        break;
      case "LINUX":
      case "KERNEL":
        if (current) current.linux = value;
        break;
      case "INITRD":
        if (current) current.initrd = value;
        break;
      case "APPEND":
        if (current) current.append = value;
        break;
    }
  }
  const entry = labels.find((l) => l.label === wanted) ?? labels[0];
  if (!entry?.linux) return undefined;
  return { linux: entry.linux, ...(entry.initrd ? { initrd: entry.initrd } : {}), append: entry.append };
}

/** An SD card: the kernel and initrd its /boot/extlinux/extlinux.conf names, the card itself as root. */
async function sdCard(disk: string, work: string, file: string): Promise<BootMedia> {
  const entries = await mbrEntries(disk);
  const confPath = "/boot/extlinux/extlinux.conf";
  for (const entry of entries.filter((e) => e.type === 0x83)) {
    const offset = entry.start * 512;
    let conf: string;
    try {
      conf = await ext4Read(disk, offset, confPath);
    } catch {
      continue;
    }
    const chosen = extlinuxDefault(conf);
    if (!chosen) throw unusable(`its ${confPath} names no kernel`, file);
    const inBoot = (p: string) => posix.normalize(posix.isAbsolute(p) ? p : posix.join("/boot/extlinux", p));
    const kernel = await ext4Read(disk, offset, inBoot(chosen.linux), join(work, "kernel"));
    if (!chosen.initrd) throw unusable(`its ${confPath} names no initrd`, file);
    const initrd = await ext4Read(disk, offset, inBoot(chosen.initrd), join(work, "initrd"));
    return { kind: "kernel", kernel, initrd, append: chosen.append, disk: { file: disk, format: "raw" }, note: `${confPath}: ${chosen.linux}` };
  }
  throw unusable(`no ext4 partition holds ${confPath}`, file);
}

async function kexecTarball(dir: string, file: string): Promise<BootMedia> {
  const link = join(dir, "kexec_nixos");
  const script = await resolveInside(dir, "/kexec_nixos").catch(() => link);
  const text = await readFile(script, "utf8").catch(() => undefined);
  if (text === undefined) throw unusable("it has no /kexec_nixos script", file);
  const cmdline = kexecCommandLine(text);
  const init = cmdline?.split(/\s+/).find((w) => w.startsWith("init="))?.slice(5);
  if (!cmdline || !init) throw unusable("its kexec script passes no --command-line with init=", file);
  const toplevel = posix.dirname(init);
  // The kernel and initrd as the script loads them (next to it), else the system's own.
  const scriptDir = posix.dirname("/" + relative(dir, script));
  for (const [k, i] of [
    [posix.join(scriptDir, "bzImage"), posix.join(scriptDir, "initrd.gz")],
    [posix.join(toplevel, "kernel"), posix.join(toplevel, "initrd")],
  ] as const) {
    const kernel = await resolveInside(dir, k);
    const initrd = await resolveInside(dir, i);
    if ((await stat(kernel).catch(() => undefined))?.isFile() && (await stat(initrd).catch(() => undefined))?.isFile()) {
      return { kind: "kernel", kernel, initrd, append: cmdline, note: `kexec script: ${k}` };
    }
  }
  throw unusable(`it holds neither bzImage/initrd.gz next to its kexec script nor ${toplevel}/kernel and initrd`, file);
}

async function kexecBundle(file: string, work: string): Promise<BootMedia> {
  const bytes = await readFile(file);
  const marker = Buffer.from("\n#PAYLOAD#\n");
  const at = bytes.indexOf(marker);
  if (at < 0) throw unusable("it has no #PAYLOAD# line", file);
  const header = bytes.subarray(0, at).toString("utf8");
  const cmdline = kexecCommandLine(header);
  if (!cmdline) throw unusable("its header passes no --command-line", file);
  const payload = join(work, "payload.tar");
  await writeFile(payload, bytes.subarray(at + marker.length));
  await untar(payload, work);
  return { kind: "kernel", kernel: join(work, "bzImage"), initrd: join(work, "initrd.gz"), append: cmdline, note: "kexec bundle payload" };
}

async function runnerScript(path: string): Promise<BootMedia> {
  const info = await stat(path);
  if (info.isFile()) return { kind: "runner", script: path, note: "runner script" };
  const bin = join(path, "bin");
  const names = (await readdir(bin).catch(() => [] as string[])).filter((n) => /^run-.*-vm$/.test(n)).sort();
  const name = names[0];
  if (!name) throw unusable("it has no bin/run-*-vm", path);
  return { kind: "runner", script: join(bin, name), note: `bin/${name}` };
}

/** What QEMU boots for an image of `container` (compressed by `compression`); unpacked files go into `work`. */
export async function bootMedia(file: string, container: Container, compression: Compression, work: string): Promise<BootMedia> {
  const booted: readonly Container[] = [...Object.keys(DISK_FORMAT), "iso", "ova", "vagrant-box", "gce-tar", "vma", "sd-image", "kexec-tar", "kexec-bundle", "vm-runner"] as Container[];
  if (!booted.includes(container)) throw new NotBootable(`a ${container} is not booted (containers and metadata run elsewhere)`);
  if (container === "vma") {
    // Proxmox's firmware for the VM is what its qemu-server.conf says (`bios: ovmf` is UEFI).
    const dest = join(work, "disk.raw");
    const disk = await extractVmaDisk(file, compression, dest).catch((error: unknown) => {
      if (error instanceof VmaError) throw unusable(error.message, file);
      throw error;
    });
    return { kind: "disk", file: dest, format: "raw", firmware: disk.firmware, note: `${disk.device} from the VMA (qemu-server.conf: bios ${disk.bios ?? "unset, seabios"})` };
  }
  let input = file;
  const tarred = ["ova", "vagrant-box", "gce-tar", "kexec-tar"].includes(container);
  if (compression !== "none" && !tarred) {
    input = join(work, "image");
    await decompressTo(file, compression, input).catch((error: unknown) => {
      throw unusable(`it does not decompress as ${compression} (${error instanceof Error ? error.message : String(error)})`, file);
    });
  }
  const diskFormat = DISK_FORMAT[container];
  if (diskFormat) return { kind: "disk", file: input, format: diskFormat, note: compression === "none" ? "the image file" : `decompressed ${compression}` };
  switch (container) {
    case "iso":
      return { kind: "cdrom", file: input, note: "the image file" };
    case "ova":
    case "vagrant-box": {
      await untar(input, work);
      const disk = await ovfDisk(work, file);
      return { kind: "disk", file: disk, format: "vmdk", note: `${relative(work, disk)} inside` };
    }
    case "gce-tar": {
      await untar(input, work);
      return { kind: "disk", file: join(work, "disk.raw"), format: "raw", note: "disk.raw inside" };
    }
    case "sd-image":
      return sdCard(input, work, file);
    case "kexec-tar":
      await untar(input, work);
      return kexecTarball(work, file);
    case "kexec-bundle":
      return kexecBundle(input, work);
    case "vm-runner":
      return runnerScript(input);
    default:
      throw new NotBootable(`a ${container} is not booted (containers and metadata run elsewhere)`);
  }
}
