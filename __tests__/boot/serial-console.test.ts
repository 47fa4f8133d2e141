// Every bootable format sends its console to the first serial port
// (nix/modules/serial-console.nix), read from each format's evaluated
// configuration: config.boot.kernelParams, what every boot entry (GRUB,
// systemd-boot, extlinux, isolinux, the kexec script, the VM runner) is
// written from. One nix-instantiate per system for all its formats (only
// kernelParams is forced: no derivation is instantiated), and nix/eval.nix's
// `kernelParams` field through src/nix/evaluate.ts for one format.
import { beforeAll, describe, expect, test } from "vitest";
import { loadCatalogue, type NixSystem } from "../../src/core/catalogue.js";
import { evaluate } from "../../src/nix/evaluate.js";
import { nixEvalJson, testRequest } from "../helpers/nix.js";

const catalogue = loadCatalogue();
const SYSTEMS: NixSystem[] = ["x86_64-linux", "aarch64-linux"];
const params = new Map<string, string[]>();

function expression(system: NixSystem, formats: readonly string[]): string {
  return `let
    c = import (nixpkgs + "/nixos/lib/eval-config.nix") {
      system = "${system}";
      modules = [ (nix + "/default-configuration.nix") (import (nix + "/lib.nix") { inherit lib; }).allFormatsModule ];
    };
  in lib.genAttrs ${JSON.stringify(formats).replace(/,/g, " ")} (f: (c.config.formatEvaluator f).passthru.config.boot.kernelParams)`;
}

beforeAll(async () => {
  await Promise.all(
    SYSTEMS.map(async (system) => {
      const formats = catalogue.formats.filter((f) => f.systems.includes(system)).map((f) => f.name);
      const result = await nixEvalJson<Record<string, string[]>>(expression(system, formats));
      for (const [format, list] of Object.entries(result)) params.set(`${format} ${system}`, list);
    }),
  );
}, 900_000);

describe("serial console per format (config.boot.kernelParams)", () => {
  test("every format x system with a kernel (all but the containers) has its console on ttyS0 (aarch64: ttyAMA0): ours (console=tty0 console=ttyS0,115200n8 last) where the format names none", () => {
    const rows: string[] = [];
    for (const format of catalogue.formats) {
      for (const system of format.systems) {
        const list = params.get(`${format.name} ${system}`);
        expect(list, `${format.name} ${system} evaluated`).toBeDefined();
        const consoles = (list ?? []).filter((p) => p.startsWith("console="));
        rows.push(`| ${format.name} | ${system} | ${consoles.join(" ") || "(none)"} |`);
        const serial = system === "aarch64-linux" ? "console=ttyAMA0,115200n8" : "console=ttyS0,115200n8";
        // Containers (boot.isContainer) have no kernel of their own: nothing added.
        // lxc-metadata's file holds no system (its configuration is not a container's, so it gets the settings, unused).
        if (format.container === "lxc-metadata") continue;
        if (format.container === "rootfs-tar") {
          expect(consoles.slice(-2), `${format.name} is a container`).not.toEqual(["console=tty0", serial]);
          continue;
        }
        // Ours (console=tty0 console=<port>,115200n8, last) where the format names no console on the port; its own setting where it does (amazon, linode, sd-aarch64), never doubled.
        const device = serial.slice(0, serial.indexOf(","));
        expect(consoles.some((c) => c.startsWith(device)), `${format.name} (${system}): ${(list ?? []).join(" ")}`).toBe(true);
        expect(consoles.filter((c) => c === serial).length, `${format.name} (${system}) not doubled`).toBe(1 - Number(consoles.some((c) => c.startsWith(device) && c !== serial)));
        if (consoles.length === 2) expect(consoles).toEqual(["console=tty0", serial]);
      }
    }
    console.log(rows.join("\n"));
  });

  test("nix/eval.nix reports each image's kernelParams (src/nix/evaluate.ts)", async () => {
    const [raw] = await evaluate(testRequest(), [{ format: "raw", system: "x86_64-linux" }]);
    expect(raw?.kernelParams?.slice(-2)).toEqual(["console=tty0", "console=ttyS0,115200n8"]);
  }, 600_000);
});
