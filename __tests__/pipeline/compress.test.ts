// compress.ts on its own: zstd (node:zlib) and xz (the system's xz) stream an
// image into <file>.zst / <file>.xz whose decompressed bytes are the image's,
// with the compressed file's size and SHA-256; an image compressed already
// is left alone; a failure leaves nothing half-written; no xz is exit 4.
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { zstdDecompressSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { loadCatalogue, type Format } from "../../src/core/catalogue.js";
import { ExitCode } from "../../src/core/errors.js";
import type { ImageOutcome } from "../../src/pipeline/pipeline.js";
import { checkCompressor, compressFile, compressImages, uploadedFile } from "../../src/pipeline/compress.js";
import { userErrorAsync } from "../cli/user-error.js";

const sha256 = (data: Buffer): string => createHash("sha256").update(data).digest("hex");
const catalogue = loadCatalogue();
const entry = (name: string): Format => catalogue.lookup(name) ?? (() => { throw new Error(name); })();

/** A disk-like file: an MBR signature, random blocks and long runs of zeros (a hole). */
function diskFile(dir: string, name = "disk.img"): string {
  const path = join(dir, name);
  const data = Buffer.alloc(6 * 1024 * 1024);
  data.writeUInt16LE(0xaa55, 510);
  randomBytes(512 * 1024).copy(data, 1024 * 1024);
  Buffer.from("text ".repeat(100_000)).copy(data, 3 * 1024 * 1024);
  writeFileSync(path, data);
  return path;
}

/** An outcome as the pipeline hands it over after verification: the file in out-dir. */
function outcome(file: string, format: ImageOutcome["target"]["format"]): ImageOutcome {
  const name = format.kind === "catalogue" ? format.entry.name : format.name;
  return {
    target: { format, system: "x86_64-linux" },
    format: name,
    builder: "vm",
    evaluated: {
      format: name,
      custom: format.kind === "custom",
      system: "x86_64-linux",
      drvPath: "/nix/store/00000000000000000000000000000000-x.drv",
      output: "/nix/store/00000000000000000000000000000000-x",
      fileName: file.split("/").at(-1) ?? "",
      filePath: "",
      imageSearch: null,
      label: "test",
      diskSize: null,
      toplevel: "/nix/store/00000000000000000000000000000000-toplevel",
    },
    status: "built",
    fromCache: false,
    needsBuild: false,
    storePath: "/nix/store/00000000000000000000000000000000-x/x",
    fileName: file.split("/").at(-1) ?? "",
    file,
  };
}

describe("compressFile", () => {
  it("zstd: the decompressed bytes are the image's; size and SHA-256 are the compressed file's", async () => {
    const dir = mkdtempSync(join(tmpdir(), "compress-"));
    const image = diskFile(dir);
    const written = await compressFile(image, `${image}.zst`, "zstd");
    const compressed = readFileSync(`${image}.zst`);
    expect(written).toEqual({ size: compressed.length, sha256: sha256(compressed) });
    expect(compressed.length).toBeLessThan(statSync(image).size / 4);
    expect(sha256(zstdDecompressSync(compressed))).toBe(sha256(readFileSync(image)));
    expect(sha256(execFileSync("zstd", ["-dc", `${image}.zst`], { maxBuffer: 64 * 1024 * 1024 }))).toBe(sha256(readFileSync(image)));
    // The content size is in the frame header, and the frame has a checksum.
    expect(execFileSync("zstd", ["-lv", `${image}.zst`], { encoding: "utf8" })).toMatch(/Decompressed Size: 6\.00 MiB \(6291456 B\)[\s\S]*Check: XXH64/);
  });

  it("xz: the same through the system's xz -T0", async () => {
    const dir = mkdtempSync(join(tmpdir(), "compress-"));
    const image = diskFile(dir);
    const written = await compressFile(image, `${image}.xz`, "xz");
    const compressed = readFileSync(`${image}.xz`);
    expect(written).toEqual({ size: compressed.length, sha256: sha256(compressed) });
    expect(sha256(execFileSync("xz", ["-dc", `${image}.xz`], { maxBuffer: 64 * 1024 * 1024 }))).toBe(sha256(readFileSync(image)));
    expect(readdirSync(dir).sort()).toEqual(["disk.img", "disk.img.xz"]);
  });

  it("a failure leaves nothing half-written: xz failing, a missing image", async () => {
    const dir = mkdtempSync(join(tmpdir(), "compress-"));
    const xz = join(dir, "xz");
    writeFileSync(xz, "#!/bin/sh\nhead -c 1000 /dev/zero\necho 'xz: disk.img: Cannot allocate memory' >&2\nexit 1\n", { mode: 0o755 });
    const image = diskFile(dir);
    process.env.NIXOS_GENERATORS_XZ = xz;
    try {
      const e = await userErrorAsync(() => compressFile(image, `${image}.xz`, "xz"));
      expect(e.problem).toBe(`xz failed compressing ${image} (exit 1): xz: disk.img: Cannot allocate memory.`);
      expect(e.exitCode).toBe(ExitCode.environment);
    } finally {
      delete process.env.NIXOS_GENERATORS_XZ;
    }
    await expect(compressFile(join(dir, "missing.img"), join(dir, "missing.img.zst"), "zstd")).rejects.toMatchObject({ code: "ENOENT" });
    expect(readdirSync(dir).sort()).toEqual(["disk.img", "xz"]);
  });
});

describe("compressImages", () => {
  it("compresses what is not compressed already; a catalogue zstd format and a custom gzip file stay as they are", async () => {
    const dir = mkdtempSync(join(tmpdir(), "compress-"));
    const plain = outcome(diskFile(dir, "plain.img"), { kind: "custom", name: "mbr-disk", from: "configuration" });
    const qcow = outcome(diskFile(dir, "nixos.qcow2"), { kind: "catalogue", entry: entry("qcow") });
    const sd = outcome(diskFile(dir, "sd.img.zst"), { kind: "catalogue", entry: entry("sd-aarch64") });
    const gz = join(dir, "custom.img.gz");
    writeFileSync(gz, execFileSync("gzip", ["-c", diskFile(dir, "custom.img")]));
    const gzipped = outcome(gz, { kind: "custom", name: "blob", from: "configuration" });
    const lines: string[] = [];
    await compressImages([plain, qcow, sd, gzipped], "zstd", { log: (l) => lines.push(l) });
    expect([plain, qcow, sd, gzipped].map((i) => i.compressed?.fileName)).toEqual(["plain.img.zst", "nixos.qcow2.zst", undefined, undefined]);
    expect(lines.filter((l) => l.includes("already"))).toEqual([
      "sd-aarch64 (x86_64-linux): sd.img.zst is zstd-compressed already; uploaded as it is",
      "blob (x86_64-linux): custom.img.gz is gzip-compressed already; uploaded as it is",
    ]);
    expect(uploadedFile(plain)).toEqual({ path: join(dir, "plain.img.zst"), fileName: "plain.img.zst", compression: "zstd", sha256: sha256(readFileSync(join(dir, "plain.img.zst"))) });
    expect(uploadedFile(sd).path).toBe(join(dir, "sd.img.zst"));
    // none: nothing happens.
    const again = outcome(diskFile(dir, "again.img"), { kind: "custom", name: "x", from: "configuration" });
    await compressImages([again], "none");
    expect(again.compressed).toBeUndefined();
  });

  it("an out-dir that is gone: one UserError naming the target and compress: none as a way out", async () => {
    const dir = mkdtempSync(join(tmpdir(), "compress-"));
    const image = outcome(diskFile(dir), { kind: "custom", name: "mbr-disk", from: "configuration" });
    image.file = join(dir, "gone", "disk.img");
    const e = await userErrorAsync(() => compressImages([image], "zstd"));
    expect(e.problem).toMatch(new RegExp(`^The image of mbr-disk \\(x86_64-linux\\) cannot be read at ${join(dir, "gone", "disk.img")}`));
    expect(dirname(image.file)).toBe(join(dir, "gone"));
  });
});

describe("checkCompressor", () => {
  it("xz missing: exit 4 with both ways out; zstd needs nothing", async () => {
    process.env.NIXOS_GENERATORS_XZ = "/nonexistent/xz";
    try {
      const e = await userErrorAsync(() => checkCompressor("xz"));
      expect(e.exitCode).toBe(ExitCode.environment);
      expect(e.problem).toBe("compress: xz runs the system's xz program, and '/nonexistent/xz --version' does not run on this runner.");
      expect(e.fix).toBe("Install xz-utils before this step (sudo apt-get install -y xz-utils), or set compress: zstd (built into the action).");
      await expect(checkCompressor("zstd")).resolves.toBeUndefined();
    } finally {
      delete process.env.NIXOS_GENERATORS_XZ;
    }
    await expect(checkCompressor("xz")).resolves.toBeUndefined();
  });
});
