// Every bootable format sends its console to a serial port
// (nix/modules/serial-console.nix), at the derivation level: the kernel
// parameters of each catalogue format x system are read from the shared
// evaluation (__tests__/helpers/catalogue-derivations.ts: nix/eval.nix's
// `kernelParams` through src/nix/evaluate.ts) and from the system's toplevel
// derivation (its structured attribute `kernelParams`, which every boot entry
// is written from: GRUB, systemd-boot, extlinux, isolinux, the kexec script,
// the VM runner). What the formats name themselves comes from one more
// evaluation of config.boot.kernelParams per system with
// `formatSettings.serialConsole.enable = false` (no derivation instantiated).
import { beforeAll, describe, expect, test } from "vitest";
import { loadCatalogue, type NixSystem } from "../../src/core/catalogue.js";
import { catalogueEvaluation, type CatalogueEvaluation } from "../helpers/catalogue-derivations.js";
import { nixEvalJson } from "../helpers/nix.js";

const catalogue = loadCatalogue();
const SYSTEMS: NixSystem[] = ["x86_64-linux", "aarch64-linux"];
/** The machine's first serial port in QEMU (the boot test's): the module's `device` default. */
const PORT: Record<NixSystem, string> = { "x86_64-linux": "ttyS0", "aarch64-linux": "ttyAMA0" };

let evaluation: CatalogueEvaluation;
/** `format system` -> the console= parameters the format's configuration names without the serial-console module. */
const own = new Map<string, string[]>();

const consolesOf = (params: readonly string[]): string[] => params.filter((p) => p.startsWith("console="));
const deviceOf = (param: string): string => param.slice("console=".length).split(",")[0]!;
const isTerminal = (param: string): boolean => /^tty[0-9]*$/.test(deviceOf(param));

function withoutSerialConsole(system: NixSystem, formats: readonly string[]): string {
  return `let
    c = import (nixpkgs + "/nixos/lib/eval-config.nix") {
      system = "${system}";
      modules = [
        (nix + "/default-configuration.nix")
        (import (nix + "/lib.nix") { inherit lib; }).allFormatsModule
        { formatConfigs = lib.genAttrs ${JSON.stringify(formats).replace(/,/g, " ")} (_: { formatSettings.serialConsole.enable = false; }); }
      ];
    };
  in lib.genAttrs ${JSON.stringify(formats).replace(/,/g, " ")} (f: builtins.filter (lib.hasPrefix "console=") (c.config.formatEvaluator f).passthru.config.boot.kernelParams)`;
}

beforeAll(async () => {
  const [shared] = await Promise.all([
    catalogueEvaluation(),
    ...SYSTEMS.map(async (system) => {
      const formats = catalogue.formats.filter((f) => f.systems.includes(system) && f.boot).map((f) => f.name);
      const result = await nixEvalJson<Record<string, string[]>>(withoutSerialConsole(system, formats));
      for (const [format, list] of Object.entries(result)) own.set(`${format} ${system}`, list);
    }),
  ]);
  evaluation = shared;
}, 1_800_000);

/** The console= parameters of a pair, from its system's toplevel derivation (what the boot entries are written from). */
function derivationConsoles(format: string, system: NixSystem): string[] {
  const entry = evaluation.entry(format, system);
  if (!entry.toplevel) throw new Error(`${format} ${system}: no toplevel`);
  const drv = evaluation.derivation(entry.toplevel);
  const params = drv.structuredAttrs?.kernelParams ?? drv.env.kernelParams?.split(" ");
  if (!Array.isArray(params)) throw new Error(`${format} ${system}: the toplevel derivation has no kernelParams`);
  return consolesOf(params.filter((p): p is string => typeof p === "string"));
}

describe("serial console per format, at the derivation level", () => {
  test("nix/eval.nix reports the kernel parameters the system's toplevel derivation is built with", () => {
    // Containers' systems have no kernel command line (boot.isContainer); lxc-metadata holds no system.
    for (const entry of evaluation.entries.filter((e) => e.toplevel !== null && catalogue.lookup(e.format)?.boot)) {
      expect(consolesOf(entry.kernelParams ?? []), `${entry.format} ${entry.system}`).toEqual(derivationConsoles(entry.format, entry.system as NixSystem));
    }
  });

  test("a format that names no serial console gets console=tty0 (unless it names a terminal) and then the port; one that names another port gets the port before its own; one that names the port, nothing", () => {
    const rows: string[] = [];
    for (const format of catalogue.formats.filter((f) => f.boot)) {
      for (const system of format.systems) {
        const mine = own.get(`${format.name} ${system}`);
        expect(mine, `${format.name} ${system} evaluated without the serial console`).toBeDefined();
        const consoles = derivationConsoles(format.name, system);
        const port = `console=${PORT[system]},115200n8`;
        const serial = mine!.filter((c) => !isTerminal(c)).map(deviceOf);
        rows.push(`| ${format.name} | ${system} | ${mine!.join(" ") || "(none)"} | ${consoles.join(" ")} |`);
        const pair = `${format.name} ${system}: own ${mine!.join(" ") || "(none)"}, image ${consoles.join(" ")}`;
        if (serial.length === 0) expect(consoles, pair).toEqual([...mine!, ...(mine!.some(isTerminal) ? [] : ["console=tty0"]), port]);
        else if (!serial.includes(PORT[system])) expect(consoles, pair).toEqual([port, ...mine!]);
        else expect(consoles, pair).toEqual(mine);
        // Whatever the case, the boot test's port is on the command line, and nothing twice.
        expect(consoles.some((c) => deviceOf(c) === PORT[system]), pair).toBe(true);
        expect(new Set(consoles).size, pair).toBe(consoles.length);
      }
    }
    console.log(`| format | system | the format's own console= | the image's console= (toplevel derivation) |\n|---|---|---|---|\n${rows.join("\n")}`);
  });

  test("aarch64: the formats naming ttyS0 (AWS Graviton's port) keep it last, so /dev/console where ttyS0 exists; ttyAMA0 (QEMU's virt, PL011 machines) comes first", () => {
    for (const format of ["amazon", "azure", "do", "gce", "kubevirt", "proxmox"]) {
      const consoles = derivationConsoles(format, "aarch64-linux");
      expect(deviceOf(consoles.at(-1)!), `${format}: ${consoles.join(" ")}`).toBe("ttyS0");
      expect(consoles[0], format).toBe("console=ttyAMA0,115200n8");
      expect(consoles.filter((c) => deviceOf(c) === "ttyAMA0"), format).toHaveLength(1);
      expect(consoles, `${format}: no console=tty0 added after the format's port`).not.toContain("console=tty0");
      // The same module on x86_64, where ttyS0 is the port: nothing added.
      expect(derivationConsoles(format, "x86_64-linux"), format).toEqual(consoles.slice(1));
    }
  });

  test("containers get no console of their own (boot.isContainer), and are not booted", () => {
    for (const format of catalogue.formats.filter((f) => f.container === "rootfs-tar")) {
      expect(format.boot ?? null, format.name).toBeNull();
      for (const system of format.systems) {
        const params = evaluation.entry(format.name, system).kernelParams ?? [];
        expect(consolesOf(params), `${format.name} ${system}`).toEqual([]);
      }
    }
  });
});
