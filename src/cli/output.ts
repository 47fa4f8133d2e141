// What `nixos-generate` prints for a finished run: the image paths (stdout),
// a summary (stderr), or one JSON document with --json.
import type { GenerateResult } from "../core/generate.js";

export interface ImageJson {
  format: string;
  system: string;
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
}

export function resultJson(result: GenerateResult, dryRun: boolean): string {
  const built = new Map(result.images.map((i) => [`${i.format}/${i.system}`, i]));
  const images: ImageJson[] = result.plans.map((plan) => {
    const image = built.get(`${plan.format}/${plan.system}`);
    return {
      format: plan.format,
      system: plan.system,
      image: plan.image,
      fileName: plan.fileName,
      drvPath: plan.drvPath,
      label: plan.label,
      diskSize: plan.diskSize,
      needsBuild: plan.needsBuild,
      ...(image?.report
        ? { size: image.report.size, sha256: image.report.sha256, container: image.report.detected.container, ok: image.report.ok }
        : {}),
      ...(image?.outLink ? { outLink: image.outLink } : {}),
    };
  });
  return JSON.stringify({ nixVersion: result.nixVersion, dryRun, derivationsToBuild: result.toBuild.length, images }, null, 2);
}

/** stdout lines: one image path per image (the files themselves). */
export function imageLines(result: GenerateResult): string[] {
  return result.plans.map((p) => p.image);
}

/** stderr summary for humans. */
export function summaryLines(result: GenerateResult, dryRun: boolean): string[] {
  const lines = result.plans.map(
    (p) => `${p.format.padEnd(20)} ${p.system.padEnd(14)} ${p.fileName}${dryRun ? (p.needsBuild ? "  (would build)" : "  (in the store)") : ""}`,
  );
  if (dryRun) lines.push(`dry run: ${result.toBuild.length} derivation(s) would be built for ${result.plans.length} image(s); nothing was built.`);
  return lines;
}
