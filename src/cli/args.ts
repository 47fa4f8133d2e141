// nixos-generate's command line → a typed command. Every bad input is one
// UserError (exit code 2) naming the problem and the fix. The option table
// here also drives --help and the shell completions.
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { statSync } from "node:fs";
import { BUILDER_CHOICES, type Catalogue, type NixSystem } from "../core/catalogue.js";
import { UserError, ExitCode } from "../core/errors.js";
import { guardedSync } from "../core/system-error.js";
import type { ConfigSource, DiskSize, GenerateRequest, SpecialArg } from "../core/request.js";
import { parseDiskSize } from "../core/disk-size.js";
import { andList, didYouMean, hostSystem, lookupFormat, orList, parseSystem } from "../core/resolve-formats.js";
import { resolveTargets } from "../core/targets.js";
import { resolveConfigSource, validate } from "../core/validate.js";
import { CLI_LABELS } from "./labels.js";

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

export type CliCommand =
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "list"; json: boolean; config: ConfigSource; system: NixSystem; includes: { key: string; value: string }[] }
  | { kind: "completions"; shell: Shell }
  | { kind: "verify"; path: string; format?: string; system?: NixSystem; diskSize?: DiskSize; json: boolean }
  | { kind: "verify-help" }
  | { kind: "boot"; path: string; format: string; system: NixSystem; timeoutSeconds?: number; config: ConfigSource; includes: { key: string; value: string }[] }
  | { kind: "generate"; request: GenerateRequest; warnings: string[]; json: boolean };

/** What a shell should offer for an option's value. */
export type ValueCompletion = "format" | "system" | "builder" | "file" | "nix-file" | "directory" | "disk-size" | "none";

export interface OptionSpec {
  /** Long name without dashes ("format"). */
  long: string;
  /** Short letter without the dash ("f"). */
  short?: string;
  /** Names of the values it takes: [] for a flag, ["NAME"], or ["NAME", "VALUE"]. */
  values: readonly string[];
  /** May be given more than once (each adds one). */
  repeatable: boolean;
  /** One line for --help. */
  help: string;
  /** What the shell completes for the (first) value. */
  complete: ValueCompletion;
  /** The subcommands it applies to besides plain generation. */
  alsoFor?: readonly ("verify" | "completions" | "boot")[];
}

/** Every option, in --help order. */
export const OPTIONS: readonly OptionSpec[] = [
  { long: "format", short: "f", values: ["NAME"], repeatable: true, complete: "format", alsoFor: ["verify", "boot"], help: "a format to build (name or alias; repeat for several; see --list)" },
  { long: "all", values: [], repeatable: false, complete: "none", help: "build every format available for the system(s)" },
  { long: "format-path", values: ["FILE"], repeatable: false, complete: "nix-file", help: "a .nix file holding a custom format module (built besides any -f)" },
  { long: "configuration", short: "c", values: ["PATH"], repeatable: false, complete: "file", help: "the NixOS configuration (a .nix file or a directory with default.nix); default: $NIXOS_CONFIG, else a minimal built-in one" },
  { long: "flake", values: ["URI#NAME"], repeatable: false, complete: "directory", help: "build nixosConfigurations.NAME of a flake instead, e.g. .#myhost" },
  { long: "system", values: ["SYSTEM"], repeatable: true, complete: "system", alsoFor: ["verify", "boot"], help: "the system to build for (x86_64-linux, aarch64-linux; repeat for several); default: the host's" },
  { long: "disk-size", values: ["SIZE"], repeatable: false, complete: "disk-size", alsoFor: ["verify"], help: "the disk image's size: MiB (20480), 512M, 20G, 1T, or auto" },
  { long: "builder", values: ["NAME"], repeatable: false, complete: "builder", help: "how disk images are made: vm (nixpkgs' variants, needs KVM), repart (UEFI disks, no VM) or auto (vm if /dev/kvm opens, else repart)" },
  { long: "special-arg", values: ["NAME", "VALUE"], repeatable: true, complete: "none", help: "pass the string VALUE to the configuration's modules as the argument NAME (specialArgs)" },
  { long: "option", values: ["NAME", "VALUE"], repeatable: true, complete: "none", help: "set a Nix option for the evaluation and build (as nix --option NAME VALUE)" },
  { long: "I", short: "I", values: ["KEY=VALUE"], repeatable: true, complete: "none", help: "add an entry to the Nix search path (-I nixpkgs=/src/nixpkgs; a plain -I PATH is kept as is)" },
  { long: "out-link", short: "o", values: ["PATH"], repeatable: false, complete: "file", help: "where to put the result symlink (with several formats, one link per format beside it)" },
  { long: "run", values: [], repeatable: false, complete: "none", help: "build the (one) VM format and start it; -f vm is the default with --run" },
  { long: "boot", values: [], repeatable: false, complete: "none", help: "boot each image in QEMU after verification; one that does not boot fails (exit 6)" },
  { long: "timeout", values: ["SECONDS"], repeatable: false, complete: "none", alsoFor: ["boot"], help: "with boot or --boot: the seconds one boot may take (default 300 under KVM, 900 under TCG)" },
  { long: "dry-run", values: [], repeatable: false, complete: "none", help: "evaluate and print what would be built, without building" },
  { long: "json", values: [], repeatable: false, complete: "none", alsoFor: ["verify"], help: "print results (and --list, verify) as JSON on stdout" },
  { long: "cores", values: ["N"], repeatable: false, complete: "none", help: "CPU cores each build job may use (0 = all; as nix --cores)" },
  { long: "max-jobs", values: ["N"], repeatable: false, complete: "none", help: "build jobs run at once (a number or auto; as nix --max-jobs)" },
  { long: "builders", values: ["SPEC"], repeatable: false, complete: "none", help: "remote builders (as nix --builders; '' for none)" },
  { long: "show-trace", values: [], repeatable: false, complete: "none", help: "show Nix's evaluation trace on errors" },
  { long: "list", values: [], repeatable: false, complete: "none", help: "list the formats (with --json: as a JSON array) and exit" },
  { long: "help", short: "h", values: [], repeatable: false, complete: "none", alsoFor: ["verify", "completions", "boot"], help: "show this help and exit" },
  { long: "version", values: [], repeatable: false, complete: "none", help: "print the version and exit" },
];

