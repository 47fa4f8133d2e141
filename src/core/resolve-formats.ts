// Format and system names as the user gives them → catalogue entries, with
// did-you-mean errors. Shared by the command line and the action.
import { SYSTEMS, type Catalogue, type Format, type NixSystem } from "./catalogue.js";
import { UserError, ExitCode } from "./errors.js";
import type { Labels } from "./fields.js";

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

/** A Nix system name as the user gives it; one UserError (field "systems") for anything else. */
export function parseSystem(text: string, labels: Labels): NixSystem {
  const trimmed = text.trim();
  const found = SYSTEMS.find((s) => s === trimmed);
  if (found) return found;
  const hint = SYSTEM_HINTS[trimmed.toLowerCase()] ?? didYouMean(trimmed, SYSTEMS, 1)[0];
  const darwin = trimmed.endsWith("-darwin") ? " (the images are NixOS, so always a Linux system, even when built on a Mac)" : "";
  throw new UserError(
    trimmed === "" ? `${labels.name.systems} was given an empty value.` : `unknown system '${text}'${darwin}.`,
    `${hint ? `Did you mean '${hint}'? ` : ""}The supported systems are ${andList(SYSTEMS)}.`,
    ExitCode.usage,
    undefined,
    "systems",
  );
}

/** The system the images are built for when none is given: the host's CPU, as Linux. */
export function hostSystem(arch: string = process.arch): NixSystem | undefined {
  if (arch === "x64") return "x86_64-linux";
  if (arch === "arm64") return "aarch64-linux";
  return undefined;
}

/** Every name and alias in the catalogue. */
export function formatNames(catalogue: Catalogue): string[] {
  return catalogue.formats.flatMap((f) => [f.name, ...f.aliases]);
}

/** The catalogue's names close to `name`, each shown with its canonical name when it is an alias. */
export function closeFormatNames(name: string, catalogue: Catalogue): string[] {
  return didYouMean(name.trim(), formatNames(catalogue)).map((c) => {
    const f = catalogue.lookup(c);
    return f && f.name !== c ? `${c} (= ${f.name})` : c;
  });
}

/** One format by name or alias; an unknown one is a UserError (field "formats") with did-you-mean. */
export function lookupFormat(name: string, catalogue: Catalogue): Format {
  const format = catalogue.lookup(name.trim());
  if (format) return format;
  const shown = closeFormatNames(name, catalogue);
  throw new UserError(
    name.trim() === "" ? "a format name is empty." : `unknown format '${name}'.`,
    `${shown.length > 0 ? `Did you mean ${orList(shown)}? ` : ""}See the formats with 'nixos-generate --list'.`,
    ExitCode.usage,
    undefined,
    "formats",
  );
}
