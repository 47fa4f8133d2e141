// The one pipeline both front ends run: evaluate -> (restore) -> what would be
// built -> build -> locate -> place -> verify -> out-links. It returns one
// outcome per image; what only one front end does (restore from a cache, copy
// out of the store) plugs in as hooks.
import { basename } from "node:path";
import type { Builder } from "../core/catalogue.js";
import { ExitCode, UserError, isUserError } from "../core/errors.js";
import { formatName, targetBuilder, type GenerateRequest, type Target } from "../core/request.js";
import { addOutLink, buildAll, buildNeeds } from "../nix/build.js";
import { evaluate, type EvalInput, type EvaluatedImage } from "../nix/evaluate.js";
import { checkNix } from "../nix/version.js";
import { checkImage, expectationFor } from "../verify/expectation.js";
import type { VerifyReport } from "../verify/index.js";
import { renderReport } from "../verify/index.js";
import { resolveBuilders } from "./builder-choice.js";
import { bootStep } from "../boot/pipeline-step.js";
import type { BootResult } from "../boot/boot-image.js";
import { buildProgressLog } from "./build-progress.js";
import { expectedImagePath, locateImage } from "./locate.js";

/** Where an image stands: evaluated only (dry run), built, restored from a cache, or failed. */
export type ImageStatus = "planned" | "built" | "cached" | "failed";

/** Where an image failed: building it, copying it out of the store (the `place` hook), verifying it, or booting it (the boot test). */
export type FailureStage = "build" | "copy" | "verify" | "boot";

/** A compressed copy of an image (the action's `compress`), made after verification: the file that is uploaded. */
export interface CompressedCopy {
  path: string;
  fileName: string;
  compression: "zstd" | "xz";
  size: number;
  sha256: string;
}

export interface ImageOutcome {
  target: Target;
  /** The format's name (catalogue name, or the custom format's). */
  format: string;
  /** What made it: "repart" (systemd-repart, no VM), or "vm" (nixpkgs' variant, or a custom format's own builder). */
  builder: Builder;
  /** What Nix evaluated: the derivation, its output, where the image is. */
  evaluated: EvaluatedImage;
  status: ImageStatus;
  /** Restored by the `restore` hook (a cache) rather than built; stays true if verification then fails. */
  fromCache: boolean;
  /** Whether Nix would build the image (false: already in the store). */
  needsBuild: boolean;
  /** The image in the Nix store (known after the build for a format found by extension). */
  storePath: string;
  /** The image's file name. */
  fileName: string;
  /** The file that was verified (and is published): the store path, or where a hook placed it. */
  file?: string;
  report?: VerifyReport;
  failure?: { stage: FailureStage; error: UserError };
  /** The boot test's result (request.boot): booted, failed, or skipped and why. */
  boot?: BootResult | { status: "skipped"; reason: string };
  outLink?: string;
  /** Set by the action's `compress` (src/pipeline/compress.ts): what is uploaded instead of `file`. */
  compressed?: CompressedCopy;
}

export interface PipelineHooks {
  signal?: AbortSignal;
  /** Progress lines for humans (stderr in the CLI, the log in the action). */
  log?: (line: string) => void;
  /** Each warning of the evaluation, once (stderr in the CLI, an annotation in the action). */
  warn?: (text: string) => void;
  /** Runs around each phase (the action opens a log group). */
  phase?: <T>(name: string, work: () => Promise<T>) => Promise<T>;
  /** Where Nix runs (relative flake references and paths). */
  cwd?: string;
  /** Before the build: restore the image from elsewhere (a cache); the restored file, or undefined. */
  restore?: (image: ImageOutcome) => Promise<string | undefined>;
  /** After the build: put the image where it is verified and published (default: it stays in the store). */
  place?: (image: ImageOutcome, storePath: string) => Promise<string>;
}

export interface PipelineResult {
  nixVersion: string;
  images: ImageOutcome[];
  /** Derivations Nix would build (the whole closure, not only images). */
  toBuild: string[];
}

/** Out-link names: the -o path itself for one image, PATH-<format>[-<system>] for several. */
export function outLinkFor(base: string, image: Pick<ImageOutcome, "format" | "target">, all: readonly Pick<ImageOutcome, "target">[]): string {
  if (all.length === 1) return base;
  const systems = new Set(all.map((i) => i.target.system));
  return systems.size > 1 ? `${base}-${image.format}-${image.target.system}` : `${base}-${image.format}`;
}

