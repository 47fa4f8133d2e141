// The texts of --help and --list, made from the option table and the catalogue.
import type { Catalogue, NixSystem } from "../core/catalogue.js";
import { ExitCode } from "../core/errors.js";
import { OPTIONS, SUBCOMMANDS, optionSynopsis } from "./args.js";

/** What each exit code means (README "Exit codes"); every ExitCode has a line. */
export const EXIT_CODE_HELP: Record<keyof typeof ExitCode, string> = {
  ok: "success",
  failed: "Nix evaluation or build failed for a reason not in your input",
  usage: "bad command-line flags or action inputs",
  config: "the NixOS configuration does not evaluate",
  environment: "the environment: Nix missing or too old, nixpkgs too old, no space, no binfmt/KVM",
  verify: "an image did not pass verification",
  interrupted: "interrupted (Ctrl-C / SIGTERM)",
};

export const EXAMPLES: readonly { command: string; help: string }[] = [
  { command: "nixos-generate -f iso -c ./configuration.nix", help: "an ISO image of ./configuration.nix" },
  { command: "nixos-generate --flake .#host -f qcow -f amazon --system aarch64-linux", help: "a qcow2 and an Amazon image of the flake's 'host', for 64-bit ARM" },
  { command: "nixos-generate --all --dry-run --json", help: "what every format would build, as JSON, without building" },
  { command: "nixos-generate -f raw --disk-size 20G -o ./result", help: "a 20 GiB raw disk, linked at ./result" },
  { command: "nixos-generate --run -c ./configuration.nix", help: "build the configuration as a VM and start it" },
  { command: "nixos-generate verify result/nixos.qcow2 --format qcow", help: "check a built image" },
  { command: "source <(nixos-generate completions bash)", help: "tab completion in bash" },
];

function table(rows: readonly (readonly [string, string])[], indent = 2, gap = 2): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${" ".repeat(indent)}${left.padEnd(width + gap)}${right}`.trimEnd());
}

/** The --help text. */
export function helpText(): string {
  const options = table(OPTIONS.map((o) => [optionSynopsis(o), o.help] as const));
  const commands = table(SUBCOMMANDS.map((s) => [s.name, s.help] as const));
  const codes = table(
    (Object.keys(ExitCode) as (keyof typeof ExitCode)[]).map((k) => [String(ExitCode[k]), EXIT_CODE_HELP[k]] as const),
  );
  const examples = EXAMPLES.flatMap((e) => [`  ${e.command}`, `      ${e.help}`]);
  return [
    "Usage: nixos-generate -f FORMAT [-f FORMAT ...] [-c PATH | --flake URI#NAME] [options]",
    "       nixos-generate --all [options]",
    "       nixos-generate --list [--json]",
    ...SUBCOMMANDS.map((s) => `       nixos-generate ${s.usage}`),
    "",
    "Turns one NixOS configuration into disk images in many formats.",
    "",
    "Options:",
    ...options,
    "",
    "An option's value may also follow an '=' (--format=iso) or be attached to a short option (-fiso, -Inixpkgs=PATH).",
    "",
    "Commands:",
    ...commands,
    "",
    "Exit codes:",
    ...codes,
    "",
    "Examples:",
    ...examples,
    "",
  ].join("\n");
}

export interface ListEntry {
  name: string;
  aliases: string[];
  systems: NixSystem[];
  description: string;
  /** Whether --disk-size applies, and whether it may be "auto". */
  diskSize: boolean;
  diskSizeAuto: boolean;
  /** Whether --run can start it. */
  runnable: boolean;
  /** The image file's extension ("" for a directory). */
  extension: string;
}

/** The --list entries, in catalogue order. */
export function listEntries(catalogue: Catalogue): ListEntry[] {
  return catalogue.formats.map((f) => ({
    name: f.name,
    aliases: [...f.aliases],
    systems: [...f.systems],
    description: f.description,
    diskSize: f.diskSize,
    diskSizeAuto: f.diskSizeAuto,
    runnable: f.runnable,
    extension: f.extension,
  }));
}

/** --list --json: a JSON array of ListEntry, with a final newline. */
export function listJson(catalogue: Catalogue): string {
  return `${JSON.stringify(listEntries(catalogue), null, 2)}\n`;
}

/** --list: one line per format — name (aliases), systems, description. */
export function listText(catalogue: Catalogue): string {
  const rows = catalogue.formats.map((f) => {
    const name = f.aliases.length > 0 ? `${f.name} (${f.aliases.join(", ")})` : f.name;
    const systems = f.systems.map((s) => s.replace(/-linux$/, "")).join(",");
    return [name, systems, f.description] as const;
  });
  const nameWidth = Math.max(...rows.map((r) => r[0].length), "FORMAT (ALIASES)".length);
  const sysWidth = Math.max(...rows.map((r) => r[1].length), "SYSTEMS".length);
  const line = (a: string, b: string, c: string): string => `${a.padEnd(nameWidth + 2)}${b.padEnd(sysWidth + 2)}${c}`;
  return [line("FORMAT (ALIASES)", "SYSTEMS", "DESCRIPTION"), ...rows.map((r) => line(...r)), ""].join("\n");
}
