// Evaluation warnings are read from what Nix itself prints: nixpkgs' lib.warn
// (multi-line too), warnIf, and the module system's `warnings`, never a plain
// builtins.trace.
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { evaluationWarnings } from "../../src/nix/warnings.js";
import { NIXPKGS } from "../helpers/nix.js";

const execFileP = promisify(execFile);

async function stderrOf(expr: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "ng-warnings-"));
  writeFileSync(join(dir, "w.nix"), expr);
  const { stderr } = await execFileP("nix-instantiate", ["--eval", "--strict", "--json", join(dir, "w.nix")]);
  return stderr;
}

describe("evaluationWarnings", () => {
  it("reads lib.warn, warnIf and a multi-line warning, each once, and not a plain trace", { timeout: 60_000 }, async () => {
    const stderr = await stderrOf(`
      let lib = import ${NIXPKGS}/lib; in {
        a = lib.warn "the first warning\\nits second line" 1;
        b = builtins.trace "only a trace" 2;
        c = lib.warnIf true "the second warning" 3;
        d = lib.warn "the second warning" 4;
      }`);
    expect(stderr).toContain("only a trace");
    expect(evaluationWarnings(stderr)).toEqual(["the first warning\nits second line", "the second warning"]);
  });

  it("reads the module system's warnings of a configuration", { timeout: 120_000 }, async () => {
    const stderr = await stderrOf(`
      let lib = import ${NIXPKGS}/lib;
          eval = lib.evalModules { modules = [
            ({ lib, ... }: { options.warnings = lib.mkOption { type = lib.types.listOf lib.types.str; default = [ ]; }; })
            { warnings = [ "a module warns" ]; }
          ]; };
      in lib.foldr (w: v: lib.warn w v) true eval.config.warnings`);
    expect(evaluationWarnings(stderr)).toEqual(["a module warns"]);
  });

  it("finds none in an evaluation that printed none", { timeout: 60_000 }, async () => {
    expect(evaluationWarnings(await stderrOf("1 + 1"))).toEqual([]);
  });
});