export const SUBCOMMANDS = [
  { name: "verify", usage: "verify FILE [--format NAME] [--system SYSTEM] [--disk-size SIZE] [--json]", help: "check that FILE is a good image of that format and that its target accepts it; without --format, name what FILE is (see verify --help)" },
  { name: "boot", usage: "boot FILE -f FORMAT [--system SYSTEM] [--timeout SECONDS]", help: "boot FILE in QEMU and watch its serial console reach the multi-user target (exit 6 if it does not)" },
  { name: "completions", usage: "completions bash|zsh|fish", help: "print a shell completion script" },
] as const;

/** How an option is written: "--format" or, for -I, "-I". */
export function optionName(spec: OptionSpec): string {
  return spec.long.length === 1 ? `-${spec.long}` : `--${spec.long}`;
}

/** "-f, --format NAME" for help texts. */
export function optionSynopsis(spec: OptionSpec): string {
  const names = spec.short && spec.long !== spec.short ? `-${spec.short}, --${spec.long}` : optionName(spec);
  return spec.values.length > 0 ? `${names} ${spec.values.join(" ")}` : names;
}

const byLong = new Map(OPTIONS.filter((o) => o.long.length > 1).map((o) => [o.long, o]));
const byShort = new Map(OPTIONS.filter((o) => o.short).map((o) => [o.short ?? "", o]));

export interface ParseOptions {
  /** What relative paths are relative to (default: process.cwd()). */
  cwd?: string;
  /** The host's CPU as process.arch names it, for the default --system (default: process.arch). */
  arch?: string;
  /**
   * Run the file-system checks of validate.ts (configuration, --format-path,
   * out-link, TMPDIR space; verify's FILE exists). Default true.
   */
  checkFiles?: boolean;
  /** Passed to checkFiles: warn below this much free space in TMPDIR. */
  minFreeTmpBytes?: number;
}

function usage(problem: string, fix: string): UserError {
  return new UserError(problem, fix, ExitCode.usage);
}

const SEE_HELP = "See 'nixos-generate --help' for the options.";

/** One option occurrence: the option and its values. */
interface Occurrence {
  spec: OptionSpec;
  /** As the user wrote it ("-f", "--format", "--format=qcow"). */
  written: string;
  values: string[];
}

function isKnownOption(token: string): boolean {
  if (token === "--") return true;
  if (token.startsWith("--")) return byLong.has(token.slice(2).split("=")[0] ?? "");
  if (token.startsWith("-") && token.length >= 2) return byShort.has(token[1] ?? "");
  return false;
}