/** What the evaluation needs from a request. */
export function evalInput(request: GenerateRequest): EvalInput {
  return {
    config: request.config,
    // The default of pairs without a builder of their own (`auto` gives each one).
    builder: request.builder === "auto" ? "vm" : request.builder,
    diskSize: request.diskSize,
    specialArgs: request.specialArgs,
    formatPath: request.formatPath,
    includes: request.includes,
    nixOptions: request.nixOptions,
    showTrace: request.showTrace,
  };
}

function fail(image: ImageOutcome, stage: FailureStage, error: UserError): void {
  image.status = "failed";
  image.failure = { stage, error };
}

/** The failure of a run in which `failed` of `total` images failed: one UserError. */
export function failureOf(failed: readonly ImageOutcome[], total: number): UserError {
  const only = failed[0];
  if (failed.length === 1 && only?.failure) {
    const { error, stage } = only.failure;
    const prefix = total > 1 ? `${only.format} (${only.target.system}): ` : "";
    return new UserError(`${prefix}${error.problem}`, error.fix, stage === "verify" ? ExitCode.verify : error.exitCode, error.details);
  }
  const allVerify = failed.every((i) => i.failure?.stage === "verify");
  const allBoot = failed.every((i) => i.failure?.stage === "boot");
  const list = failed.map((i) => `${i.format} (${i.target.system}, ${i.failure?.stage})`).join(", ");
  const details = failed.map((i) => `${i.format} (${i.target.system}): ${i.failure?.error.problem ?? ""}`).join("\n");
  return new UserError(
    `${failed.length} of ${total} images failed: ${list}; the others were kept.`,
    "Read the build log and the verification reports above.",
    allVerify ? ExitCode.verify : allBoot ? ExitCode.boot : ExitCode.failed,
    details,
  );
}

