// The action: inputs -> (plan: the matrix) | (build: Nix, emulation, the
// shared pipeline with the action's hooks — restore from the cache, copy out
// of the store — then manifest, upload, cache save, outputs and summary).
// main.ts calls run() and turns a thrown error into the step's failure.
//
// Images land in <out-dir>/<format>-<system>/<file name>, copied out of the
// Nix store (see images.ts for VM runners, which stay in the store).
import { mkdir } from "node:fs/promises";
import * as core from "@actions/core";
import { loadCatalogue, type Catalogue } from "../core/catalogue.js";
import { targetSystems } from "../core/request.js";
import { hostSystem } from "../core/resolve-formats.js";
import { failureOf, runPipeline } from "../pipeline/pipeline.js";
import { writeManifest } from "../verify/manifest.js";
import { ensureEmulation } from "./binfmt.js";
import { copyOut, restoreFromCache, saveToCache } from "./images.js";
import { readInputs, type ActionInputs } from "./inputs.js";
import { checkKvm } from "./kvm.js";
import { ensureUserNamespaces } from "./userns.js";
import { addNixConfig, addToNixConf, ensureNix } from "./install-nix.js";
import { matrixOf, matrixSummary } from "./matrix.js";
import { publishImages } from "./publish-images.js";
import { buildSummary, imageOutputs, manifestOf, writeSummary } from "./report.js";

export interface RunOptions {
  /** Where binfmt_misc is; default NIXOS_GENERATORS_BINFMT_DIR, else /proc/sys/fs/binfmt_misc. */
  binfmtDir?: string;
  signal?: AbortSignal;
}

function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  return core.group(name, work);
}

/** Nix, and QEMU emulation for every system that is not the runner's. */
async function setUp(inputs: ActionInputs, options: RunOptions): Promise<void> {
  const tempDir = process.env.RUNNER_TEMP ? { tempDir: process.env.RUNNER_TEMP } : {};
  const nix = await phase("Set up Nix", () =>
    ensureNix({
      installNix: inputs.installNix,
      installerUrl: inputs.nixInstallerUrl,
      installerSha256: inputs.nixInstallerSha256,
      ...tempDir,
      log: core.info,
    }),
  );
  if (inputs.request.builder === "repart") await phase("Check user namespaces (builder: repart)", () => ensureUserNamespaces({ log: core.info }));
  const host = hostSystem();
  if (!host) return;
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
  }
}

async function build(inputs: ActionInputs, catalogue: Catalogue, options: RunOptions): Promise<void> {
  await checkKvm(inputs.request, catalogue);
  await setUp(inputs, options);
  const result = await runPipeline(inputs.request, {
    ...(options.signal ? { signal: options.signal } : {}),
    cwd: inputs.workspace,
    log: core.info,
    phase,
    place: copyOut(inputs.outDir),
    ...(inputs.cache ? { restore: restoreFromCache(inputs.outDir) } : {}),
  });
  const { images } = result;

  await mkdir(inputs.outDir, { recursive: true });
  const manifest = images.map((image) => manifestOf(image, inputs.outDir));
  const manifestPath = await writeManifest(inputs.outDir, manifest);
  core.info(`wrote ${manifestPath}`);

  const { published, error: uploadError } = await publishImages(images, inputs, phase);
  if (inputs.cache && images.some((i) => i.status === "built")) await phase("Save images to the cache", () => saveToCache(images));

  const outputs = imageOutputs(images, manifest, published);
  core.setOutput("images", JSON.stringify(outputs));
  core.setOutput("artifact-ids", [...published.values()].flatMap((p) => (p.artifact ? [String(p.artifact.id)] : [])).join(","));
  core.setOutput("manifest", manifestPath);
  await writeSummary(buildSummary(images, inputs, outputs, published, uploadError));

  if (uploadError !== undefined) throw uploadError;
  const failed = images.filter((i) => i.failure);
  if (failed.length > 0) throw failureOf(failed, images.length);
}

/** The whole action. Throws a UserError for anything the user can act on. */
export async function run(options: RunOptions = {}): Promise<void> {
  const catalogue = loadCatalogue();
  const inputs = readInputs(catalogue);
  for (const warning of inputs.warnings) core.warning(warning);
  for (const notice of inputs.notices) core.notice(notice);
  const matrix = matrixOf(inputs.request);
  core.setOutput("matrix", JSON.stringify(matrix));
  if (inputs.mode === "plan") {
    core.info(`matrix: ${matrix.include.length} image(s): ${matrix.include.map((m) => `${m.format} (${m.system})`).join(", ")}`);
    await writeSummary(matrixSummary(inputs.request, catalogue));
    return;
  }
  await build(inputs, catalogue, options);
}
