import { describe, expect, it } from "vitest";
import { loadCatalogue, parseCatalogue, SYSTEMS, type Catalogue, type Format } from "../../src/core/catalogue.js";
import { ExitCode } from "../../src/core/errors.js";
import type { Target } from "../../src/core/request.js";
import { didYouMean, editDistance, hostSystem, parseSystem as parseSystemWith } from "../../src/core/resolve-formats.js";
import { resolveTargets } from "../../src/core/targets.js";
import { ACTION_LABELS } from "../../src/action/labels.js";
import { CLI_LABELS } from "../../src/cli/labels.js";
import { userError } from "../cli/user-error.js";

const parseSystem = (text: string) => parseSystemWith(text, CLI_LABELS);

/** resolveTargets as the command line calls it; catalogue formats only unless `customAllowed`. */
function resolveFormats(names: string[], systems: Format["systems"], catalogue: Catalogue, opts: { all?: boolean; customAllowed?: boolean; formatPath?: string } = {}) {
  return resolveTargets(
    { names, systems, all: opts.all ?? false, customAllowed: opts.customAllowed ?? false, ...(opts.formatPath ? { formatPath: opts.formatPath } : {}) },
    catalogue,
    CLI_LABELS,
  ).map((t) => ({ ...t, format: t.format.kind === "catalogue" ? t.format.entry : fail(t) }));
}

function fail(t: Target): never {
  throw new Error(`a custom format where a catalogue one was expected: ${JSON.stringify(t.format)}`);
}

const shown = (targets: Target[]) => targets.map((t) => `${t.format.kind === "catalogue" ? t.format.entry.name : `${t.format.name} (custom, ${t.format.from})`}/${t.system}`);

function format(name: string, aliases: string[], systems: Format["systems"]): Format {
  return {
    name,
    aliases,
    description: `the ${name} format`,
    container: "qcow2",
    compression: "none",
    extension: "qcow2",
    systems,
    diskSize: true,
    diskSizeAuto: true,
    needsKvm: false,
    runnable: false,
    nixpkgsVariant: null,
    formatAttr: "image",
    originalFormatAttr: name,
    containsSystem: true,
    builders: ["vm"],
  };
}

// A small catalogue whose contents the tests control.
const small = parseCatalogue({
  formats: [
    format("qcow", ["qemu"], ["x86_64-linux", "aarch64-linux"]),
    format("iso", [], ["x86_64-linux", "aarch64-linux"]),
    format("sd-aarch64", ["sd-card"], ["aarch64-linux"]),
    format("pc-only", [], ["x86_64-linux"]),
  ],
});

