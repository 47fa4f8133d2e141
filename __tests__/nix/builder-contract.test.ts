// The builder contract, for every catalogue format x system of the default
// configuration: read from the real, evaluated derivations (structured
// attributes, postVM, buildCommand, the builders' own scripts), not from our
// catalogue.
//
//  1. The file we report (output/filePath) is the file the builder writes:
//     make-disk-image's postVM is read step by step (__tests__/helpers/
//     builder-steps.ts), make-system-tarball's and make-iso9660-image's
//     scripts by their output line, the other builders by their commands.
//  2. Each last step's tool is given what it accepts: qemu-img's -O format
//     and -o options are tried on Debian's qemu-img; compressor and file
//     name agree (.zst zstd, .xz xz/pixz, .gz gzip/pigz).
//  3. What the image's entry point loads is in the image: the system in the
//     closure, the kexec script's kernel and initrd in the tarball, the ISO's
//     El Torito images in its contents, the bundle's kernel and initrd.
//  4. The catalogue's promises (container, compression, partition table,
//     boot entries) are what the builder is told.
//
// One shared evaluation of all 60 pairs (__tests__/helpers/
// catalogue-derivations.ts, cached per source state); the checks take seconds.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue, type Format } from "../../src/core/catalogue.js";
import { outputFiles, readSteps, toolName, type MadeFile } from "../helpers/builder-steps.js";
import { catalogueEvaluation, cataloguePairs, type CatalogueEvaluation, type EvaluatedImage, type ShownDerivation } from "../helpers/catalogue-derivations.js";

const catalogue = loadCatalogue();
const formatOf = (name: string): Format => {
  const format = catalogue.lookup(name);
  if (!format) throw new Error(`no format ${name}`);
  return format;
};

/** What a builder does with the image file, read from its derivation. */
interface Written {
  family: string;
  /** The file below the output it leaves ("" for the output itself). */
  path: string;
  /** What it is: raw, a qemu-img format, tar, iso, vma, ova, script, link. */
  kind: string;
  /** Compressors it went through, innermost first, in catalogue words (gzip, xz, zstd). */
  compression: string[];
  /** Every file the builder leaves in the output (below it), to show there is one image. */
  all: string[];
  /** Commands that changed the file after its container was written (a raw disk may be grown; nothing else may). */
  changedAfter: string[][];
  /** The partition table the disk was given (msdos, gpt, dos, none), when the builder makes one. */
  partitionTable?: string;
  /** qemu-img convert steps: format and -o options. */
  converts: { format: string; options: string[] }[];
}

const CATALOGUE_COMPRESSION: Record<string, string> = { gzip: "gzip", pigz: "gzip", zstd: "zstd", xz: "xz", pixz: "xz" };
const SUFFIX: Record<string, string> = { gzip: ".gz", xz: ".xz", zstd: ".zst" };

