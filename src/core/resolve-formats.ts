// Format and system names as the user gives them → catalogue entries, with
// did-you-mean errors. Shared by the command line and the action.
import { SYSTEMS, type Catalogue, type Format, type NixSystem } from "./catalogue.js";
import { UserError, ExitCode } from "./errors.js";
import type { GenerateRequest } from "./request.js";

/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      const row = d[i];
      if (row) row[j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The candidates close to `input`, best first (at most `max`): those within an
 * edit distance of a third of the longer word (at least 1, at most 3), and
 * those that start with `input` when it is 2+ characters.
 */
export function didYouMean(input: string, candidates: readonly string[], max = 3): string[] {
  const needle = input.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const name of new Set(candidates)) {
    const lower = name.toLowerCase();
    const distance = editDistance(needle, lower);
    const limit = Math.min(3, Math.max(1, Math.floor(Math.max(needle.length, lower.length) / 3)));
    if (distance <= limit) scored.push({ name, score: distance });
    else if (needle.length >= 2 && lower.startsWith(needle)) scored.push({ name, score: limit + 1 + (lower.length - needle.length) / 100 });
  }
  scored.sort((x, y) => x.score - y.score || x.name.localeCompare(y.name));
  return scored.slice(0, max).map((s) => s.name);
}

/** "a", "a or b", "a, b or c", each quoted. */
export function orList(items: readonly string[], quote = "'", conjunction = "or"): string {
  const q = items.map((i) => `${quote}${i}${quote}`);
  if (q.length <= 1) return q.join("");
  return `${q.slice(0, -1).join(", ")} ${conjunction} ${q[q.length - 1]}`;
}

/** "a", "a and b", "a, b and c", each quoted. */
export function andList(items: readonly string[], quote = "'"): string {
  return orList(items, quote, "and");
}

const SYSTEM_HINTS: Record<string, NixSystem> = {
  x86_64: "x86_64-linux",
  amd64: "x86_64-linux",
  x64: "x86_64-linux",
  "x86-64": "x86_64-linux",
  "x86_64-darwin": "x86_64-linux",
  "amd64-linux": "x86_64-linux",
  aarch64: "aarch64-linux",
  arm64: "aarch64-linux",
  "arm64-linux": "aarch64-linux",
  "aarch64-darwin": "aarch64-linux",
};

/** A Nix system name as given to --system; one UserError for anything else. */
export function parseSystem(text: string): NixSystem {
  const trimmed = text.trim();
  const found = SYSTEMS.find((s) => s === trimmed);
  if (found) return found;
  const hint = SYSTEM_HINTS[trimmed.toLowerCase()] ?? didYouMean(trimmed, SYSTEMS, 1)[0];
  const darwin = trimmed.endsWith("-darwin") ? " (the images are NixOS, so always a Linux system, even when built on a Mac)" : "";
  throw new UserError(
    trimmed === "" ? "--system was given an empty value." : `unknown system '${text}'${darwin}.`,
    `${hint ? `Did you mean '${hint}'? ` : ""}The supported systems are ${andList(SYSTEMS)}.`,
    ExitCode.usage,
  );
}

/** The system the images are built for when no --system is given: the host's CPU, as Linux. */
export function hostSystem(arch: string = process.arch): NixSystem | undefined {
  if (arch === "x64") return "x86_64-linux";
  if (arch === "arm64") return "aarch64-linux";
  return undefined;
}

/** Every name and alias in the catalogue. */
export function formatNames(catalogue: Catalogue): string[] {
  return catalogue.formats.flatMap((f) => [f.name, ...f.aliases]);
}

/** One format by name or alias; an unknown one is a UserError with did-you-mean. */
export function lookupFormat(name: string, catalogue: Catalogue): Format {
  const format = catalogue.lookup(name.trim());
  if (format) return format;
  const close = didYouMean(name.trim(), formatNames(catalogue));
  const shown = close.map((c) => {
    const f = catalogue.lookup(c);
    return f && f.name !== c ? `${c} (= ${f.name})` : c;
  });
  throw new UserError(
    name.trim() === "" ? "a format name is empty." : `unknown format '${name}'.`,
    `${shown.length > 0 ? `Did you mean ${orList(shown)}? ` : ""}See the formats with 'nixos-generate --list'.`,
    ExitCode.usage,
  );
}

/** Tells how to build `format` on the systems it has, from `wanted`. */
function unavailable(format: Format, wanted: NixSystem, asked: string, systemCount: number): UserError {
  const other = format.systems[0] ?? "aarch64-linux";
  const via = asked === format.name ? `'${format.name}'` : `'${asked}' (${format.name})`;
  const alone = systemCount > 1 ? " in a run of its own (each -f format is built for every --system)" : "";
  return new UserError(
    `format ${via} is not available for ${wanted}: it builds for ${format.systems.join(" and ")} only.`,
    `Build it with --system ${other}${alone}; ` +
      `building for another CPU than the host's needs binfmt emulation: on NixOS set boot.binfmt.emulatedSystems = [ "${other}" ]; ` +
      `elsewhere install qemu-user-static and add 'extra-platforms = ${other}' to nix.conf.`,
    ExitCode.usage,
  );
}

export interface FormatTarget {
  format: Format;
  system: NixSystem;
}

/**
 * The (format, system) pairs to build. Names may be aliases; duplicates go
 * (first place kept); pairs come format by format, each in the order of
 * `systems`. With `all`, `names` must be empty and every catalogue format is
 * taken for each system it is available on (the others skipped silently);
 * without it a format a requested system lacks is a UserError.
 */
export function resolveFormats(
  names: string[],
  systems: NixSystem[],
  catalogue: Catalogue,
  opts: { all?: boolean } = {},
): FormatTarget[] {
  const uniqueSystems = [...new Set(systems)];
  if (uniqueSystems.length === 0) {
    throw new UserError("no system given.", `Pass --system with ${orList(SYSTEMS)}.`, ExitCode.usage);
  }
  if (opts.all) {
    if (names.length > 0) {
      throw new UserError(
        `--all was given together with the format(s) ${names.join(", ")}.`,
        "Pass either --all (every format) or -f NAME for each format you want, not both.",
        ExitCode.usage,
      );
    }
    return catalogue.formats.flatMap((format) =>
      uniqueSystems.filter((system) => format.systems.includes(system)).map((system) => ({ format, system })),
    );
  }
  const seen = new Set<string>();
  const targets: FormatTarget[] = [];
  for (const name of names) {
    const format = lookupFormat(name, catalogue);
    if (seen.has(format.name)) continue;
    seen.add(format.name);
    for (const system of uniqueSystems) {
      if (!format.systems.includes(system)) throw unavailable(format, system, name.trim(), uniqueSystems.length);
      targets.push({ format, system });
    }
  }
  return targets;
}

/**
 * The pairs a validated request builds: its formats × systems, less the pairs
 * the catalogue does not have. (A request from parseArgs only holds such pairs
 * when it came from --all: without --all they were refused.)
 */
export function requestTargets(request: Pick<GenerateRequest, "formats" | "systems">, catalogue: Catalogue): FormatTarget[] {
  const targets: FormatTarget[] = [];
  for (const name of new Set(request.formats)) {
    const format = lookupFormat(name, catalogue);
    for (const system of new Set(request.systems)) {
      if (format.systems.includes(system)) targets.push({ format, system });
    }
  }
  return targets;
}
