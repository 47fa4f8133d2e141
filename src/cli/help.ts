// The texts of --help and --list, made from the option table and the catalogue.
import { SYSTEMS, type Catalogue, type NixSystem } from "../core/catalogue.js";
import { ExitCode } from "../core/errors.js";
import { TARGETS } from "../verify/targets/index.js";
import { OPTIONS, SUBCOMMANDS, optionSynopsis } from "./args.js";

/** What each exit code means (README "Exit codes"); every ExitCode has a line. */
export const EXIT_CODE_HELP: Record<keyof typeof ExitCode, string> = {
  ok: "success",
  failed: "Nix evaluation or build failed for a reason not in your input",
  usage: "bad command-line flags or action inputs",
  config: "the NixOS configuration does not evaluate",
  environment: "the environment: Nix missing or too old, nixpkgs too old, no space, no binfmt/KVM",
  verify: "an image did not pass verification",
  boot: "an image did not boot (boot FILE, --boot): a kernel panic, emergency mode, a hang or the timeout",
  interrupted: "interrupted (Ctrl-C / SIGTERM)",
};

export const EXAMPLES: readonly { command: string; help: string }[] = [
  { command: "nixos-generate -f iso -c ./configuration.nix", help: "an ISO image of ./configuration.nix" },
  { command: "nixos-generate --flake .#host -f qcow -f amazon --system aarch64-linux", help: "a qcow2 and an Amazon image of the flake's 'host', for 64-bit ARM" },
  { command: "nixos-generate --all --dry-run --json", help: "what every format would build, as JSON, without building" },
  { command: "nixos-generate -f raw --disk-size 20G -o ./result", help: "a 20 GiB raw disk, linked at ./result" },
  { command: "nixos-generate --run -c ./configuration.nix", help: "build the configuration as a VM and start it" },
  { command: "nixos-generate verify result/nixos.qcow2 --format qcow", help: "check a built image" },
  { command: "nixos-generate verify ./disk.vhd", help: "name what a file is (container, virtual size, label, members) and check its structure" },
  { command: "nixos-generate boot result/nixos.qcow2 -f qcow", help: "boot an image in QEMU and watch its serial console reach the multi-user target" },
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
  /** The image file's extension ("" for a directory, or unknown for a custom format). */
  extension: string;
  /** A format of the configuration's own formatConfigs, not of the catalogue. */
  custom: boolean;
  /** How the boot test boots it ("BIOS disk", "UEFI disk", "BIOS+UEFI ISO", "kernel", "runner"), "no", or "container" (a custom format: by its formatContainer). */
  boot: string;
}

/** How --list says a format boots in the boot test (nix/formats.json `boot`). */
export function bootSummary(boot: Catalogue["formats"][number]["boot"]): string {
  if (!boot) return "no";
  if (boot.how === "kernel" || boot.how === "runner") return boot.how;
  const firmware = boot.firmware.map((f) => f.toUpperCase()).join("+");
  return `${firmware} ${boot.how === "cdrom" ? "ISO" : "disk"}`;
}

/** What --list says of a custom format (the configuration's own). */
const CUSTOM_DESCRIPTION = "custom format of this configuration (formatConfigs)";

/** The --list entries, in catalogue order, then the configuration's custom formats. */
export function listEntries(catalogue: Catalogue, custom: readonly string[] = []): ListEntry[] {
  return [
    ...catalogue.formats.map((f) => ({
      name: f.name,
      aliases: [...f.aliases],
      systems: [...f.systems],
      description: f.description,
      diskSize: f.diskSize,
      diskSizeAuto: f.diskSizeAuto,
      runnable: f.runnable,
      extension: f.extension,
      custom: false,
      boot: bootSummary(f.boot),
    })),
    ...custom.map((name) => ({
      name,
      aliases: [],
      systems: [...SYSTEMS],
      description: CUSTOM_DESCRIPTION,
      diskSize: false,
      diskSizeAuto: false,
      runnable: false,
      extension: "",
      custom: true,
      boot: "container",
    })),
  ];
}

/** --list --json: a JSON array of ListEntry, with a final newline. */
export function listJson(catalogue: Catalogue, custom: readonly string[] = []): string {
  return `${JSON.stringify(listEntries(catalogue, custom), null, 2)}\n`;
}

/** --list: one line per format — name (aliases), systems, description. */
export function listText(catalogue: Catalogue, custom: readonly string[] = []): string {
  const rows = listEntries(catalogue, custom).map((f) => {
    const name = f.aliases.length > 0 ? `${f.name} (${f.aliases.join(", ")})` : f.name;
    const systems = f.systems.map((s) => s.replace(/-linux$/, "")).join(",");
    return [name, systems, f.boot, f.description] as const;
  });
  const nameWidth = Math.max(...rows.map((r) => r[0].length), "FORMAT (ALIASES)".length);
  const sysWidth = Math.max(...rows.map((r) => r[1].length), "SYSTEMS".length);
  const bootWidth = Math.max(...rows.map((r) => r[2].length), "BOOTS".length);
  const line = (a: string, b: string, c: string, d: string): string => `${a.padEnd(nameWidth + 2)}${b.padEnd(sysWidth + 2)}${c.padEnd(bootWidth + 2)}${d}`;
  return [
    line("FORMAT (ALIASES)", "SYSTEMS", "BOOTS", "DESCRIPTION"),
    ...rows.map((r) => line(...r)),
    "",
    "BOOTS: how `nixos-generate boot` and --boot (the action's boot-test) boot it in QEMU: a disk by BIOS or UEFI firmware, an ISO both ways, the kernel and initrd the image names (kernel), its own runner script (runner); containers are not booted (no).",
    "",
  ].join("\n");
}

/**
 * `nixos-generate verify --help`: both ways to verify, then each target's
 * acceptance rules with their sources, and what no file can show offline.
 */
export function verifyHelpText(): string {
  const verify = SUBCOMMANDS.find((s) => s.name === "verify");
  const options = table(OPTIONS.filter((o) => o.alsoFor?.includes("verify")).map((o) => [optionSynopsis(o), o.help] as const));
  const targets = TARGETS.flatMap((t) => [
    `  ${t.formats.join(", ")} — ${t.name}:`,
    ...t.rules.map((r) => `    ${r.check}: ${r.says}${r.enforcedBy ? ` [checked by ${r.enforcedBy}]` : ""}\n      source: ${r.source.title}, ${r.source.url}`),
    ...t.offline.map((o) => `    not checked (needs the provider, not the file): ${o}`),
  ]);
  return [
    `Usage: nixos-generate ${verify?.usage ?? "verify FILE"}`,
    "",
    "With --format NAME: checks that FILE is an image of that format: its compression, its container's",
    "structure (headers, checksums, tables, sizes) and the acceptance rules of the format's target below.",
    "Findings name the rule that is broken; exit code 5 when there is one.",
    "",
    "Without --format: names what FILE is from its bytes, as qemu-img info or file would (compression,",
    "container, virtual size, label, an archive's members), checks that container's structure, and exits 0",
    "when it is sound. Target rules need --format: one container serves several targets.",
    "",
    "Options:",
    ...options,
    "",
    "Target rules (format(s) — target: rule [structural checks that enforce it], source):",
    ...targets,
    "",
    "Formats not listed (qcow, raw, vmware, hyperv, kexec, …) are checked for their container's structure only.",
    "",
  ].join("\n");
}
