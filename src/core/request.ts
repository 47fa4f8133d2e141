// What the user asks for, the same from the command line and from the action:
// parsed once at each edge, checked by validate.ts, run by the pipeline.
import type { Builder, BuilderChoice, Format, NixSystem } from "./catalogue.js";

/** Where the NixOS configuration comes from. */
export type ConfigSource =
  | { kind: "file"; path: string }
  | { kind: "flake"; uri: string; name: string }
  | { kind: "default" };

/** Disk size in MiB, or "auto" (the format sizes itself). */
export type DiskSize = number | "auto";

/** A value given to the configuration's modules as a specialArg. */
export interface SpecialArg {
  name: string;
  /** Passed as a Nix string (--argstr semantics). */
  value: string;
}

/**
 * A format to build: an entry of the catalogue, or a custom format, defined
 * by a --format-path file or by the configuration's own `formatConfigs`.
 */
export type FormatChoice = { kind: "catalogue"; entry: Format } | { kind: "custom"; name: string; from: "format-path" | "configuration" };

/** One image to make: a format for a system. */
export interface Target {
  format: FormatChoice;
  system: NixSystem;
  /** The builder `builder: auto` chose for this image at run time (src/pipeline/builder-choice.ts); unset: the request's. */
  builder?: Builder;
}

export interface GenerateRequest {
  /** Format x system, in the order asked for (format by format), no duplicates. */
  targets: Target[];
  config: ConfigSource;
  /**
   * How the catalogue's disk formats are made: nixpkgs' VM-based variants,
   * systemd-repart without a VM, or "auto": chosen per image at run time
   * (each target's `builder`).
   */
  builder: BuilderChoice;
  diskSize?: DiskSize;
  /** A file holding a custom format module (--format-path); its format is among the targets. */
  formatPath?: string;
  specialArgs: SpecialArg[];
  /** -I KEY=VALUE search path entries, in order. */
  includes: { key: string; value: string }[];
  /** --option NAME VALUE pass-through to Nix. */
  nixOptions: { name: string; value: string }[];
  cores?: number;
  maxJobs?: number;
  builders?: string;
  showTrace: boolean;
  /** Evaluate and print what would be built, without building. */
  dryRun: boolean;
  /** Build the (single, vm-like) format and start it. */
  run: boolean;
  /** Out-link path (one link per image when several). */
  outLink?: string;
  /** Boot each image after verification (src/boot); unset: no boot test. */
  boot?: BootSettings;
}

/** The boot test's settings: a timeout (default by accelerator) and where console logs go. */
export interface BootSettings {
  timeoutSeconds?: number;
  /** Where `<format>[-<system>].console.log` files go (default: a new directory in TMPDIR). */
  logDir?: string;
}

/** The format's name: the catalogue's canonical one, or the custom format's. */
export function formatName(format: FormatChoice): string {
  return format.kind === "catalogue" ? format.entry.name : format.name;
}

/** The distinct format names of the targets, in order. */
export function targetFormats(targets: readonly Target[]): string[] {
  return [...new Set(targets.map((t) => formatName(t.format)))];
}

/** The distinct systems of the targets, in order. */
export function targetSystems(targets: readonly Target[]): NixSystem[] {
  return [...new Set(targets.map((t) => t.system))];
}

/** The builder that makes the target: the one `auto` chose for it, else the request's ("vm" for an `auto` not chosen yet). */
export function targetBuilder(target: Pick<Target, "builder">, builder: BuilderChoice): Builder {
  return target.builder ?? (builder === "auto" ? "vm" : builder);
}
