// Replays the last steps of the real builders, from their evaluated
// derivations, over small stand-ins, and returns the image file they write.
//
//   const replayed = await replayImage(evaluation, "qcow", "x86_64-linux", dir);
//   replayed.file      // the image, located as the pipeline locates it (filePath / imageSearch)
//   replayed.replayed  // what ran, from which derivation attribute
//   replayed.standIns  // what stood in for what the real build has
//   replayed.edits     // every change made to the builder's text
//
// What is the builder's own: the shell it runs after make-disk-image's VM
// (`postVM`) and the partitioning it does before the VM (`preVM`, from
// `diskImage=nixos.raw` to the copy of the closure), and the whole of
// make-system-tarball.sh, make-iso9660-image.sh (with the EFI boot image's
// own derivation), the SD card image, the Vagrant box and the kexec bundle
// scripts, with their structured attributes declared as Nix declares them
// (.attrs.sh). The scripts read from /nix/store: they run in a private mount
// namespace (unshare) whose /nix/store is a directory of stand-ins, so every
// store path they name resolves without touching the real store.
//
// The edits, all mechanical and listed in `edits`: a tool the builder runs
// from the store (/nix/store/…-qemu-utils/bin/qemu-img) runs from Debian's
// PATH instead (qemu-img); PATH entries into the store are dropped; the sizes
// make-disk-image reserves (512 MiB of free space, a 256 MiB ESP end, fixed
// disk sizes) are scaled down to a few MiB.
//
// What stands in, listed in `standIns`, NOT a NixOS system: the VM's part
// (nixos-install, the boot loader) is not run; the disk's ESP is formatted
// with the VM's own mkfs.vfat flags and holds a stand-in loader; store paths
// are a few files (a toplevel with an `init` script, a kernel of zeros);
// files that nixpkgs writes with writeText/writeScript are their derivation's
// real text. Store paths no Debian tool can make stay out of reach: Proxmox's
// `vma` and VirtualBox's VBoxManage have no Debian package (`NotReplayable`).
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { z } from "zod";
import type { NixSystem } from "../../src/core/catalogue.js";
import type { EvaluatedImage } from "../../src/nix/evaluate.js";
import { locateImage } from "../../src/pipeline/locate.js";
import type { ShownDerivation } from "./derivations.js";

/** What a replay needs of an evaluation (helpers/catalogue-derivations.ts's CatalogueEvaluation has it). */
export interface DerivationSource {
  entry(format: string, system: NixSystem): EvaluatedImage;
  derivation(drvPath: string): ShownDerivation;
  closure(drvPath: string): ShownDerivation[];
}

export interface Replayed {
  format: string;
  system: NixSystem;
  /** The image file, found in the replayed output as the pipeline finds it in a built one. */
  file: string;
  /** The output the scripts wrote ($out). */
  output: string;
  replayed: string[];
  standIns: string[];
  edits: string[];
}

/** A format whose builder cannot be replayed with Debian's tools (the reason says which tool is missing). */
export class NotReplayable extends Error {}

