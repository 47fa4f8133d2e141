// The pipeline's boot step: after verification, boot every image that passed
// (catalogue formats by their boot facts, custom ones by their declared
// container), in parallel up to the cores; one that does not boot fails with
// its reason and console log, as one that fails verification does.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GenerateRequest } from "../core/request.js";
import type { UserError } from "../core/errors.js";
import { bootFactsOf, type BootFormat, type BootResult } from "./boot-image.js";
import { bootAll, bootFailure, kvmUsable, type BootJob } from "./index.js";
import { nixPackageBuilder } from "./nix-packages.js";

/** What the step needs of an image outcome (pipeline.ts's ImageOutcome). */
export interface BootableImage {
  format: string;
  target: GenerateRequest["targets"][number];
  evaluated: { container?: BootFormat["container"] | null | undefined };
  file?: string;
  storePath: string;
}

export function kvmDevice(env: NodeJS.ProcessEnv = process.env): string {
  return env.NIXOS_GENERATORS_KVM_DEVICE || "/dev/kvm";
}

function bootFormatOf(image: BootableImage): BootFormat | undefined {
  const format = image.target.format;
  if (format.kind === "catalogue") return format.entry;
  const container = image.evaluated.container;
  if (!container) return undefined;
  return { name: image.format, container, compression: "none", boot: bootFactsOf(container) };
}

export interface BootStepResult {
  image: BootableImage;
  result?: BootResult;
  /** Set when the image did not boot. */
  error?: UserError;
  /** Why it was not booted (a container format, a custom format that names no container). */
  skipped?: string;
}

/** Boots the images; each gets a result, a failure or the reason it was not booted. */
export async function bootStep(images: readonly BootableImage[], request: GenerateRequest, options: { log: (line: string) => void; signal?: AbortSignal }): Promise<BootStepResult[]> {
  const settings = request.boot ?? {};
  const logDir = settings.logDir ?? (await mkdtemp(join(tmpdir(), "nixos-generate-boot-")));
  const kvm = await kvmUsable(kvmDevice());
  options.log(`boot: ${kvm ? `KVM (${kvmDevice()} opens)` : `TCG (no usable ${kvmDevice()}; slower)`}; console logs in ${logDir}`);
  const systems = new Set(images.map((i) => i.target.system));
  const out: BootStepResult[] = images.map((image) => ({ image }));
  const jobs: (BootJob & { index: number })[] = [];
  images.forEach((image, index) => {
    const format = bootFormatOf(image);
    const entry = out[index] as BootStepResult;
    if (!format) entry.skipped = `${image.format} is a custom format that declares no formatContainer, so how it boots is unknown`;
    else if (!format.boot) entry.skipped = `${image.format} is not booted (${format.container})`;
    else
      jobs.push({
        index,
        file: image.file ?? image.storePath,
        format,
        system: image.target.system,
        logName: systems.size > 1 ? `${image.format}-${image.target.system}` : image.format,
        // In out-dir: beside the image, in its <format>-<system> directory.
        ...(settings.logDir ? { logDir: join(settings.logDir, `${image.format}-${image.target.system}`) } : {}),
      });
  });
  for (const e of out) if (e.skipped) options.log(`boot: ${e.skipped}`);
  const nix = nixPackageBuilder({ config: request.config, includes: request.includes }, { log: options.log, ...(options.signal ? { signal: options.signal } : {}) });
  const results = await bootAll(jobs, {
    kvm,
    logDir,
    tools: { nix },
    log: options.log,
    ...(settings.timeoutSeconds !== undefined ? { timeoutSeconds: settings.timeoutSeconds } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  results.forEach((result, i) => {
    const entry = out[jobs[i]?.index ?? -1] as BootStepResult;
    entry.result = result;
    if (result.status === "failed") entry.error = bootFailure(result);
    if (result.status === "skipped") entry.skipped = result.reason;
  });
  return out;
}
