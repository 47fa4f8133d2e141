// The action: inputs -> (plan: the matrix) | (build: Nix, emulation,
// evaluation, cache, one build, copy, verify, manifest, upload, cache save).
// main.ts calls run() and turns a thrown error into the step's failure.
//
// Images land in <out-dir>/<format>-<system>/<file name>, copied out of the
// Nix store. A VM runner (formats vm, vm-nogui, vm-bootloader) is a script
// that starts QEMU on its /nix/store closure: it is not portable, so it is
// verified in the store and listed, but neither copied, uploaded nor cached.
import { constants } from "node:fs";
import { chmod, copyFile, mkdir, rm, stat } from "node:fs/promises";
import { join, relative } from "node:path";
import * as core from "@actions/core";
import { loadCatalogue, type Catalogue, type Format, type NixSystem } from "../core/catalogue.js";
import { ExitCode, UserError, isUserError } from "../core/errors.js";
import { hostSystem } from "../core/resolve-formats.js";
import { evalPairs } from "../core/targets.js";
import { checkFiles } from "../core/validate.js";
import { buildAll } from "../nix/build.js";
import { evaluate, imagePath, type PlanEntry } from "../nix/evaluate.js";
import { artifactNames, imageCacheKey, releaseAssetName, restoreImage, saveImage, uploadImageArtifacts, uploadReleaseAssets } from "../publish/index.js";
import { renderReport, verifyImage, type VerifyReport } from "../verify/index.js";
import { manifestEntry, writeManifest, type ManifestEntry } from "../verify/manifest.js";
import { ensureEmulation } from "./binfmt.js";
import { asInputs, forInput, matrixOf, readInputs, toGenerateRequest, type ActionInputs } from "./inputs.js";
import { addNixConfig, addToNixConf, ensureNix } from "./install-nix.js";

export interface RunOptions {
  /** Where binfmt_misc is; default NIXOS_GENERATORS_BINFMT_DIR, else /proc/sys/fs/binfmt_misc. */
  binfmtDir?: string;
  signal?: AbortSignal;
}

/** One entry of the `images` output: the manifest entry and where the image went. */
export interface ImageOutput extends ManifestEntry {
  drvPath: string;
  /** The image in the Nix store (output/filePath); not there when the image came from the cache. */
  storePath: string;
  /** Restored from the Actions cache instead of built. */
  cached: boolean;
  uploaded: boolean;
  artifactId?: number;
  artifactName?: string;
  artifactUrl?: string;
  assetUrl?: string;
  /** Why the image failed (build or verify), when it did. */
  error?: string;
}

interface Image {
  entry: PlanEntry;
  format: Format;
  system: NixSystem;
  /** The image in the store. */
  source: string;
  /** <out-dir>/<format>-<system>/<file>, or the store path for a VM runner. */
  file: string;
  /** Copied, uploaded and cached (not a VM runner). */
  portable: boolean;
  cacheKey?: string;
  cached: boolean;
  report?: VerifyReport;
  failure?: { stage: "build" | "verify"; error: UserError };
  artifact?: { id: number; name: string; url: string };
  assetUrl?: string;
}

