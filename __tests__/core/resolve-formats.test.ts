import { describe, expect, it } from "vitest";
import { loadCatalogue, parseCatalogue, SYSTEMS, type Format } from "../../src/core/catalogue.js";
import { ExitCode } from "../../src/core/errors.js";
import {
  didYouMean,
  editDistance,
  hostSystem,
  parseSystem,
  requestTargets,
  resolveFormats,
} from "../../src/core/resolve-formats.js";
import { userError } from "../cli/user-error.js";

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

describe("requestTargets", () => {
  it("skips the pairs a format lacks", () => {
    const targets = requestTargets({ formats: ["sd-aarch64", "iso"], systems: ["x86_64-linux", "aarch64-linux"] }, small);
    expect(targets.map((t) => `${t.format.name}/${t.system}`)).toEqual(["sd-aarch64/aarch64-linux", "iso/x86_64-linux", "iso/aarch64-linux"]);
  });
});