describe("editDistance / didYouMean", () => {
  it("counts edits and transpositions", () => {
    expect(editDistance("qcow", "qcow")).toBe(0);
    expect(editDistance("qcow2", "qcow")).toBe(1);
    expect(editDistance("iso", "ios")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("suggests close names, best first, and prefixes", () => {
    expect(didYouMean("qcow2", ["qcow", "qcow-efi", "iso"])[0]).toBe("qcow");
    expect(didYouMean("ios", ["qcow", "iso"])).toEqual(["iso"]);
    expect(didYouMean("proxm", ["proxmox", "proxmox-lxc", "iso"])).toEqual(["proxmox", "proxmox-lxc"]);
    expect(didYouMean("zzzzzz", ["qcow", "iso"])).toEqual([]);
  });
});

describe("parseSystem", () => {
  it("takes every supported system", () => {
    for (const s of SYSTEMS) expect(parseSystem(s)).toBe(s);
  });

  it.each([
    ["arm64", "aarch64-linux"],
    ["aarch64", "aarch64-linux"],
    ["x86_64", "x86_64-linux"],
    ["amd64", "x86_64-linux"],
    ["x86_64-linu", "x86_64-linux"],
  ])("rejects %s and suggests %s", (text, hint) => {
    const e = userError(() => parseSystem(text));
    expect(e.problem).toBe(`unknown system '${text}'.`);
    expect(e.fix).toContain(`Did you mean '${hint}'?`);
    for (const s of SYSTEMS) expect(e.fix).toContain(s);
    expect(e.exitCode).toBe(ExitCode.usage);
  });

  it("explains that darwin is not an image system", () => {
    const e = userError(() => parseSystem("aarch64-darwin"));
    expect(e.problem).toContain("always a Linux system");
    expect(e.fix).toContain("'aarch64-linux'");
  });

  it("rejects an empty system", () => {
    const e = userError(() => parseSystem(""));
    expect(e.problem).toContain("empty");
    expect(e.fix).toContain("x86_64-linux");
  });

  it("maps the host CPU", () => {
    expect(hostSystem("x64")).toBe("x86_64-linux");
    expect(hostSystem("arm64")).toBe("aarch64-linux");
    expect(hostSystem("riscv64")).toBeUndefined();
  });
});

describe("resolveFormats", () => {
  it("resolves aliases, drops duplicates, keeps order", () => {
    const targets = resolveFormats(["iso", "qemu", "qcow", "iso"], ["x86_64-linux"], small);
    expect(targets.map((t) => `${t.format.name}/${t.system}`)).toEqual(["iso/x86_64-linux", "qcow/x86_64-linux"]);
  });

  it("pairs each format with each system, format by format", () => {
    const targets = resolveFormats(["qcow", "iso"], ["aarch64-linux", "x86_64-linux", "aarch64-linux"], small);
    expect(targets.map((t) => `${t.format.name}/${t.system}`)).toEqual([
      "qcow/aarch64-linux",
      "qcow/x86_64-linux",
      "iso/aarch64-linux",
      "iso/x86_64-linux",
    ]);
  });

  it("with all, takes every format each system has and skips the others", () => {
    const x86 = resolveFormats([], ["x86_64-linux"], small, { all: true }).map((t) => t.format.name);
    expect(x86).toEqual(small.formats.filter((f) => f.systems.includes("x86_64-linux")).map((f) => f.name));
    expect(x86).not.toContain("sd-aarch64");
    const both = resolveFormats([], ["x86_64-linux", "aarch64-linux"], small, { all: true });
    const expected = small.formats.reduce((n, f) => n + f.systems.length, 0);
    expect(both).toHaveLength(expected);
    expect(both.filter((t) => t.format.name === "sd-aarch64").map((t) => t.system)).toEqual(["aarch64-linux"]);
  });

  it("with all, covers the real catalogue", () => {
    const catalogue = loadCatalogue();
    const targets = resolveFormats([], ["x86_64-linux", "aarch64-linux"], catalogue, { all: true });
    expect(new Set(targets.map((t) => t.format.name)).size).toBe(catalogue.formats.length);
    for (const t of targets) expect(t.format.systems).toContain(t.system);
  });

  it("refuses --all together with names", () => {
    const e = userError(() => resolveFormats(["iso"], ["x86_64-linux"], small, { all: true }));
    expect(e.problem).toContain("--all was given together with");
    expect(e.fix).toContain("either --all");
    expect(e.field).toBe("formats");
    expect(e.exitCode).toBe(ExitCode.usage);
  });

  it("refuses an unknown format with a did-you-mean over names and aliases", () => {
    const e = userError(() => resolveFormats(["qcow2"], ["x86_64-linux"], small));
    expect(e.problem).toBe("unknown format 'qcow2'.");
    expect(e.fix).toContain("Did you mean 'qcow'");
    expect(e.fix).toContain("nixos-generate --list");
    expect(e.exitCode).toBe(ExitCode.usage);
    const alias = userError(() => resolveFormats(["sd-crd"], ["aarch64-linux"], small));
    expect(alias.fix).toContain("'sd-card (= sd-aarch64)'");
    const none = userError(() => resolveFormats(["raspberry"], ["aarch64-linux"], small));
    expect(none.fix).not.toContain("Did you mean");
    expect(none.fix).toContain("nixos-generate --list");
  });

  it("refuses a format the system lacks, explaining --system and binfmt", () => {
    const e = userError(() => resolveFormats(["sd-card"], ["x86_64-linux"], small));
    expect(e.problem).toBe("format 'sd-card' (sd-aarch64) is not available for x86_64-linux: it builds for aarch64-linux only.");
    expect(e.fix).toContain("--system aarch64-linux");
    expect(e.fix).toContain("boot.binfmt.emulatedSystems");
    expect(e.fix).toContain("qemu-user-static");
    expect(e.fix).toContain("extra-platforms = aarch64-linux");
    expect(e.exitCode).toBe(ExitCode.usage);
    const other = userError(() => resolveFormats(["pc-only"], ["x86_64-linux", "aarch64-linux"], small));
    expect(other.problem).toContain("not available for aarch64-linux");
    expect(other.fix).toContain("--system x86_64-linux in a run of its own");
    expect(other.field).toBe("formats");
    expect(e.fix).not.toContain("run of its own");
  });

  it("refuses the real sd-aarch64 on x86_64-linux", () => {
    const catalogue = loadCatalogue();
    const sd = catalogue.lookup("sd-aarch64");
    expect(sd?.systems).not.toContain("x86_64-linux");
    const e = userError(() => resolveFormats(["sd-aarch64"], ["x86_64-linux"], catalogue));
    expect(e.fix).toContain("--system aarch64-linux");
  });

  it("needs a system", () => {
    const e = userError(() => resolveFormats(["iso"], [], small));
    expect(e.problem).toBe("no system given.");
    expect(e.fix).toContain("--system");
  });
});

describe("custom formats", () => {
  it("a name the catalogue lacks is the configuration's own format when the configuration can define one", () => {
    const targets = resolveTargets({ names: ["iso", "my-format"], systems: ["x86_64-linux", "aarch64-linux"], all: false, customAllowed: true }, small, CLI_LABELS);
    expect(shown(targets)).toEqual([
      "iso/x86_64-linux",
      "iso/aarch64-linux",
      "my-format (custom, configuration)/x86_64-linux",
      "my-format (custom, configuration)/aarch64-linux",
    ]);
  });

  it("without a configuration of the user's (the embedded default), an unknown name is refused with did-you-mean", () => {
    const e = userError(() => resolveTargets({ names: ["qcow2"], systems: ["x86_64-linux"], all: false, customAllowed: false }, small, CLI_LABELS));
    expect(e.problem).toBe("unknown format 'qcow2'.");
    expect(e.field).toBe("formats");
  });

  it("a --format-path file's format comes last, named after the file, for every system; -f of the same name is not built twice", () => {
    const targets = resolveTargets(
      { names: ["qcow", "blob"], systems: ["x86_64-linux"], all: false, customAllowed: true, formatPath: "/src/formats/blob.nix" },
      small,
      CLI_LABELS,
    );
    expect(shown(targets)).toEqual(["qcow/x86_64-linux", "blob (custom, configuration)/x86_64-linux"]);
    const alone = resolveTargets({ names: [], systems: ["x86_64-linux", "aarch64-linux"], all: false, customAllowed: false, formatPath: "/src/blob.nix" }, small, CLI_LABELS);
    expect(shown(alone)).toEqual(["blob (custom, format-path)/x86_64-linux", "blob (custom, format-path)/aarch64-linux"]);
  });

  it("no format at all is refused, worded for each front end", () => {
    const input = { names: [], systems: ["x86_64-linux" as const], all: false, customAllowed: true };
    const cli = userError(() => resolveTargets(input, small, CLI_LABELS));
    expect(cli.problem).toBe("no format given.");
    expect(cli.fix).toMatch(/^Pass -f with format names or --all/);
    const action = userError(() => resolveTargets(input, small, ACTION_LABELS));
    expect(action.fix).toMatch(/^Set formats: to format names or formats: all/);
    expect(action.field).toBe("formats");
  });

  it("the same refusal names the flag on the command line and the input in the action", () => {
    const input = { names: ["sd-card"], systems: ["x86_64-linux" as const], all: false, customAllowed: false };
    expect(userError(() => resolveTargets(input, small, CLI_LABELS)).fix).toContain("Build it with --system aarch64-linux;");
    expect(userError(() => resolveTargets(input, small, ACTION_LABELS)).fix).toContain("Build it with system: aarch64-linux;");
  });
});
