// Verify an image before it ships: identify its compression and container by
// their bytes, check each against what the format promises, and report
// findings (never throwing for a bad image). Large files are read with
// positioned reads and streams, in bounded memory.
import { createHash } from "node:crypto";
import { open, stat } from "node:fs/promises";
import { basename } from "node:path";
import type { Compression, Container, NixSystem } from "../core/catalogue.js";
import { bytes, MiB, show } from "./bytes.js";
import { Checks } from "./checks.js";
import { DecompressError } from "./codec/decompress.js";
import { detectCompression } from "./codec/detect.js";
import { checkFsExt4 } from "./containers/fs-ext4.js";
import { checkIso } from "./containers/iso.js";
import { checkKexecBundle } from "./containers/kexec-bundle.js";
import { checkQcow2 } from "./containers/qcow2.js";
import { checkRawGpt, checkRawMbr, checkSdImage } from "./containers/rawdisk.js";
import { checkTarball, isTarContainer } from "./containers/tarballs.js";
import { checkVhd } from "./containers/vhd.js";
import { describeVhdDisk } from "./containers/vhd-disk.js";
import { checkVhdx } from "./containers/vhdx.js";
import { checkVma } from "./containers/vma.js";
import { checkVmdk } from "./containers/vmdk.js";
import { checkVmRunner } from "./containers/vm-runner.js";
import { sniff } from "./detect.js";
import { openImage } from "./open.js";
import type { ByteSource } from "./source.js";
import { checkTarget, targetOf, type TargetFacts } from "./targets/index.js";
import type { Finding, IdentifyOptions, VerifyExpectation, VerifyReport } from "./types.js";

export type { DetailValue, Finding, IdentifyOptions, VerifyExpectation, VerifyReport } from "./types.js";
export { TARGETS, targetOf, type Rule, type Source, type Target } from "./targets/index.js";

/** How many of an archive's top-level members a report lists. */
export const MEMBERS_SHOWN = 20;

/** Containers whose virtual size is the disk the user asked for. */
const DISK_CONTAINERS: ReadonlySet<Container> = new Set<Container>(["qcow2", "raw-mbr", "raw-gpt", "fs-ext4", "vhd", "vhdx", "vmdk", "ova", "vagrant-box", "vma", "gce-tar"]);

/** Detected containers that the expected container's own checks explain best. */
const EXPLAINS: Readonly<Partial<Record<Container, readonly Container[]>>> = {
  vhd: ["raw-mbr", "raw-gpt", "sd-image"],
  "sd-image": ["raw-mbr"],
};

/** Detected containers that satisfy an expected one. */
const SATISFIES: Readonly<Partial<Record<Container, readonly Container[]>>> = {
  "raw-mbr": ["sd-image"],
};

/** SHA-256 of a file, through one reused 1 MiB buffer (no garbage per chunk). */
export async function sha256File(path: string): Promise<string> {
  const h = createHash("sha256");
  const fh = await open(path, "r");
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    let at = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, at);
      if (bytesRead === 0) break;
      h.update(buf.subarray(0, bytesRead));
      at += bytesRead;
    }
  } finally {
    await fh.close();
  }
  return h.digest("hex");
}