function unknownOption(token: string): UserError {
  const name = token.split("=")[0] ?? token;
  const candidates = [...byLong.keys()].map((l) => `--${l}`);
  const close = didYouMean(name.replace(/^-+/, "--"), candidates);
  return usage(`unknown option '${name}'.`, `${close.length > 0 ? `Did you mean ${orList(close)}? ` : ""}${SEE_HELP}`);
}

/** Splits argv into option occurrences and positional arguments. */
function tokenize(argv: readonly string[]): { occurrences: Occurrence[]; positionals: string[]; early?: "help" | "version" } {
  const occurrences: Occurrence[] = [];
  const positionals: string[] = [];
  let i = 0;
  while (i < argv.length) {
    const token = argv[i] ?? "";
    i++;
    if (token === "--") {
      positionals.push(...argv.slice(i));
      break;
    }
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    if (token.startsWith("--")) {
      const eq = token.indexOf("=");
      const name = eq < 0 ? token.slice(2) : token.slice(2, eq);
      spec = byLong.get(name);
      if (!spec) throw unknownOption(token);
      if (eq >= 0) inline = token.slice(eq + 1);
    } else if (token.startsWith("-") && token.length >= 2) {
      const longName = token.slice(1).split("=")[0] ?? "";
      if (longName.length > 1 && byLong.has(longName)) {
        throw usage(`unknown option '${token.split("=")[0]}' (long options take two dashes).`, `Did you mean '--${longName}'? ${SEE_HELP}`);
      }
      spec = byShort.get(token[1] ?? "");
      if (!spec) throw unknownOption(token);
      if (token.length > 2) {
        if (spec.values.length === 0) {
          throw usage(`unknown option '${token}'.`, `Short options cannot be bundled: write -${spec.short} on its own. ${SEE_HELP}`);
        }
        inline = token.slice(2);
      }
    } else {
      positionals.push(token);
      continue;
    }

    if (spec.long === "help") return { occurrences, positionals, early: "help" };
    if (spec.long === "version") return { occurrences, positionals, early: "version" };

    const written = token;
    const shown = token.split("=")[0] ?? token;
    if (spec.values.length === 0) {
      if (inline !== undefined) throw usage(`${shown} takes no value, but was given '${inline}'.`, `Write ${shown} alone. ${SEE_HELP}`);
      occurrences.push({ spec, written, values: [] });
      continue;
    }
    const values: string[] = inline !== undefined ? [inline] : [];
    while (values.length < spec.values.length) {
      const next = argv[i];
      const wanted = spec.values.join(" ");
      const missing = spec.values[values.length] ?? "VALUE";
      if (next === undefined || isKnownOption(next) || (next.startsWith("--") && next.length > 2)) {
        throw usage(
          `${shown} needs ${spec.values.length === 1 ? "a value" : `${spec.values.length} values`} (${wanted}), but ${missing} is missing${next === undefined ? "" : ` (the next argument is the option '${next}')`}.`,
          `Write ${shown} ${wanted}${spec.long === "special-arg" ? ", e.g. --special-arg hostName web1" : spec.long === "option" ? ", e.g. --option sandbox true" : ""}. ${SEE_HELP}`,
        );
      }
      values.push(next);
      i++;
    }
    occurrences.push({ spec, written, values });
  }
  return { occurrences, positionals };
}

function wholeNumber(occ: Occurrence, allowAuto: boolean): number {
  const text = (occ.values[0] ?? "").trim();
  const name = optionName(occ.spec);
  if (allowAuto && text === "auto") return availableParallelism();
  if (!/^[0-9]+$/.test(text) || !Number.isSafeInteger(Number(text))) {
    throw usage(`${name} takes a whole number, not '${occ.values[0] ?? ""}'.`, `Write e.g. ${name} 4${allowAuto ? ` (or ${name} auto for one per CPU)` : " (0 = all cores)"}.`);
  }
  return Number(text);
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_'-]*$/;
const NIX_SETTING = /^[A-Za-z][A-Za-z0-9_-]*$/;
const SEARCH_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.+/-]*$/;

function specialArg(occ: Occurrence): SpecialArg {
  const [name = "", value = ""] = occ.values;
  if (!IDENTIFIER.test(name)) {
    throw usage(
      `--special-arg name '${name}' is not a Nix identifier.`,
      "Use a name of letters, digits, '_', '-' and apostrophes that starts with a letter or '_', e.g. --special-arg hostName web1.",
    );
  }
  return { name, value };
}

