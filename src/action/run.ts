// The action: inputs -> (plan: the matrix) | (publish: the matrix's draft
// release checked against the plan and published) | (build: Nix, emulation, the
// shared pipeline with the action's hooks — restore from the cache, copy out
// of the store — then manifest, upload, cache save, outputs and summary).
// main.ts calls run() and turns a thrown error into the step's failure.
//
// Images land in <out-dir>/<format>-<system>/<file name>, copied out of the
// Nix store (see images.ts for VM runners, which stay in the store).
import { mkdir } from "node:fs/promises";
import * as core from "@actions/core";
import { loadCatalogue, type Catalogue } from "../core/catalogue.js";
import { guarded } from "../core/system-error.js";
import { targetSystems } from "../core/request.js";
import { hostSystem } from "../core/resolve-formats.js";
import { needsChoice, resolveBuilders } from "../pipeline/builder-choice.js";
import { failureOf, runPipeline, type ImageOutcome } from "../pipeline/pipeline.js";
import { writeManifest, type ManifestEntry } from "../verify/manifest.js";
import { ensureEmulation } from "./binfmt.js";
import { copyOut, isPublishable, restoreFromCache, saveToCache } from "./images.js";
import { checkCompressor, compressImages } from "../pipeline/compress.js";
import { privateArmWarning, repositoryIsPrivate } from "./runners.js";
import { readInputs, type ActionInputs } from "./inputs.js";
import { diskPlaces, ensureDiskSpace } from "./disk-space.js";
import { checkKvm, ensureKvmAccess, kvmFormats, probeRunnerKvm, recheckKvmAccess } from "./kvm.js";
import { checkNixSettings, type NeededSettings } from "./nix-trust.js";
import { ensureUserNamespaces } from "./userns.js";
import { addNixConfig, addToNixConf, ensureNix } from "./install-nix.js";
import { RUNNERS, matrixOf, matrixSummary } from "./matrix.js";
import { publishImages, publishPlan, releaseAccess, type Published } from "./publish-images.js";
import { checkReleaseTakesAssets } from "../publish/release-publish.js";
import { buildSummary, imageOutputs, manifestOf, unbuiltOutputs, unbuiltSummary, writeSummary } from "./report.js";

export interface RunOptions {
  /** Where binfmt_misc is; default NIXOS_GENERATORS_BINFMT_DIR, else /proc/sys/fs/binfmt_misc. */
  binfmtDir?: string;
  signal?: AbortSignal;
}

function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  return core.group(name, work);
}

/**
 * What the build needs of the runner: a usable KVM device (for the formats
 * built in a VM), Nix (with extra-nix-config and github-token), QEMU
 * emulation for every system that is not the runner's, Nix settings that take
 * effect (a daemon that trusts us, 'kvm' in system-features), and disk space.
 */
