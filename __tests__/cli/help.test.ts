import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/core/catalogue.js";
import { ExitCode } from "../../src/core/errors.js";
import { OPTIONS, SUBCOMMANDS, optionSynopsis } from "../../src/cli/args.js";
import { EXIT_CODE_HELP, bootSummary, helpText, listEntries, listJson, listText } from "../../src/cli/help.js";

const catalogue = loadCatalogue();

describe("helpText", () => {
  const text = helpText();

  it("starts with the usage", () => {
    expect(text.split("\n")[0]).toMatch(/^Usage: nixos-generate /);
  });

  it("has every option with its one-line description", () => {
    const lines = text.split("\n");
    for (const o of OPTIONS) {
      const line = lines.find((l) => l.trimStart().startsWith(`${optionSynopsis(o)} `));
      expect(line, optionSynopsis(o)).toBeDefined();
      expect(line).toContain(o.help);
    }
    expect(text).toContain("-f, --format NAME");
    expect(text).toContain("--special-arg NAME VALUE");
    expect(text).toContain("-I KEY=VALUE");
  });

  it("has the commands", () => {
    for (const s of SUBCOMMANDS) expect(text).toContain(`nixos-generate ${s.usage}`);
  });

  it("has every exit code", () => {
    const section = text.slice(text.indexOf("Exit codes:"), text.indexOf("Examples:"));
    for (const [key, code] of Object.entries(ExitCode)) {
      expect(section).toMatch(new RegExp(`^  ${code} +${EXIT_CODE_HELP[key as keyof typeof ExitCode].replace(/[()/]/g, "\\$&")}$`, "m"));
    }
  });

  it("has the examples", () => {
    expect(text).toContain("nixos-generate -f iso -c ./configuration.nix");
    expect(text).toContain("--flake .#host -f qcow -f amazon --system aarch64-linux");
    expect(text).toContain("nixos-generate --all --dry-run --json");
  });

  it("has no line over 160 columns and no trailing spaces", () => {
    for (const line of text.split("\n")) {
      expect(line.length).toBeLessThanOrEqual(160);
      expect(line).toBe(line.trimEnd());
    }
  });
});

describe("--list", () => {
  it("text: a header and one line per format with aliases, systems, description", () => {
    const lines = listText(catalogue).trimEnd().split("\n").slice(0, catalogue.formats.length + 1);
    expect(lines).toHaveLength(catalogue.formats.length + 1);
    catalogue.formats.forEach((f, i) => {
      const line = lines[i + 1] ?? "";
      expect(line.startsWith(f.aliases.length > 0 ? `${f.name} (${f.aliases.join(", ")})` : `${f.name} `)).toBe(true);
      expect(line).toContain(f.systems.map((s) => s.replace("-linux", "")).join(","));
      expect(line.endsWith(f.description)).toBe(true);
    });
  });

  it("json: an array with every format's name, aliases, systems and description", () => {
    const parsed: unknown = JSON.parse(listJson(catalogue));
    expect(Array.isArray(parsed)).toBe(true);
    expect(parsed).toEqual(listEntries(catalogue));
    expect(parsed).toEqual(
      catalogue.formats.map((f) => ({
        name: f.name,
        aliases: f.aliases,
        systems: f.systems,
        description: f.description,
        diskSize: f.diskSize,
        diskSizeAuto: f.diskSizeAuto,
        runnable: f.runnable,
        extension: f.extension,
        custom: false,
        boot: bootSummary(f.boot),
      })),
    );
  });

  it("a configuration's own formats are listed after the catalogue's, marked custom", () => {
    const entries = listEntries(catalogue, ["my-format"]);
    expect(entries).toHaveLength(catalogue.formats.length + 1);
    expect(entries.at(-1)).toMatchObject({ name: "my-format", custom: true, systems: ["x86_64-linux", "aarch64-linux"] });
    expect(listText(catalogue, ["my-format"])).toMatch(/\nmy-format +x86_64,aarch64 +container +custom format of this configuration \(formatConfigs\)\n/);
  });
});