function nixOption(occ: Occurrence): { name: string; value: string } {
  const [name = "", value = ""] = occ.values;
  if (!NIX_SETTING.test(name)) {
    throw usage(`--option name '${name}' is not a Nix setting name.`, "Write --option NAME VALUE with a nix.conf setting name, e.g. --option sandbox true.");
  }
  return { name, value };
}

/**
 * -I KEY=VALUE. A value without '=' that looks like a path or URL (-I /src,
 * -I channel:nixos-25.05) is Nix's plain search-path entry: it is kept as
 * { key: "", value } — the same as Nix's own reading of it (empty prefix), so
 * it is passed on as `-I VALUE`.
 */
function include(occ: Occurrence): { key: string; value: string } {
  const text = occ.values[0] ?? "";
  const example = "e.g. -I nixpkgs=/src/nixpkgs";
  if (text.trim() === "") throw usage("-I was given an empty search path entry.", `Write -I KEY=VALUE, ${example}.`);
  const eq = text.indexOf("=");
  const key = eq < 0 ? "" : text.slice(0, eq);
  if (eq === 0) throw usage(`-I '${text}' has no KEY before '='.`, `Write -I KEY=VALUE, ${example}.`);
  if (eq < 0 || !SEARCH_KEY.test(key)) {
    if (/^([./~]|[A-Za-z][A-Za-z0-9+.-]*:)/.test(text)) return { key: "", value: text };
    if (eq < 0) {
      throw usage(`-I '${text}' is neither KEY=VALUE nor a path.`, `Write -I KEY=VALUE (${example}) or -I with a directory path.`);
    }
    throw usage(`-I '${text}' has an invalid KEY '${key}'.`, `Write -I KEY=VALUE with a KEY of letters, digits, '.', '_', '-' and '/', ${example}.`);
  }
  const value = text.slice(eq + 1);
  if (value === "") throw usage(`-I '${text}' has no VALUE after '='.`, `Write -I KEY=VALUE, ${example}.`);
  return { key, value };
}

function once(occurrences: Occurrence[], long: string): Occurrence | undefined {
  const found = occurrences.filter((o) => o.spec.long === long);
  const first = found[0];
  const second = found[1];
  if (first && second && !first.spec.repeatable) {
    if (first.spec.values.length === 0) return first;
    const name = optionName(first.spec);
    throw usage(
      `${name} was given more than once (${found.map((o) => o.values.join(" ")).join(" and ")}).`,
      `Give ${name} once.`,
    );
  }
  return first;
}

function all(occurrences: Occurrence[], long: string): Occurrence[] {
  return occurrences.filter((o) => o.spec.long === long);
}

function positionalProblem(arg: string, catalogue: Catalogue): UserError {
  if (catalogue.lookup(arg)) return usage(`unexpected argument '${arg}'.`, `To build the format '${arg}', write -f ${arg}.`);
  if (arg.includes("#")) return usage(`unexpected argument '${arg}'.`, `To build a flake's configuration, write --flake ${arg}.`);
  if (arg.endsWith(".nix")) return usage(`unexpected argument '${arg}'.`, `To build that configuration, write -c ${arg}.`);
  const close = didYouMean(arg, SUBCOMMANDS.map((s) => s.name), 1);
  if (close.length > 0) return usage(`unknown command '${arg}'.`, `Did you mean '${close[0]}'? ${SEE_HELP}`);
  return usage(`unexpected argument '${arg}'.`, `nixos-generate takes options (and the commands verify and completions). ${SEE_HELP}`);
}

function rejectOthers(occurrences: Occurrence[], command: "verify" | "completions" | "boot"): void {
  const stray = occurrences.find((o) => !o.spec.alsoFor?.includes(command));
  if (stray) {
    const allowed = OPTIONS.filter((o) => o.alsoFor?.includes(command) && o.long !== "help").map((o) =>
      o.short && o.long.length > 1 ? `-${o.short}/--${o.long}` : optionName(o),
    );
    throw usage(
      `${optionName(stray.spec)} does not apply to '${command}'.`,
      allowed.length > 0 ? `'${command}' takes ${orList(allowed, "")}.` : `'${command}' takes no options: write nixos-generate ${command} ${command === "completions" ? "bash|zsh|fish" : "FILE"}.`,
    );
  }
}

