// manifest.json: one entry per built image, with what verify found. The
// action's `images` output and the CLI's `--json` use the same schema.
import { randomBytes } from "node:crypto";
import { open, readFile, rename, rm } from "node:fs/promises";
import { basename, join } from "node:path";
import { z } from "zod";
import { builderSchema, containerSchema, systemSchema, type Builder, type NixSystem } from "../core/catalogue.js";
import { guarded } from "../core/system-error.js";
import type { VerifyReport } from "./types.js";

export const MANIFEST_FILE = "manifest.json";

export const findingSchema = z.strictObject({
  check: z.string().min(1),
  expected: z.string(),
  found: z.string(),
  offset: z.number().int().nonnegative().optional(),
  rule: z.string().optional(),
});

const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

/** A compressed copy of the image (the action's `compress`): the file that was uploaded instead of the image. */
export const compressedFileSchema = z.strictObject({
  /** Its file name: the image's plus .zst or .xz. */
  file: z.string().min(1),
  /** Where it is (relative to the manifest's directory, beside the image). */
  path: z.string().min(1),
  compression: z.enum(["zstd", "xz"]),
  size: z.number().int().nonnegative(),
  /** Hex SHA-256 of the compressed file (the image's own is `sha256`). */
  sha256: sha256Schema,
});
export type CompressedFile = z.infer<typeof compressedFileSchema>;

export const manifestEntrySchema = z.strictObject({
  /** The catalogue format name (e.g. "qcow", "proxmox"). */
  format: z.string().min(1),
  system: systemSchema,
  /** The image's file name. */
  file: z.string().min(1),
  /** Where the image is (absolute, or relative to the manifest's directory). */
  path: z.string().min(1),
  /** The image's bytes, as verified (compressed when its format compresses it). */
  size: z.number().int().nonnegative(),
  /** Hex SHA-256 of the image as verified; null when there was no file to hash. */
  sha256: sha256Schema.nullable(),
  /** What made it: "repart" (systemd-repart, no VM) or "vm" (nixpkgs' variant, or a custom format's own builder); null when not evaluated. */
  builder: builderSchema.nullable(),
  /** The compressed copy uploaded instead of the image (the action's `compress`), or null. */
  compressed: compressedFileSchema.nullable(),
  /** The container verify found ("unknown" when it could not tell). */
  container: z.union([containerSchema, z.literal("unknown")]),
  /** The disk's size in bytes, for containers that have one. */
  virtualSize: z.number().int().nonnegative().nullable(),
  /** The NixOS label (ISO volume label, root file system label, system label) when found. */
  nixosLabel: z.string().nullable(),
  ok: z.boolean(),
  findings: z.array(findingSchema),
});
export type ManifestEntry = z.infer<typeof manifestEntrySchema>;

export const manifestSchema = z.strictObject({
  version: z.literal(1),
  images: z.array(manifestEntrySchema),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** The manifest entry for one verified image. */
export function manifestEntry(
  report: VerifyReport,
  meta: { format: string; system: NixSystem; path?: string; builder?: Builder | null; compressed?: CompressedFile | null },
): ManifestEntry {
  return manifestEntrySchema.parse({
    format: meta.format,
    system: meta.system,
    file: basename(report.path),
    path: meta.path ?? report.path,
    size: report.size,
    sha256: report.sha256 === "" ? null : report.sha256,
    builder: meta.builder ?? null,
    compressed: meta.compressed ?? null,
    container: report.detected.container,
    virtualSize: report.virtualSize ?? null,
    nixosLabel: report.label ?? null,
    ok: report.ok,
    findings: report.findings.map((f) => ({ ...f })),
  });
}

/**
 * Writes `dir/manifest.json` atomically (a temporary file, then a rename);
 * returns its path. A full disk, a read-only or missing directory is one
 * UserError naming the file; the temporary file is removed.
 */
export async function writeManifest(dir: string, entries: readonly ManifestEntry[]): Promise<string> {
  const manifest: Manifest = manifestSchema.parse({ version: 1, images: entries });
  const target = join(dir, MANIFEST_FILE);
  return guarded({ problem: `Writing the manifest ${target} failed`, target, owner: "user", instead: "write it to a directory with free space that this user may write" }, () => writeAtomically(dir, target, manifest));
}

async function writeAtomically(dir: string, target: string, manifest: Manifest): Promise<string> {
  const temp = join(dir, `.${MANIFEST_FILE}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const fh = await open(temp, "wx", 0o644);
  try {
    await fh.writeFile(JSON.stringify(manifest, null, 2) + "\n");
    await fh.sync();
  } catch (e) {
    await fh.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw e;
  }
  await fh.close();
  try {
    await rename(temp, target);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
  return target;
}

export async function readManifest(path: string): Promise<Manifest> {
  return manifestSchema.parse(JSON.parse(await readFile(path, "utf8")));
}
