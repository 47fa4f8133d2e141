// What `nixos-generate` prints for a finished run: the image paths (stdout),
// a summary (stderr), or one JSON document with --json.
import type { PipelineResult } from "../pipeline/pipeline.js";

export interface ImageJson {
  format: string;
  custom: boolean;
  system: string;
  /** What makes it: "repart" (systemd-repart, no VM) or "vm" (nixpkgs' variant, or a custom format's own builder). */
  builder: "vm" | "repart";
  status: string;
  image: string;
  fileName: string;
  drvPath: string;
  label: string;
  diskSize: number | "auto" | null;
  needsBuild: boolean;
  size?: number;
  sha256?: string;
  container?: string;
  ok?: boolean;
  outLink?: string;
  error?: string;
  /** With --boot: booted, failed or skipped, why, and the console logs (as the action's `images` has it). */
  boot?: { status: "booted" | "failed" | "skipped"; reason: string; logs: string[] };
}

export function resultJson(result: PipelineResult, dryRun: boolean): string {
  const images: ImageJson[] = result.images.map((image) => ({
    format: image.format,
    custom: image.target.format.kind === "custom",
    system: image.target.system,
    builder: image.builder,
    status: image.status,
    image: image.storePath,
    fileName: image.fileName,
    drvPath: image.evaluated.drvPath,
    label: image.evaluated.label,
    diskSize: image.evaluated.diskSize,
    needsBuild: image.needsBuild,
    ...(image.report ? { size: image.report.size, sha256: image.report.sha256, container: image.report.detected.container, ok: image.report.ok } : {}),
    ...(image.outLink ? { outLink: image.outLink } : {}),
    ...(image.failure ? { error: image.failure.error.problem } : {}),
    ...(image.boot ? { boot: { status: image.boot.status, reason: image.boot.reason, logs: "attempts" in image.boot ? image.boot.attempts.map((a) => a.log) : [] } } : {}),
  }));
  return JSON.stringify({ nixVersion: result.nixVersion, dryRun, derivationsToBuild: result.toBuild.length, images }, null, 2);
}

/** stdout lines: one image path per image that is there (the files themselves). */
export function imageLines(result: PipelineResult): string[] {
  return result.images.filter((i) => i.status !== "failed" || i.failure?.stage === "verify").map((i) => i.storePath);
}

/** stderr summary for humans. */
export function summaryLines(result: PipelineResult, dryRun: boolean): string[] {
  const lines = result.images.map((i) => {
    const state = dryRun ? (i.needsBuild ? "  (would build)" : "  (in the store)") : i.failure ? `  (${i.failure.stage} failed)` : "";
    return `${i.format.padEnd(20)} ${i.target.system.padEnd(14)} ${i.fileName}${i.builder === "repart" ? "  (repart)" : ""}${state}`;
  });
  if (dryRun) lines.push(`dry run: ${result.toBuild.length} derivation(s) would be built for ${result.images.length} image(s); nothing was built.`);
  return lines;
}