function parseVerify(occurrences: Occurrence[], positionals: string[], catalogue: Catalogue, cwd: string, check: boolean): CliCommand {
  rejectOthers(occurrences, "verify");
  const [, file, extra] = positionals;
  const example = "e.g. nixos-generate verify result/nixos.qcow2 --format qcow";
  if (file === undefined || file === "") throw usage("verify needs the image FILE to check.", `Write nixos-generate verify FILE [--format NAME], ${example}.`);
  if (extra !== undefined) throw usage(`verify takes one FILE, but was also given '${extra}'.`, `Verify one image at a time, ${example}.`);
  const formatOcc = all(occurrences, "format");
  if (formatOcc.length > 1) throw usage(`verify was given ${formatOcc.length} formats (${formatOcc.map((o) => o.values[0]).join(", ")}).`, `Give one --format NAME (or none, to have verify name what the file is), ${example}.`);
  // Without --format, verify names what the file is by its bytes.
  const formatText = formatOcc[0]?.values[0];
  const format = formatText === undefined ? undefined : lookupFormat(formatText, catalogue);
  const systemOcc = all(occurrences, "system");
  if (systemOcc.length > 1) throw usage(`verify was given ${systemOcc.length} systems.`, "Give at most one --system: the system the image was built for.");
  const systemText = systemOcc[0]?.values[0];
  const system = systemText === undefined ? undefined : parseSystem(systemText, CLI_LABELS);
  if (system && format) resolveTargets({ names: [format.name], all: false, systems: [system], customAllowed: false }, catalogue, CLI_LABELS);
  const sizeText = once(occurrences, "disk-size")?.values[0];
  const diskSize = sizeText === undefined ? undefined : parseDiskSize(sizeText);
  const path = resolve(cwd, file);
  // A symbolic link loop, a name over 255 bytes, a file on the way: one message, not a stack.
  const found = check ? guardedSync({ problem: `the image ${file} cannot be read`, target: path, owner: "user" }, () => statSync(path, { throwIfNoEntry: false })) : true;
  if (!found) {
    throw usage(`the image ${file} does not exist (looked for ${path}).`, "Pass verify the path of the built image (the file or the out-link that nixos-generate printed).");
  }
  return {
    kind: "verify",
    path,
    ...(format ? { format: format.name } : {}),
    ...(system ? { system } : {}),
    ...(diskSize !== undefined ? { diskSize } : {}),
    json: occurrences.some((o) => o.spec.long === "json"),
  };
}

function timeoutOf(occurrences: Occurrence[]): number | undefined {
  const occ = once(occurrences, "timeout");
  if (!occ) return undefined;
  const seconds = wholeNumber(occ, false);
  if (seconds < 10) throw usage(`--timeout ${seconds} is too short for a boot.`, "Give at least 10 seconds (a boot under TCG takes minutes).");
  return seconds;
}

function parseBoot(occurrences: Occurrence[], positionals: string[], catalogue: Catalogue, env: NodeJS.ProcessEnv, cwd: string, check: boolean, arch: string): CliCommand {
  rejectOthers(occurrences, "boot");
  const [, file, extra] = positionals;
  const example = "e.g. nixos-generate boot result/nixos.qcow2 -f qcow";
  if (file === undefined || file === "") throw usage("boot needs the image FILE to boot.", `Write nixos-generate boot FILE -f FORMAT, ${example}.`);
  if (extra !== undefined) throw usage(`boot takes one FILE, but was also given '${extra}'.`, `Boot one image at a time, ${example}.`);
  const formatOcc = all(occurrences, "format");
  if (formatOcc.length !== 1) throw usage(formatOcc.length === 0 ? "boot needs the image's format (-f FORMAT)." : `boot was given ${formatOcc.length} formats.`, `Give one -f FORMAT: how the file boots depends on it, ${example}.`);
  const format = lookupFormat(formatOcc[0]?.values[0] ?? "", catalogue);
  if (!format.boot) throw usage(`${format.name} images are not booted (${format.container}).`, "Boot a disk, ISO, SD card, kexec or VM format; see --list (BOOTS).");
  const systemOcc = all(occurrences, "system");
  if (systemOcc.length > 1) throw usage(`boot was given ${systemOcc.length} systems.`, "Give at most one --system: the system the image was built for.");
  const systemText = systemOcc[0]?.values[0];
  const system = systemText === undefined ? hostSystem(arch) : parseSystem(systemText, CLI_LABELS);
  if (!system) throw usage(`there is no default --system for this machine's CPU (${arch}).`, "Pass --system x86_64-linux or --system aarch64-linux.");
  resolveTargets({ names: [format.name], all: false, systems: [system], customAllowed: false }, catalogue, CLI_LABELS);
  const path = resolve(cwd, file);
  const found = check ? guardedSync({ problem: `the image ${file} cannot be read`, target: path, owner: "user" }, () => statSync(path, { throwIfNoEntry: false })) : true;
  if (!found) throw usage(`the image ${file} does not exist (looked for ${path}).`, "Pass boot the path of the built image (the file or the out-link that nixos-generate printed).");
  const timeoutSeconds = timeoutOf(occurrences);
  // QEMU from the configuration's nixpkgs, when it is not on PATH: NIXOS_CONFIG's, else <nixpkgs>.
  const config = resolveConfigSource({}, CLI_LABELS, env, cwd);
  return { kind: "boot", path, format: format.name, system, ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}), config, includes: [] };
}

