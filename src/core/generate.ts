// The core every front end runs: evaluate -> (dry-run plan | build -> verify
// -> out-links). The CLI prints its result; the action uploads it.
import type { Catalogue } from "./catalogue.js";
import type { GenerateRequest } from "./request.js";
import { evalPairs } from "./targets.js";
import { addOutLink, buildAll, dryRun } from "../nix/build.js";
import { evaluate, imagePath, type PlanEntry } from "../nix/evaluate.js";
import { checkNix } from "../nix/version.js";
import { verifyImage, type VerifyReport } from "../verify/index.js";

export interface ImagePlan extends PlanEntry {
  /** The image file (or runner) inside the output: output/filePath. */
  image: string;
  /** Whether Nix would build the image (false: already in the store). */
  needsBuild: boolean;
}

export interface BuiltImage extends ImagePlan {
  report?: VerifyReport;
  outLink?: string;
}

export interface GenerateResult {
  nixVersion: string;
  plans: ImagePlan[];
  /** Derivations Nix would build (dry run) — the whole closure, not only images. */
  toBuild: string[];
  images: BuiltImage[];
}

export interface GenerateHooks {
  signal?: AbortSignal;
  /** Progress lines for humans (stderr in the CLI, log groups in the action). */
  log?: (line: string) => void;
  /** Run around each phase (the action opens a log group). */
  phase?: <T>(name: string, work: () => Promise<T>) => Promise<T>;
}

/** Out-link names: the -o path itself for one image, PATH-<format>[-<system>] for several. */
export function outLinkFor(base: string, plan: PlanEntry, all: readonly PlanEntry[]): string {
  if (all.length === 1) return base;
  const systems = new Set(all.map((p) => p.system));
  return systems.size > 1 ? `${base}-${plan.format}-${plan.system}` : `${base}-${plan.format}`;
}

export async function generate(request: GenerateRequest, catalogue: Catalogue, hooks: GenerateHooks = {}): Promise<GenerateResult> {
  const phase = hooks.phase ?? (<T>(_name: string, work: () => Promise<T>) => work());
  const log = hooks.log ?? (() => undefined);
  const nixVersion = await checkNix();
  const pairs = evalPairs(request, catalogue);
  log(`evaluating ${pairs.length} image(s): ${pairs.map((p) => `${p.format}/${p.system}`).join(", ")}`);
  const entries = await phase("Evaluate", () => evaluate(request, pairs, { signal: hooks.signal }));
  const plan = await phase("Plan", () => dryRun(entries.map((e) => e.drvPath), { signal: hooks.signal }));
  const plans: ImagePlan[] = entries.map((entry) => ({
    ...entry,
    image: imagePath(entry),
    needsBuild: plan.toBuild.includes(entry.drvPath),
  }));
  if (request.dryRun) return { nixVersion, plans, toBuild: plan.toBuild, images: [] };

  await phase("Build", () =>
    buildAll(
      plans.map((p) => p.drvPath),
      { signal: hooks.signal, maxJobs: request.maxJobs, cores: request.cores, builders: request.builders },
    ),
  );
  const images: BuiltImage[] = [];
  for (const image of plans) {
    const format = catalogue.lookup(image.format);
    const report = format
      ? await phase(`Verify ${image.format} (${image.system})`, () =>
          verifyImage(image.image, { container: format.container, compression: format.compression, diskSizeMiB: request.diskSize }),
        )
      : undefined;
    const outLink = request.outLink ? outLinkFor(request.outLink, image, plans) : undefined;
    if (outLink) await addOutLink(outLink, image.output, { signal: hooks.signal });
    images.push({ ...image, report, outLink });
  }
  return { nixVersion, plans, toBuild: plan.toBuild, images };
}
