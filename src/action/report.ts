// What the action reports: the manifest, the `images` output (one entry per
// image, usable with fromJSON) and the step summary, for every outcome.
import { appendFile, stat, truncate } from "node:fs/promises";
import { EOL } from "node:os";
import { relative } from "node:path";
import { isUserError } from "../core/errors.js";
import { guarded } from "../core/system-error.js";
import { formatName, type Target } from "../core/request.js";
import type { ImageOutcome } from "../pipeline/pipeline.js";
import { compressedEntry } from "../pipeline/compress.js";
import { manifestEntry, type ManifestEntry } from "../verify/manifest.js";
import type { ActionInputs } from "./inputs.js";
import { isPortable } from "./images.js";
import { bytes, cell } from "./markdown.js";
import type { Published } from "./publish-images.js";

/** One entry of the `images` output: the manifest entry and where the image went. */
export interface ImageOutput extends ManifestEntry {
  /** The image's derivation; null when the run stopped before it was evaluated. */
  drvPath: string | null;
  /** The image in the Nix store (output/filePath; not there when the image came from the cache); null when not evaluated. */
  storePath: string | null;
  /** Restored from the Actions cache instead of built. */
  cached: boolean;
  /** A format of the configuration's own, not of the catalogue. */
  custom: boolean;
  uploaded: boolean;
  artifactId?: number;
  artifactName?: string;
  artifactUrl?: string;
  assetUrl?: string;
  /** Why the image failed (set-up, evaluation, build, copy, verify or boot), when it did. */
  error?: string;
  /** With boot-test: booted, failed or skipped, why, and the console logs (absolute paths, in out-dir). */
  boot?: { status: "booted" | "failed" | "skipped"; reason: string; logs: string[] };
}

function errorText(error: unknown): string {
  return isUserError(error) ? error.problem : error instanceof Error ? error.message : String(error);
}

/**
 * The `images` output of a run that stopped before any image was evaluated
 * (set-up, evaluation): one entry per requested image, not ok, with the
 * reason, so that `fromJSON(steps.x.outputs.images)` works on every outcome.
 */
export function unbuiltOutputs(targets: readonly Target[], failure: unknown): ImageOutput[] {
  const reason = failure === undefined ? "not built" : errorText(failure);
  return targets.map((target) => ({
    ...unverifiedEntry({ format: formatName(target.format), system: target.system, file: "", path: "", builder: null }, { check: "evaluate", expected: "an evaluated image", found: reason }),
    drvPath: null,
    storePath: null,
    cached: false,
    custom: target.format.kind === "custom",
    uploaded: false,
    error: reason,
  }));
}

/** The failure in the summary: its problem and its fix (or, for a bug, its message). */
function failureSection(heading: string, failure: unknown): string[] {
  if (failure === undefined) return [];
  const fix = isUserError(failure) ? ["", `**Fix:** ${cell(failure.fix)}`] : [];
  return ["", `### ${heading}`, "", cell(errorText(failure)), ...fix];
}

/** The summary of a run that stopped before any image was evaluated. */
export function unbuiltSummary(targets: readonly Target[], failure: unknown): string {
  const lines = ["## NixOS images"];
  if (targets.length > 0) lines.push("", "| Format | System | Status |", "| --- | --- | --- |");
  for (const target of targets) lines.push(`| ${cell(formatName(target.format))} | ${target.system} | ❌ not built |`);
  lines.push(...failureSection(targets.length > 0 ? "The run stopped before any image was built" : "Nothing was built", failure));
  return lines.join("\n") + "\n";
}

/** The manifest entry of an image: what verify found, or, for one that was not built, the build failure. */
export function manifestOf(image: ImageOutcome, outDir: string): ManifestEntry {
  const path = image.file && isPortable(image) ? relative(outDir, image.file) : (image.file ?? image.storePath);
  const compressed = image.compressed ? { ...compressedEntry(image.compressed), path: relative(outDir, image.compressed.path) } : null;
  if (image.report) return manifestEntry(image.report, { format: image.format, system: image.target.system, path, builder: image.builder, compressed });
  return unverifiedEntry(
    { format: image.format, system: image.target.system, file: image.fileName, path, builder: image.builder },
    { check: "build", expected: "a built image", found: image.failure?.error.problem ?? "not built" },
  );
}

/** The entry of an image that was not verified (not built, or not evaluated): not ok, one finding saying why. */
function unverifiedEntry(where: Pick<ManifestEntry, "format" | "system" | "file" | "path" | "builder">, finding: ManifestEntry["findings"][number]): ManifestEntry {
  return { ...where, size: 0, sha256: null, compressed: null, container: "unknown", virtualSize: null, nixosLabel: null, ok: false, findings: [finding] };
}

