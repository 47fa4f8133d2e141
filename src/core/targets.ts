// Format names and systems as the user gives them → the targets (format x
// system) of a request. Shared by the command line and the action.
import { basename } from "node:path";
import type { Catalogue, Format, NixSystem } from "./catalogue.js";
import { ExitCode, UserError } from "./errors.js";
import type { Labels } from "./fields.js";
import type { FormatChoice, Target } from "./request.js";
import { formatName } from "./request.js";
import { lookupFormat, orList } from "./resolve-formats.js";

/** The custom format a --format-path file defines: named after the file. */
export function customFormatName(formatPath: string): string {
  return basename(formatPath).replace(/\.nix$/, "");
}

export interface TargetInput {
  /** Format names as given (aliases allowed); empty with `all`. */
  names: readonly string[];
  /** Every catalogue format available for the systems. */
  all: boolean;
  systems: readonly NixSystem[];
  /** A --format-path file: its format is built for every system, after the named ones. */
  formatPath?: string;
  /**
   * Whether a name the catalogue lacks may be a format of the configuration's
   * own `formatConfigs` (a file or flake configuration can define some; the
   * embedded default cannot). Nix then says whether it does.
   */
  customAllowed: boolean;
  /** Leave out the pairs a catalogue format does not have (as with `all`) instead of refusing them: a matrix plan. */
  skipUnavailable?: boolean;
}

/** Tells how to build `format` on the systems it has, from `wanted`. */
function unavailable(format: Format, wanted: NixSystem, asked: string, systemCount: number, labels: Labels): UserError {
  const other = format.systems[0] ?? "aarch64-linux";
  const via = asked === format.name ? `'${format.name}'` : `'${asked}' (${format.name})`;
  const alone = systemCount > 1 ? ` in a run of its own (each format is built for every system of ${labels.name.systems})` : "";
  return new UserError(
    `format ${via} is not available for ${wanted}: it builds for ${format.systems.join(" and ")} only.`,
    `Build it with ${labels.example("systems", other)}${alone}; ` +
      `building for another CPU than the host's needs binfmt emulation: on NixOS set boot.binfmt.emulatedSystems = [ "${other}" ]; ` +
      `elsewhere install qemu-user-static and add 'extra-platforms = ${other}' to nix.conf.`,
    ExitCode.usage,
    undefined,
    "formats",
  );
}

function choose(name: string, catalogue: Catalogue, customAllowed: boolean): FormatChoice {
  const entry = catalogue.lookup(name.trim());
  if (entry) return { kind: "catalogue", entry };
  if (customAllowed && name.trim() !== "") return { kind: "custom", name: name.trim(), from: "configuration" };
  return { kind: "catalogue", entry: lookupFormat(name, catalogue) };
}

/**
 * The targets to build: each format (first place kept for duplicates) for
 * each system, in order. With `all`, every catalogue format for each system
 * it has (the others left out); otherwise a catalogue format a system lacks is
 * a UserError (field "formats"), or left out too with `skipUnavailable`.
 */
export function resolveTargets(input: TargetInput, catalogue: Catalogue, labels: Labels): Target[] {
  const systems = [...new Set(input.systems)];
  const fail = (problem: string, fix: string, field: "formats" | "systems" = "formats"): UserError => new UserError(problem, fix, ExitCode.usage, undefined, field);
  if (systems.length === 0) throw fail("no system given.", `${labels.set("systems", orList(["x86_64-linux", "aarch64-linux"]))}.`, "systems");
  if (input.all && input.names.length > 0) {
    throw fail(
      `${labels.allFormats} was given together with the format(s) ${input.names.join(", ")}.`,
      `Ask for either ${labels.allFormats} (every format) or the formats you want, not both.`,
    );
  }
  if (!input.all && input.names.length === 0 && input.formatPath === undefined) {
    throw fail("no format given.", `${labels.set("formats", `format names or ${labels.allFormats}`)} (see the formats with 'nixos-generate --list').`);
  }

  const chosen: FormatChoice[] = input.all
    ? catalogue.formats.map((entry) => ({ kind: "catalogue", entry }))
    : input.names.map((name) => choose(name, catalogue, input.customAllowed));
  if (input.formatPath !== undefined) chosen.push({ kind: "custom", name: customFormatName(input.formatPath), from: "format-path" });

  const seen = new Set<string>();
  const targets: Target[] = [];
  chosen.forEach((format, index) => {
    const name = formatName(format);
    if (seen.has(name)) return;
    seen.add(name);
    for (const system of systems) {
      if (format.kind === "catalogue" && !format.entry.systems.includes(system)) {
        if (input.all || input.skipUnavailable) continue;
        throw unavailable(format.entry, system, (input.names[index] ?? name).trim(), systems.length, labels);
      }
      targets.push({ format, system });
    }
  });
  return targets;
}
