// A self-extracting kexec bundle: a shell script, a marker line it looks for
// (this project's "#PAYLOAD#", nixos-generators' "__ARCHIVE_BELOW__"), then a
// tar archive (plain or compressed) holding either a static kexec with a
// kernel and an initrd, or a kexec tarball with kexec_nixos.
import { stat } from "node:fs/promises";
import type { Checks } from "../checks.js";
import { show } from "../bytes.js";
import { detectCompression } from "../codec/detect.js";
import { DecompressError } from "../codec/decompress.js";
import { openImage } from "../open.js";
import type { ByteSource } from "../source.js";
import { entrySource, walkTar, type TarEntry, type TarSummary } from "../tar.js";

const SCRIPT_LIMIT = 64 * 1024;
const PAYLOAD_MAGICS = [Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), Buffer.from([0x1f, 0x8b, 0x08]), Buffer.from([0x28, 0xb5, 0x2f, 0xfd])];

/**
 * Where the archive after the script starts: after the first marker-looking
 * line ("#PAYLOAD#", "__ARCHIVE_BELOW__") that the script itself mentions
 * earlier, or else at the first compressed-stream magic.
 */
/** Whether bytes start like an archive: a compressed stream or a ustar header. */
export function looksLikeArchive(b: Buffer): boolean {
  return detectCompression(b) !== "none" || (b.length >= 262 && b.subarray(257, 262).toString("latin1") === "ustar");
}

