// Every bootable format sends its console to the first serial port
// (nix/modules/serial-console.nix): config.boot.kernelParams of each format's
// configuration, as evaluated (nix/eval.nix's kernelParams), and the system's
// toplevel derivation (its kernelParams, what every boot entry is made from).
// Containers get nothing. One shared evaluation of every format x system
// (__tests__/helpers/catalogue-derivations.ts, cached).
import { beforeAll, describe, expect, test } from "vitest";
import { loadCatalogue } from "../../src/core/catalogue.js";
import { catalogueEvaluation, type CatalogueEvaluation } from "../helpers/catalogue-derivations.js";

let evaluation: CatalogueEvaluation;
beforeAll(async () => {
  evaluation = await catalogueEvaluation();
});

const catalogue = loadCatalogue();

function lastConsole(params: readonly string[]): string | undefined {
  return params.filter((p) => p.startsWith("console=")).at(-1);
}

describe("serial console per format", () => {
  test("every bootable format x system: console=ttyS0 (x86_64) / ttyAMA0 (aarch64) last, in its configuration and its toplevel derivation", () => {
    const rows: string[] = [];
    for (const format of catalogue.formats) {
      for (const system of format.systems) {
        const entry = evaluation.entry(format.name, system);
        const params = entry.kernelParams ?? [];
        const serial = system === "aarch64-linux" ? "console=ttyAMA0,115200n8" : "console=ttyS0,115200n8";
        rows.push(`${format.name} ${system}: ${params.filter((p) => p.startsWith("console=")).join(" ") || "(none)"}`);
        if (!format.boot) {
          expect(params.filter((p) => p === serial), `${format.name} is not booted: no serial console added`).toEqual([]);
          continue;
        }
        expect(lastConsole(params), `${format.name} (${system}): ${params.join(" ")}`).toBe(serial);
        expect(params).toContain("console=tty0");
        if (entry.toplevel) {
          const toplevel = evaluation.derivation(entry.toplevel);
          const kernelParams = toplevel.env.kernelParams ?? String(toplevel.structuredAttrs?.kernelParams ?? "");
          expect(kernelParams.split(" "), `${format.name} (${system}) toplevel`).toContain(serial);
        }
      }
    }
    console.log(rows.join("\n"));
  });
});