function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  return core.group(name, work);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value >= 100 ? 0 : 1)} ${units[unit]}`;
}

/** Markdown table cell text. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  await core.summary.addRaw(markdown, true).write();
}

// ---------------------------------------------------------------- plan mode

function planSummary(inputs: ActionInputs, catalogue: Catalogue, matrix: ReturnType<typeof matrixOf>): string {
  const lines = [
    "## NixOS image matrix",
    "",
    `${matrix.include.length} image${matrix.include.length === 1 ? "" : "s"}: ${inputs.formats.length} format${inputs.formats.length === 1 ? "" : "s"} × ${inputs.systems.join(", ")}.`,
    "",
    "| Format | System | Container | File |",
    "| --- | --- | --- | --- |",
  ];
  for (const { format, system } of matrix.include) {
    const f = catalogue.lookup(format);
    const file = f ? (f.extension ? `*.${f.extension}` : "directory (VM runner)") : "";
    lines.push(`| ${cell(format)} | ${system} | ${f?.container ?? ""}${f && f.compression !== "none" ? ` (${f.compression})` : ""} | ${cell(file)} |`);
  }
  return lines.join("\n") + "\n";
}

// ---------------------------------------------------------------- build mode

function imagesOf(entries: readonly PlanEntry[], catalogue: Catalogue, outDir: string): Image[] {
  return entries.map((entry) => {
    const format = catalogue.lookup(entry.format);
    if (!format) throw new Error(`evaluation returned the format ${entry.format}, which is not in the catalogue`);
    const { system } = entry;
    const source = imagePath(entry);
    const portable = format.container !== "vm-runner";
    return {
      entry,
      format,
      system,
      source,
      file: portable ? join(outDir, `${format.name}-${system}`, entry.fileName) : source,
      portable,
      cached: false,
    };
  });
}

/** Copies a built image out of the (read-only) store into out-dir. */
async function copyOut(image: Image): Promise<void> {
  await mkdir(join(image.file, ".."), { recursive: true });
  await rm(image.file, { force: true });
  await copyFile(image.source, image.file, constants.COPYFILE_FICLONE);
  await chmod(image.file, 0o644);
}

function buildFailureEntry(image: Image, outDir: string, error: UserError): ManifestEntry {
  return {
    format: image.format.name,
    system: image.system,
    file: image.entry.fileName,
    path: image.portable ? relative(outDir, image.file) : image.file,
    size: 0,
    sha256: null,
    container: "unknown",
    virtualSize: null,
    nixosLabel: null,
    ok: false,
    findings: [{ check: "build", expected: "a built image", found: error.problem }],
  };
}

function artifactUrl(id: number): string {
  const server = process.env.GITHUB_SERVER_URL || "https://github.com";
  return `${server}/${process.env.GITHUB_REPOSITORY ?? ""}/actions/runs/${process.env.GITHUB_RUN_ID ?? ""}/artifacts/${id}`;
}

function buildSummary(images: readonly Image[], inputs: ActionInputs, outputs: readonly ImageOutput[], uploadError: unknown): string {
  const lines = ["## NixOS images", "", "| Format | System | File | Size | SHA-256 | Link |", "| --- | --- | --- | --- | --- | --- |"];
  images.forEach((image, index) => {
    const out = outputs[index];
    const size = image.report ? bytes(image.report.size) : "";
    const sha = image.report?.sha256 ? `\`${image.report.sha256}\`` : "";
    let link: string;
    if (image.failure) link = `❌ ${image.failure.stage} failed`;
    else if (image.artifact) link = `[${cell(image.artifact.name)}](${image.artifact.url})`;
    else if (image.assetUrl) link = `[release ${cell(inputs.releaseTag ?? "")}](${image.assetUrl})`;
    else if (!image.portable) link = "not uploaded (a VM runner needs its Nix store)";
    else if (uploadError !== undefined) link = "❌ upload failed";
    else link = inputs.upload === "none" ? `\`${cell(out?.path ?? image.file)}\`` : "";
    lines.push(`| ${cell(image.format.name)} | ${image.system} | ${cell(image.entry.fileName)}${image.cached ? " (cached)" : ""} | ${size} | ${sha} | ${link} |`);
  });
  if (uploadError !== undefined) {
    const text = isUserError(uploadError) ? uploadError.problem : uploadError instanceof Error ? uploadError.message : String(uploadError);
    lines.push("", `### The upload failed`, "", cell(text));
  }
  const failed = images.filter((i) => i.failure);
  if (failed.length > 0) {
    lines.push("", `### ${failed.length} image${failed.length === 1 ? "" : "s"} failed`, "");
    for (const image of failed) {
      lines.push(`- **${cell(image.format.name)} (${image.system})**, ${image.failure?.stage}: ${cell(image.failure?.error.problem ?? "")}`);
    }
  }
  return lines.join("\n") + "\n";
}

/** The step's failure for the images that failed (build or verify). */
function failureOf(failed: readonly Image[], total: number): UserError {
  const only = failed[0];
  if (failed.length === 1 && only?.failure) {
    const { error, stage } = only.failure;
    const prefix = total > 1 ? `${only.format.name} (${only.system}): ` : "";
    return new UserError(`${prefix}${error.problem}`, error.fix, stage === "verify" ? ExitCode.verify : error.exitCode, error.details);
  }
  const allVerify = failed.every((i) => i.failure?.stage === "verify");
  const list = failed.map((i) => `${i.format.name} (${i.system}, ${i.failure?.stage})`).join(", ");
  const details = failed.map((i) => `${i.format.name} (${i.system}): ${i.failure?.error.problem ?? ""}`).join("\n");
  return new UserError(
    `${failed.length} of ${total} images failed: ${list}; the others were published.`,
    "Read the build log and the verification reports above.",
    allVerify ? ExitCode.verify : ExitCode.failed,
    details,
  );
}

