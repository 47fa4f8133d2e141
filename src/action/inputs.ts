// The action's inputs: each read once from the runner (INPUT_<NAME>), checked,
// and turned into one validated object. Every bad input is one UserError that
// names the input, says what is wrong with it and how to fix it.
import { tmpdir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import * as core from "@actions/core";
import { z } from "zod";
import { BUILDER_CHOICES, type Catalogue, type NixSystem } from "../core/catalogue.js";
import { parseDiskSize } from "../core/disk-size.js";
import { ExitCode, UserError, isUserError } from "../core/errors.js";
import type { GenerateRequest, SpecialArg } from "../core/request.js";
import { hostSystem, parseSystem } from "../core/resolve-formats.js";
import { resolveTargets } from "../core/targets.js";
import { checkNixpkgsTree, checkOutputDirectory, isUrl, resolveConfigSource, validate } from "../core/validate.js";
import { FORBIDDEN_ARTIFACT_NAME_CHARACTERS, checkArtifactNameTemplate } from "../publish/artifact-name.js";
import { COMPRESS_CHOICES, compressSchema } from "../pipeline/compress.js";
import { redactUrl } from "./install-nix.js";
import { ACTION_LABELS, asInputError } from "./labels.js";
import { parseExtraNixConfig } from "./nix-settings.js";
import { parseRunners, runsOnSchema } from "./runners.js";

/** The official Nix installer this action runs when there is no Nix (single-user). */
export const DEFAULT_NIX_INSTALLER_URL = "https://releases.nixos.org/nix/nix-2.34.7/install";
/** SHA-256 of DEFAULT_NIX_INSTALLER_URL (as published in its install.sha256). */
export const DEFAULT_NIX_INSTALLER_SHA256 = "e9d447ce3d2ff62d7ff9cb6ef401de6fa8acb148839dd00f7271945d7b638b14";

/** Every input in action.yml, in its order there. */
export const INPUT_NAMES = [
  "config",
  "flake",
  "formats",
  "format-path",
  "system",
  "disk-size",
  "builder",
  "nixpkgs",
  "special-args",
  "mode",
  "runners",
  "upload",
  "artifact-name",
  "retention-days",
  "archive",
  "overwrite",
  "compression-level",
  "compress",
  "boot-test",
  "release-tag",
  "release-name",
  "release-body",
  "generate-release-notes",
  "draft",
  "prerelease",
  "make-latest",
  "split-large-assets",
  "attest",
  "cache",
  "install-nix",
  "nix-installer-url",
  "nix-installer-sha256",
  "extra-nix-config",
  "github-token",
  "out-dir",
  "free-disk-space",
  "nix-access-token",
] as const;
export type InputName = (typeof INPUT_NAMES)[number];

export const modeSchema = z.enum(["plan", "build", "publish"]);
export const uploadSchema = z.enum(["artifact", "release", "none"]);
export const installNixSchema = z.enum(["auto", "never"]);
export const makeLatestSchema = z.enum(["true", "false", "legacy"]);

/** The validated inputs. */
export const actionInputsSchema = z.strictObject({
  mode: modeSchema,
  /** What to build: the request both front ends hand to the pipeline (checked by the shared validate). */
  request: z.custom<GenerateRequest>((value) => typeof value === "object" && value !== null && "targets" in value),
  /** Whether `formats: all` was given. */
  allFormats: z.boolean(),
  upload: uploadSchema,
  artifactName: z.string().min(1),
  retentionDays: z.number().int().min(1).max(400).optional(),
  /** Zip single-file images too (default: uploaded as they are). */
  archive: z.boolean(),
  /** Replace an artifact of the same name in the run. */
  overwrite: z.boolean(),
  /** Zip level for zipped images that are not compressed already. */
  compressionLevel: z.number().int().min(0).max(9),
  /** Compress images that are not compressed already into <file>.zst / .xz before upload (src/pipeline/compress.ts). */
  compress: compressSchema,
  /** runs-on per system for the matrix (plan mode); systems not named keep GitHub's hosted labels. */
  runners: z.partialRecord(z.enum(["x86_64-linux", "aarch64-linux"]), runsOnSchema),
  /** Set (and non-empty) whenever upload is "release" in build mode. */
  releaseTag: z.string().min(1).optional(),
  releaseName: z.string().min(1).optional(),
  releaseBody: z.string().min(1).optional(),
  generateReleaseNotes: z.boolean(),
  draft: z.boolean(),
  prerelease: z.boolean(),
  makeLatest: makeLatestSchema,
  /** Upload a release asset of 2 GiB or more in parts below the limit (else it is refused). */
  splitLargeAssets: z.boolean(),
  /** Sign build provenance for the uploaded images. */
  attest: z.boolean(),
  cache: z.boolean(),
  installNix: installNixSchema,
  nixInstallerUrl: z.url({ protocol: /^(https?|file)$/ }),
  nixInstallerSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** nix.conf lines for the action's Nix calls (and the nix.conf of a Nix it installs). */
  extraNixConfig: z.array(z.string()),
  githubToken: z.string(),
  /** Absolute. */
  outDir: z.string().startsWith("/"),
  /** Remove the hosted runner image's big unused SDKs before building (disk-space.ts). */
  freeDiskSpace: z.boolean(),
  /** Give githubToken to Nix as access-tokens (opt-in: the evaluation could read it). */
  nixAccessToken: z.boolean(),
  /** Where relative paths are from: GITHUB_WORKSPACE (else the working directory). */
  workspace: z.string().startsWith("/"),
  /** Things allowed but probably not meant (e.g. a disk size for formats that take none). */
  warnings: z.array(z.string()),
  /** Things worth knowing (pairs a plan left out). */
  notices: z.array(z.string()),
});
export type ActionInputs = z.infer<typeof actionInputsSchema>;

export type InputReader = (name: InputName) => string;

/** Reads an input the way the runner passes it (INPUT_<NAME>), trimmed. */
export const runnerInputs: InputReader = (name) => core.getInput(name);

function bad(input: InputName, problem: string, fix: string, exitCode: UserError["exitCode"] = ExitCode.usage): UserError {
  return new UserError(`The input '${input}' ${problem}`, fix, exitCode);
}

/** Runs a check of one input that is not a request field (e.g. artifact-name); its UserError names the input. */
function forInput<T>(input: InputName, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!isUserError(error)) throw error;
    const problem = error.problem.charAt(0).toLowerCase() + error.problem.slice(1);
    throw new UserError(`The input '${input}' is not valid: ${problem}`, error.fix, error.exitCode, error.details);
  }
}