export function payloadOffset(head: Buffer): { offset: number; marker?: string } | undefined {
  const text = head.toString("latin1");
  for (const m of text.matchAll(/^(#?[A-Z][A-Z0-9_]{3,}#?|__[A-Z0-9_]+__)\r?\n/gm)) {
    const marker = m[1]!;
    if (!marker.startsWith("#") && !marker.startsWith("__")) continue;
    if (text.slice(0, m.index).includes(marker)) return { offset: m.index + m[0].length, marker };
  }
  let best: number | undefined;
  for (const magic of PAYLOAD_MAGICS) {
    const i = head.indexOf(magic);
    if (i > 0 && (best === undefined || i < best)) best = i;
  }
  return best === undefined ? undefined : { offset: best };
}

const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);

export async function checkKexecBundle(path: string, src: ByteSource, c: Checks): Promise<void> {
  const head = await src.read(0, SCRIPT_LIMIT);
  if (head.subarray(0, 2).toString("latin1") !== "#!") {
    c.fail("kexec-bundle.shebang", '"#!" (a script header)', show(head.subarray(0, 8)), 0);
    return;
  }
  const nl = head.indexOf(0x0a);
  c.detail("interpreter", head.subarray(2, nl < 0 ? 80 : nl).toString("latin1").trim());
  const st = await stat(path);
  if ((st.mode & 0o111) === 0) c.fail("kexec-bundle.executable", "an executable file", `mode ${(st.mode & 0o777).toString(8)}`);
  const p = payloadOffset(head);
  if (!p) {
    c.fail("kexec-bundle.payload", "an archive after the script, behind a marker line the script names (#PAYLOAD#, __ARCHIVE_BELOW__)", "none in the first 64 KiB", 0);
    return;
  }
  c.detail("payloadOffset", p.offset);
  if (p.marker) c.detail("marker", p.marker);
  const script = head.subarray(0, p.offset).toString("latin1");
  if (script.includes("\0")) c.fail("kexec-bundle.script", "a text script before the payload", "NUL bytes in it", script.indexOf("\0"));
  // The shell must stop before it reaches the payload.
  if (!/^\s*exit\b/m.test(script) && !/^\s*exec\b/m.test(script)) c.fail("kexec-bundle.script", "an exit (or exec) before the payload", "none: the shell would run into the archive", 0);

  const compression = detectCompression(await src.read(p.offset, 6));
  c.detail("payloadCompression", compression);
  const payload = await openImage(path, compression, p.offset);
  const pc = c.child("payload");
  try {
    await checkPayload(payload, pc, c, p.offset);
    await payload.size(); // the stream's own checksums, to its end
  } catch (e) {
    if (!(e instanceof DecompressError)) throw e;
    c.fail("kexec-bundle.payload.compression", `a whole ${e.format} stream`, e.reason, p.offset + Math.max(0, e.at));
  } finally {
    await payload.close?.();
  }
}

/** The archive: kexec + kernel + initrd, or kexec_nixos (nixos-generators). */
async function checkPayload(src: ByteSource, pc: Checks, c: Checks, at: number): Promise<void> {
  const summary: TarSummary = { entries: 0, end: 0, endMarker: false, broken: false };
  const top = new Map<string, TarEntry>();
  let first: Buffer | undefined;
  for await (const e of walkTar(src, pc, summary)) {
    if (!e.name || e.name.includes("/")) continue;
    top.set(e.name, e);
    if (e.type === "0" && (e.name === "kexec" || /^(bzImage|Image|vmlinuz.*|kernel)$/.test(e.name) || /^initrd/.test(e.name))) {
      const magic = await entrySource(src, e).read(0, 0x240);
      if (e.name === "kexec") first = magic;
      describeMember(e, magic, pc);
    }
  }
  pc.detail("members", summary.entries);
  if (summary.broken) return;
  if (!summary.endMarker) pc.fail("tar.end", "the end-of-archive zero blocks", "none (truncated?)", summary.end);
  const names = [...top.keys()];
  if (top.has("kexec_nixos")) {
    const k = top.get("kexec_nixos")!;
    pc.detail("layout", "kexec tarball");
    if (k.type === "2") pc.detail("kexec_nixos.target", k.linkName);
    return;
  }
  const kernel = names.find((n) => /^(bzImage|Image|vmlinuz.*|kernel)$/.test(n));
  const initrd = names.find((n) => /^initrd/.test(n));
  const kexec = top.get("kexec");
  if (!kexec || !kernel || !initrd) {
    c.fail("kexec-bundle.payload", "kexec, a kernel (bzImage/Image) and an initrd — or a kexec_nixos entry", names.slice(0, 8).join(", ") || "an empty archive", at);
    return;
  }
  pc.detail("layout", "kexec + kernel + initrd");
  if (kexec.type !== "0" || (kexec.mode & 0o111) === 0) pc.fail("kexec", "an executable file", `type ${JSON.stringify(kexec.type)}, mode ${kexec.mode.toString(8)}`, kexec.headerOffset);
  if (first && !first.subarray(0, 4).equals(ELF)) pc.fail("kexec.elf", "an ELF executable (7f 45 4c 46)", show(first.subarray(0, 4)), kexec.dataOffset);
}

/** Kernel and initrd formats, by their magic numbers. */
function describeMember(e: TarEntry, magic: Buffer, pc: Checks): void {
  if (/^(bzImage|Image|vmlinuz.*|kernel)$/.test(e.name)) {
    const x86 = magic.length >= 0x206 && magic.subarray(0x202, 0x206).toString("latin1") === "HdrS";
    const arm64 = magic.length >= 0x3c && magic.subarray(0x38, 0x3c).toString("latin1") === "ARMd";
    const efiStub = magic.subarray(0, 2).toString("latin1") === "MZ";
    pc.detail("kernel", `${e.name}: ${x86 ? "x86 boot protocol" : arm64 ? "arm64 Image" : efiStub ? "EFI stub" : "unknown format"}`);
    if (!x86 && !arm64 && !efiStub) pc.fail("kernel", "a Linux kernel (x86 'HdrS' at 0x202, arm64 'ARMd' at 0x38, or an EFI stub)", show(magic.subarray(0, 8)), e.dataOffset);
  } else if (/^initrd/.test(e.name)) {
    const kind = detectCompression(magic);
    const cpio = magic.subarray(0, 6).toString("latin1") === "070701";
    const lz4 = magic.length >= 4 && magic.readUInt32LE(0) === 0x184c2102;
    pc.detail("initrd", `${e.name}: ${kind !== "none" ? kind : cpio ? "cpio" : lz4 ? "lz4" : "unknown format"}`);
    if (kind === "none" && !cpio && !lz4) pc.fail("initrd", "a cpio archive, plain or compressed", show(magic.subarray(0, 8)), e.dataOffset);
  }
}
