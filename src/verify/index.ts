// Verify an image before it ships: identify its compression and container by
// their bytes, check each against what the format promises, and report
// findings (never throwing for a bad image). Large files are read with
// positioned reads and streams, in bounded memory.
import { createHash } from "node:crypto";
import { open, stat } from "node:fs/promises";
import type { Compression, Container } from "../core/catalogue.js";
import { bytes, MiB } from "./bytes.js";
import { Checks } from "./checks.js";
import { DecompressError } from "./codec/decompress.js";
import { detectCompression } from "./codec/detect.js";
import { checkIso } from "./containers/iso.js";
import { checkKexecBundle } from "./containers/kexec-bundle.js";
import { checkQcow2 } from "./containers/qcow2.js";
import { checkRawGpt, checkRawMbr, checkSdImage } from "./containers/rawdisk.js";
import { checkTarball, isTarContainer } from "./containers/tarballs.js";
import { checkVhd } from "./containers/vhd.js";
import { checkVhdx } from "./containers/vhdx.js";
import { checkVma } from "./containers/vma.js";
import { checkVmdk } from "./containers/vmdk.js";
import { checkVmRunner } from "./containers/vm-runner.js";
import { sniff } from "./detect.js";
import { openImage } from "./open.js";
import type { ByteSource } from "./source.js";
import type { Finding, VerifyExpectation, VerifyReport } from "./types.js";

export type { DetailValue, Finding, VerifyExpectation, VerifyReport } from "./types.js";

/** Containers whose virtual size is the disk the user asked for. */
const DISK_CONTAINERS: ReadonlySet<Container> = new Set<Container>(["qcow2", "raw-mbr", "raw-gpt", "vhd", "vhdx", "vmdk", "ova", "vagrant-box", "vma", "gce-tar"]);

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

export async function verifyImage(path: string, expect: VerifyExpectation): Promise<VerifyReport> {
  const c = new Checks();
  const report: VerifyReport = {
    ok: false,
    path,
    size: 0,
    sha256: "",
    expected: expect,
    detected: { container: "unknown", compression: "none" },
    details: c.details,
    findings: c.findings,
  };
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
  if (st.isDirectory() || expect.container === "vm-runner") {
    if (expect.compression !== "none") c.fail("compression", expect.compression, "none (a VM runner)");
    const script = await checkVmRunner(path, c);
    if (script) {
      report.detected.container = "vm-runner";
      report.size = (await stat(script)).size;
      report.sha256 = await sha256File(script);
    }
    if (expect.container !== "vm-runner") c.fail("container", expect.container, "a VM runner directory");
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
  if (compression !== expect.compression) c.fail("compression", expect.compression, compression, 0);

  let src: ByteSource | undefined;
  let sizeTolerance = 0;
  try {
    src = await openImage(path, compression);
    const sniffed = await sniff(src, expect.container);
    let detected: Container | "unknown" = sniffed === "tar" ? "unknown" : sniffed;
    let runAs: Container | undefined;
    if (sniffed === "tar") {
      detected = await checkTarball(src, c, isTarContainer(expect.container) ? expect.container : undefined);
      runAs = isTarContainer(expect.container) ? expect.container : detected === "unknown" ? undefined : detected;
      if (detected !== expect.container) c.fail("container", expect.container, detected === "unknown" ? "a tar archive of no known kind" : detected, 0);
    } else {
      if (detected === expect.container || SATISFIES[expect.container]?.includes(detected as Container) || detected === "unknown") {
        runAs = expect.container;
      } else {
        c.fail("container", expect.container, detected, 0);
        // A fixed VHD that lost its footer is a raw disk: its own checks say what is missing.
        runAs = EXPLAINS[expect.container]?.includes(detected as Container) ? expect.container : detected;
      }
      if (runAs) sizeTolerance = await runCheck(runAs, path, src, c, expect);
    }
    report.detected.container = detected;

    if (compression !== "none") {
      const n = await src.size(); // reads to the end: the stream's own checksums
      c.detail("uncompressedSize", n);
    }
    compareDiskSize(c, expect, runAs, sizeTolerance);
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

/** Runs one container's checks; returns how far from the requested size its virtual size may round. */
async function runCheck(container: Container, path: string, src: ByteSource, c: Checks, expect: VerifyExpectation): Promise<number> {
  switch (container) {
    case "qcow2":
      await checkQcow2(src, c);
      return 0;
    case "raw-mbr":
    case "raw-gpt":
    case "sd-image":
      await (container === "raw-mbr" ? checkRawMbr : container === "raw-gpt" ? checkRawGpt : checkSdImage)(src, c);
      // A raw disk is as large as its bytes, even when its partition table is damaged.
      c.virtualSize = await src.size();
      return 0;
    case "vhd": {
      const footer = await checkVhd(src, c);
      // Without force_size, a VHD's size is rounded to whole CHS cylinders.
      return footer?.cylinderBytes ?? 0;
    }
    case "vhdx":
      await checkVhdx(src, c);
      return 0;
    case "vmdk":
      await checkVmdk(src, c);
      return 0;
    case "iso":
      await checkIso(src, c, expect.system);
      return 0;
    case "vma":
      await checkVma(src, c);
      return 0;
    case "kexec-bundle":
      await checkKexecBundle(path, src, c);
      return 0;
    case "vm-runner":
      await checkVmRunner(path, c);
      return 0;
    case "rootfs-tar":
    case "kexec-tar":
    case "lxc-metadata":
    case "gce-tar":
    case "ova":
    case "vagrant-box":
      await checkTarball(src, c, container);
      return 0;
  }
}

function compareDiskSize(c: Checks, expect: VerifyExpectation, runAs: Container | undefined, tolerance: number): void {
  const want = expect.diskSizeMiB;
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

/** Human text: a summary line, then one line per finding. */
export function renderReport(r: VerifyReport): string {
  const what = `${r.detected.container}${r.detected.compression !== "none" ? ` (${r.detected.compression})` : ""}`;
  const parts = [what];
  if (r.virtualSize !== undefined) parts.push(`virtual size ${bytes(r.virtualSize)}`);
  if (r.label) parts.push(`label ${JSON.stringify(r.label)}`);
  parts.push(`${bytes(r.size)}`);
  if (r.sha256) parts.push(`sha256 ${r.sha256}`);
  const head = `${r.ok ? "ok" : "FAILED"} ${r.path}: ${parts.join(", ")}`;
  const lines = [head];
  if (!r.ok) {
    const exp = `${r.expected.container}${r.expected.compression !== "none" ? ` (${r.expected.compression})` : ""}`;
    lines[0] += ` — expected ${exp}, ${r.findings.length} finding${r.findings.length === 1 ? "" : "s"}:`;
  }
  for (const f of r.findings) lines.push(`  ${renderFinding(f)}`);
  return lines.join("\n");
}

export function renderFinding(f: Finding): string {
  return `${f.check}: expected ${f.expected}, found ${f.found}${f.offset !== undefined ? ` (at byte ${f.offset})` : ""}`;
}