function parseCompletions(occurrences: Occurrence[], positionals: string[]): CliCommand {
  rejectOthers(occurrences, "completions");
  const [, shell, extra] = positionals;
  const fix = `Write nixos-generate completions ${SHELLS.join("|")}, e.g. source <(nixos-generate completions bash).`;
  if (shell === undefined) throw usage("completions needs the shell to write a script for.", fix);
  const found = SHELLS.find((s) => s === shell);
  if (!found) throw usage(`no completions for the shell '${shell}': there are ${andList(SHELLS)}.`, fix);
  if (extra !== undefined) throw usage(`completions takes one shell, but was also given '${extra}'.`, fix);
  return { kind: "completions", shell: found };
}

/**
 * Parses nixos-generate's arguments (argv without node and the script).
 * `env` gives NIXOS_CONFIG and TMPDIR. Throws one UserError (exit 2) for bad
 * input; file-system problems found by validate.ts's checkFiles are thrown
 * too unless opts.checkFiles is false.
 */
export function parseArgs(argv: string[], env: NodeJS.ProcessEnv, catalogue: Catalogue, opts: ParseOptions = {}): CliCommand {
  const cwd = opts.cwd ?? process.cwd();
  const check = opts.checkFiles ?? true;
  const { occurrences, positionals, early } = tokenize(argv);
  if (early === "help" && positionals[0] === "verify") return { kind: "verify-help" };
  if (early) return { kind: early };
  const command = positionals[0];
  if (command === "help") return { kind: "help" };
  if (command === "verify") return parseVerify(occurrences, positionals, catalogue, cwd, check);
  if (command === "completions") return parseCompletions(occurrences, positionals);
  if (command === "boot") return parseBoot(occurrences, positionals, catalogue, env, cwd, check, opts.arch ?? process.arch);
  if (command !== undefined) throw positionalProblem(command, catalogue);

  const has = (long: string): boolean => occurrences.some((o) => o.spec.long === long);

  // Systems: each --system, without duplicates; else the host's.
  const systems: NixSystem[] = [];
  for (const occ of all(occurrences, "system")) {
    const system = parseSystem(occ.values[0] ?? "", CLI_LABELS);
    if (!systems.includes(system)) systems.push(system);
  }
  if (systems.length === 0) {
    const arch = opts.arch ?? process.arch;
    const host = hostSystem(arch);
    if (!host) throw usage(`there is no default --system for this machine's CPU (${arch}).`, "Pass --system x86_64-linux or --system aarch64-linux.");
    systems.push(host);
  }

  const flakeText = once(occurrences, "flake")?.values[0];
  const configText = once(occurrences, "configuration")?.values[0];
  const config = resolveConfigSource(
    { ...(configText !== undefined ? { configuration: configText } : {}), ...(flakeText !== undefined ? { flake: flakeText } : {}) },
    CLI_LABELS,
    env,
    cwd,
  );
  const includes = all(occurrences, "I").map(include);
  if (has("list")) return { kind: "list", json: has("json"), config, system: systems[0] ?? "x86_64-linux", includes };

  // Formats.
  const run = has("run");
  const allFormats = has("all");
  const formatPathText = once(occurrences, "format-path")?.values[0];
  if (formatPathText !== undefined && formatPathText.trim() === "") {
    throw usage("--format-path was given an empty path.", "Pass --format-path with a .nix file holding a format module.");
  }
  let names = all(occurrences, "format").map((o) => o.values[0] ?? "");
  if (names.length === 0 && !allFormats && formatPathText === undefined && run) {
    // As the old nixos-generate: --run alone builds and starts the "vm" format.
    const vm = catalogue.lookup("vm") ?? catalogue.formats.find((f) => f.runnable);
    if (vm) names = [vm.name];
  }
  const formatPath = formatPathText !== undefined ? resolve(cwd, formatPathText) : undefined;
  const targets = resolveTargets(
    { names, all: allFormats, systems, ...(formatPath !== undefined ? { formatPath } : {}), customAllowed: config.kind !== "default" },
    catalogue,
    CLI_LABELS,
  );

  const sizeText = once(occurrences, "disk-size")?.values[0];
  const outLinkText = once(occurrences, "out-link")?.values[0];
  if (outLinkText !== undefined && outLinkText.trim() === "") throw usage("-o/--out-link was given an empty path.", "Pass -o with the path of the result symlink, e.g. -o ./result.");
  const coresOcc = once(occurrences, "cores");
  const maxJobsOcc = once(occurrences, "max-jobs");
  const buildersOcc = once(occurrences, "builders");

  const specialArgs: SpecialArg[] = [];
  for (const occ of all(occurrences, "special-arg")) {
    const arg = specialArg(occ);
    if (specialArgs.some((a) => a.name === arg.name)) {
      throw usage(`--special-arg ${arg.name} was given more than once.`, `Give each --special-arg NAME once.`);
    }
    specialArgs.push(arg);
  }
  const nixOptions: { name: string; value: string }[] = [];
  for (const occ of all(occurrences, "option")) {
    const option = nixOption(occ);
    if (nixOptions.some((o) => o.name === option.name)) {
      throw usage(`--option ${option.name} was given more than once.`, `Give each --option NAME once.`);
    }
    nixOptions.push(option);
  }

  const bootTimeout = timeoutOf(occurrences);
  if (bootTimeout !== undefined && !has("boot")) throw usage("--timeout applies to the boot test only.", "Add --boot to boot each image, or drop --timeout.");

  const builderText = once(occurrences, "builder")?.values[0];
  const builder = builderText === undefined ? "vm" : BUILDER_CHOICES.find((b) => b === builderText.trim());
  if (builder === undefined) throw usage(`--builder '${builderText}' is not a builder.`, `Write --builder ${BUILDER_CHOICES.join(", --builder ").replace(/, (--builder \w+)$/, " or $1")} (see --help).`);

  const request: GenerateRequest = {
    targets,
    config,
    builder,
    ...(sizeText !== undefined ? { diskSize: parseDiskSize(sizeText) } : {}),
    ...(formatPath !== undefined ? { formatPath } : {}),
    specialArgs,
    includes,
    nixOptions,
    ...(coresOcc ? { cores: wholeNumber(coresOcc, false) } : {}),
    ...(maxJobsOcc ? { maxJobs: wholeNumber(maxJobsOcc, true) } : {}),
    ...(buildersOcc ? { builders: buildersOcc.values[0] ?? "" } : {}),
    showTrace: has("show-trace"),
    dryRun: has("dry-run"),
    run,
    ...(outLinkText !== undefined ? { outLink: resolve(cwd, outLinkText) } : {}),
    ...(has("boot") ? { boot: { ...(bootTimeout !== undefined ? { timeoutSeconds: bootTimeout } : {}) } } : {}),
  };

  const { warnings } = validate(request, catalogue, {
    labels: CLI_LABELS,
    files: check,
    cwd,
    env,
    ...(opts.minFreeTmpBytes !== undefined ? { minFreeTmpBytes: opts.minFreeTmpBytes } : {}),
    ...(configText === undefined && request.config.kind === "file" ? { configFrom: "NIXOS_CONFIG" } : {}),
    // The paths as the user wrote them (relative to cwd), for the messages.
    asGiven: {
      ...(configText !== undefined ? { config: configText } : {}),
      ...(formatPathText !== undefined ? { formatPath: formatPathText } : {}),
      ...(outLinkText !== undefined ? { outLink: outLinkText } : {}),
    },
  });
  return { kind: "generate", request, warnings, json: has("json") };
}