async function setUp(inputs: ActionInputs, options: RunOptions): Promise<void> {
  const tempDir = process.env.RUNNER_TEMP ? { tempDir: process.env.RUNNER_TEMP } : {};
  const needed: NeededSettings = { platforms: [], kvm: kvmFormats(inputs.request).length > 0, sandboxPaths: [] };
  let kvm = needed.kvm ? await phase("Make KVM usable", () => ensureKvmAccess({ log: core.info })) : undefined;
  const nix = await phase("Set up Nix", () =>
    ensureNix({
      installNix: inputs.installNix,
      installerUrl: inputs.nixInstallerUrl,
      installerSha256: inputs.nixInstallerSha256,
      extraNixConfig: inputs.extraNixConfig,
      // Opt-in: any module or flake input of an impure evaluation could read it.
      ...(inputs.nixAccessToken ? { githubToken: inputs.githubToken } : {}),
      ...tempDir,
      log: core.info,
    }),
  );
  if (inputs.request.builder === "repart" || inputs.request.targets.some((t) => t.builder === "repart")) {
    await phase("Check user namespaces (builder: repart)", () => ensureUserNamespaces({ log: core.info }));
  }
  const host = hostSystem();
  // Without a known host system there is nothing to emulate for.
  if (host) {
    for (const system of targetSystems(inputs.request.targets).filter((s) => s !== host)) {
      const emulation = await phase(`Set up ${system} emulation (QEMU, binfmt_misc)`, () =>
        ensureEmulation(system, {
          hostSystem: host,
          binfmtDir: options.binfmtDir ?? (process.env.NIXOS_GENERATORS_BINFMT_DIR || undefined),
          ...tempDir,
          log: core.info,
        }),
      );
      addNixConfig(emulation.nixConfig);
      // A Nix this run installed keeps them for later steps too.
      if (nix.nixConf) await addToNixConf(nix.nixConf, emulation.nixConfig);
      core.info(`Nix settings for ${system}: ${emulation.nixConfig.join("; ")}`);
      needed.platforms.push(system);
      if (!emulation.fixBinary) needed.sandboxPaths.push(emulation.interpreter);
      // apt-get's udev triggers may have put the KVM device's old permissions back.
      if (emulation.installed) kvm = await recheckKvmAccess(kvm, { log: core.info });
    }
  }
  await phase("Check Nix settings", () =>
    checkNixSettings({ needed, extraNixConfig: inputs.extraNixConfig, ...(nix.nixConf ? { nixConf: nix.nixConf } : {}), log: core.info, warn: (text) => core.warning(text) }),
  );
  await phase("Check disk space", async () =>
    ensureDiskSpace({ request: inputs.request, places: await diskPlaces(inputs.outDir, nix.version), free: inputs.freeDiskSpace, compress: inputs.compress, log: core.info }),
  );
}

/** How far a build run got, whatever ended it: what the outputs and the summary report. */
interface RunRecord {
  images: ImageOutcome[];
  manifest: ManifestEntry[];
  manifestPath?: string;
  published: Map<ImageOutcome, Published>;
  uploadError?: unknown;
}

/** Nix set-up, the pipeline, the manifest, publishing and the cache, filling in `record` as it goes. */
async function buildStages(asked: ActionInputs, catalogue: Catalogue, options: RunOptions, record: RunRecord): Promise<void> {
  // builder: auto chooses each image's builder on this runner, before anything is set up for it.
  const inputs = needsChoice(asked.request)
    ? { ...asked, request: await phase("Choose the builders (builder: auto)", () => resolveBuilders(asked.request, { log: core.info, probe: () => probeRunnerKvm({ log: core.info }) })) }
    : asked;
  await checkKvm(inputs.request, catalogue);
  await checkCompressor(inputs.compress);
  await setUp(inputs, options);
  // A published immutable release takes no assets: say so before anything is evaluated or built.
  if (inputs.upload === "release") await phase("Check the release", () => checkReleaseTakesAssets(releaseAccess(inputs)));
  const result = await runPipeline(inputs.request, {
    ...(options.signal ? { signal: options.signal } : {}),
    cwd: inputs.workspace,
    log: core.info,
    warn: (text) => core.warning(text, { title: "NixOS evaluation warning" }),
    phase,
    place: copyOut(inputs.outDir),
    ...(inputs.cache ? { restore: restoreFromCache(inputs.outDir) } : {}),
  });
  record.images = result.images;
  // Verified, then compressed (compress: zstd | xz): the compressed copies are what is uploaded.
  const toCompress = inputs.compress === "none" ? [] : result.images.filter(isPublishable);
  try {
    if (toCompress.length > 0) {
      await phase(`Compress ${toCompress.length} image${toCompress.length === 1 ? "" : "s"} (${inputs.compress})`, () =>
        compressImages(toCompress, inputs.compress, { log: core.info, ...(options.signal ? { signal: options.signal } : {}) }),
      );
    }
  } finally {
    record.manifest = result.images.map((image) => manifestOf(image, inputs.outDir));
  }
  await guarded({ problem: `Creating out-dir ${inputs.outDir} failed`, target: inputs.outDir, owner: "user" }, () => mkdir(inputs.outDir, { recursive: true }));
  record.manifestPath = await writeManifest(inputs.outDir, record.manifest);
  core.info(`wrote ${record.manifestPath}`);

  const { published, error } = await publishImages(result.images, inputs, phase);
  record.published = published;
  record.uploadError = error;
  if (inputs.cache && result.images.some((i) => i.status === "built")) await phase("Save images to the cache", () => saveToCache(result.images));
}

