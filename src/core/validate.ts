// Checks on a request before any Nix call, shared by the command line and the
// action. Each problem is one UserError (the first found is thrown); things
// that are allowed but probably not meant come back as warnings.
import { accessSync, constants, lstatSync, statSync, statfsSync, type Stats } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Catalogue, Format } from "./catalogue.js";
import { UserError, ExitCode } from "./errors.js";
import type { ConfigSource, GenerateRequest } from "./request.js";
import { lookupFormat, orList } from "./resolve-formats.js";
import { formatDiskSize } from "./disk-size.js";

const GiB = 1024 ** 3;

/** Below this much free space in TMPDIR a build gets a warning. */
export const MIN_FREE_TMP_BYTES = 20 * GiB;

export interface FlakeRef {
  /** The flake reference before '#', as given (e.g. ".", "github:me/cfg", "/src/cfg?ref=main"). */
  uri: string;
  /** The nixosConfigurations entry. */
  name: string;
}

/**
 * Splits "URI#NAME". The name is required (there is no guessing from the host
 * name); a leading "nixosConfigurations." is dropped, so ".#nixosConfigurations.web"
 * means ".#web". Quotes around the name (".#\"my.host\"") are removed.
 */
export function parseFlakeRef(text: string): FlakeRef {
  const trimmed = text.trim();
  const hash = trimmed.indexOf("#");
  const example = "e.g. --flake .#myhost builds nixosConfigurations.myhost of the flake in the current directory";
  if (trimmed === "") {
    throw new UserError("the flake reference is empty.", `Give the flake and the configuration's name, ${example}.`, ExitCode.usage);
  }
  if (hash < 0 || hash === trimmed.length - 1) {
    throw new UserError(
      `the flake reference '${text}' does not name a configuration (no '#NAME').`,
      `Add '#' and the name of the nixosConfigurations entry to build, ${example}.`,
      ExitCode.usage,
    );
  }
  const uri = trimmed.slice(0, hash);
  let name = trimmed.slice(hash + 1);
  if (uri === "") {
    throw new UserError(
      `the flake reference '${text}' has no flake before '#'.`,
      `Put the flake's location before '#', ${example}.`,
      ExitCode.usage,
    );
  }
  if (name.startsWith("nixosConfigurations.")) name = name.slice("nixosConfigurations.".length);
  if (/^".+"$/.test(name)) name = name.slice(1, -1);
  if (name === "" || /[\s#"]/.test(name)) {
    throw new UserError(
      `the flake reference '${text}' has an invalid configuration name '${name}'.`,
      `Name one nixosConfigurations entry after '#' (no spaces, quotes or second '#'), ${example}.`,
      ExitCode.usage,
    );
  }
  return { uri, name };
}

/**
 * Where the configuration comes from: -c PATH, --flake URI#NAME, else
 * NIXOS_CONFIG, else the embedded default. -c with --flake is a UserError.
 * A file path is made absolute against `cwd`.
 */
export function resolveConfigSource(
  given: { configuration?: string; flake?: string },
  env: NodeJS.ProcessEnv = {},
  cwd: string = process.cwd(),
): ConfigSource {
  if (given.configuration !== undefined && given.flake !== undefined) {
    throw new UserError(
      `both a configuration file (${given.configuration}) and a flake (${given.flake}) were given.`,
      "Pass either -c PATH (a configuration.nix) or --flake URI#NAME (a flake's nixosConfigurations entry), not both.",
      ExitCode.usage,
    );
  }
  if (given.flake !== undefined) return { kind: "flake", ...parseFlakeRef(given.flake) };
  const path = given.configuration ?? (env.NIXOS_CONFIG ? env.NIXOS_CONFIG : undefined);
  if (path === undefined) return { kind: "default" };
  if (path.trim() === "") {
    throw new UserError("the configuration path is empty.", "Pass -c with the path of your configuration.nix, e.g. -c ./configuration.nix.", ExitCode.usage);
  }
  return { kind: "file", path: resolve(cwd, path) };
}

/**
 * The checks that need no file system: --run, disk size against the formats.
 * Format names must be known (a UserError otherwise).
 */
export function checkRequest(request: GenerateRequest, catalogue: Catalogue): { warnings: string[] } {
  const warnings: string[] = [];
  const formats: Format[] = [];
  for (const name of request.formats) {
    const f = lookupFormat(name, catalogue);
    if (!formats.includes(f)) formats.push(f);
  }

  if (formats.length === 0 && request.formatPath === undefined) {
    throw new UserError("no format given.", "Pass -f NAME (repeatable) or --all (see the formats with 'nixos-generate --list').", ExitCode.usage);
  }

  if (request.run) {
    const runnable = catalogue.formats.filter((f) => f.runnable).map((f) => f.name);
    const count = formats.length + (request.formatPath !== undefined ? 1 : 0);
    if (count > 1) {
      throw new UserError(
        `--run starts one machine, but ${count} formats were asked for (${[...formats.map((f) => f.name), ...(request.formatPath ? [request.formatPath] : [])].join(", ")}).`,
        `Pass exactly one runnable format with --run: ${orList(runnable)}.`,
        ExitCode.usage,
      );
    }
    if (request.systems.length > 1) {
      throw new UserError(
        `--run starts one machine, but ${request.systems.length} systems were asked for (${request.systems.join(", ")}).`,
        "Pass at most one --system with --run (by default the host's).",
        ExitCode.usage,
      );
    }
    const only = formats[0];
    if (only && !only.runnable) {
      throw new UserError(
        `--run cannot start format '${only.name}': it makes an image, not a runnable machine.`,
        `Use --run with ${orList(runnable)}, or drop --run to just build '${only.name}'.`,
        ExitCode.usage,
      );
    }
  }

  if (request.diskSize !== undefined) {
    const sized = formats.filter((f) => f.diskSize);
    const unsized = formats.filter((f) => !f.diskSize);
    if (request.diskSize === "auto") {
      const noAuto = sized.filter((f) => !f.diskSizeAuto);
      if (noAuto.length > 0) {
        throw new UserError(
          `disk size 'auto' is not possible for ${orList(noAuto.map((f) => f.name))}: ${noAuto.length === 1 ? "it needs" : "they need"} a fixed size.`,
          "Give a size such as --disk-size 20G, or drop --disk-size to keep the format's default size.",
          ExitCode.usage,
        );
      }
    }
    const shown = formatDiskSize(request.diskSize);
    if (sized.length === 0 && request.formatPath === undefined) {
      warnings.push(
        `--disk-size ${shown} has no effect: none of the formats asked for (${formats.map((f) => f.name).join(", ")}) takes a disk size; ` +
          "drop --disk-size (the formats that take one are listed by 'nixos-generate --list').",
      );
    } else if (unsized.length > 0) {
      warnings.push(`--disk-size ${shown} does not apply to ${unsized.map((f) => f.name).join(", ")}; ${unsized.length === 1 ? "it sizes" : "they size"} ${unsized.length === 1 ? "itself" : "themselves"}.`);
    }
  }
  return { warnings };
}

export interface CheckFilesOptions {
  /** What relative paths are relative to (default: process.cwd()). */
  cwd?: string;
  /** Where TMPDIR is read from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Warn when TMPDIR has less free space than this (default: MIN_FREE_TMP_BYTES). */
  minFreeTmpBytes?: number;
  /** Where a file configuration came from when not from -c (e.g. "NIXOS_CONFIG"), for the messages. */
  configFrom?: string;
}

function errnoCode(e: unknown): string | undefined {
  return typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : undefined;
}

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (e) {
    if (errnoCode(e) === "ENOENT" || errnoCode(e) === "ENOTDIR") return undefined;
    throw e;
  }
}

