// What the action reports: the manifest, the `images` output (one entry per
// image, usable with fromJSON) and the step summary, for every outcome.
import { relative } from "node:path";
import * as core from "@actions/core";
import { isUserError } from "../core/errors.js";
import type { ImageOutcome } from "../pipeline/pipeline.js";
import { manifestEntry, type ManifestEntry } from "../verify/manifest.js";
import type { ActionInputs } from "./inputs.js";
import { isPortable } from "./images.js";
import { bytes, cell } from "./markdown.js";
import type { Published } from "./publish-images.js";

/** One entry of the `images` output: the manifest entry and where the image went. */
export interface ImageOutput extends ManifestEntry {
  drvPath: string;
  /** The image in the Nix store (output/filePath); not there when the image came from the cache. */
  storePath: string;
  /** Restored from the Actions cache instead of built. */
  cached: boolean;
  /** A format of the configuration's own, not of the catalogue. */
  custom: boolean;
  uploaded: boolean;
  artifactId?: number;
  artifactName?: string;
  artifactUrl?: string;
  assetUrl?: string;
  /** Why the image failed (build or verify), when it did. */
  error?: string;
}

/** The manifest entry of an image: what verify found, or, for one that was not built, the build failure. */
export function manifestOf(image: ImageOutcome, outDir: string): ManifestEntry {
  const path = image.file && isPortable(image) ? relative(outDir, image.file) : (image.file ?? image.storePath);
  if (image.report) return manifestEntry(image.report, { format: image.format, system: image.target.system, path });
  return {
    format: image.format,
    system: image.target.system,
    file: image.fileName,
    path,
    size: 0,
    sha256: null,
    container: "unknown",
    virtualSize: null,
    nixosLabel: null,
    ok: false,
    findings: [{ check: "build", expected: "a built image", found: image.failure?.error.problem ?? "not built" }],
  };
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
    };
  });
}

function errorText(error: unknown): string {
  return isUserError(error) ? error.problem : error instanceof Error ? error.message : String(error);
}

export function buildSummary(images: readonly ImageOutcome[], inputs: ActionInputs, outputs: readonly ImageOutput[], published: ReadonlyMap<ImageOutcome, Published>, uploadError: unknown): string {
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
    lines.push(`| ${name} | ${image.target.system} | ${cell(image.fileName)}${image.fromCache ? " (cached)" : ""} | ${size} | ${sha} | ${link} |`);
  });
  if (uploadError !== undefined) lines.push("", "### The upload failed", "", cell(errorText(uploadError)));
  const failed = images.filter((i) => i.failure);
  if (failed.length > 0) {
    lines.push("", `### ${failed.length} image${failed.length === 1 ? "" : "s"} failed`, "");
    for (const image of failed) lines.push(`- **${cell(image.format)} (${image.target.system})**, ${image.failure?.stage}: ${cell(image.failure?.error.problem ?? "")}`);
  }
  return lines.join("\n") + "\n";
}

export async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown, true).write();
}
