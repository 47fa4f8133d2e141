// Both front ends run the one pipeline: the same expectation for verification
// (expectationFor), no front end calling Nix or verify's checks itself, and no
// lower layer importing a higher one. Read from the sources, as written.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/core/catalogue.js";
import { projectPath } from "../../src/core/paths.js";
import { expectationFor } from "../../src/verify/expectation.js";

const catalogue = loadCatalogue();
const entry = (name: string) => {
  const f = catalogue.lookup(name);
  if (!f) throw new Error(`no format ${name}`);
  return { kind: "catalogue" as const, entry: f };
};

function sources(dir: string): string[] {
  return readdirSync(projectPath("src", dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join("src", dir, f));
}

/** The project files a source file imports (relative imports, resolved to src/...). */
function importsOf(file: string): string[] {
  const text = readFileSync(projectPath(file), "utf8");
  return [...text.matchAll(/^import[^;]*?from "(\.[^"]+)"/gms)].map((m) => relative(projectPath(), join(projectPath(file), "..", m[1] ?? "")).replace(/\.js$/, ".ts"));
}

describe("one expectation for verification", () => {
  it("a catalogue format: container, compression, target rules, the system, and the disk size only where it applies", () => {
    expect(expectationFor(entry("iso"), "x86_64-linux", 20480)).toEqual({
      kind: "expect",
      expectation: { container: "iso", compression: "none", target: "iso", system: "x86_64-linux" },
    });
    expect(expectationFor(entry("qcow"), "aarch64-linux", 20480)).toEqual({
      kind: "expect",
      expectation: { container: "qcow2", compression: "none", target: "qcow", system: "aarch64-linux", diskSizeMiB: 20480 },
    });
  });

  it("verify FILE without a format: identified by its bytes, held to the disk size it was said to have", () => {
    expect(expectationFor(undefined, undefined, 2048)).toEqual({ kind: "identify", options: { diskSizeMiB: 2048 } });
  });

  it("a custom format promises nothing the catalogue knows: verify reports what its bytes are and passes", () => {
    expect(expectationFor({ kind: "custom", name: "mine", from: "format-path" }, "x86_64-linux", 2048)).toEqual({ kind: "report", options: { system: "x86_64-linux" } });
  });

  it("a custom format that declares its container (formatContainer) is held to that container's checks", () => {
    expect(expectationFor({ kind: "custom", name: "mine", from: "format-path" }, "x86_64-linux", 2048, "qcow2")).toEqual({
      kind: "expect",
      expectation: { container: "qcow2", system: "x86_64-linux" },
    });
  });

  it("neither front end verifies, evaluates or builds by itself: only the pipeline does", () => {
    for (const file of [...sources("cli"), ...sources("action")]) {
      const imports = importsOf(file);
      for (const lower of ["src/nix/build.ts", "src/nix/evaluate.ts"]) {
        // The CLI's --list asks nix/evaluate for the configuration's own formats; nothing else does.
        if (file === "src/cli/main.ts" && lower === "src/nix/evaluate.ts") continue;
        expect(imports, `${file} imports ${lower}`).not.toContain(lower);
      }
      expect(readFileSync(projectPath(file), "utf8"), file).not.toMatch(/\bverifyImage\(/);
    }
  });
});

describe("layers", () => {
  // boot runs QEMU (from Nix when not on PATH) on images it unpacks with
  // verify's codecs, and the pipeline runs boot: between the two.
  const layers: Record<string, number> = { core: 0, nix: 1, verify: 1, publish: 1, boot: 1.5, pipeline: 2, cli: 3, action: 3 };
  it("no file imports a higher layer (core < nix, verify, publish < boot < pipeline < cli, action)", () => {
    for (const [dir, level] of Object.entries(layers)) {
      for (const file of sources(dir)) {
        for (const target of importsOf(file)) {
          const targetDir = /^src\/([^/]+)\//.exec(target)?.[1];
          if (!targetDir || targetDir === dir) continue;
          expect(layers[targetDir] ?? -1, `${file} -> ${target}`).toBeLessThan(level);
        }
      }
    }
  });

  it("the action's run.ts stays a thin front end", () => {
    expect(readFileSync(projectPath("src", "action", "run.ts"), "utf8").split("\n").length).toBeLessThanOrEqual(250);
  });
});