/**
 * Checks that `path` can be read: it exists, is not a dangling symlink, and
 * access(R_OK) passes. `what` names it in messages ("configuration file");
 * `fix` says what to pass instead. Returns its stats (after symlinks).
 */
function checkReadable(path: string, what: string, given: string, fix: string): Stats {
  const link = lstatOrUndefined(path);
  if (!link) {
    throw new UserError(`the ${what} ${given} does not exist${given !== path ? ` (looked for ${path})` : ""}.`, fix, ExitCode.usage);
  }
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (e) {
    const code = errnoCode(e);
    if (link.isSymbolicLink() && (code === "ENOENT" || code === "ENOTDIR")) {
      throw new UserError(`the ${what} ${given} is a symbolic link to a file that does not exist.`, fix, ExitCode.usage);
    }
    throw new UserError(`the ${what} ${given} cannot be read (${code ?? String(e)}).`, fix, ExitCode.usage);
  }
  try {
    accessSync(path, constants.R_OK);
  } catch (e) {
    throw new UserError(
      `the ${what} ${given} cannot be read (${errnoCode(e) ?? "no permission"}).`,
      `Make it readable for this user (chmod u+r), or ${fix.charAt(0).toLowerCase()}${fix.slice(1)}`,
      ExitCode.usage,
    );
  }
  return stats;
}

function checkConfig(config: ConfigSource, cwd: string, from: string | undefined): void {
  if (config.kind === "file") {
    const path = resolve(cwd, config.path);
    const fix = from
      ? `Set ${from} to your NixOS configuration (a .nix file, or a directory with default.nix), or pass -c PATH.`
      : `Pass -c with the path of your NixOS configuration (a .nix file, or a directory with default.nix); relative paths are from ${cwd}.`;
    const stats = checkReadable(path, from ? `configuration file (from ${from})` : "configuration file", config.path, fix);
    if (stats.isDirectory()) {
      const entry = join(path, "default.nix");
      if (!lstatOrUndefined(entry)) {
        throw new UserError(
          `the configuration ${config.path} is a directory without a default.nix.`,
          `Point -c at the configuration file itself (e.g. -c ${join(config.path, "configuration.nix")}), or add a default.nix to the directory.`,
          ExitCode.usage,
        );
      }
      checkReadable(entry, "configuration file", entry, fix);
    }
  } else if (config.kind === "flake") {
    // A local flake must exist; remote ones are Nix's to fetch.
    const local = /^(?:path:)?(?:\.\.?(?:\/|$|\?)|\/)/.test(config.uri) ? config.uri.replace(/^path:/, "").replace(/[?].*$/, "") : undefined;
    if (local !== undefined && !lstatOrUndefined(resolve(cwd, local))) {
      throw new UserError(
        `the flake directory ${local} does not exist (looked for ${resolve(cwd, local)}).`,
        "Pass --flake with the directory that holds your flake.nix and the configuration's name, e.g. --flake .#myhost.",
        ExitCode.usage,
      );
    }
  }
}