const attrs = (drv: ShownDerivation): Record<string, unknown> => drv.structuredAttrs ?? drv.env;
const text = (drv: ShownDerivation, name: string): string | undefined => {
  const value = attrs(drv)[name];
  return typeof value === "string" ? value : undefined;
};
const list = (drv: ShownDerivation, name: string): string[] => {
  const value = attrs(drv)[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
};

/** The partition table make-disk-image's preVM writes. */
function partitionTableOf(preVM: string): string {
  const label = /mklabel (msdos|gpt)/.exec(preVM)?.[1];
  if (label) return label;
  // "none": the file system is made on the whole image, without -E offset.
  if (/mkfs\.\w+ [^\n]*\$diskImage\s*$/m.test(preVM) && !/-E offset/.test(preVM)) return "none";
  if (/zpool create/.test(preVM) || /sgdisk|parted/.test(preVM)) return "other";
  return "unknown";
}

/** make-disk-image (runInLinuxVM): the postVM steps, from the disk preVM leaves. */
function diskWritten(drv: ShownDerivation): Written {
  const preVM = text(drv, "preVM") ?? "";
  const initial: Record<string, string> = {};
  for (const m of preVM.matchAll(/^(diskImage|rootDiskImage|bootDiskImage)=(\S+)$/gm)) initial[m[1]!] = m[2]!;
  const steps = readSteps(text(drv, "postVM") ?? "", initial);
  const files = outputFiles(steps);
  const images = [...files.entries()].filter(([, f]) => f.kind !== "text");
  const [path, file] = images.length === 1 ? images[0]! : ["<" + images.map(([p]) => p).join(", ") + ">", undefined];
  return {
    family: "make-disk-image",
    path,
    kind: file?.kind ?? "none",
    compression: (file?.compression ?? []).map((c) => CATALOGUE_COMPRESSION[c] ?? c),
    all: [...files.keys()],
    changedAfter: file && file.kind !== "raw" ? file.changedBy : [],
    partitionTable: partitionTableOf(preVM),
    converts: steps.converts,
  };
}

/** A builder script in the store (buildCommandPath), read as it is. */
function scriptOf(drv: ShownDerivation): string {
  const path = text(drv, "buildCommandPath");
  if (!path || !existsSync(path)) throw new Error(`${drv.name}: no builder script at ${path}`);
  return readFileSync(path, "utf8");
}

/** make-system-tarball.nix: its tar line names the file; compressCommand compresses it. */
function tarballWritten(drv: ShownDerivation): Written {
  const script = scriptOf(drv);
  const line = /\|\s*\$compressCommand\s*>\s*(\S+)\s*$/m.exec(script);
  if (!line) throw new Error(`${drv.name}: make-system-tarball.sh has no 'tar … | $compressCommand > FILE' line`);
  const compressCommand = text(drv, "compressCommand") ?? "";
  const expand = (s: string) =>
    s.replace(/\$\{?(\w+)\}?/g, (_, name: string) => (name === "out" ? "/out" : (text(drv, name) ?? `<unset ${name}>`))).replace(/^\/out\//, "");
  const compressor = toolName(compressCommand.split(/\s+/)[0] ?? "");
  return { family: "make-system-tarball", path: expand(line[1]!), kind: "tar", compression: [CATALOGUE_COMPRESSION[compressor] ?? compressor], all: [expand(line[1]!)], changedAfter: [], converts: [] };
}

/** make-iso9660-image.nix: xorriso -output $out/iso/$isoName, then zstd --rm with compressImage. */
function isoWritten(drv: ShownDerivation): Written {
  const script = scriptOf(drv);
  const line = /-output\s+(\S+)/.exec(script);
  if (!line) throw new Error(`${drv.name}: make-iso9660-image.sh has no xorriso -output`);
  let path = line[1]!.replace("$out/", "").replace(/\$\{?isoName\}?/, text(drv, "isoName") ?? "<unset isoName>");
  const compressed = attrs(drv).compressImage === true && /zstd [^\n]*--rm \$out\/iso\/\$isoName/.test(script);
  if (compressed) path += ".zst";
  return { family: "make-iso9660-image", path, kind: "iso", compression: compressed ? ["zstd"] : [], all: [path], changedAfter: [], converts: [] };
}

/** sd-image.nix: export img=$out/…; zstd --rm $img when compressImage. */
function sdWritten(drv: ShownDerivation): Written {
  const script = text(drv, "buildCommand") ?? "";
  const img = /export img=\$out\/(\S+)/.exec(script)?.[1];
  if (!img) throw new Error(`${drv.name}: no 'export img=$out/…' in the sd-image script`);
  const compressed = (text(drv, "compressImage") ?? "") !== "" && /zstd [^\n]*--rm \$img/.test(script);
  const label = /label: (\w+)/.exec(script)?.[1];
  return {
    family: "sd-image",
    path: compressed ? `${img}.zst` : img,
    kind: "raw",
    compression: compressed ? ["zstd"] : [],
    all: [compressed ? `${img}.zst` : img],
    changedAfter: [],
    ...(label ? { partitionTable: label } : {}),
    converts: [],
  };
}

/** Builders written as one runCommand (vm, kexec-bundle, vagrant-virtualbox): their commands. */
function commandWritten(drv: ShownDerivation, family: string): Written {
  const script = text(drv, "buildCommand") ?? "";
  // vagrant-virtualbox's box: the whole output is one gzip'd tar (tar -czf $out .).
  const box = /tar [^\n]*-c?z?c?f \$out \./.exec(script);
  if (box) return { family, path: "", kind: "tar", compression: ["gzip"], all: [""], changedAfter: [], converts: [] };
  const files = outputFiles(readSteps(script, {}));
  const images = [...files.entries()].filter(([p]) => !p.startsWith("system"));
  const [path, file] = images.length === 1 ? images[0]! : [`<${[...files.keys()].join(", ")}>`, undefined];
  // A VM runner's output also links the system ($out/system): not an image file.
  return { family, path, kind: file?.kind ?? "none", compression: file?.compression ?? [], all: images.map(([p]) => p), changedAfter: [], converts: [] };
}

function familyOf(drv: ShownDerivation): string {
  if (text(drv, "postVM") !== undefined && text(drv, "preVM") !== undefined) return "make-disk-image";
  const script = text(drv, "buildCommandPath") ?? "";
  if (script.endsWith("make-system-tarball.sh")) return "make-system-tarball";
  if (script.endsWith("make-iso9660-image.sh")) return "make-iso9660-image";
  const command = text(drv, "buildCommand") ?? "";
  if (/export img=\$out\//.test(command)) return "sd-image";
  if (/#PAYLOAD#/.test(command)) return "kexec-bundle";
  if (/metadata\.json/.test(command)) return "vagrant-box";
  if (/\$out\/bin\/run-/.test(command)) return "vm-runner";
  return "unknown";
}

function writtenBy(drv: ShownDerivation): Written {
  const family = familyOf(drv);
  switch (family) {
    case "make-disk-image":
      return diskWritten(drv);
    case "make-system-tarball":
      return tarballWritten(drv);
    case "make-iso9660-image":
      return isoWritten(drv);
    case "sd-image":
      return sdWritten(drv);
    case "kexec-bundle":
    case "vagrant-box":
    case "vm-runner":
      return commandWritten(drv, family);
    default:
      throw new Error(`${drv.name}: a builder this test does not know (no postVM, no known script)`);
  }
}

/** What each container is, in the builder's terms: the kind of file, and for a disk its qemu-img format and partition table. */
const CONTAINER_KIND: Record<string, { kind: string; table?: string[]; family?: string }> = {
  qcow2: { kind: "qcow2" },
  vhd: { kind: "vpc" },
  vhdx: { kind: "vhdx" },
  vmdk: { kind: "vmdk" },
  "raw-mbr": { kind: "raw", table: ["msdos"] },
  "raw-gpt": { kind: "raw", table: ["gpt"] },
  "fs-ext4": { kind: "raw", table: ["none"] },
  "gce-tar": { kind: "tar" },
  vma: { kind: "vma" },
  ova: { kind: "ova" },
  iso: { kind: "iso", family: "make-iso9660-image" },
  "rootfs-tar": { kind: "tar", family: "make-system-tarball" },
  "lxc-metadata": { kind: "tar", family: "make-system-tarball" },
  "kexec-tar": { kind: "tar", family: "make-system-tarball" },
  "kexec-bundle": { kind: "script", family: "kexec-bundle" },
  "vagrant-box": { kind: "tar", family: "vagrant-box" },
  "sd-image": { kind: "raw", table: ["dos"], family: "sd-image" },
  "vm-runner": { kind: "link", family: "vm-runner" },
};

/** The extension qemu-img's output format goes with. */
const QEMU_EXTENSION: Record<string, string[]> = { qcow2: [".qcow2"], vpc: [".vhd"], vhdx: [".vhdx"], vmdk: [".vmdk"], raw: [".img", ".raw"], vdi: [".vdi"] };

/** Whether Debian's qemu-img takes `-f format -o options` (it creates a 1 MiB image with them). */
function qemuImgAccepts(format: string, options: string[], dir: string): string | undefined {
  try {
    execFileSync("qemu-img", ["create", "-q", "-f", format, ...(options.length ? ["-o", options.join(",")] : []), join(dir, `probe.${format}`), "1M"], { stdio: "pipe" });
    return undefined;
  } catch (e) {
    return e instanceof Error && "stderr" in e ? String((e as { stderr: Buffer }).stderr).trim() : String(e);
  }
}

interface Row {
  entry: EvaluatedImage;
  format: Format;
  drv: ShownDerivation;
  written: Written;
  reported: string;
}

let evaluation: CatalogueEvaluation;
let rows: Row[] = [];
let scratch = "";
const started = Date.now();

beforeAll(async () => {
  evaluation = await catalogueEvaluation();
  rows = evaluation.entries.map((entry) => {
    const drv = evaluation.derivation(entry.drvPath);
    return { entry, format: formatOf(entry.format), drv, written: writtenBy(drv), reported: entry.filePath ?? `<found by ${entry.imageSearch}>` };
  });
  scratch = mkdtempSync(join(tmpdir(), "builder-contract-"));
}, 1_800_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  const table = rows.map((r) => `${r.entry.format}\t${r.entry.system}\t${r.written.family}\t${r.written.path}\t${r.reported}\t${r.written.path === r.reported ? "equal" : "DIFFERENT"}`);
  console.info(
    `builder contract: ${rows.length} pairs; evaluation ${evaluation?.timing.cached ? "cached" : "made"} (${evaluation?.timing.evaluate.toFixed(0)} s + ${evaluation?.timing.show.toFixed(0)} s show), checks ${((Date.now() - started) / 1000).toFixed(1)} s in all\n` +
      `format\tsystem\tbuilder\tfile the builder writes\tfile we report\t\n${table.join("\n")}`,
  );
});

const byPair = (format: string, system: string): Row => {
  const row = rows.find((r) => r.entry.format === format && r.entry.system === system);
  if (!row) throw new Error(`no row ${format}/${system}`);
  return row;
};

describe("the builder-steps reader", () => {
  it("follows nixpkgs' azure postVM and sees the VHD changed after qemu-img wrote it (nixpkgs issue 516860)", () => {
    // nixpkgs' own steps, as azure-image.nix writes them for diskSize "auto".
    const steps = readSteps(
      [
        "mv $diskImage $out/nixos.img",
        "diskImage=$out/nixos.img",
        "/nix/store/0000000000000000000000000000000a-qemu/bin/qemu-img convert -f raw -o subformat=fixed,force_size -O vpc $diskImage $out/nixos.vhd",
        "rm $diskImage",
        'truncate -s +512M "$out/nixos.vhd"',
        '/nix/store/0000000000000000000000000000000b-cloud-utils/bin/growpart "$out/nixos.vhd" 1',
      ].join("\n"),
      { diskImage: "nixos.raw" },
    );
    const vhd = outputFiles(steps).get("nixos.vhd");
    expect([...outputFiles(steps).keys()]).toEqual(["nixos.vhd"]);
    expect(vhd?.kind).toBe("vpc");
    expect(vhd?.changedBy.map((c) => toolName(c[0]!))).toEqual(["truncate", "growpart"]);
  });

  it("refuses a step it does not know, so a changed builder fails the contract", () => {
    expect(() => readSteps("mkvhd $diskImage $out/x.vhd", { diskImage: "nixos.raw" })).toThrow(/does not know: 'mkvhd/);
  });

  it("reads pipes, redirections, pushd and gzip as the shell runs them", () => {
    const gce = readSteps("PATH=$PATH:/x/bin\npushd $out\nmv $diskImage disk.raw\ntar -Sc disk.raw | gzip -6 > \\\n  image.raw.tar.gz\nrm disk.raw\npopd", { diskImage: "/out/a.img" });
    const file = outputFiles(gce).get("image.raw.tar.gz");
    expect(file).toMatchObject({ kind: "tar", compression: ["gzip"], members: ["disk.raw"] });
    expect([...outputFiles(gce).keys()]).toEqual(["image.raw.tar.gz"]);
    const doImage = readSteps("qemu-img convert -f raw -O qcow2  $diskImage $out/x.qcow2\ndiskImage=$out/x.qcow2\ngzip $diskImage", { diskImage: "nixos.raw" });
    expect([...outputFiles(doImage).entries()].map(([p, f]) => [p, f.kind, f.compression])).toEqual([["x.qcow2.gz", "qcow2", ["gzip"]]]);
  });
});

describe(`every catalogue format x system (${cataloguePairs().length} pairs)`, () => {
  it("evaluates every pair once, through the shared evaluation", () => {
    expect(rows.map((r) => `${r.entry.format}/${r.entry.system}`)).toEqual(cataloguePairs().map((p) => `${p.format}/${p.system}`));
  });

  it("reports the file the builder writes: its name and directory in the output, and it is the one image there", () => {
    const wrong = rows.filter((r) => r.written.path !== r.reported || r.written.all.length !== 1);
    expect(
      wrong.map((r) => `${r.entry.format}/${r.entry.system}: the builder (${r.written.family}) writes ${r.written.all.join(", ") || "nothing"}; we report ${r.reported}`),
    ).toEqual([]);
  });

  it("writes the catalogue's container, with the catalogue's compression, and names the file by both", () => {
    const problems: string[] = [];
    for (const r of rows) {
      const pair = `${r.entry.format}/${r.entry.system}`;
      const expected = CONTAINER_KIND[r.format.container];
      if (!expected) {
        problems.push(`${pair}: container ${r.format.container} has no builder kind in this test`);
        continue;
      }
      if (r.written.kind !== expected.kind) problems.push(`${pair}: the catalogue says ${r.format.container}; the builder writes a ${r.written.kind} file`);
      if (expected.family && r.written.family !== expected.family) problems.push(`${pair}: ${r.format.container} comes from ${expected.family}, this from ${r.written.family}`);
      if (expected.table && !expected.table.includes(r.written.partitionTable ?? "unknown"))
        problems.push(`${pair}: the catalogue's ${r.format.container} means a ${expected.table.join("/")} partition table; the builder makes ${r.written.partitionTable ?? "none it names"}`);
      const compression = r.written.compression.at(-1) ?? "none";
      if (compression !== r.format.compression) problems.push(`${pair}: the catalogue says compression ${r.format.compression}; the builder's last step is ${compression}`);
      // Each compressor leaves its suffix, outermost last: .qcow2.gz, .tar.xz, .vma.zst.
      // (A Vagrant box is a gzip'd tar named .box by Vagrant's convention: the output itself here.)
      const suffixes = r.written.compression.map((c) => SUFFIX[c] ?? `.${c}`).join("");
      if (suffixes && r.format.container !== "vagrant-box" && !r.written.path.endsWith(suffixes)) problems.push(`${pair}: compressed by ${r.written.compression.join(", ")} but named ${r.written.path}`);
      if (r.format.extension && r.written.path !== "" && !r.written.path.endsWith(`.${r.format.extension}`)) problems.push(`${pair}: the catalogue's extension .${r.format.extension}, the file ${r.written.path}`);
    }
    expect(problems).toEqual([]);
  });

  it("gives qemu-img an output format and options it accepts, and names the file after that format", () => {
    const problems: string[] = [];
    const tried = new Map<string, string | undefined>();
    let converts = 0;
    for (const r of rows) {
      for (const step of r.written.converts) {
        converts++;
        const key = `${step.format} ${step.options.join(",")}`;
        if (!tried.has(key)) tried.set(key, qemuImgAccepts(step.format, step.options, scratch));
        const refusal = tried.get(key);
        if (refusal) problems.push(`${r.entry.format}/${r.entry.system}: qemu-img convert -O ${key} is refused: ${refusal}`);
      }
      const last = r.written.converts.at(-1);
      if (last && r.written.kind === last.format) {
        const base = r.written.path.replace(/\.(gz|xz|zst)$/, "");
        if (!(QEMU_EXTENSION[last.format] ?? []).some((ext) => base.endsWith(ext))) problems.push(`${r.entry.format}/${r.entry.system}: qemu-img writes ${last.format} into ${r.written.path}`);
      }
    }
    expect(converts, "the disk formats convert with qemu-img").toBeGreaterThan(10);
    expect(problems).toEqual([]);
  });

  it("does not touch a disk's container after writing it (growing a finished VHD leaves its footer inside the file)", () => {
    const changed = rows.filter((r) => r.written.changedAfter.length > 0);
    expect(changed.map((r) => `${r.entry.format}/${r.entry.system}: ${r.written.kind} changed after it was written by: ${r.written.changedAfter.map((c) => toolName(c[0]!)).join(", ")}`)).toEqual([]);
  });

  it("makes the VHD Azure takes: fixed, with the raw disk's size kept (force_size)", () => {
    for (const system of formatOf("azure").systems) {
      const last = byPair("azure", system).written.converts.at(-1);
      expect(last?.format, system).toBe("vpc");
      expect(last?.options, system).toEqual(expect.arrayContaining(["subformat=fixed", "force_size"]));
    }
  });

  it("puts the configuration's system into every image but the metadata tarball", () => {
    const missing = rows.filter((r) => r.format.name !== "lxc-metadata" && !evaluation.closure(r.entry.drvPath).some((d) => d.path === r.entry.toplevel));
    expect(missing.map((r) => `${r.entry.format}/${r.entry.system}`)).toEqual([]);
  });
});

/**
 * Disks whose builder does not give them what the catalogue's boot facts say
 * they boot by (nix/formats.json `boot.firmware`: x86_64's firmware; aarch64
 * boots by UEFI): the test fails when one is fixed or a new one appears, so
 * this list is the state of things, not a wish. The aarch64 disks of the
 * variants that make an MBR disk for BIOS GRUB everywhere get an ESP from
 * nix/modules/aarch64-efi.nix (azure, cloudstack, do, gce, kubevirt,
 * openstack, proxmox, qcow).
 */
const BOOT_MISMATCHES: Record<string, string> = {
  // raw is the BIOS disk by definition (nixos-generators: "raw image with
  // bios/mbr"; the catalogue's container raw-mbr, which verify holds it to):
  // an EFI layout would be a GPT disk, i.e. raw-efi, which is aarch64's raw
  // disk. aarch64 has no BIOS, so this pair boots nowhere as it is; the
  // catalogue has one container per format, not one per system.
  "raw/aarch64-linux": "boots by uefi (catalogue); the builder makes bios (table msdos)",
};

/**
 * What a make-disk-image disk can be booted by, from what the builder does:
 * UEFI with a GPT (parted's mklabel before the VM, or in it for the ZFS
 * image) and an ESP the VM formats; BIOS with an MBR or a BIOS boot partition.
 */
function bootableBy(drv: ShownDerivation): string[] {
  const preVM = text(drv, "preVM") ?? "";
  const inVm = text(drv, "buildCommand") ?? "";
  const by: string[] = [];
  if (/mkfs\.vfat -n ESP/.test(inVm) && /mklabel gpt/.test(preVM + inVm)) by.push("uefi");
  if (/mklabel msdos/.test(preVM) || /bios_grub on/.test(preVM)) by.push("bios");
  return by;
}

describe("the catalogue's boot facts are what the disk builders make", () => {
  it("an ESP for UEFI (every aarch64 disk, and x86_64 where the catalogue says uefi), an MBR or BIOS boot partition for BIOS", () => {
    const found: Record<string, string> = {};
    for (const r of rows.filter((x) => x.format.boot?.how === "disk" && x.written.family === "make-disk-image")) {
      const wanted = r.entry.system === "aarch64-linux" ? ["uefi"] : (r.format.boot?.firmware ?? []);
      const has = bootableBy(r.drv);
      const missing = wanted.filter((w) => !has.includes(w));
      if (missing.length > 0) found[`${r.entry.format}/${r.entry.system}`] = `boots by ${missing.join(", ")} (catalogue); the builder makes ${has.join(", ") || "no boot place"} (table ${r.written.partitionTable})`;
    }
    expect(found).toEqual(BOOT_MISMATCHES);
  });
});

describe("what each entry point loads is inside the image", () => {
  it("kexec: the kernel and initrd the kexec_nixos script loads from its own directory are at the tarball's top", () => {
    for (const system of formatOf("kexec").systems) {
      const { drv } = byPair("kexec", system);
      const links = list(drv, "symlinks");
      const objects = list(drv, "objects");
      const script = objects[links.indexOf("/kexec_nixos")];
      expect(script, `${system}: /kexec_nixos is a link to a store object of the tarball`).toBeDefined();
      const scriptDrv = evaluation.closure(drv.path).find((d) => Object.values(d.outputs).includes(script!));
      const body = scriptDrv ? (text(scriptDrv, "text") ?? "") : "";
      const loads = [...body.matchAll(/\$\{SCRIPT_DIR\}\/([\w.-]+)/g)].map((m) => m[1]!);
      expect(loads, `${system}: the script loads a kernel and an initrd`).toEqual(["bzImage", "initrd.gz"]);
      // Run as /kexec_nixos (the old README: extract to / and run it), its directory is the tarball's top.
      const targets = list(drv, "targets");
      for (const file of loads) expect(targets, `${system}: /${file} in the tarball's contents`).toContain(`/${file}`);
    }
  });

  it("kexec-bundle: the kernel and initrd its header kexecs are copied into the payload", () => {
    for (const system of formatOf("kexec-bundle").systems) {
      const script = text(byPair("kexec-bundle", system).drv, "buildCommand") ?? "";
      const load = /--load "\$dir\/([^"]+)" --initrd="\$dir\/([^"]+)"/.exec(script);
      expect(load, system).not.toBeNull();
      const copied = [...script.matchAll(/^cp (?:-L )?(.+) bundle\/\S*$/gm)].flatMap((m) => m[1]!.split(/\s+/).map((p) => p.slice(p.lastIndexOf("/") + 1)));
      expect(copied, system).toEqual(expect.arrayContaining([load![1]!, load![2]!]));
      expect(script, system).toMatch(/tar -cf - -C bundle \. >> \$out\//);
    }
  });

  it("iso, install-iso: an El Torito EFI image in the contents on every system, the BIOS loader and the USB (isohybrid) MBR on x86_64", () => {
    const problems: string[] = [];
    for (const r of rows.filter((x) => x.format.container === "iso")) {
      const pair = `${r.entry.format}/${r.entry.system}`;
      const a = attrs(r.drv);
      const targets = list(r.drv, "targets").map((t) => t.replace(/^\/+/, ""));
      if (a.efiBootable !== true) problems.push(`${pair}: efiBootable is ${String(a.efiBootable)} (no EFI boot entry)`);
      else if (!targets.includes(String(a.efiBootImage))) problems.push(`${pair}: the EFI boot image ${String(a.efiBootImage)} is not in the contents`);
      if (r.entry.system === "x86_64-linux") {
        if (a.bootable !== true) problems.push(`${pair}: not BIOS-bootable`);
        else if (!targets.some((t) => `${String(a.bootImage).replace(/^\/+/, "")}`.startsWith(t))) problems.push(`${pair}: the BIOS boot image ${String(a.bootImage)} is not in the contents`);
        if (a.usbBootable !== true || !String(a.isohybridMbrImage ?? "").endsWith("isohdpfx.bin")) problems.push(`${pair}: no isohybrid MBR (not bootable from USB)`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("vagrant-virtualbox: the box says provider virtualbox and holds box.ovf", () => {
    const script = text(byPair("vagrant-virtualbox", "x86_64-linux").drv, "buildCommand") ?? "";
    expect(script).toContain(`echo '{"provider":"virtualbox"}' > metadata.json`);
    expect(script).toMatch(/mv \*\.ovf box\.ovf/);
  });

  it("sd cards: the firmware partition is FAT (type b) and first, as the Raspberry Pi's boot ROM reads it", () => {
    for (const r of rows.filter((x) => x.format.container === "sd-image")) {
      const script = text(r.drv, "buildCommand") ?? "";
      expect(script, r.entry.format).toMatch(/label: dos[\s\S]*?start=\$\{gap\}M, size=\$firmwareSizeBlocks, type=b/);
    }
  });
});