/** The outputs and the step summary, for any outcome: `failure` is what stopped the run early, if anything did. */
async function report(inputs: ActionInputs, record: RunRecord, failure: unknown): Promise<void> {
  const outputs =
    record.images.length > 0
      ? imageOutputs(record.images, record.manifest, record.published)
      : unbuiltOutputs(inputs.request.targets, failure);
  core.setOutput("images", JSON.stringify(outputs));
  core.setOutput("artifact-ids", [...record.published.values()].flatMap((p) => (p.artifact ? [String(p.artifact.id)] : [])).join(","));
  core.setOutput("manifest", record.manifestPath ?? "");
  const summary =
    record.images.length > 0
      ? buildSummary(record.images, inputs, outputs, record.published, record.uploadError, failure)
      : unbuiltSummary(inputs.request.targets, failure);
  // The summary is a report: failing to write it must not hide the run's own error.
  await writeSummary(summary).catch((error: unknown) => core.warning(`The step summary could not be written: ${error instanceof Error ? error.message : String(error)}`));
}

async function build(inputs: ActionInputs, catalogue: Catalogue, options: RunOptions): Promise<void> {
  const record: RunRecord = { images: [], manifest: [], published: new Map() };
  let failure: unknown;
  try {
    await buildStages(inputs, catalogue, options, record);
  } catch (error) {
    failure = error;
  }
  // The report must not hide the run's own error (GITHUB_OUTPUT on a full disk, say).
  await report(inputs, record, failure).catch((error: unknown) => core.warning(`The outputs could not all be written: ${error instanceof Error ? error.message : String(error)}`));
  if (failure !== undefined) throw failure;
  if (record.uploadError !== undefined) throw record.uploadError;
  const failed = record.images.filter((i) => i.failure);
  if (failed.length > 0) throw failureOf(failed, record.images.length);
}

/** The whole action. Throws a UserError for anything the user can act on. */
export async function run(options: RunOptions = {}): Promise<void> {
  const catalogue = loadCatalogue();
  let inputs: ActionInputs;
  try {
    inputs = readInputs(catalogue);
  } catch (error) {
    // Nothing was planned: `images` is an empty list, and the summary says why.
    core.setOutput("images", "[]");
    core.setOutput("manifest", "");
    await writeSummary(unbuiltSummary([], error)).catch(() => undefined);
    throw error;
  }
  for (const warning of inputs.warnings) core.warning(warning);
  for (const notice of inputs.notices) core.notice(notice);
  const matrix = matrixOf(inputs.request, inputs.runners);
  core.setOutput("matrix", JSON.stringify(matrix));
  if (inputs.mode === "plan") {
    const arm = privateArmWarning(targetSystems(inputs.request.targets), inputs.runners, repositoryIsPrivate(), RUNNERS["aarch64-linux"]);
    if (arm !== undefined) core.warning(arm, { title: "aarch64 runners in a private repository" });
    core.info(`matrix: ${matrix.include.length} image(s): ${matrix.include.map((m) => `${m.format} (${m.system})`).join(", ")}`);
    await writeSummary(matrixSummary(inputs.request, catalogue));
    return;
  }
  if (inputs.mode === "publish") {
    // The same plan as mode: plan (no Nix): the draft must hold an image for each entry.
    await publishPlan(inputs, matrix.include, catalogue);
    return;
  }
  await build(inputs, catalogue, options);
}
