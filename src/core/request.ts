// What the user asks for, the same from the command line and from the action.
import type { NixSystem } from "./catalogue.js";

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

export interface GenerateRequest {
  /** Canonical format names (aliases resolved), in the order given, no duplicates. */
  formats: string[];
  systems: NixSystem[];
  config: ConfigSource;
  diskSize?: DiskSize;
  /** A file holding a custom format module (--format-path). */
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
  /** Evaluate and print the plan without building. */
  dryRun: boolean;
  /** Build the (single, vm-like) format and start it. */
  run: boolean;
  /** Out-link path (one link per format when several). */
  outLink?: string;
  json: boolean;
}