async function build(inputs: ActionInputs, catalogue: Catalogue, options: RunOptions): Promise<void> {
  const signal = options.signal;
  const request = toGenerateRequest(inputs);
  const cwd = inputs.workspace;
  // Checked with the path as written (relative to the workspace), for the messages.
  const asGiven = inputs.config.kind === "file" ? { ...request, config: { kind: "file" as const, path: inputs.configInput } } : request;
  for (const warning of forInput(inputs.config.kind === "flake" ? "flake" : "config", () => checkFiles(asGiven, { cwd })).warnings) core.warning(asInputs(warning));

  const nix = await phase("Set up Nix", () =>
    ensureNix({
      installNix: inputs.installNix,
      installerUrl: inputs.nixInstallerUrl,
      installerSha256: inputs.nixInstallerSha256,
      ...(process.env.RUNNER_TEMP ? { tempDir: process.env.RUNNER_TEMP } : {}),
      log: core.info,
    }),
  );

  const host = hostSystem();
  for (const system of inputs.systems.filter((s) => s !== host)) {
    if (!host) break;
    const emulation = await phase(`Set up ${system} emulation (QEMU, binfmt_misc)`, () =>
      ensureEmulation(system, {
        hostSystem: host,
        binfmtDir: options.binfmtDir ?? (process.env.NIXOS_GENERATORS_BINFMT_DIR || undefined),
        ...(process.env.RUNNER_TEMP ? { tempDir: process.env.RUNNER_TEMP } : {}),
        log: core.info,
      }),
    );
    addNixConfig(emulation.nixConfig);
    // A Nix this run installed keeps them for later steps too.
    if (nix.nixConf) await addToNixConf(nix.nixConf, emulation.nixConfig);
    core.info(`Nix settings for ${system}: ${emulation.nixConfig.join("; ")}`);
  }

  const pairs = evalPairs(request, catalogue);
  const entries = await phase(`Evaluate ${pairs.length} image${pairs.length === 1 ? "" : "s"}`, async () => {
    core.info(`evaluating ${pairs.map((p) => `${p.format} (${p.system})`).join(", ")}`);
    const result = await evaluate(request, pairs, { cwd, ...(signal ? { signal } : {}) });
    for (const e of result) core.info(`${e.format} (${e.system}): ${e.drvPath} -> ${imagePath(e)}`);
    return result;
  });
  const images = imagesOf(entries, catalogue, inputs.outDir);

  if (inputs.cache) {
    await phase("Restore images from the cache", async () => {
      for (const image of images.filter((i) => i.portable)) {
        image.cacheKey = imageCacheKey(image.format.name, image.system, image.entry.drvPath);
        image.cached = await restoreImage(image.cacheKey, [image.file]);
      }
    });
  }

  const toBuild = images.filter((i) => !i.cached);
  if (toBuild.length > 0) {
    await phase(`Build ${toBuild.length} image${toBuild.length === 1 ? "" : "s"}`, async () => {
      let buildError: UserError | undefined;
      try {
        await buildAll(
          toBuild.map((i) => i.entry.drvPath),
          // With several images, one failing must not stop the others (they are still published).
          { cwd, extraFlags: toBuild.length > 1 ? ["--keep-going"] : [], ...(signal ? { signal } : {}) },
        );
      } catch (error) {
        if (!isUserError(error) || error.exitCode === ExitCode.interrupted) throw error;
        buildError = error;
      }
      for (const image of toBuild) {
        if (await exists(image.source)) continue;
        image.failure = {
          stage: "build",
          error:
            buildError ??
            new UserError(`Nix built ${image.entry.drvPath}, but ${image.source} is not in its output.`, "This is a bug in the format's module: report it.", ExitCode.failed),
        };
      }
      const failedCount = toBuild.filter((i) => i.failure).length;
      if (buildError && failedCount < images.length) {
        core.info(`The build failed for ${failedCount} of ${toBuild.length} image(s); the others are verified and published.`);
      }
    });
  }

  const toVerify = images.filter((i) => !i.failure);
  if (toVerify.length > 0) await phase(`Verify ${toVerify.length} image${toVerify.length === 1 ? "" : "s"}`, async () => {
    for (const image of toVerify) {
      if (image.portable && !image.cached) await copyOut(image);
      const report = await verifyImage(image.file, {
        container: image.format.container,
        compression: image.format.compression,
        ...(image.format.diskSize && inputs.diskSize !== undefined ? { diskSizeMiB: inputs.diskSize } : {}),
        system: image.system,
      });
      image.report = report;
      core.info(renderReport(report));
      if (!report.ok) {
        image.failure = {
          stage: "verify",
          error: new UserError(
            `The ${image.format.name} image for ${image.system} did not pass verification: ${report.findings.length} finding${report.findings.length === 1 ? "" : "s"} (${report.findings.map((f) => f.check).join(", ")}).`,
            "Read the verification report above; the image was not published.",
            ExitCode.verify,
            renderReport(report),
          ),
        };
      }
    }
  });

  await mkdir(inputs.outDir, { recursive: true });
  const manifest = images.map((image) =>
    image.report
      ? manifestEntry(image.report, { format: image.format.name, system: image.system, path: image.portable ? relative(inputs.outDir, image.file) : image.file })
      : buildFailureEntry(image, inputs.outDir, image.failure?.error ?? new UserError("not built", "", ExitCode.failed)),
  );
  const manifestPath = await writeManifest(inputs.outDir, manifest);
  core.info(`wrote ${manifestPath}`);

  const publishable = images.filter((i) => !i.failure && i.portable);
  // An upload that fails stops the uploads, but not the outputs and the summary of what was done.
  let uploadError: unknown;
  if (inputs.upload === "artifact" && publishable.length > 0) {
    await phase(`Upload ${publishable.length} artifact${publishable.length === 1 ? "" : "s"}`, async () => {
      const files = publishable.map((i) => ({ path: i.file, format: i.format, system: i.system }));
      artifactNames(inputs.artifactName, files); // every name checked before the first upload
      for (const [index, image] of publishable.entries()) {
        try {
          const [artifact] = await uploadImageArtifacts([files[index]!], {
            nameTemplate: inputs.artifactName,
            ...(inputs.retentionDays !== undefined ? { retentionDays: inputs.retentionDays } : {}),
          });
          if (!artifact) continue;
          image.artifact = { id: artifact.id, name: artifact.name, url: artifactUrl(artifact.id) };
          core.info(`uploaded ${image.file} as artifact '${artifact.name}' (id ${artifact.id}, ${bytes(artifact.size)} zip)`);
        } catch (error) {
          uploadError = error;
          break;
        }
      }
    });
  } else if (inputs.upload === "release" && publishable.length > 0) {
    await phase(`Upload ${publishable.length} release asset${publishable.length === 1 ? "" : "s"}`, async () => {
      try {
        const assetName = (image: (typeof publishable)[number]) => releaseAssetName(image.entry.fileName, image.system);
        const release = await uploadReleaseAssets(
          publishable.map((i) => ({ path: i.file, name: assetName(i) })),
          { token: inputs.githubToken, tag: inputs.releaseTag ?? "" },
        );
        for (const image of publishable) {
          const asset = release.assets.find((a) => a.name === assetName(image));
          if (asset) image.assetUrl = asset.url;
        }
        core.info(`${release.created ? "created" : "updated"} release ${release.tag}: ${release.url}`);
      } catch (error) {
        uploadError = error;
      }
    });
  }

  if (inputs.cache) {
    const fresh = images.filter((i) => i.portable && !i.cached && !i.failure && i.cacheKey);
    if (fresh.length > 0) {
      await phase("Save images to the cache", async () => {
        for (const image of fresh) await saveImage(image.cacheKey ?? "", [image.file]);
      });
    }
  }

  const outputs: ImageOutput[] = images.map((image, index) => {
    const entry = manifest[index] as ManifestEntry;
    return {
      ...entry,
      drvPath: image.entry.drvPath,
      storePath: image.source,
      cached: image.cached,
      uploaded: image.artifact !== undefined || image.assetUrl !== undefined,
      ...(image.artifact ? { artifactId: image.artifact.id, artifactName: image.artifact.name, artifactUrl: image.artifact.url } : {}),
      ...(image.assetUrl ? { assetUrl: image.assetUrl } : {}),
      ...(image.failure ? { error: image.failure.error.problem } : {}),
    };
  });
  core.setOutput("images", JSON.stringify(outputs));
  core.setOutput("artifact-ids", images.flatMap((i) => (i.artifact ? [String(i.artifact.id)] : [])).join(","));
  core.setOutput("manifest", manifestPath);
  await writeSummary(buildSummary(images, inputs, outputs, uploadError));

  if (uploadError !== undefined) throw uploadError;
  const failed = images.filter((i) => i.failure);
  if (failed.length > 0) throw failureOf(failed, images.length);
}

/** The whole action. Throws a UserError for anything the user can act on. */
export async function run(options: RunOptions = {}): Promise<void> {
  const catalogue = loadCatalogue();
  const inputs = readInputs(catalogue);
  for (const warning of inputs.warnings) core.warning(warning);
  const matrix = matrixOf(inputs, catalogue);
  core.setOutput("matrix", JSON.stringify(matrix));
  if (inputs.mode === "plan") {
    core.info(`matrix: ${matrix.include.length} image(s): ${matrix.include.map((m) => `${m.format} (${m.system})`).join(", ")}`);
    await writeSummary(planSummary(inputs, catalogue, matrix));
    return;
  }
  await build(inputs, catalogue, options);
}