/** Runs the request; a build or verification failure of an image is in its outcome, every other failure is thrown. */
export async function runPipeline(asked: GenerateRequest, hooks: PipelineHooks = {}): Promise<PipelineResult> {
  const phase = hooks.phase ?? (<T>(_name: string, work: () => Promise<T>) => work());
  const log = hooks.log ?? (() => undefined);
  const nix = { ...(hooks.signal ? { signal: hooks.signal } : {}), ...(hooks.cwd ? { cwd: hooks.cwd } : {}) };
  // builder: auto, when the front end has not chosen yet (the action chooses before its set-up).
  const request = await resolveBuilders(asked, { log });
  const nixVersion = await checkNix();
  const pairs = request.targets.map((t) => ({ format: formatName(t.format), system: t.system, builder: targetBuilder(t, request.builder) }));

  const evaluated = await phase(`Evaluate ${pairs.length} image${pairs.length === 1 ? "" : "s"}`, async () => {
    log(`evaluating ${pairs.map((p) => `${p.format} (${p.system})`).join(", ")}`);
    const started = Date.now();
    const warned = new Set<string>();
    const result = await evaluate(evalInput(request), pairs, {
      ...nix,
      onWarning: (text) => {
        if (warned.has(text)) return;
        warned.add(text);
        (hooks.warn ?? log)(text);
      },
      onGroupDone: (g) => {
        if (g.total > 1) log(`evaluator ${g.done} of ${g.total} done (${g.pairs.map((p) => p.format).join(", ")}), ${g.seconds.toFixed(1)} s`);
      },
    });
    for (const e of result) log(`${e.format} (${e.system}): ${e.drvPath} -> ${expectedImagePath(e)}`);
    log(`evaluated ${result.length} image${result.length === 1 ? "" : "s"} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return result;
  });
  const images: ImageOutcome[] = request.targets.map((target, index) => {
    const e = evaluated[index] as EvaluatedImage;
    return { target, format: e.format, builder: targetBuilder(target, request.builder), evaluated: e, status: "planned", fromCache: false, needsBuild: true, storePath: expectedImagePath(e), fileName: e.fileName };
  });

  if (hooks.restore) {
    const restore = hooks.restore;
    await phase("Restore images from the cache", async () => {
      for (const image of images) {
        const file = await restore(image);
        if (file !== undefined) Object.assign(image, { status: "cached", fromCache: true, file, needsBuild: false });
      }
    });
  }

  const pending = images.filter((i) => i.status === "planned");
  const needs = pending.length > 0 ? await buildNeeds(pending.map((i) => i.evaluated.drvPath), nix) : { toBuild: [], toFetch: [] };
  for (const image of pending) image.needsBuild = needs.toBuild.includes(image.evaluated.drvPath);
  if (request.dryRun) return { nixVersion, images, toBuild: needs.toBuild };

  if (pending.length > 0) {
    await phase(`Build ${pending.length} image${pending.length === 1 ? "" : "s"}`, async () => {
      let buildError: UserError | undefined;
      // Nix's own "expected" is an estimate; the dry run counted what will be built.
      const progress = buildProgressLog(needs.toBuild.length, log);
      try {
        await buildAll(
          pending.map((i) => i.evaluated.drvPath),
          // With several images, one failing must not stop the others: what is built is kept.
          { ...nix, keepGoing: pending.length > 1, maxJobs: request.maxJobs, cores: request.cores, builders: request.builders, onProgress: progress.onProgress },
        );
      } catch (error) {
        if (!isUserError(error) || error.exitCode === ExitCode.interrupted) throw error;
        buildError = error;
      }
      progress.finish();
      for (const image of pending) {
        try {
          image.storePath = await locateImage(image.evaluated);
          // A format found by its extension names its file only now.
          if (image.evaluated.imageSearch !== null) image.fileName = basename(image.storePath);
          image.status = "built";
        } catch (error) {
          if (!isUserError(error)) throw error;
          fail(image, "build", buildError ?? error);
        }
      }
      const failed = pending.filter((i) => i.failure).length;
      if (buildError && failed < pending.length) log(`The build failed for ${failed} of ${pending.length} images; the others are kept.`);
    });
  }

  const toVerify = images.filter((i) => i.status !== "failed");
  if (toVerify.length > 0) {
    await phase(`Verify ${toVerify.length} image${toVerify.length === 1 ? "" : "s"}`, async () => {
      for (const image of toVerify) {
        if (image.status === "built") {
          try {
            image.file = hooks.place ? await hooks.place(image, image.storePath) : image.storePath;
          } catch (error) {
            // Copying one image out (a full disk, a read-only out-dir) fails that image; the others go on.
            if (!isUserError(error)) throw error;
            fail(image, "copy", error);
            continue;
          }
        }
        const report = await checkImage(image.file ?? image.storePath, expectationFor(image.target.format, image.target.system, request.diskSize, image.evaluated.container ?? undefined));
        image.report = report;
        log(renderReport(report));
        if (!report.ok) {
          fail(
            image,
            "verify",
            new UserError(
              `The ${image.format} image for ${image.target.system} did not pass verification: ${report.findings.length} finding${report.findings.length === 1 ? "" : "s"} (${report.findings.map((f) => f.check).join(", ")}).`,
              "Read the verification report above; the image was not published.",
              ExitCode.verify,
              renderReport(report),
            ),
          );
        }
      }
    });
  }

  const toBoot = request.boot ? images.filter((i) => i.status !== "failed") : [];
  if (toBoot.length > 0) {
    await phase(`Boot ${toBoot.length} image${toBoot.length === 1 ? "" : "s"}`, async () => {
      const steps = await bootStep(toBoot, request, { log, ...(hooks.signal ? { signal: hooks.signal } : {}) });
      steps.forEach((step, i) => {
        const image = toBoot[i] as ImageOutcome;
        image.boot = step.result && !step.skipped ? step.result : { status: "skipped", reason: step.skipped ?? "" };
        if (step.error) fail(image, "boot", step.error);
      });
    });
  }

  if (request.outLink !== undefined) {
    const base = request.outLink;
    for (const image of images.filter((i) => i.status === "built" || ((i.failure?.stage === "verify" || i.failure?.stage === "boot") && i.file !== undefined))) {
      image.outLink = outLinkFor(base, image, images);
      await addOutLink(image.outLink, image.evaluated.output, nix);
    }
  }
  return { nixVersion, images, toBuild: needs.toBuild };
}