export function imageOutputs(images: readonly ImageOutcome[], manifest: readonly ManifestEntry[], published: ReadonlyMap<ImageOutcome, Published>): ImageOutput[] {
  return images.map((image, index) => {
    const where = published.get(image);
    return {
      ...(manifest[index] as ManifestEntry),
      drvPath: image.evaluated.drvPath,
      storePath: image.storePath,
      cached: image.fromCache,
      custom: image.target.format.kind === "custom",
      uploaded: where !== undefined,
      ...(where?.artifact ? { artifactId: where.artifact.id, artifactName: where.artifact.name, artifactUrl: where.artifact.url } : {}),
      ...(where?.assetUrl ? { assetUrl: where.assetUrl } : {}),
      ...(image.failure ? { error: image.failure.error.problem } : {}),
      ...(image.boot ? { boot: bootOutput(image.boot) } : {}),
    };
  });
}

function bootOutput(boot: NonNullable<ImageOutcome["boot"]>): NonNullable<ImageOutput["boot"]> {
  const logs = "attempts" in boot ? boot.attempts.map((a) => a.log) : [];
  return { status: boot.status, reason: boot.reason, logs };
}

export function buildSummary(
  images: readonly ImageOutcome[],
  inputs: ActionInputs,
  outputs: readonly ImageOutput[],
  published: ReadonlyMap<ImageOutcome, Published>,
  uploadError: unknown,
  /** What stopped the run after the images were made (the manifest, the cache), if anything did. */
  failure?: unknown,
): string {
  const lines = ["## NixOS images", "", "| Format | System | File | Size | SHA-256 | Link |", "| --- | --- | --- | --- | --- | --- |"];
  images.forEach((image, index) => {
    const out = outputs[index];
    const where = published.get(image);
    const size = image.report ? bytes(image.report.size) : "";
    const sha = image.report?.sha256 ? `\`${image.report.sha256}\`` : "";
    let link: string;
    if (image.failure) link = `❌ ${image.failure.stage} failed`;
    else if (where?.artifact) link = `[${cell(where.artifact.name)}](${where.artifact.url})`;
    else if (where?.assetUrl) link = `[release ${cell(inputs.releaseTag ?? "")}](${where.assetUrl})`;
    else if (!isPortable(image)) link = "not uploaded (a VM runner needs its Nix store)";
    else if (uploadError !== undefined) link = "❌ upload failed";
    else link = inputs.upload === "none" ? `\`${cell(out?.path ?? image.file ?? "")}\`` : "";
    const name = `${cell(image.format)}${image.target.format.kind === "custom" ? " (custom)" : ""}`;
    const compressed = image.compressed ? `, uploaded as ${cell(image.compressed.fileName)} (${bytes(image.compressed.size)})` : "";
    lines.push(`| ${name} | ${image.target.system} | ${cell(image.fileName)}${image.fromCache ? " (cached)" : ""}${compressed} | ${size} | ${sha} | ${link} |`);
  });
  if (uploadError !== undefined) lines.push("", "### The upload failed", "", cell(errorText(uploadError)));
  const booted = images.filter((i) => i.boot);
  if (booted.length > 0) {
    lines.push("", "### Boot test", "");
    for (const image of booted) lines.push(`- **${cell(image.format)} (${image.target.system})**: ${image.boot?.status === "booted" ? "✅" : image.boot?.status === "failed" ? "❌" : "➖"} ${cell(image.boot?.reason ?? "")}`);
  }
  const failed = images.filter((i) => i.failure);
  if (failed.length > 0) {
    lines.push("", `### ${failed.length} image${failed.length === 1 ? "" : "s"} failed`, "");
    for (const image of failed) lines.push(`- **${cell(image.format)} (${image.target.system})**, ${image.failure?.stage}: ${cell(image.failure?.error.problem ?? "")}`);
  }
  lines.push(...failureSection("The run failed", failure));
  return lines.join("\n") + "\n";
}

/**
 * Appends the markdown to the step summary file (GITHUB_STEP_SUMMARY), as
 * core.summary does. An append that fails part way (a full disk) is cut back
 * to the file's size before it, so no half summary is left; the failure is
 * one UserError naming the file (the runner's: an environment error).
 */
export async function writeSummary(markdown: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  await guarded({ problem: `Writing the step summary ${file} (GITHUB_STEP_SUMMARY) failed`, target: file, owner: "runner" }, async () => {
    const before = (await stat(file).catch(() => undefined))?.size;
    try {
      await appendFile(file, markdown + EOL);
    } catch (error) {
      if (before !== undefined) await truncate(file, before).catch(() => undefined);
      throw error;
    }
  });
}
