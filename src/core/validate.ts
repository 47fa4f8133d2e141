// Checks on a request before any Nix call, shared by the command line and the
// action: `validate` is the one entry both call. Each problem is one UserError
// naming its field (the first found is thrown), worded with the front end's
// labels; things that are allowed but probably not meant come back as warnings.
import { accessSync, constants, lstatSync, statSync, statfsSync, type Stats } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { unbootableOn } from "./aarch64-boot.js";
import type { Catalogue, Format } from "./catalogue.js";
import { UserError, ExitCode } from "./errors.js";
import { errnoCode, errnoWords, isNotThere, systemError, type SystemErrorContext } from "./system-error.js";
import type { Field, Labels } from "./fields.js";
import { formatName, type ConfigSource, type GenerateRequest } from "./request.js";
import { orList } from "./resolve-formats.js";
import { formatDiskSize } from "./disk-size.js";

const GiB = 1024 ** 3;

function fieldError(field: Field, problem: string, fix: string, exitCode: UserError["exitCode"] = ExitCode.usage): UserError {
  return new UserError(problem, fix, exitCode, undefined, field);
}

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
export function parseFlakeRef(text: string, labels: Labels): FlakeRef {
  const trimmed = text.trim();
  const hash = trimmed.indexOf("#");
  const example = `e.g. ${labels.example("flake", ".#myhost")} builds nixosConfigurations.myhost of the flake in the current directory`;
  const bad = (problem: string, fix: string): UserError => fieldError("flake", problem, fix);
  if (trimmed === "") throw bad("the flake reference is empty.", `Give the flake and the configuration's name, ${example}.`);
  if (hash < 0 || hash === trimmed.length - 1) {
    throw bad(`the flake reference '${text}' does not name a configuration (no '#NAME').`, `Add '#' and the name of the nixosConfigurations entry to build, ${example}.`);
  }
  const uri = trimmed.slice(0, hash);
  let name = trimmed.slice(hash + 1);
  if (uri === "") throw bad(`the flake reference '${text}' has no flake before '#'.`, `Put the flake's location before '#', ${example}.`);
  if (name.startsWith("nixosConfigurations.")) name = name.slice("nixosConfigurations.".length);
  if (/^".+"$/.test(name)) name = name.slice(1, -1);
  if (name === "" || /[\s#"]/.test(name)) {
    throw bad(
      `the flake reference '${text}' has an invalid configuration name '${name}'.`,
      `Name one nixosConfigurations entry after '#' (no spaces, quotes or second '#'), ${example}.`,
    );
  }
  return { uri, name };
}

/**
 * A flake reference with a local relative path made absolute against `cwd`,
 * as Nix itself reads it (builtins.getFlake takes no relative paths).
 */
export function absoluteFlakeUri(uri: string, cwd: string): string {
  const local = /^(path:)?(\.{1,2}(?:\/[^?#]*)?)(\?.*)?$/.exec(uri);
  if (!local) return uri;
  return `${local[1] ?? ""}${resolve(cwd, local[2] ?? ".")}${local[3] ?? ""}`;
}

/**
 * Where the configuration comes from: a file, a flake URI#NAME, else
 * NIXOS_CONFIG (`env`), else the embedded default. Both at once is a
 * UserError. A file path and a local flake are made absolute against `cwd`.
 */
export function resolveConfigSource(
  given: { configuration?: string; flake?: string },
  labels: Labels,
  env: NodeJS.ProcessEnv = {},
  cwd: string = process.cwd(),
): ConfigSource {
  if (given.configuration !== undefined && given.flake !== undefined) {
    throw fieldError(
      "config",
      `both a configuration file (${given.configuration}) and a flake (${given.flake}) were given.`,
      `Give either ${labels.example("config", "PATH")} (a configuration.nix) or ${labels.example("flake", "URI#NAME")} (a flake's nixosConfigurations entry), not both.`,
    );
  }
  if (given.flake !== undefined) {
    const ref = parseFlakeRef(given.flake, labels);
    return { kind: "flake", uri: absoluteFlakeUri(ref.uri, cwd), name: ref.name };
  }
  const path = given.configuration ?? (env.NIXOS_CONFIG ? env.NIXOS_CONFIG : undefined);
  if (path === undefined) return { kind: "default" };
  if (path.trim() === "") {
    throw fieldError("config", "the configuration path is empty.", `${labels.set("config", "the path of your configuration.nix")}, e.g. ${labels.example("config", "./configuration.nix")}.`);
  }
  return { kind: "file", path: resolve(cwd, path) };
}

/**
 * Argument names the module system and NixOS give every module themselves; a
 * special arg of one of these names (always a string here) would replace it.
 * From nixpkgs: lib/modules.nix (evalModules passes lib, config, options,
 * specialArgs, _class, _prefix; _module.args has extendModules, moduleType),
 * nixos/lib/eval-config-minimal.nix (modulesPath), nixos/lib/eval-config.nix
 * (_module.args: baseModules, extraModules, modules, noUserModules),
 * nixos/modules/misc/nixpkgs.nix (pkgs), nixos/modules/misc/extra-arguments.nix (utils).
 */
export const RESERVED_SPECIAL_ARGS: Readonly<Record<string, string>> = {
  lib: "nixpkgs' library",
  config: "the configuration itself",
  options: "the option declarations",
  pkgs: "the package set",
  modulesPath: "the directory of NixOS' modules, which imports use",
  specialArgs: "the special arguments themselves",
  _class: "the module class",
  _prefix: "the option path prefix",
  extendModules: "the function that extends the configuration",
  moduleType: "the configuration's module type",
  baseModules: "NixOS' module list",
  extraModules: "the extra modules of the evaluation",
  modules: "the configuration's modules",
  noUserModules: "the configuration without its user modules",
  utils: "NixOS' utility functions",
};

function checkSpecialArgs(request: GenerateRequest, labels: Labels): void {
  for (const { name } of request.specialArgs) {
    const what = Object.hasOwn(RESERVED_SPECIAL_ARGS, name) ? RESERVED_SPECIAL_ARGS[name] : undefined;
    if (what === undefined) continue;
    throw fieldError(
      "specialArgs",
      `the special argument '${name}' is a name the NixOS module system gives every module itself (${what}); a string of that name would replace it.`,
      `Give your argument another name (e.g. '${name.replace(/^_/, "")}Value' in ${labels.name.specialArgs}); these names are reserved: ${Object.keys(RESERVED_SPECIAL_ARGS).join(", ")}.`,
    );
  }
}

/** The checks that need no file system: --run, and the disk size against the formats. */
function checkRequest(request: GenerateRequest, catalogue: Catalogue, labels: Labels): string[] {
  const warnings: string[] = [];
  const L = labels.name;
  const names = [...new Set(request.targets.map((t) => formatName(t.format)))];
  const formats = [...new Set(request.targets.flatMap((t) => (t.format.kind === "catalogue" ? [t.format.entry] : [])))];
  const custom = request.targets.some((t) => t.format.kind === "custom");
  checkSpecialArgs(request, labels);

  if (request.run) {
    const runnable = catalogue.formats.filter((f) => f.runnable).map((f) => f.name);
    if (names.length > 1) {
      throw fieldError("run", `${L.run} starts one machine, but ${names.length} formats were asked for (${names.join(", ")}).`, `Pass exactly one runnable format with ${L.run}: ${orList(runnable)}.`);
    }
    const systems = [...new Set(request.targets.map((t) => t.system))];
    if (systems.length > 1) {
      throw fieldError("run", `${L.run} starts one machine, but ${systems.length} systems were asked for (${systems.join(", ")}).`, `Pass at most one ${L.systems} with ${L.run} (by default the host's).`);
    }
    const only = formats[0];
    if (only && !only.runnable) {
      throw fieldError(
        "run",
        `${L.run} cannot start format '${only.name}': it makes an image, not a runnable machine.`,
        `Use ${L.run} with ${orList(runnable)}, or drop ${L.run} to just build '${only.name}'.`,
      );
    }
  }

  if (request.builder === "repart") {
    const refused = formats.filter((f) => !f.builders.includes("repart"));
    if (refused.length > 0) {
      const repart = catalogue.formats.filter((f) => f.builders.includes("repart")).map((f) => f.name);
      throw fieldError(
        "builder",
        `the repart builder cannot make ${orList(refused.map((f) => f.name))}: it makes GPT disks that boot by UEFI, and ${refused.length === 1 ? "that format is" : "those formats are"} not one (BIOS/MBR disks, ISOs, tarballs, VM runners; see nix/builders/README.md).`,
        `Build ${refused.length === 1 ? "it" : "them"} with ${labels.example("builder", "vm")} (the default) in a run of ${refused.length === 1 ? "its" : "their"} own; repart makes ${orList(repart)}.`,
      );
    }
  }

  for (const target of request.targets) {
    if (target.format.kind !== "catalogue") continue;
    const why = unbootableOn(target.format.entry, target.system);
    if (why) warnings.push(`${why}; it is built as nixpkgs builds it, but build raw-efi for an aarch64 disk that boots.`);
  }

  if (request.diskSize !== undefined) {
    const sized = formats.filter((f) => f.diskSize);
    const unsized = formats.filter((f) => !f.diskSize);
    if (request.diskSize === "auto") {
      const noAuto = sized.filter((f) => !f.diskSizeAuto);
      if (noAuto.length > 0) {
        throw fieldError(
          "diskSize",
          `disk size 'auto' is not possible for ${orList(noAuto.map((f) => f.name))}: ${noAuto.length === 1 ? "it needs" : "they need"} a fixed size.`,
          `Give a size such as ${labels.example("diskSize", "20G")}, or drop ${L.diskSize} to keep the format's default size.`,
        );
      }
    }
    const shown = formatDiskSize(request.diskSize);
    if (sized.length === 0 && !custom) {
      warnings.push(
        `${labels.example("diskSize", shown)} has no effect: none of the formats asked for (${formats.map((f: Format) => f.name).join(", ")}) takes a disk size; ` +
          `drop ${L.diskSize} (the formats that take one are listed by 'nixos-generate --list').`,
      );
    } else if (unsized.length > 0) {
      warnings.push(`${labels.example("diskSize", shown)} does not apply to ${unsized.map((f) => f.name).join(", ")}; ${unsized.length === 1 ? "it sizes" : "they size"} ${unsized.length === 1 ? "itself" : "themselves"}.`);
    }
  }
  return warnings;
}

export interface ValidateOptions {
  /** How the front end names the fields, for the messages. */
  labels: Labels;
  /** Run the checks on files and the machine too (default true). */
  files?: boolean;
  /** What relative paths are relative to (default: process.cwd()). */
  cwd?: string;
  /** Where TMPDIR is read from (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** Warn when TMPDIR has less free space than this (default: MIN_FREE_TMP_BYTES). */
  minFreeTmpBytes?: number;
  /** Where a file configuration came from when not from its field (e.g. "NIXOS_CONFIG"), for the messages. */
  configFrom?: string;
  /** The paths as the user wrote them, for the messages (default: as in the request). */
  asGiven?: { config?: string; formatPath?: string; outLink?: string };
}

/**
 * `read(path)` (lstatSync or statSync), with "not there" (ENOENT, or a file
 * on the way: ENOTDIR) as undefined; any other system error (a symlink loop,
 * a name over 255 bytes, no permission) is the UserError of `context`.
 */
function statsOrUndefined(read: (path: string) => Stats, path: string, context: SystemErrorContext): Stats | undefined {
  try {
    return read(path);
  } catch (e) {
    if (isNotThere(e)) return undefined;
    throw systemError(e, context);
  }
}

/** The path's own stats (a symbolic link as itself), or undefined when it is not there. */
const lstatOrUndefined = (path: string, context: SystemErrorContext) => statsOrUndefined(lstatSync, path, context);

/** The stats after symbolic links (a dangling one is undefined). */
const statOrUndefined = (path: string, context: SystemErrorContext) => statsOrUndefined(statSync, path, context);

/** The context of a user's path that `problem` (e.g. "the configuration file ./c.nix cannot be read") is about. */
function userPath(field: Field, problem: string, target: string): SystemErrorContext {
  return { problem, target, owner: "user", field };
}

/**
 * Checks that `path` can be read: it exists, is not a dangling symlink, and
 * access(R_OK) passes. `what` names it in messages ("configuration file");
 * `fix` says what to pass instead. Returns its stats (after symlinks).
 */
function checkReadable(field: Field, path: string, what: string, given: string, fix: string): Stats {
  const context = userPath(field, `the ${what} ${given} cannot be read`, path);
  const link = lstatOrUndefined(path, context);
  if (!link) throw fieldError(field, `the ${what} ${given} does not exist${given !== path ? ` (looked for ${path})` : ""}.`, fix);
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (e) {
    const code = errnoCode(e);
    if (link.isSymbolicLink() && (code === "ENOENT" || code === "ENOTDIR")) {
      throw fieldError(field, `the ${what} ${given} is a symbolic link to a file that does not exist.`, fix);
    }
    throw systemError(e, context);
  }
  try {
    accessSync(path, constants.R_OK);
  } catch (e) {
    throw fieldError(
      field,
      `the ${what} ${given} cannot be read (${errnoCode(e) ?? "no permission"}).`,
      `Make it readable for this user (chmod u+r), or ${fix.charAt(0).toLowerCase()}${fix.slice(1)}`,
    );
  }
  return stats;
}

function checkConfig(config: ConfigSource, given: string | undefined, cwd: string, from: string | undefined, labels: Labels): void {
  if (config.kind === "file") {
    const shown = given ?? config.path;
    const path = resolve(cwd, config.path);
    const fix = from
      ? `Set ${from} to your NixOS configuration (a .nix file, or a directory with default.nix), or give ${labels.example("config", "PATH")}.`
      : `${labels.set("config", "the path of your NixOS configuration (a .nix file, or a directory with default.nix)")}; relative paths are from ${cwd}.`;
    const stats = checkReadable("config", path, from ? `configuration file (from ${from})` : "configuration file", shown, fix);
    if (stats.isDirectory()) {
      const entry = join(path, "default.nix");
      if (!lstatOrUndefined(entry, userPath("config", `the configuration file ${entry} cannot be read`, entry))) {
        throw fieldError(
          "config",
          `the configuration ${shown} is a directory without a default.nix.`,
          `Point ${labels.name.config} at the configuration file itself (e.g. ${labels.example("config", join(shown, "configuration.nix"))}), or add a default.nix to the directory.`,
        );
      }
      checkReadable("config", entry, "configuration file", entry, fix);
    }
  } else if (config.kind === "flake") {
    // A local flake must exist; remote ones are Nix's to fetch.
    const local = /^(?:path:)?(?:\.\.?(?:\/|$|\?)|\/)/.test(config.uri) ? config.uri.replace(/^path:/, "").replace(/[?].*$/, "") : undefined;
    const flakeDir = local === undefined ? undefined : resolve(cwd, local);
    if (flakeDir !== undefined && !lstatOrUndefined(flakeDir, userPath("flake", `the flake directory ${local} cannot be read`, flakeDir))) {
      throw fieldError(
        "flake",
        `the flake directory ${local} does not exist (looked for ${flakeDir}).`,
        `${labels.set("flake", "the directory that holds your flake.nix and the configuration's name")}, e.g. ${labels.example("flake", ".#myhost")}.`,
      );
    }
  }
}

function checkFormatPath(formatPath: string, given: string, cwd: string, labels: Labels): void {
  const path = resolve(cwd, formatPath);
  const fix = `${labels.set("formatPath", "a readable .nix file holding a format module")}.`;
  if (!formatPath.endsWith(".nix")) throw fieldError("formatPath", `the format file ${given} is not a .nix file.`, fix);
  const stats = checkReadable("formatPath", path, "format file", given, fix);
  if (!stats.isFile()) throw fieldError("formatPath", `the format file ${given} is not a file.`, fix);
}

function checkOutLink(outLink: string, given: string, cwd: string, labels: Labels): void {
  const path = resolve(cwd, outLink);
  const dir = dirname(path);
  const o = labels.name.outLink;
  const context = userPath("outLink", `the out-link ${given} cannot be made`, path);
  const dirLink = lstatOrUndefined(dir, { ...context, target: dir });
  const dirStats = dirLink && statOrUndefined(dir, { ...context, target: dir });
  if (!dirStats) {
    throw fieldError("outLink", `the out-link ${given} is in a directory that does not exist (${dir}).`, `Create the directory first (mkdir -p ${dir}) or give another ${labels.example("outLink", "PATH")}.`);
  }
  if (!dirStats.isDirectory()) throw fieldError("outLink", `the out-link ${given} is under ${dir}, which is not a directory.`, `Give ${o} a path in an existing directory.`);
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw fieldError(
      "outLink",
      `the out-link ${given} cannot be made: the directory ${dir} is not writable (${errnoCode(e) ?? String(e)}${errnoCode(e) === "EROFS" ? ", a read-only file system" : ""}).`,
      `Give ${o} a path in a directory you can write to.`,
    );
  }
  const existing = lstatOrUndefined(path, context);
  if (existing && !existing.isSymbolicLink()) {
    throw fieldError(
      "outLink",
      `the out-link ${given} already exists and is not a symbolic link (a ${existing.isDirectory() ? "directory" : "file"}); it is left as it is.`,
      `Move it away or give another ${labels.example("outLink", "PATH")}: only an earlier out-link (a symlink) is replaced.`,
    );
  }
}

/** A search-path value that is a URL (channel:, flake:, https://…), not a local path. */
export function isUrl(value: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(value);
}

/** The files of nixpkgs that nix/eval.nix imports from the tree (`nixpkgs + "/lib"`, `+ "/nixos/lib/eval-config.nix"`). */
export const NIXPKGS_TREE_FILES = ["lib/default.nix", "nixos/lib/eval-config.nix"] as const;

/**
 * A local nixpkgs (-I nixpkgs=DIR, the action's nixpkgs input) must be a
 * nixpkgs tree: a directory with lib/default.nix and nixos/lib/eval-config.nix.
 * `given` is the value as the user wrote it; `path` is it made absolute.
 */
export function checkNixpkgsTree(path: string, given: string, labels: Labels): void {
  const fix = `${labels.set("nixpkgs", "a nixpkgs checkout (the directory that holds lib/ and nixos/, e.g. a clone of github.com/NixOS/nixpkgs) or a URL such as channel:nixos-25.05")}; leave it out to use <nixpkgs> from NIX_PATH.`;
  const shown = `the nixpkgs ${given}${given !== path ? ` (${path})` : ""}`;
  const context = userPath("nixpkgs", `${shown} cannot be read`, path);
  const stats = lstatOrUndefined(path, context) && statOrUndefined(path, context);
  if (!stats) throw fieldError("nixpkgs", `${shown} does not exist.`, fix);
  if (!stats.isDirectory()) throw fieldError("nixpkgs", `${shown} is a file, not a nixpkgs directory.`, fix);
  const missing = NIXPKGS_TREE_FILES.filter((file) => !statOrUndefined(join(path, file), context)?.isFile());
  if (missing.length > 0) {
    throw fieldError("nixpkgs", `${shown} is not a nixpkgs tree: it has no ${missing.join(" and no ")}.`, fix);
  }
}

function checkIncludes(request: GenerateRequest, cwd: string, labels: Labels): void {
  for (const { key, value } of request.includes) {
    if (key === "nixpkgs" && !isUrl(value)) checkNixpkgsTree(resolve(cwd, value), value, labels);
  }
}

/**
 * A directory the run will create (if needed) and write into: it is not a
 * file, no directory on its way is a file, and the nearest one that exists is
 * writable. `what` names it ("The input 'out-dir' (…)"); `fix` ends each message.
 */
export function checkOutputDirectory(path: string, what: string, fix: string, exitCode: UserError["exitCode"] = ExitCode.usage): void {
  const owner = exitCode === ExitCode.usage ? "user" : "runner";
  const context: SystemErrorContext = { problem: `${what} cannot be used`, target: path, owner };
  let existing = path;
  for (;;) {
    const stats = statOrUndefined(existing, context);
    if (stats) {
      if (!stats.isDirectory()) {
        throw new UserError(
          existing === path ? `${what} is a file, not a directory.` : `${what} is under ${existing}, which is a file, not a directory.`,
          fix,
          exitCode,
        );
      }
      break;
    }
    if (dirname(existing) === existing) break;
    existing = dirname(existing);
  }
  try {
    accessSync(existing, constants.W_OK);
  } catch (e) {
    const code = errnoCode(e) ?? "EACCES";
    throw new UserError(`${what} cannot be written: ${existing} is not writable (${errnoWords(code, existing) ?? code}, ${code}).`, fix, exitCode);
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
 * Every check before Nix runs, for both front ends: the request itself (--run,
 * disk size against the formats), then, unless `files` is false, the
 * configuration (file or local flake), the format file, the out-link, a local
 * -I nixpkgs= tree, and free space in TMPDIR (skipped for a dry run). Throws the first UserError; returns
 * the warnings.
 */
export function validate(request: GenerateRequest, catalogue: Catalogue, opts: ValidateOptions): { warnings: string[] } {
  const { labels } = opts;
  const warnings = checkRequest(request, catalogue, labels);
  if (opts.files === false) return { warnings };
  const cwd = opts.cwd ?? process.cwd();
  checkConfig(request.config, opts.asGiven?.config, cwd, opts.configFrom, labels);
  if (request.formatPath !== undefined) checkFormatPath(request.formatPath, opts.asGiven?.formatPath ?? request.formatPath, cwd, labels);
  if (request.outLink !== undefined) checkOutLink(request.outLink, opts.asGiven?.outLink ?? request.outLink, cwd, labels);
  checkIncludes(request, cwd, labels);
  if (!request.dryRun) warnings.push(...checkTmp(request, opts.env ?? process.env, opts.minFreeTmpBytes ?? MIN_FREE_TMP_BYTES));
  return { warnings };
}