function checkFormatPath(formatPath: string, cwd: string): void {
  const path = resolve(cwd, formatPath);
  const fix = "Pass --format-path with a readable .nix file holding a format module.";
  if (!formatPath.endsWith(".nix")) {
    throw new UserError(`the format file ${formatPath} is not a .nix file.`, fix, ExitCode.usage);
  }
  const stats = checkReadable(path, "format file", formatPath, fix);
  if (!stats.isFile()) {
    throw new UserError(`the format file ${formatPath} is not a file.`, fix, ExitCode.usage);
  }
}

function checkOutLink(outLink: string, cwd: string): void {
  const path = resolve(cwd, outLink);
  const dir = dirname(path);
  const dirStats = lstatOrUndefined(dir) && statSync(dir, { throwIfNoEntry: false });
  if (!dirStats) {
    throw new UserError(
      `the out-link ${outLink} is in a directory that does not exist (${dir}).`,
      `Create the directory first (mkdir -p ${dir}) or pass another -o PATH.`,
      ExitCode.usage,
    );
  }
  if (!dirStats.isDirectory()) {
    throw new UserError(`the out-link ${outLink} is under ${dir}, which is not a directory.`, "Pass -o with a path in an existing directory.", ExitCode.usage);
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw new UserError(
      `the out-link ${outLink} cannot be made: the directory ${dir} is not writable (${errnoCode(e) ?? String(e)}).`,
      "Pass -o with a path in a directory you can write to.",
      ExitCode.usage,
    );
  }
  const existing = lstatOrUndefined(path);
  if (existing && !existing.isSymbolicLink()) {
    throw new UserError(
      `the out-link ${outLink} already exists and is not a symbolic link (a ${existing.isDirectory() ? "directory" : "file"}); it is left as it is.`,
      "Move it away or pass another -o PATH: only an earlier out-link (a symlink) is replaced.",
      ExitCode.usage,
    );
  }
}

function checkTmp(request: GenerateRequest, env: NodeJS.ProcessEnv, minFree: number): string[] {
  const tmp = env.TMPDIR ? env.TMPDIR : "/tmp";
  let free: number;
  try {
    const s = statfsSync(tmp);
    free = s.bavail * s.bsize;
  } catch (e) {
    throw new UserError(
      `the temporary directory ${tmp}${env.TMPDIR ? " (TMPDIR)" : ""} cannot be used (${errnoCode(e) ?? String(e)}).`,
      "Set TMPDIR to an existing directory on a disk with space, or unset it.",
      ExitCode.environment,
    );
  }
  const sizeBytes = typeof request.diskSize === "number" ? request.diskSize * 1024 * 1024 : 0;
  const need = Math.max(minFree, sizeBytes);
  if (free < need) {
    const gib = (n: number): string => `${(n / GiB).toFixed(1)} GiB`;
    return [
      `only ${gib(free)} is free in ${tmp}${env.TMPDIR ? " (TMPDIR)" : ""}; image builds can need ${gib(need)} or more there. ` +
        "If the build fails for lack of space, set TMPDIR to a larger disk.",
    ];
  }
  return [];
}

/**
 * The checks on files and the machine: the configuration (file or local
 * flake), --format-path, the out-link, and free space in TMPDIR (skipped for a
 * dry run). Relative paths are from `opts.cwd`.
 */
export function checkFiles(request: GenerateRequest, opts: CheckFilesOptions = {}): { warnings: string[] } {
  const cwd = opts.cwd ?? process.cwd();
  checkConfig(request.config, cwd, opts.configFrom);
  if (request.formatPath !== undefined) checkFormatPath(request.formatPath, cwd);
  if (request.outLink !== undefined) checkOutLink(request.outLink, cwd);
  const warnings = request.dryRun ? [] : checkTmp(request, opts.env ?? process.env, opts.minFreeTmpBytes ?? MIN_FREE_TMP_BYTES);
  return { warnings };
}

/**
 * Every check before Nix runs: checkRequest then checkFiles. Throws the first
 * UserError; returns the warnings of both.
 */
export function validateRequest(request: GenerateRequest, catalogue: Catalogue, opts: CheckFilesOptions = {}): { warnings: string[] } {
  const pure = checkRequest(request, catalogue);
  const files = checkFiles(request, opts);
  return { warnings: [...pure.warnings, ...files.warnings] };
}
