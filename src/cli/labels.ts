// How the command line names the request's fields, for the shared checks' messages.
import type { Field, Labels } from "../core/fields.js";

const NAMES: Record<Field, string> = {
  formats: "-f",
  systems: "--system",
  config: "-c",
  flake: "--flake",
  diskSize: "--disk-size",
  formatPath: "--format-path",
  outLink: "-o",
  run: "--run",
  specialArgs: "--special-arg",
  nixpkgs: "-I nixpkgs=",
  builder: "--builder",
};

export const CLI_LABELS: Labels = {
  name: NAMES,
  example: (field, value) => (field === "nixpkgs" ? `${NAMES.nixpkgs}${value}` : `${NAMES[field]} ${value}`),
  set: (field, what) => `Pass ${NAMES[field]} with ${what}`,
  allFormats: "--all",
};
