// The fields of a request, and how each front end names them. The shared
// checks word their messages with a front end's labels ("--system" on the
// command line, "system:" in a workflow), so neither rewrites the other's text.

export const FIELDS = ["formats", "systems", "config", "flake", "diskSize", "formatPath", "outLink", "run", "specialArgs", "nixpkgs", "builder"] as const;
export type Field = (typeof FIELDS)[number];

export interface Labels {
  /** A field's name as the user writes it: "--system", "system:". */
  readonly name: Readonly<Record<Field, string>>;
  /** A field with a value, as the user writes it: "--system aarch64-linux", "system: aarch64-linux". */
  example(field: Field, value: string): string;
  /** A sentence's start giving a field a value: "Pass -c with WHAT", "Set config: to WHAT". */
  set(field: Field, what: string): string;
  /** How all formats are asked for: "--all", "formats: all". */
  readonly allFormats: string;
}