/** A list input: one item a line and/or separated by commas; blank items dropped. */
export function listInput(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

function choice<T extends string>(input: InputName, text: string, options: readonly T[], fallback: T): T {
  const value = text === "" ? fallback : text;
  const found = options.find((o) => o === value);
  if (found !== undefined) return found;
  const close = options.find((o) => o.toLowerCase() === value.toLowerCase());
  throw bad(
    input,
    `is '${value}', which is not one of ${options.map((o) => `'${o}'`).join(", ")}.`,
    `${close ? `Write '${close}' (the values are lower case). ` : ""}Set ${input}: to ${options.map((o) => `'${o}'`).join(" or ")}, or leave it out for '${fallback}'.`,
  );
}

/** YAML 1.2 core booleans, as @actions/core's getBooleanInput. */
function booleanInput(input: InputName, text: string, fallback: boolean): boolean {
  if (text === "") return fallback;
  if (["true", "True", "TRUE"].includes(text)) return true;
  if (["false", "False", "FALSE"].includes(text)) return false;
  throw bad(input, `is '${text}', which is not a boolean.`, `Set ${input}: to true or false.`);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_'-]*$/;

/**
 * special-args: a JSON object of strings ({"hostName": "web1"}), or one
 * `name=value` (or YAML-ish `name: value`) a line; '#' starts a comment line.
 * Values are passed as Nix strings.
 */
export function parseSpecialArgs(text: string): SpecialArg[] {
  const input: InputName = "special-args";
  const example = "e.g. 'hostName=web1' (one a line) or '{\"hostName\": \"web1\"}'";
  const args: SpecialArg[] = [];
  const add = (name: string, value: string): void => {
    if (!IDENTIFIER.test(name)) {
      throw bad(input, `names '${name}', which is not a Nix identifier.`, `Use names of letters, digits, '_', '-' and apostrophes that start with a letter or '_', ${example}.`);
    }
    if (args.some((a) => a.name === name)) throw bad(input, `gives '${name}' more than once.`, `Give each name once, ${example}.`);
    args.push({ name, value });
  };
  const trimmed = text.trim();
  if (trimmed === "") return args;
  if (trimmed.startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch (error) {
      throw bad(input, `starts with '{' but is not valid JSON (${error instanceof Error ? error.message : String(error)}).`, `Give a JSON object of strings, or name=value lines, ${example}.`);
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw bad(input, "is JSON but not an object.", `Give a JSON object of strings, ${example}.`);
    }
    for (const [name, value] of Object.entries(parsed)) {
      if (typeof value === "string") add(name, value);
      else if (typeof value === "number" || typeof value === "boolean") add(name, String(value));
      else throw bad(input, `gives '${name}' ${value === null ? "null" : Array.isArray(value) ? "a list" : "an object"}; the values are passed as Nix strings.`, `Give '${name}' a string, ${example}.`);
    }
    return args;
  }
  // The line before, when it opens a YAML mapping or block ("name:", "name: |"): a deeper line under it is nesting.
  let opener: { number: number; line: string; indent: number } | undefined;
  for (const [index, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const indent = raw.length - raw.trimStart().length;
    if (opener && indent > opener.indent) throw nestedYaml(index + 1, line, opener);
    const match = /^([^=:\s]+)\s*(?:=|:\s)\s*(.*)$/.exec(line) ?? /^([^=:\s]+)\s*:$/.exec(line);
    if (!match) {
      const item = line.startsWith("- ") || line === "-";
      throw bad(
        input,
        `line ${index + 1} ('${line}') is ${item ? "a YAML list item, not 'name=value'" : "not 'name=value'"}.`,
        `Write one name=value a line${item ? " (the values are passed as Nix strings, not lists)" : ""}, ${example}.`,
      );
    }
    let value = (match[2] ?? "").trim();
    const colon = !line.slice((match[1] ?? "").length).trimStart().startsWith("=");
    opener = colon && /^([|>][-+]?)?$/.test(value) ? { number: index + 1, line, indent } : undefined;
    if (colon && /^[[{]/.test(value)) {
      throw bad(
        input,
        `gives '${match[1] ?? ""}' a YAML ${value.startsWith("[") ? "list" : "mapping"} (${value}); the values are passed as Nix strings.`,
        `Quote the value to pass that text as a string (${match[1] ?? ""}: "${value.replace(/"/g, '\\"')}"), or give a plain string, ${example}.`,
      );
    }
    if (/^"(.*)"$/.test(value) || /^'(.*)'$/.test(value)) value = value.slice(1, -1);
    add(match[1] ?? "", value);
  }
  return args;
}

/** special-args with a line nested under a "name:" line: YAML nesting, which would be flattened. */
function nestedYaml(number: number, line: string, opener: { number: number; line: string }): UserError {
  return bad(
    "special-args",
    `line ${number} ('${line}') is nested under line ${opener.number} ('${opener.line}'): nested YAML is not supported, as each value is passed as one Nix string.`,
    "Give each special arg on its own line, not indented, as name=value (e.g. 'hostName=web1'); a structured value has to be set in the configuration itself.",
  );
}

/** nixpkgs: a URL (https://…tar.gz, channel:nixos-25.05, flake:nixpkgs) stays; a path is made absolute and must exist. */
function parseNixpkgs(text: string, workspace: string): string | undefined {
  if (text === "") return undefined;
  if (text.includes("=")) {
    throw bad("nixpkgs", `is '${text}'; it is the value of -I nixpkgs=…, without 'nixpkgs='.`, "Give a path (e.g. ./nixpkgs or /nix/store/…-source) or a URL (e.g. channel:nixos-25.05 or https://…/nixpkgs.tar.gz).");
  }
  if (isUrl(text)) return text;
  const path = resolve(workspace, text);
  // The same check as the command line's -I nixpkgs=DIR: lib/ and nixos/ are there.
  asInputError(() => checkNixpkgsTree(path, text, ACTION_LABELS));
  return path;
}

function parseConfig(configText: string, flakeText: string, workspace: string) {
  if (configText !== "" && flakeText !== "") {
    throw new UserError(
      `The inputs 'config' (${configText}) and 'flake' (${flakeText}) were both given.`,
      "Set either config: (a configuration.nix) or flake: (URI#NAME, a flake's nixosConfigurations entry), not both.",
      ExitCode.usage,
    );
  }
  return asInputError(() =>
    resolveConfigSource({ ...(configText !== "" ? { configuration: configText } : {}), ...(flakeText !== "" ? { flake: flakeText } : {}) }, ACTION_LABELS, {}, workspace),
  );
}

function parseRetention(text: string): number | undefined {
  if (text === "" || text === "0") return undefined;
  const days = /^[0-9]+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(days) || days < 1 || days > 400) {
    throw bad("retention-days", `is '${text}', which is not a whole number of days from 1 to 400.`, "Give a number of days (at most 90 for public repositories), or leave it empty (or 0) for the repository's default.");
  }
  return days;
}

/** The release tag: the input, else the tag that triggered the run (GITHUB_REF refs/tags/…). */
function releaseTagFrom(text: string, env: NodeJS.ProcessEnv): string | undefined {
  if (text !== "") return text;
  const ref = env.GITHUB_REF ?? "";
  return ref.startsWith("refs/tags/") && ref.length > "refs/tags/".length ? ref.slice("refs/tags/".length) : undefined;
}

const TAG_RULES =
  "a tag name git accepts (git check-ref-format refs/tags/NAME): no spaces or control characters, none of ~ ^ : ? * [ \\, no '..' or '@{', no part that starts with '.' or ends with '.lock', not starting with '-' or ending with '/' or '.'";

/** Why `tag` is not a tag name git (and so GitHub) accepts, or undefined when it is one. */
export function releaseTagProblem(tag: string): string | undefined {
  const control = [...tag].find((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (control !== undefined) return `it contains a control character (0x${control.charCodeAt(0).toString(16).padStart(2, "0")})`;
  if (tag.includes(" ")) return "it contains a space";
  const special = [...tag].find((c) => "~^:?*[\\".includes(c));
  if (special !== undefined) return `it contains '${special}'`;
  if (tag.includes("..")) return "it contains '..'";
  if (tag.includes("@{")) return "it contains '@{'";
  if (tag.startsWith("-")) return "it starts with '-'";
  if (tag.startsWith("/") || tag.endsWith("/") || tag.includes("//")) return "it has an empty part (a leading, trailing or double '/')";
  if (tag.endsWith(".")) return "it ends with '.'";
  const part = tag.split("/").find((p) => p.startsWith(".") || p.endsWith(".lock"));
  if (part !== undefined) return `its part '${part}' ${part.startsWith(".") ? "starts with '.'" : "ends with '.lock'"}`;
  return undefined;
}

/** release-tag: a bare tag name git accepts (not a full ref such as refs/heads/main or refs/tags/v1.0). */
function checkReleaseTag(tag: string): void {
  const ref = /^refs\/(heads|tags|remotes|pull)\/(.+)$/.exec(tag);
  if (ref) {
    const [, kind, name] = ref;
    throw bad(
      "release-tag",
      `is '${tag}', a full git ref${kind === "tags" ? "" : ` of a ${kind === "heads" ? "branch" : kind === "pull" ? "pull request" : "remote branch"}`}, not a tag name.`,
      kind === "tags"
        ? `Give the bare tag: release-tag: ${name} (or \${{ github.ref_name }} on a tag push).`
        : "Give the bare tag name of the release (e.g. release-tag: v1.0, or ${{ github.ref_name }} in a workflow run on a tag push), not a branch's ref.",
    );
  }
  const problem = releaseTagProblem(tag);
  if (problem !== undefined) {
    throw bad("release-tag", `is '${tag}', which is not a valid git tag name: ${problem}.`, `Give ${TAG_RULES}, e.g. v1.0.`);
  }
}

/** The artifact-name template's fixed text must not hold a character GitHub refuses in artifact names. */
function checkArtifactNameCharacters(template: string): void {
  const fixed = template.replace(/<(?:format|system|file)>/g, "");
  const found = FORBIDDEN_ARTIFACT_NAME_CHARACTERS.find(([character]) => fixed.includes(character));
  if (found === undefined) return;
  throw bad(
    "artifact-name",
    `is '${JSON.stringify(template).slice(1, -1)}', which contains a ${found[1]}: GitHub (actions/upload-artifact) does not allow it in artifact names.`,
    `Remove it: artifact names may not contain ${FORBIDDEN_ARTIFACT_NAME_CHARACTERS.map(([, d]) => d).join(", ")}; e.g. 'nixos-<format>-<system>'.`,
  );
}

/** A token is needed to create releases and upload their assets, and to store attestations. */
function checkToken(token: string, mode: string, upload: string, attest: boolean): void {
  if (mode === "plan" || token !== "") return;
  const needs =
    mode === "publish"
      ? "mode: publish needs it to check and publish the draft release"
      : upload === "release"
        ? "upload: release needs it to create the release and upload the images to it"
        : attest && upload !== "none"
          ? "attest: true needs it to store the attestation"
          : undefined;
  if (needs === undefined) return;
  throw bad(
    "github-token",
    `is empty, and ${needs}.`,
    "Leave github-token: at its default (${{ github.token }}) and give the job the permissions it needs (contents: write for releases, attestations: write for attestations), or pass a token that has them.",
  );
}

/** out-dir, in build mode: a directory the run can create and write (not a file, nor under one). */
function checkOutDir(outDir: string, given: string, defaulted: boolean): void {
  const what = `The input 'out-dir' (${given}${given !== outDir ? `, ${outDir}` : ""})`;
  const fix = defaulted
    ? "Set out-dir: to a directory this job may create and write, or make RUNNER_TEMP a writable directory."
    : "Set out-dir: to a directory this job may create and write (relative paths are from the workspace), or leave it out for ${{ runner.temp }}/nixos-images.";
  checkOutputDirectory(outDir, what, fix, defaulted ? ExitCode.environment : ExitCode.usage);
}

export interface ReadInputsOptions {
  env?: NodeJS.ProcessEnv;
  /** The runner's CPU (process.arch), for the default system. */
  arch?: string;
  read?: InputReader;
}

/** "format (system)" for each named catalogue format and system it is not built for. */
function unavailablePairs(names: readonly string[], systems: readonly NixSystem[], catalogue: Catalogue): string[] {
  const formats = [...new Set(names.flatMap((n) => catalogue.lookup(n) ?? []))];
  return formats.flatMap((f) => systems.filter((s) => !f.systems.includes(s)).map((s) => `${f.name} (${s})`));
}

/** Reads and checks every input; the first bad one is thrown as a UserError. */
export function readInputs(catalogue: Catalogue, options: ReadInputsOptions = {}): ActionInputs {
  const env = options.env ?? process.env;
  const read = options.read ?? runnerInputs;
  const raw = Object.fromEntries(INPUT_NAMES.map((name) => [name, read(name).trim()])) as Record<InputName, string>;
  if (raw["github-token"] !== "") core.setSecret(raw["github-token"]);
  const workspace = resolve(env.GITHUB_WORKSPACE || process.cwd());

  const mode = choice("mode", raw.mode, modeSchema.options, "build");
  const upload = choice("upload", raw.upload, uploadSchema.options, "artifact");
  const installNix = choice("install-nix", raw["install-nix"], installNixSchema.options, "auto");

  // Systems first: the formats are checked against them.
  let systems: NixSystem[];
  const systemItems = listInput(raw.system);
  if (systemItems.length === 0) {
    const host = hostSystem(options.arch ?? process.arch);
    if (!host) {
      throw bad("system", `is empty, and this runner's CPU (${options.arch ?? process.arch}) is not one NixOS images are built on.`, "Set system: to x86_64-linux or aarch64-linux.");
    }
    systems = [host];
  } else {
    systems = [...new Set(systemItems.map((item) => asInputError(() => parseSystem(item, ACTION_LABELS))))];
  }

  const formatItems = listInput(raw.formats);
  if (formatItems.length === 0 && raw["format-path"] === "") {
    throw bad("formats", "is empty: no image format was asked for.", "Set formats: to one or more format names (one a line or comma-separated, e.g. 'qcow, iso'), or 'all' for every format.");
  }
  const allFormats = formatItems.some((item) => item.toLowerCase() === "all");
  if (allFormats && formatItems.length > 1) {
    throw bad("formats", `gives 'all' together with ${formatItems.filter((i) => i.toLowerCase() !== "all").join(", ")}.`, "Set formats: to 'all' alone, or list the formats you want.");
  }
  const config = parseConfig(raw.config, raw.flake, workspace);
  const formatPath = raw["format-path"] === "" ? undefined : resolve(workspace, raw["format-path"]);
  const targets = asInputError(() =>
    resolveTargets(
      {
        names: allFormats ? [] : formatItems,
        all: allFormats,
        systems,
        ...(formatPath !== undefined ? { formatPath } : {}),
        customAllowed: config.kind !== "default",
        // A plan lists the pairs that exist (sd-aarch64 only on aarch64) and says which it left out; publish checks that plan.
        skipUnavailable: mode !== "build",
      },
      catalogue,
      ACTION_LABELS,
    ),
  );
  const diskSize = raw["disk-size"] === "" ? undefined : asInputError(() => parseDiskSize(raw["disk-size"]));
  const nixpkgs = parseNixpkgs(raw.nixpkgs, workspace);
  const specialArgs = parseSpecialArgs(raw["special-args"]);

  const artifactName = raw["artifact-name"] === "" ? "<format>-<system>" : raw["artifact-name"];
  forInput("artifact-name", () => checkArtifactNameTemplate(artifactName));
  checkArtifactNameCharacters(artifactName);
  const retentionDays = parseRetention(raw["retention-days"]);
  // A tag from GITHUB_REF is one git made; the input is checked as git would.
  if (raw["release-tag"] !== "") checkReleaseTag(raw["release-tag"]);
  const releaseTag = releaseTagFrom(raw["release-tag"], env);
  if (((mode === "build" && upload === "release") || mode === "publish") && releaseTag === undefined) {
    throw bad(
      "release-tag",
      `is empty, and this run was not started by a tag (GITHUB_REF is ${env.GITHUB_REF ? `'${env.GITHUB_REF}'` : "not set"}), so there is no release to ${mode === "publish" ? "publish" : "upload to"}.`,
      mode === "publish"
        ? "Set release-tag: to the tag the build jobs uploaded to (e.g. ${{ github.ref_name }}), or run the workflow on a tag push."
        : "Set release-tag: (e.g. v1.0 or ${{ github.ref_name }}), run the workflow on a tag push, or set upload: artifact.",
    );
  }
  const cache = booleanInput("cache", raw.cache, false);
  const archive = booleanInput("archive", raw.archive, false);
  const overwrite = booleanInput("overwrite", raw.overwrite, false);
  const compressionText = raw["compression-level"] === "" ? "1" : raw["compression-level"];
  if (!/^[0-9]$/.test(compressionText)) {
    throw bad("compression-level", `is '${compressionText}', which is not a zip level from 0 to 9.`, "Give 0 (store, fastest) to 9 (smallest), or leave it empty for 1; it applies to zipped images (archive: true) that are not compressed already.");
  }
  const compressionLevel = Number(compressionText);
  const compress = choice("compress", raw.compress, COMPRESS_CHOICES, "none");
  const runners = parseRunners(raw.runners);
  const generateReleaseNotes = booleanInput("generate-release-notes", raw["generate-release-notes"], false);
  const draft = booleanInput("draft", raw.draft, false);
  const prerelease = booleanInput("prerelease", raw.prerelease, false);
  const makeLatest = choice("make-latest", raw["make-latest"], makeLatestSchema.options, "true");
  const splitLargeAssets = booleanInput("split-large-assets", raw["split-large-assets"], true);
  const attest = booleanInput("attest", raw.attest, false);
  checkToken(raw["github-token"], mode, upload, attest);

  const nixInstallerUrl = raw["nix-installer-url"] === "" ? DEFAULT_NIX_INSTALLER_URL : raw["nix-installer-url"];
  if (!z.url({ protocol: /^(https?|file)$/ }).safeParse(nixInstallerUrl).success) {
    throw bad("nix-installer-url", `is '${redactUrl(nixInstallerUrl)}', which is not an https://, http:// or file:// URL.`, `Give the URL of the official Nix installer script, e.g. ${DEFAULT_NIX_INSTALLER_URL}.`);
  }
  const nixInstallerSha256 = (raw["nix-installer-sha256"] === "" ? DEFAULT_NIX_INSTALLER_SHA256 : raw["nix-installer-sha256"]).toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(nixInstallerSha256)) {
    throw bad("nix-installer-sha256", `is '${nixInstallerSha256}', which is not a SHA-256 (64 hexadecimal digits).`, "Give the installer's SHA-256, as published beside it (…/install.sha256).");
  }

  const runnerTemp = env.RUNNER_TEMP || tmpdir();
  const outDirText = raw["out-dir"] === "" ? join(runnerTemp, "nixos-images") : raw["out-dir"];
  const outDir = isAbsolute(outDirText) ? outDirText : resolve(workspace, outDirText);
  // Only a build writes there.
  if (mode === "build") checkOutDir(outDir, outDirText, raw["out-dir"] === "");

  const builder = choice("builder", raw.builder, BUILDER_CHOICES, "vm");
  const request: GenerateRequest = {
    targets,
    config,
    builder,
    ...(diskSize !== undefined ? { diskSize } : {}),
    ...(formatPath !== undefined ? { formatPath } : {}),
    specialArgs,
    includes: nixpkgs !== undefined ? [{ key: "nixpkgs", value: nixpkgs }] : [],
    nixOptions: [],
    showTrace: false,
    dryRun: mode === "plan",
    run: false,
    // The boot test (src/boot): console logs beside the images in out-dir.
    ...(booleanInput("boot-test", raw["boot-test"], false) ? { boot: { logDir: outDir } } : {}),
  };
  // The files (configuration, format file, TMPDIR) only matter for a build.
  const leftOut = mode !== "build" && !allFormats ? unavailablePairs(formatItems, systems, catalogue) : [];
  const { warnings } = asInputError(() =>
    validate(request, catalogue, {
      labels: ACTION_LABELS,
      files: mode === "build",
      cwd: workspace,
      env,
      asGiven: { ...(raw.config !== "" ? { config: raw.config } : {}), ...(raw["format-path"] !== "" ? { formatPath: raw["format-path"] } : {}) },
    }),
  );

  return actionInputsSchema.parse({
    warnings,
    notices: leftOut.length > 0 ? [`Left out of the matrix, as these formats are not built for these systems: ${leftOut.join(", ")}.`] : [],
    mode,
    request,
    allFormats,
    upload,
    artifactName,
    ...(retentionDays !== undefined ? { retentionDays } : {}),
    ...(releaseTag !== undefined ? { releaseTag } : {}),
    archive,
    overwrite,
    compressionLevel,
    compress,
    runners,
    ...(raw["release-name"] !== "" ? { releaseName: raw["release-name"] } : {}),
    ...(raw["release-body"] !== "" ? { releaseBody: raw["release-body"] } : {}),
    generateReleaseNotes,
    draft,
    prerelease,
    makeLatest,
    splitLargeAssets,
    attest,
    cache,
    installNix,
    nixInstallerUrl,
    nixInstallerSha256,
    extraNixConfig: parseExtraNixConfig(raw["extra-nix-config"]),
    githubToken: raw["github-token"],
    outDir,
    freeDiskSpace: booleanInput("free-disk-space", raw["free-disk-space"], false),
    nixAccessToken: booleanInput("nix-access-token", raw["nix-access-token"], false),
    workspace,
  });
}
