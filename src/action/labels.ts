// How the action names the request's fields (its inputs), for the shared
// checks' messages, and a shared check's error turned into an input error.
import type { Field, Labels } from "../core/fields.js";
import { UserError, isUserError } from "../core/errors.js";

/** The input behind each field; null for fields the action has no input for. */
export const FIELD_INPUTS: Readonly<Record<Field, string | null>> = {
  formats: "formats",
  systems: "system",
  config: "config",
  flake: "flake",
  diskSize: "disk-size",
  formatPath: "format-path",
  outLink: null,
  run: null,
  specialArgs: "special-args",
  nixpkgs: "nixpkgs",
  builder: "builder",
};

const name = (field: Field): string => `${FIELD_INPUTS[field] ?? field}:`;

export const ACTION_LABELS: Labels = {
  name: Object.fromEntries(Object.keys(FIELD_INPUTS).map((f) => [f, name(f as Field)])) as Record<Field, string>,
  example: (field, value) => `${name(field)} ${value}`,
  set: (field, what) => `Set ${name(field)} to ${what}`,
  allFormats: "formats: all",
};

/**
 * Runs a shared check; a UserError it throws about a field names that input:
 * "The input 'disk-size' is not valid: …". Other errors pass as they are.
 */
export function asInputError<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!isUserError(error) || error.field === undefined) throw error;
    const input = FIELD_INPUTS[error.field];
    if (input === null) throw error;
    const problem = error.problem.charAt(0).toLowerCase() + error.problem.slice(1);
    throw new UserError(`The input '${input}' is not valid: ${problem}`, error.fix, error.exitCode, error.details, error.field);
  }
}