const STORE = "/nix/store/";
/** A store path, and the path below it a builder names (up to a quote, a glob or a brace). */
const STORE_PATH = /\/nix\/store\/[0-9a-z]{32}-[^/\s"'`$;:(){}|&<>\\,*]+(?:\/[^\s"'`$;:(){}|&<>\\,*]*)?/g;
const DEBIAN_PATH = "/usr/sbin:/usr/bin:/sbin:/bin";
const MiB = 1024 * 1024;
const ESP_GUID = "C12A7328-F81F-11D2-BA4B-00A0C93EC93B";

/** Tools a builder runs that Debian does not ship. */
const NOT_IN_DEBIAN: readonly { tool: RegExp; why: string }[] = [
  { tool: /(^|[\s;|(])vma create\b/m, why: "Proxmox's `vma` (the VMA writer nixpkgs builds from pve-qemu) has no Debian package" },
  { tool: /\bVBoxManage\b/, why: "VirtualBox's VBoxManage (the OVA export) is not in Debian main" },
];

/** Every stand-in a replay makes says so. */
const STAND_IN = "stand-in made by __tests__/helpers/replay.ts, not part of a NixOS system";

// ---------------------------------------------------------------------------
// The builder's text, edited mechanically.

class Script {
  readonly edits: string[] = [];
  constructor(public text: string) {}

  /** A store tool run as a command (line start, after |, ;, &&, $( or `time`) runs from Debian's PATH. */
  debianTools(): this {
    this.text = this.text.replace(/(^|[|;&(`]\s*|\$\(\s*|\btime\s+|\bexec\s+)\/nix\/store\/[0-9a-z]{32}-([^/\s]+)\/bin\/([\w.+-]+)/gm, (_m, lead: string, pkg: string, tool: string) => {
      this.edits.push(`${pkg}/bin/${tool} → Debian's ${tool}`);
      return `${lead}${tool}`;
    });
    // PATH entries into the store: dropped (Debian's PATH follows).
    this.text = this.text.replace(/^(\s*(?:export\s+)?PATH=)(\S*)$/gm, (_m, lead: string, value: string) => {
      const kept = value.split(":").filter((p) => !p.startsWith(STORE));
      if (kept.length === value.split(":").length) return `${lead}${value}`;
      this.edits.push(`PATH: ${value.split(":").length - kept.length} store entries dropped`);
      if (!kept.includes("$PATH")) kept.push("$PATH");
      return `${lead}${kept.join(":")}`;
    });
    return this;
  }

  replace(pattern: RegExp, to: string, what: string): this {
    let n = 0;
    this.text = this.text.replace(pattern, (...m: string[]) => {
      n++;
      return to.replace(/\$(\d)/g, (_x, i: string) => m[Number(i)] ?? "");
    });
    if (n > 0) this.edits.push(`${what} (${n}×)`);
    return this;
  }

  /** Refuses a script that runs a tool Debian does not have. */
  needsOnlyDebian(format: string): this {
    for (const { tool, why } of NOT_IN_DEBIAN) if (tool.test(this.text)) throw new NotReplayable(`${format}: ${why}`);
    return this;
  }
}

/** A bash word, single-quoted. */
function q(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

const SKIPPED_ATTRS = new Set(["PATH", "HOME", "TMPDIR", "out", "outputs", "env", "builder", "args", "buildCommand", "postVM", "preVM", "stdenv"]);

/** The structured attributes as .attrs.sh declares them: strings, numbers, booleans (1 or empty), lists of strings. */
function attrsPrelude(attrs: Record<string, unknown>, out: string): string {
  const lines = [`declare -A outputs=([out]=${q(out)})`, `out=${q(out)}`];
  for (const [name, value] of Object.entries(attrs)) {
    if (SKIPPED_ATTRS.has(name) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    if (typeof value === "string") lines.push(`declare ${name}=${q(value)}`);
    else if (typeof value === "number") lines.push(`declare ${name}=${value}`);
    else if (typeof value === "boolean") lines.push(`declare ${name}=${value ? "1" : "''"}`);
    else if (Array.isArray(value) && value.every((v) => typeof v === "string")) lines.push(`declare -a ${name}=(${value.map(q).join(" ")})`);
  }
  return lines.join("\n") + "\n";
}

// ---------------------------------------------------------------------------
// The stand-in store: a directory mounted on /nix/store while a script runs.

class StandInStore {
  readonly notes: string[] = [];
  constructor(readonly root: string) {
    mkdirSync(root, { recursive: true });
  }
  /** Where a store path (or a path below one) lives in the stand-in store. */
  at(path: string): string {
    return join(this.root, path.slice(STORE.length));
  }
  has(path: string): boolean {
    return existsSync(this.at(path));
  }
  file(path: string, content: string | Buffer, mode = 0o644, note?: string): void {
    const p = this.at(path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
    chmodSync(p, mode);
    if (note) this.notes.push(`${basename(path)}: ${note}`);
  }
  dir(path: string, note?: string): string {
    const p = this.at(path);
    mkdirSync(p, { recursive: true });
    if (note) this.notes.push(`${basename(path)}: ${note}`);
    return p;
  }
}

const textDrvSchema = z.object({ text: z.string(), executable: z.union([z.string(), z.boolean()]).optional(), destination: z.string().optional() });

/** The derivation (in `closure`) whose output is `storePath`. */
function producer(closure: readonly ShownDerivation[], storePath: string): ShownDerivation | undefined {
  return closure.find((d) => Object.values(d.outputs).includes(storePath));
}

function attrsOf(d: ShownDerivation): Record<string, unknown> {
  return d.structuredAttrs ?? d.env;
}

/** The base store path of a path below the store. */
function baseOf(path: string): string {
  return path.slice(0, STORE.length + path.slice(STORE.length).split("/")[0]!.length);
}

/**
 * The store paths `text` names; a path followed by a glob or a brace list
 * (`…/boot/{bootcode.bin,fixup*.dat}`) names the files it would match, a
 * `*` standing for "stand-in".
 */
function storePathsIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(STORE_PATH)) {
    const rest = text.slice(m.index + m[0].length);
    const glob = /^(\{[^}\s]*\}|[^\s"'`$;|&<>]*\*[^\s"'`$;|&<>]*)/.exec(rest)?.[1];
    if (!glob) {
      found.add(m[0]);
      continue;
    }
    const alternatives = glob.startsWith("{") ? glob.slice(1, -1).split(",") : [glob];
    for (const alt of alternatives) found.add(`${m[0]}${alt.replace(/\*/g, "stand-in")}`);
  }
  return [...found];
}

/**
 * A stand-in file, shaped as far as a reader looks at it: a kernel has its
 * boot header magic, an initrd is a (gzip'd) cpio, an executable is an ELF
 * (Debian's `true`); anything else is a line saying it stands in.
 */
function standInFile(path: string, system: NixSystem): Buffer {
  const name = basename(path);
  if (name === "bzImage" || name === "Image") {
    const k = Buffer.alloc(4096);
    k.write("MZ", 0, "latin1");
    if (system === "aarch64-linux") k.write("ARMd", 0x38, "latin1");
    else k.write("HdrS", 0x202, "latin1");
    k.write(STAND_IN, 0x400, "latin1");
    return k;
  }
  if (/^initrd(\.gz)?$/.test(name)) {
    const cpio = Buffer.concat([Buffer.from(`070701${"0".repeat(104)}`, "latin1"), Buffer.alloc(402)]);
    return name.endsWith(".gz") ? gzipSync(cpio) : cpio;
  }
  if (/\/bin\/[^/]+$/.test(path) && !/\.(sh|cfg|txt)$/.test(name)) return readFileSync("/usr/bin/true");
  return Buffer.from(`${STAND_IN}: ${name}\n`);
}

/** A toplevel's stand-in: an init script and an os-release, nothing of NixOS. */
function standInToplevel(store: StandInStore, path: string): void {
  store.file(`${path}/init`, `#!/bin/sh\n# ${STAND_IN}: the init of ${basename(path)}\nexit 0\n`, 0o755);
  store.file(`${path}/etc/os-release`, `NAME=stand-in\nID=stand-in\n# ${STAND_IN}\n`);
}

/**
 * Makes a stand-in for every store path the script or its attributes name
 * (below `refs`): a file written by writeText/writeScript gets its
 * derivation's text, a closure-info lists the roots it was given, a toplevel
 * gets an init; anything else is a small file, or a directory when the
 * builder reads below it.
 */
function populate(store: StandInStore, closure: readonly ShownDerivation[], refs: readonly string[], special: (path: string) => boolean, system: NixSystem): void {
  const below = new Map<string, Set<string>>();
  for (const found of refs) {
    const ref = found.replace(/\/+$/, "").replace(/\/\/+/g, "/");
    const base = baseOf(ref);
    if (!below.has(base)) below.set(base, new Set());
    if (ref !== base) below.get(base)!.add(ref.slice(base.length));
  }
  for (const [base, subs] of below) {
    if (special(base)) continue;
    const existed = store.has(base);
    const d = existed ? undefined : producer(closure, base);
    const text = d ? textDrvSchema.safeParse(attrsOf(d)) : undefined;
    if (text?.success) {
      const exe = text.data.executable === true || text.data.executable === "1";
      const dest = text.data.destination ?? "";
      store.file(base + dest, text.data.text, exe ? 0o755 : 0o644);
      store.notes.push(`${basename(base)}: its derivation's own text`);
      continue;
    }
    if (d?.name === "closure-info") {
      const roots = closureRoots(d);
      const dir = store.dir(base);
      for (const r of roots) if (!store.has(r)) (/-nixos-system-/.test(r) ? standInToplevel(store, r) : store.file(`${r}/README`, `${STAND_IN}\n`));
      writeFileSync(join(dir, "store-paths"), roots.map((r) => `${r}\n`).join(""));
      writeFileSync(join(dir, "registration"), roots.map((r) => `${r}\nsha256:${"0".repeat(52)}\n0\n\n0\n`).join(""));
      writeFileSync(join(dir, "total-nar-size"), "0\n");
      store.notes.push(`${basename(base)}: lists its roots (${roots.map((r) => basename(r).slice(33)).join(", ") || "none"}), their stand-ins as the closure`);
      continue;
    }
    if (!existed && /-nixos-system-/.test(base)) {
      standInToplevel(store, base);
      store.notes.push(`${basename(base)}: a stand-in toplevel (init, etc/os-release)`);
    }
    // Deepest first: a path another one lies below is a directory.
    for (const sub of [...subs].sort((a, b) => b.length - a.length)) {
      const target = base + sub;
      if (store.has(target)) continue;
      if (sub === "/.") store.dir(base);
      else store.file(target, standInFile(target, system), /\/(bin|sbin)\/|\/init$/.test(sub) ? 0o755 : 0o644);
    }
    if (!store.has(base)) {
      if (/-source$|-closure-info$|-directory$/.test(base)) store.dir(base);
      else store.file(base, standInFile(base, system));
    }
  }
  store.notes.push(`${below.size} store paths named by the builder: stand-ins`);
}

const closureInfoSchema = z.object({ exportReferencesGraph: z.record(z.string(), z.array(z.string())) });

function closureRoots(d: ShownDerivation): string[] {
  const parsed = closureInfoSchema.safeParse(d.structuredAttrs);
  return parsed.success ? Object.values(parsed.data.exportReferencesGraph).flat() : [];
}

// ---------------------------------------------------------------------------
// Running a script over the stand-in store.

/** Runs `script` with bash -e (as Nix's builders do) in `cwd`, /nix/store being the stand-in store. */
function runReplay(what: string, script: string, opts: { cwd: string; store: StandInStore; out: string; env?: Record<string, string> }): string {
  const file = join(opts.cwd, `.replay-${what.replace(/[^\w.-]+/g, "_")}.sh`);
  writeFileSync(file, script);
  const env: Record<string, string> = {
    PATH: DEBIAN_PATH,
    HOME: join(opts.cwd, ".home"),
    TMPDIR: join(opts.cwd, ".tmp"),
    TZ: "UTC",
    LC_ALL: "C",
    NIX_BUILD_CORES: "1",
    NIX_BUILD_TOP: opts.cwd,
    SOURCE_DATE_EPOCH: "1",
    out: opts.out,
    ...opts.env,
  };
  mkdirSync(env.HOME!, { recursive: true });
  mkdirSync(env.TMPDIR!, { recursive: true });
  const inner = 'mount --bind "$1" /nix/store && cd "$2" && exec bash -e "$3"';
  const argv = ["unshare", "--mount", "--propagation", "private", "bash", "-c", inner, "replay", opts.store.root, opts.cwd, file];
  const asRoot = process.getuid?.() === 0 ? argv : ["sudo", "-n", "env", ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...argv];
  const r = spawnSync(asRoot[0]!, asRoot.slice(1), { env, encoding: "utf8", maxBuffer: 64 * MiB, timeout: 120_000 });
  if (process.getuid?.() !== 0) execFileSync("sudo", ["-n", "chown", "-R", `${process.getuid?.()}:${process.getgid?.()}`, opts.cwd]);
  if (r.status !== 0) {
    const tail = `${r.stderr ?? ""}${r.error ? String(r.error) : ""}`.trim().split("\n").slice(-15).join("\n");
    throw new Error(`replaying ${what} failed (exit ${r.status ?? r.signal}):\n${tail}`);
  }
  return r.stdout;
}

function sh(cmd: string, args: string[], input?: string): string {
  return execFileSync(cmd, args, { encoding: "utf8", input, env: { ...process.env, PATH: DEBIAN_PATH }, stdio: ["pipe", "pipe", "pipe"] });
}

// ---------------------------------------------------------------------------
// The recipes, by the builder a derivation runs.

interface Context {
  format: string;
  system: NixSystem;
  entry: EvaluatedImage;
  drv: ShownDerivation;
  attrs: Record<string, unknown>;
  closure: ShownDerivation[];
  work: string;
  store: StandInStore;
  out: string;
  replayed: string[];
  standIns: string[];
  edits: string[];
}

function str(attrs: Record<string, unknown>, name: string): string | undefined {
  const v = attrs[name];
  return typeof v === "string" ? v : undefined;
}

/** The EFI loader file a system's firmware looks for on removable media. */
function efiLoader(system: NixSystem): string {
  return system === "aarch64-linux" ? "BOOTAA64.EFI" : "BOOTX64.EFI";
}

/** A stand-in PE file (the loader's name is what firmware and verify look for). */
function standInPe(): Buffer {
  const b = Buffer.alloc(1024);
  b.write("MZ", 0, "latin1");
  b.write(STAND_IN, 64, "latin1");
  return b;
}

/** make-disk-image: its partitioning (preVM), a stand-in for the VM's part, its postVM. */
function replayDisk(x: Context): void {
  const preVM = str(x.attrs, "preVM") ?? "";
  const postVM = str(x.attrs, "postVM") ?? "";
  const vm = str(x.attrs, "buildCommand") ?? "";
  new Script(postVM).debianTools().needsOnlyDebian(x.format);
  if (/^rootDiskImage=/m.test(preVM)) return replayVmPartitionedDisk(x, preVM, postVM);
  const helpersEnd = preVM.indexOf("\nmkdir $out");
  const partStart = preVM.indexOf("diskImage=nixos.raw");
  const partEnd = preVM.indexOf('echo "copying staging root to image..."');
  if (helpersEnd < 0 || partStart < 0 || partEnd < partStart) throw new Error(`${x.format}: preVM does not have make-disk-image's shape (helpers, diskImage=nixos.raw, the copy of the closure)`);
  const pre = new Script(preVM.slice(0, helpersEnd) + "\n" + preVM.slice(partStart, partEnd))
    .debianTools()
    .replace(/(bootSize=\$\(round_to_nearest \$\(numfmt --from=iec ')[^']+'/g, "$116M'", "the ESP's end: 256 MiB → 16 MiB")
    .replace(/(additionalSpace=\$\(\( \$\(numfmt --from=iec ')[^']+'/g, "$18M'", "free space: 512 MiB → 8 MiB")
    .replace(/^truncate -s \d+M \$diskImage$/gm, "truncate -s 32M $diskImage", "a fixed disk size → 32 MiB");
  x.edits.push(...pre.edits);
  runReplay(`${x.format}-preVM`, pre.text, { cwd: x.work, store: x.store, out: x.out });
  x.replayed.push("preVM: the partition table and root file system (parted, sgdisk, partx, mkfs.ext4 -E offset), from diskImage=nixos.raw to the closure's copy");

  // The VM's part, stood in for: the ESP formatted with the VM's own flags, a stand-in loader on it.
  const disk = join(x.work, "nixos.raw");
  const table = sfdiskJson(disk);
  const esp = table?.partitions.findIndex((p) => p.type.toUpperCase() === ESP_GUID || p.type.toLowerCase() === "ef");
  if (table && esp !== undefined && esp >= 0) {
    const part = table.partitions[esp]!;
    const flags = /mkfs\.vfat ((?:-\S+ \S+ )*)\S*\/dev\/vda/.exec(vm)?.[1]?.trim() ?? "-n ESP";
    const img = join(x.work, "esp.img");
    closeSync(openSync(img, "w"));
    truncateSync(img, part.size * 512);
    sh("mkfs.vfat", [...flags.split(/\s+/), img]);
    writeFileSync(join(x.work, "loader.efi"), standInPe());
    sh("mmd", ["-i", img, "::/EFI", "::/EFI/BOOT"]);
    sh("mcopy", ["-i", img, join(x.work, "loader.efi"), `::/EFI/BOOT/${efiLoader(x.system)}`]);
    sh("dd", [`if=${img}`, `of=${disk}`, "bs=512", `seek=${part.start}`, "conv=notrunc,sparse", "status=none"]);
    rmSync(img);
    x.standIns.push(`the VM's ESP: mkfs.vfat ${flags} (the VM's flags) on partition ${esp + 1}, a stand-in \\EFI\\BOOT\\${efiLoader(x.system)}`);
  }
  x.standIns.push("the VM's part (nixos-install, the boot loader, the closure's copy): not run; the root file system is the builder's empty ext4");

  mkdirSync(x.out, { recursive: true });
  const post = new Script(`diskImage=nixos.raw\n${postVM}`).debianTools().replace(/^truncate -s \+\d+M /gm, "truncate -s +8M ", "a disk's growth: → 8 MiB");
  x.edits.push(...post.edits);
  runReplay(`${x.format}-postVM`, post.text, { cwd: x.work, store: x.store, out: x.out });
  x.replayed.push("postVM, whole");
}

/** make-single-disk-zfs-image: preVM creates a blank disk, the VM partitions it (not run), postVM converts it. */
function replayVmPartitionedDisk(x: Context, preVM: string, postVM: string): void {
  mkdirSync(x.out, { recursive: true });
  const pre = new Script(preVM.replace(/^mkdir \$out$/m, "")).debianTools().replace(/^(qemu-img create -f raw \$\w+) \d+M$/gm, "$1 32M", "the disk size → 32 MiB");
  x.edits.push(...pre.edits);
  runReplay(`${x.format}-preVM`, pre.text, { cwd: x.work, store: x.store, out: x.out });
  x.replayed.push("preVM, whole (qemu-img create of the blank disk)");
  x.standIns.push("the VM's part (partitioning, the ZFS pool, nixos-install): not run; the disk stays blank");
  const post = new Script(`${/^(rootDiskImage=\S+)$/m.exec(preVM)?.[1] ?? ""}\n${postVM}`).debianTools();
  x.edits.push(...post.edits);
  runReplay(`${x.format}-postVM`, post.text, { cwd: x.work, store: x.store, out: x.out });
  x.replayed.push("postVM, whole");
}

const sfdiskSchema = z.object({
  partitiontable: z.object({ partitions: z.array(z.object({ start: z.number(), size: z.number(), type: z.string() })).default([]) }),
});

function sfdiskJson(disk: string): { partitions: { start: number; size: number; type: string }[] } | undefined {
  try {
    return sfdiskSchema.parse(JSON.parse(sh("sfdisk", ["--json", disk]))).partitiontable;
  } catch {
    return undefined; // a bare file system (partitionTableType "none")
  }
}

/** A builder script from the store (make-system-tarball.sh, make-iso9660-image.sh), read as the builder reads it. */
function builderScript(x: Context): string {
  const path = str(x.attrs, "buildCommandPath");
  if (path && existsSync(path)) return readFileSync(path, "utf8");
  const text = str(x.attrs, "buildCommand");
  if (text !== undefined) return text;
  throw new Error(`${x.format}: ${x.drv.path} has neither buildCommand nor a buildCommandPath in the store`);
}

/** A script from the derivation, with its structured attributes, over stand-ins for the store paths it names. */
function replayScript(x: Context, what: string, special: (path: string) => boolean = () => false): void {
  const script = new Script(builderScript(x)).debianTools().needsOnlyDebian(x.format);
  x.edits.push(...script.edits);
  const attrText = Object.entries(x.attrs)
    .filter(([k]) => !["nativeBuildInputs", "buildInputs", "propagatedBuildInputs", "propagatedNativeBuildInputs", "stdenv", "builder", "args", "outputChecks"].includes(k) && !k.startsWith("deps"))
    .map(([, v]) => (typeof v === "string" ? v : Array.isArray(v) ? v.filter((s) => typeof s === "string").join("\n") : ""))
    .join("\n");
  populate(x.store, x.closure, storePathsIn(`${script.text}\n${attrText}`), special, x.system);
  const build = join(x.work, "build");
  mkdirSync(build, { recursive: true });
  writeFileSync(join(build, "env-vars"), ""); // stdenv's, which make-system-tarball.sh removes
  runReplay(x.format, attrsPrelude(x.attrs, x.out) + script.text, { cwd: build, store: x.store, out: x.out });
  x.replayed.push(what);
}

/** The ISO: its EFI boot image's derivation replayed first, over a stand-in EFI directory. */
function replayIso(x: Context): void {
  const efiImages = x.closure.filter((d) => /^efi-image/.test(d.name) && Object.values(d.outputs).some((o) => JSON.stringify(x.attrs.sources ?? []).includes(o)));
  for (const d of efiImages) {
    const out = Object.values(d.outputs)[0]!;
    const inner: Context = { ...x, drv: d, attrs: attrsOf(d), out: x.store.at(out), work: join(x.work, "efi-image") };
    mkdirSync(inner.work, { recursive: true });
    // Its input, the EFI directory: a stand-in loader and the derivation's grub.cfg is not at hand (GRUB is not built).
    for (const dir of storePathsIn(str(inner.attrs, "buildCommand") ?? "").filter((p) => /-efi-directory$/.test(p))) {
      x.store.file(`${dir}/EFI/BOOT/${efiLoader(x.system)}`, standInPe(), 0o644);
      x.store.file(`${dir}/EFI/BOOT/grub.cfg`, `# ${STAND_IN}\n`);
      // The builder copies {grub.cfg,*.EFI,*.efi}: nixpkgs' EFI directory also holds rEFInd's refind_<arch>.efi.
      x.store.file(`${dir}/EFI/BOOT/refind_${x.system === "aarch64-linux" ? "aa64" : "x64"}.efi`, standInPe(), 0o644);
      x.store.file(`${dir}/EFI/nixos-installer-image`, "");
      x.standIns.push(`efi-directory: a stand-in \\EFI\\BOOT\\${efiLoader(x.system)} and grub.cfg (GRUB is not built)`);
    }
    replayScript(inner, `${d.name}: buildCommand, whole (mkfs.vfat, mmd, mcopy, fsck.vfat)`);
  }
  const isolinux = "/usr/lib/ISOLINUX";
  replayScript(x, "make-iso9660-image.sh, whole (xorriso, mksquashfs over the stand-in closure)", (base) => {
    if (!/-syslinux-/.test(base)) return false;
    // syslinux's boot files: Debian's isolinux package has the same files.
    const share = x.store.dir(`${base}/share/syslinux`);
    for (const f of ["isolinux.bin", "isohdpfx.bin"]) writeFileSync(join(share, f), readFileSync(join(isolinux, f)));
    x.standIns.push("syslinux's isolinux.bin and isohdpfx.bin: Debian's isolinux package");
    return true;
  });
}

/** The SD card image: the builder's script over a stand-in root file system image (Debian's mkfs.ext4, zstd). */
function replaySd(x: Context): void {
  const script = str(x.attrs, "buildCommand") ?? "";
  for (const fs of storePathsIn(script).filter((p) => /-ext4-fs\.img(\.zst)?$/.test(p))) {
    const d = producer(x.closure, fs);
    const label = /-L\s+(\S+)/.exec(str(d ? attrsOf(d) : {}, "buildCommand") ?? "")?.[1]?.replace(/^["']|["']$/g, "") ?? "NIXOS_SD";
    const tree = join(x.work, "rootfs");
    mkdirSync(join(tree, "etc"), { recursive: true });
    writeFileSync(join(tree, "etc", "os-release"), `NAME=stand-in\n# ${STAND_IN}\n`);
    const img = join(x.work, "root-fs.img");
    sh("mkfs.ext4", ["-q", "-F", "-L", label, "-d", tree, img, "8M"]);
    mkdirSync(dirname(x.store.at(fs)), { recursive: true });
    if (fs.endsWith(".zst")) sh("zstd", ["-q", "-f", img, "-o", x.store.at(fs)]);
    else writeFileSync(x.store.at(fs), readFileSync(img));
    x.standIns.push(`${basename(fs).slice(33)}: an 8 MiB ext4 labelled ${label} (Debian's mkfs.ext4), holding etc/os-release`);
  }
  // `(cd …/raspberrypi/boot && cp bootcode.bin fixup*.dat start*.elf …)`: the firmware files it copies by name and glob.
  for (const boot of storePathsIn(script).filter((p) => /\/share\/raspberrypi\/boot$/.test(p))) {
    for (const f of ["bootcode.bin", "fixup.dat", "start.elf"]) x.store.file(`${boot}/${f}`, standInFile(f, x.system));
    x.standIns.push("the Raspberry Pi firmware (bootcode.bin, fixup.dat, start.elf, the dtbs): stand-in files");
  }
  replayScript(x, "the SD image's buildCommand, whole (sfdisk, partx, dd, mkfs.vfat, faketime mmd, mcopy, fsck.vfat, zstd)");
}

/** The Vagrant box: the builder's script over a stand-in OVA (VBoxManage is not in Debian). */
function replayVagrant(x: Context): void {
  const script = str(x.attrs, "buildCommand") ?? "";
  const ovaDirs = [...new Set(storePathsIn(script).filter((p) => /-nixos-ova-/.test(p)).map(baseOf))];
  for (const ovaDir of ovaDirs) {
    const dir = x.store.dir(ovaDir);
    const base = basename(ovaDir).slice(33).replace(/^nixos-ova-/, "nixos-image-");
    standInOva(join(x.work, "ova"), join(dir, `${base}.ova`), base);
    x.standIns.push(`the OVA VBoxManage exports: ${base}.ova with ${base}.ovf, ${base}-disk001.vmdk (qemu-img streamOptimized, of a 4 MiB MBR disk) and ${base}.mf, shaped as VirtualBox names them`);
  }
  replayScript(x, "the box's buildCommand, whole (tar, sha256sum, the box.mf loop, tar -czf)", (base) => ovaDirs.includes(base));
}

function standInOva(work: string, ova: string, base: string): void {
  mkdirSync(work, { recursive: true });
  const raw = join(work, "disk.raw");
  closeSync(openSync(raw, "w"));
  truncateSync(raw, 4 * MiB);
  sh("sfdisk", ["-q", raw], "label: dos\nstart=2048, type=83, bootable\n");
  const vmdk = `${base}-disk001.vmdk`;
  sh("qemu-img", ["convert", "-f", "raw", "-O", "vmdk", "-o", "subformat=streamOptimized", raw, join(work, vmdk)]);
  const ovf = `<?xml version="1.0"?>
<Envelope ovf:version="1.0" xml:lang="en-US" xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1">
  <!-- ${STAND_IN} -->
  <References>
    <File ovf:id="file1" ovf:href="${vmdk}"/>
  </References>
  <DiskSection>
    <Info>List of the virtual disks used in the package</Info>
    <Disk ovf:capacity="${4 * MiB}" ovf:diskId="vmdisk1" ovf:fileRef="file1" ovf:format="http://www.vmware.com/interfaces/specifications/vmdk.html#streamOptimized"/>
  </DiskSection>
  <VirtualSystem ovf:id="${base}">
    <Info>A virtual machine</Info>
  </VirtualSystem>
</Envelope>
`;
  writeFileSync(join(work, `${base}.ovf`), ovf);
  const digest = (f: string): string => sh("sha256sum", [join(work, f)]).split(" ")[0]!;
  writeFileSync(join(work, `${base}.mf`), `SHA256 (${base}.ovf) = ${digest(`${base}.ovf`)}\nSHA256 (${vmdk}) = ${digest(vmdk)}\n`);
  sh("tar", ["--format=ustar", "-cf", ova, "-C", work, `${base}.ovf`, vmdk, `${base}.mf`]);
}

type Recipe = (x: Context) => void;

/** Which recipe a derivation's builder takes. */
function recipeFor(x: Context): Recipe {
  const cmdPath = str(x.attrs, "buildCommandPath") ?? "";
  const cmd = str(x.attrs, "buildCommand") ?? "";
  if (str(x.attrs, "postVM") !== undefined) return replayDisk;
  if (cmdPath.endsWith("-make-system-tarball.sh")) return (c) => replayScript(c, "make-system-tarball.sh, whole (cp -a, tar --sort=name, pixz)");
  if (cmdPath.endsWith("-make-iso9660-image.sh")) return replayIso;
  if (/export img=\$out\/sd-image\//.test(cmd)) return replaySd;
  if (/box\.mf/.test(cmd) && /tar xvf/.test(cmd)) return replayVagrant;
  if (/#PAYLOAD#/.test(cmd)) return (c) => replayScript(c, "the kexec bundle's buildCommand, whole (cp, the here-document header, tar)");
  throw new NotReplayable(`${x.format}: ${x.drv.name} runs no builder this helper knows (postVM, make-system-tarball.sh, make-iso9660-image.sh, sd-image, Vagrant box, kexec bundle)`);
}

/**
 * Replays the builder of `format` on `system` into `dir` (a fresh directory)
 * and returns the image file, located as the pipeline locates a built one.
 * Throws NotReplayable when a tool the builder needs is not in Debian.
 */
export async function replayImage(evaluation: DerivationSource, format: string, system: NixSystem, dir: string): Promise<Replayed> {
  const entry = evaluation.entry(format, system);
  const drv = evaluation.derivation(entry.drvPath);
  mkdirSync(dir, { recursive: true });
  const x: Context = {
    format,
    system,
    entry,
    drv,
    attrs: attrsOf(drv),
    closure: evaluation.closure(entry.drvPath),
    work: dir,
    store: new StandInStore(join(dir, "store")),
    // The output under its store name, so a file output ($out itself) keeps its name.
    out: join(dir, "out", basename(entry.output)),
    replayed: [],
    standIns: [],
    edits: [],
  };
  mkdirSync(dirname(x.out), { recursive: true });
  recipeFor(x)(x);
  const file = await locateImage({ ...entry, output: x.out });
  if (!statSync(file).isFile()) throw new Error(`${format}: the replayed output's image ${file} is not a file`);
  return { format, system, file, output: x.out, replayed: x.replayed, standIns: [...x.standIns, ...x.store.notes], edits: [...new Set(x.edits)] };
}

/** The files a replayed output holds (relative), for a report. */
export function outputFiles(output: string): string[] {
  if (!statSync(output).isDirectory()) return [basename(output)];
  return readdirSync(output, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(output.length + 1))
    .sort();
}