async function firstBytes(path: string, n: number): Promise<Buffer> {
  const fh = await open(path, "r");
  try {
    const b = Buffer.alloc(n);
    const { bytesRead } = await fh.read(b, 0, n, 0);
    return b.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Checks the image at `path` against a format's container, compression and (with `target`) its target's acceptance rules. */
export function verifyImage(path: string, expect: VerifyExpectation): Promise<VerifyReport> {
  const opts: IdentifyOptions = {};
  if (expect.system !== undefined) opts.system = expect.system;
  if (expect.diskSizeMiB !== undefined) opts.diskSizeMiB = expect.diskSizeMiB;
  return inspect(path, expect, opts);
}

/**
 * Names what the image at `path` is by its bytes alone (compression, then
 * container) and checks that container's structure: `verify FILE` without a format.
 */
export function identifyImage(path: string, opts: IdentifyOptions = {}): Promise<VerifyReport> {
  return inspect(path, undefined, opts);
}

/**
 * Names what the image at `path` is and reports it, failing nothing: for a
 * custom format that declares no container, which verify cannot hold to
 * anything. What identification found amiss becomes the report's notes.
 */
export async function reportImage(path: string, opts: IdentifyOptions = {}): Promise<VerifyReport> {
  const report = await inspect(path, undefined, opts);
  if (report.findings.length === 0) return report;
  return { ...report, ok: true, findings: [], notes: report.findings };
}

async function inspect(path: string, expect: VerifyExpectation | undefined, opts: IdentifyOptions): Promise<VerifyReport> {
  const c = new Checks();
  const report: VerifyReport = {
    ok: false,
    path,
    size: 0,
    sha256: "",
    detected: { container: "unknown", compression: "none" },
    details: c.details,
    findings: c.findings,
  };
  if (expect) report.expected = expect;
  const finish = (): VerifyReport => {
    if (c.virtualSize !== undefined) report.virtualSize = c.virtualSize;
    if (c.label !== undefined) report.label = c.label;
    report.ok = c.findings.length === 0;
    return report;
  };

  let st;
  try {
    st = await stat(path);
  } catch (e) {
    c.fail("file", "an image at this path", errorText(e));
    return finish();
  }

  // A VM runner is a directory (or its script), not an image file.
  if (st.isDirectory() || expect?.container === "vm-runner") {
    if (expect?.compression !== undefined && expect.compression !== "none") c.fail("compression", expect.compression, "none (a VM runner)");
    const script = await checkVmRunner(path, c);
    if (script) {
      report.detected.container = "vm-runner";
      report.size = (await stat(script)).size;
      report.sha256 = await sha256File(script);
    }
    if (expect && expect.container !== "vm-runner") c.fail("container", expect.container, "a VM runner directory");
    return finish();
  }
  if (!st.isFile()) {
    c.fail("file", "a regular file", "something else (device, socket, …)");
    return finish();
  }

  report.size = st.size;
  report.sha256 = await sha256File(path);
  const compression: Compression = detectCompression(await firstBytes(path, 8));
  report.detected.compression = compression;
  if (expect?.compression !== undefined && compression !== expect.compression) c.fail("compression", expect.compression, compression, 0);
  // A target with rules of its own judges the boot entries an ISO needs.
  const target = expect?.target !== undefined ? targetOf(expect.target) : undefined;
  const system: NixSystem | undefined = opts.system;

  let src: ByteSource | undefined;
  let sizeTolerance = 0;
  try {
    src = await openImage(path, compression);
    const wanted = expect?.container;
    const sniffed = await sniff(src, wanted);
    let detected: Container | "unknown" = sniffed === "tar" ? "unknown" : sniffed;
    let runAs: Container | undefined;
    let facts: Partial<TargetFacts> = {};
    if (sniffed === "tar") {
      const tarAs = wanted && isTarContainer(wanted) ? wanted : undefined;
      const { detected: kind, listing } = await checkTarball(src, c, tarAs);
      detected = kind;
      facts = { listing };
      report.members = [...listing.members.keys()].filter((n) => !n.includes("/")).slice(0, MEMBERS_SHOWN);
      runAs = tarAs ?? (detected === "unknown" ? undefined : detected);
      if (wanted && detected !== wanted) c.fail("container", wanted, detected === "unknown" ? "a tar archive of no known kind" : detected, 0);
      else if (!wanted && detected === "unknown") c.fail("container", "a tar archive of a known kind (root file system, GCE disk, OVA, Vagrant box, LXC metadata, kexec)", describeListing(listing.order), 0);
    } else if (!wanted) {
      runAs = detected === "unknown" ? undefined : detected;
      if (runAs) ({ tolerance: sizeTolerance, facts } = await runCheck(runAs, path, src, c, system));
      else c.fail("container", "a disk image, ISO, archive or VMA that verify knows", await describeUnknown(src), 0);
    } else {
      if (detected === wanted || SATISFIES[wanted]?.includes(detected as Container) || detected === "unknown") {
        runAs = wanted;
      } else {
        c.fail("container", wanted, detected, 0);
        // A fixed VHD that lost its footer is a raw disk: its own checks say what is missing.
        runAs = EXPLAINS[wanted]?.includes(detected as Container) ? wanted : detected;
      }
      if (runAs) ({ tolerance: sizeTolerance, facts } = await runCheck(runAs, path, src, c, target ? undefined : system));
    }
    report.detected.container = detected;

    // The target's own rules, on an image whose container is the one it takes.
    if (target && expect && runAs === expect.container && (detected === expect.container || detected === "unknown" || SATISFIES[expect.container]?.includes(detected as Container))) {
      const all: TargetFacts = { ...facts, container: detected, compression, src, fileName: basename(path) };
      if (system !== undefined) all.system = system;
      await checkTarget(expect.target!, all, c);
    }

    if (compression !== "none") {
      const n = await src.size(); // reads to the end: the stream's own checksums
      c.detail("uncompressedSize", n);
    }
    compareDiskSize(c, opts.diskSizeMiB, runAs, sizeTolerance);
  } catch (e) {
    if (e instanceof DecompressError) {
      c.fail(`${e.format}.stream`, `a whole, valid ${e.format} stream`, e.reason, e.at >= 0 ? e.at : undefined);
    } else {
      c.fail("verify.read", "an image that can be read to the end", errorText(e));
    }
  } finally {
    await src?.close?.();
  }
  return finish();
}

function describeListing(order: readonly string[]): string {
  if (order.length === 0) return "an archive with no members";
  const shown = order.slice(0, 5).join(", ");
  return `members ${shown}${order.length > 5 ? `, … (${order.length} in all)` : ""}`;
}

/** What an unrecognised file starts with, for its finding. */
async function describeUnknown(src: ByteSource): Promise<string> {
  const head = await src.read(0, 16);
  if (head.length === 0) return "an empty file";
  return `bytes that match no known container (it starts with ${show(head)})`;
}

interface Checked {
  /** How far from the requested size its virtual size may round. */
  tolerance: number;
  facts: Partial<TargetFacts>;
}

/** Runs one container's checks. */
async function runCheck(container: Container, path: string, src: ByteSource, c: Checks, system: NixSystem | undefined): Promise<Checked> {
  const none: Checked = { tolerance: 0, facts: {} };
  switch (container) {
    case "qcow2":
      await checkQcow2(src, c);
      return none;
    case "raw-mbr":
    case "raw-gpt":
    case "sd-image":
      await (container === "raw-mbr" ? checkRawMbr : container === "raw-gpt" ? checkRawGpt : checkSdImage)(src, c);
      // A raw disk is as large as its bytes, even when its partition table is damaged.
      c.virtualSize = await src.size();
      return none;
    case "fs-ext4":
      await checkFsExt4(src, c);
      return none;
    case "vhd": {
      const footer = await checkVhd(src, c);
      if (footer && c.failed === 0) await describeVhdDisk(src, footer, c);
      // Without force_size, a VHD's size is rounded to whole CHS cylinders.
      return { tolerance: footer?.cylinderBytes ?? 0, facts: footer ? { vhd: footer } : {} };
    }
    case "vhdx":
      await checkVhdx(src, c);
      return none;
    case "vmdk":
      await checkVmdk(src, c);
      return none;
    case "iso": {
      const iso = await checkIso(src, c, system);
      return { tolerance: 0, facts: iso ? { iso } : {} };
    }
    case "vma": {
      const vma = await checkVma(src, c);
      return { tolerance: 0, facts: vma ? { vma } : {} };
    }
    case "kexec-bundle":
      await checkKexecBundle(path, src, c);
      return none;
    case "vm-runner":
      await checkVmRunner(path, c);
      return none;
    case "rootfs-tar":
    case "kexec-tar":
    case "lxc-metadata":
    case "gce-tar":
    case "ova":
    case "vagrant-box": {
      const { listing } = await checkTarball(src, c, container);
      return { tolerance: 0, facts: { listing } };
    }
  }
}

function compareDiskSize(c: Checks, want: number | "auto" | undefined, runAs: Container | undefined, tolerance: number): void {
  if (want === undefined) return;
  c.detail("requestedDiskSize", want === "auto" ? "auto" : want * MiB);
  if (want === "auto" || !runAs || !DISK_CONTAINERS.has(runAs)) return;
  const got = c.virtualSize;
  if (got === undefined) return;
  const bytesWanted = want * MiB;
  if (Math.abs(got - bytesWanted) > tolerance) {
    c.fail("disk-size", `${bytes(bytesWanted)} (--disk-size ${want})${tolerance ? `, give or take one CHS cylinder (${tolerance} bytes)` : ""}`, bytes(got));
  }
}

/** Human text: a summary line, then one line per finding (identified images: what was found, line by line). */
export function renderReport(r: VerifyReport): string {
  if (!r.expected) return renderIdentified(r);
  const what = `${r.detected.container}${r.detected.compression !== "none" ? ` (${r.detected.compression})` : ""}`;
  const parts = [what];
  if (r.virtualSize !== undefined) parts.push(`virtual size ${bytes(r.virtualSize)}`);
  if (r.label) parts.push(`label ${JSON.stringify(r.label)}`);
  parts.push(`${bytes(r.size)}`);
  if (r.sha256) parts.push(`sha256 ${r.sha256}`);
  const head = `${r.ok ? "ok" : "FAILED"} ${r.path}: ${parts.join(", ")}`;
  const lines = [head];
  if (!r.ok) {
    const target = r.expected.target ? `${r.expected.target}: ` : "";
    const exp = `${target}${r.expected.container}${r.expected.compression !== undefined && r.expected.compression !== "none" ? ` (${r.expected.compression})` : ""}`;
    lines[0] += ` — expected ${exp}, ${r.findings.length} finding${r.findings.length === 1 ? "" : "s"}:`;
  }
  for (const f of r.findings) lines.push(`  ${renderFinding(f)}`);
  return lines.join("\n");
}

/** `verify FILE` without a format: what the bytes are, as `qemu-img info` would list it, then any findings. */
function renderIdentified(r: VerifyReport): string {
  const rows: [string, string][] = [];
  rows.push(["container", r.detected.container === "unknown" ? "unknown" : r.detected.container]);
  rows.push(["compression", r.detected.compression]);
  if (r.virtualSize !== undefined) rows.push(["virtual size", bytes(r.virtualSize)]);
  if (r.label) rows.push(["label", JSON.stringify(r.label)]);
  if (r.members) {
    const count = r.details.members;
    const more = typeof count === "number" && count > r.members.length ? `, … (${count} members in all)` : "";
    rows.push(["members", `${r.members.join(", ") || "none"}${more}`]);
  }
  rows.push(["file", `${bytes(r.size)}${r.sha256 ? `, sha256 ${r.sha256}` : ""}`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  const sound = r.findings.length === 0 && r.notes === undefined;
  const what = `${sound ? "a sound" : "a damaged or unknown"} ${r.detected.container === "unknown" ? "file" : r.detected.container}`;
  const head = r.notes
    ? `ok ${r.path}: ${what}, held to no container (its custom format declares no formatContainer), ${r.notes.length} note${r.notes.length === 1 ? "" : "s"}`
    : `${r.ok ? "ok" : "FAILED"} ${r.path}: ${what}${r.ok ? "" : `, ${r.findings.length} finding${r.findings.length === 1 ? "" : "s"}`}`;
  const lines = [head];
  for (const [k, v] of rows) lines.push(`  ${k.padEnd(width)}  ${v}`);
  const details = Object.entries(r.details).filter(([k]) => k !== "members");
  if (details.length > 0) {
    lines.push("  details:");
    for (const [k, v] of details) lines.push(`    ${k}: ${String(v)}`);
  }
  if (!r.ok) {
    lines.push("  findings:");
    for (const f of r.findings) lines.push(`    ${renderFinding(f)}`);
  }
  if (r.notes) {
    lines.push("  notes (not failed: set formatContainer in the format to hold the image to a container):");
    for (const f of r.notes) lines.push(`    ${renderFinding(f)}`);
  }
  return lines.join("\n");
}

export function renderFinding(f: Finding): string {
  const at = f.offset !== undefined ? ` (at byte ${f.offset})` : "";
  if (f.rule) return `${f.check}: ${f.rule} (found ${f.found})${at}`;
  return `${f.check}: expected ${f.expected}, found ${f.found}${at}`;
}
