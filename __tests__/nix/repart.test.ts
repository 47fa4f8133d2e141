// The repart builder (nix/builders): the UEFI disk formats built by
// systemd-repart, checked at derivation level on the pinned nixpkgs (no image
// is built here). Everything is read from the .drv files the evaluation
// writes: no derivation in an image's closure requires `kvm` (while the vm
// builder's image does, which shows the check can see one), the partition
// definitions systemd-repart reads, the boot entry against the system's own
// kernel, initrd and kernel parameters, the file name against the catalogue,
// and the refusals. The default run covers a representative set;
// FULL_SWEEP=1 evaluates every repart format x system, each also with the vm
// builder.
import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/core/catalogue.js";
import { projectPath } from "../../src/core/paths.js";
import { closureOf, requiredSystemFeatures, showDerivations, type ShownDerivation } from "../helpers/derivations.js";
import { drvClosure, nixEvalJson } from "../helpers/nix.js";

const catalogue = loadCatalogue();
const FULL = process.env.FULL_SWEEP === "1";
const T = { timeout: 300_000 };

const REPART_FORMATS = ["qcow-efi", "raw-efi", "vmware", "hyperv", "amazon", "azure", "gce", "oci", "openstack"];
/** What each format must switch on so the platform boots the disk by UEFI (config path -> value). */
const UEFI_SETTING: Record<string, [string, unknown]> = {
  amazon: ["ec2.efi", true],
  azure: ["virtualisation.azureImage.vmGeneration", "v2"],
  gce: ["virtualisation.googleComputeImage.efi", true],
  oci: ["oci.efi", true],
  openstack: ["openstack.efi", true],
};

type Batch = { system: string; builder: "repart" | "vm"; config: "default" | "hardware"; diskSize: number | null; formats: string[] };

function pairsFor(system: string): string[] {
  return REPART_FORMATS.filter((f) => catalogue.lookup(f)?.systems.includes(system as never));
}

const batches: Batch[] = FULL
  ? ["x86_64-linux", "aarch64-linux"].flatMap((system) =>
      (["repart", "vm"] as const).map((builder) => ({ system, builder, config: "default" as const, diskSize: null, formats: pairsFor(system) })),
    )
  : [
      { system: "x86_64-linux", builder: "repart", config: "default", diskSize: null, formats: ["qcow-efi", "amazon", "azure", "gce", "vmware"] },
      { system: "aarch64-linux", builder: "repart", config: "default", diskSize: null, formats: ["raw-efi", "hyperv", "openstack"] },
      { system: "x86_64-linux", builder: "vm", config: "default", diskSize: null, formats: ["qcow-efi"] },
    ];
// A host configuration (file systems by UUID, btrfs root, GRUB device) with a
// fixed disk size: the format still owns the layout, and the size reaches repart.
batches.push({ system: "x86_64-linux", builder: "repart", config: "hardware", diskSize: 8192, formats: ["amazon"] });

interface Entry {
  format: string;
  system: string;
  builder: string;
  config: string;
  diskSize: number | "auto";
  drvPath: string;
  fileName: string;
  filePath: string;
  label: string;
  toplevelDrv: string;
  toplevelOut: string;
  rootDevice: string | null;
  espDevice: string | null;
  systemdBoot: boolean;
  grub: boolean;
  registerScript: string | null;
  uefiSetting: unknown;
}

/** One Nix process for every batch: one base configuration per batch, formats evaluated fresh. */
function batchExpr(): string {
  const hardware = projectPath("__tests__", "fixtures", "hardware-configuration.nix");
  return `
    let
      batches = builtins.fromJSON ${JSON.stringify(JSON.stringify(batches))};
      uefiSetting = builtins.fromJSON ${JSON.stringify(JSON.stringify(UEFI_SETTING))};
      evalBatch = b:
        let
          nixos = import (nixpkgs + "/nixos/lib/eval-config.nix") {
            inherit (b) system;
            modules = [
              (if b.config == "hardware" then ${hardware} else nix + "/default-configuration.nix")
              (nix + "/modules/all-formats.nix")
              { formatSettings.builder = b.builder; formatSettings.diskSize = b.diskSize; }
            ];
          };
          entry = format:
            let
              drv = nixos.config.formatEvaluator format;
              c = drv.passthru.config;
              esp = c.boot.loader.efi.efiSysMountPoint;
            in {
              inherit format;
              inherit (b) system builder config;
              diskSize = c.virtualisation.diskSize;
              drvPath = drv.drvPath;
              fileName = c.image.fileName;
              filePath = c.image.filePath;
              label = c.system.nixos.label;
              toplevelDrv = c.system.build.toplevel.drvPath;
              toplevelOut = c.system.build.toplevel.outPath;
              rootDevice = c.fileSystems."/".device or null;
              espDevice = c.fileSystems.\${esp}.device or null;
              systemdBoot = c.boot.loader.systemd-boot.enable;
              grub = c.boot.loader.grub.enable;
              registerScript = c.systemd.services.nixos-generators-register-paths.script or null;
              uefiSetting =
                if uefiSetting ? \${format}
                then lib.attrByPath (lib.splitString "." (builtins.head uefiSetting.\${format})) null c
                else null;
            };
        in map entry b.formats;
    in lib.concatMap evalBatch batches`;
}

/** The derivation whose output is `out`. */
function producerOf(drvs: ReadonlyMap<string, ShownDerivation>, out: string): ShownDerivation {
  for (const d of drvs.values()) if (Object.values(d.outputs).includes(out)) return d;
  throw new Error(`no derivation outputs ${out}`);
}

/** The text a writeText-style derivation writes (`text`, plain or passed as file). */
function textOf(drv: ShownDerivation): string {
  const text = drv.env.text ?? (drv.structuredAttrs?.text as string | undefined);
  if (text === undefined) throw new Error(`${drv.name} has no text`);
  return text;
}

function ini(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split("\n")
      .filter((l) => l.includes("="))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
}

const byLabel = (device: string | null) => device?.match(/^\/dev\/disk\/by-label\/(.+)$/)?.[1];

// -----------------------------------------------------------------------------

describe(`the repart builder${FULL ? " (full sweep)" : ""}`, () => {
  let entries: Entry[] = [];
  let drvs = new Map<string, ShownDerivation>();
  let evalSeconds = 0;
  const repart = () => entries.filter((e) => e.builder === "repart");

  beforeAll(async () => {
    const start = Date.now();
    entries = await nixEvalJson<Entry[]>(batchExpr());
    evalSeconds = (Date.now() - start) / 1000;
    drvs = await showDerivations(entries.map((e) => e.drvPath));
  }, 1_800_000);

  it("evaluates every batch's formats", () => {
    const expected = batches.flatMap((b) => b.formats.map((f) => `${f}/${b.system}/${b.builder}`));
    expect(entries.map((e) => `${e.format}/${e.system}/${e.builder}`)).toEqual(expected);
    console.info(`repart test evaluation: ${entries.length} images in ${evalSeconds.toFixed(1)} s`);
  });

  it("has no derivation requiring kvm in a repart image's closure, and the vm builder's image has one", () => {
    const rows: string[] = [];
    for (const e of entries) {
      const closure = closureOf(drvs, e.drvPath);
      // The closure holds the system and a real build (not an empty shell).
      expect(closure.has(e.toplevelDrv), `${e.format}/${e.system}: system in the closure`).toBe(true);
      expect(closure.size, `${e.format}/${e.system}`).toBeGreaterThan(1000);
      const kvm = [...closure].filter((p) => requiredSystemFeatures(drvs.get(p)!).includes("kvm"));
      rows.push(`${e.format}\t${e.system}\t${e.builder}\t${kvm.length}\t${closure.size}\t${e.drvPath}`);
      if (e.builder === "repart") expect(kvm, `${e.format}/${e.system}`).toEqual([]);
      else expect(kvm.length, `${e.format}/${e.system} (vm builder)`).toBeGreaterThanOrEqual(1);
    }
    console.info(`format\tsystem\tbuilder\tkvm\tdrvs\tdrvPath\n${rows.join("\n")}`);
  });

  it("walks the same closure as nix-store --query --requisites", T, async () => {
    const e = repart()[0]!;
    expect(closureOf(drvs, e.drvPath)).toEqual(new Set(await drvClosure(e.drvPath)));
  });

  it("names the image file as the catalogue says, and the derivation writes that file", () => {
    for (const e of repart()) {
      const format = catalogue.lookup(e.format)!;
      expect(e.fileName, e.format).toBe(`nixos-image-${e.label}-${e.system}.${format.extension}`);
      expect(e.filePath, e.format).toBe(e.fileName);
      const image = drvs.get(e.drvPath)!;
      const postInstall = image.structuredAttrs?.postInstall as string;
      // repart writes <baseName>.raw; the format's file is made from it in $out.
      expect(postInstall, e.format).toContain(e.fileName);
      expect(postInstall, e.format).toContain(`raw=nixos-image-${e.label}-${e.system}.raw`);
    }
  });

  it("gives repart an ESP and a root partition with the types and labels the system mounts", () => {
    for (const e of repart()) {
      const image = drvs.get(e.drvPath)!;
      const sa = image.structuredAttrs!;
      const defsDir = producerOf(drvs, sa.definitionsDirectory as string);
      // The definition files systemd-repart reads, from repart.d's build command.
      const confs = [...(defsDir.env.buildCommand ?? (defsDir.structuredAttrs?.buildCommand as string)).matchAll(/cp (\S+) \$out\/(\S+\.conf)/g)].map(
        ([, src, name]) => ({ name: name!, settings: ini(textOf(producerOf(drvs, src!))) }),
      );
      expect(confs.map((c) => c.name).sort(), e.format).toEqual(["10-esp.conf", "20-root.conf"]);
      const esp = confs.find((c) => c.settings.Type === "esp")?.settings;
      const root = confs.find((c) => c.settings.Type === "root")?.settings;
      expect(esp, `${e.format}: ESP`).toBeDefined();
      expect(root, `${e.format}: root`).toBeDefined();
      expect(esp!.Format).toBe("vfat");
      expect(root!.Format).toBe("ext4");
      // The labels are those the system's fileSystems mount (by-label).
      expect(byLabel(e.espDevice), `${e.format}: ESP mounted by label`).toBe(esp!.Label);
      expect(byLabel(e.rootDevice), `${e.format}: / mounted by label`).toBe(root!.Label);
      expect([esp!.Label, root!.Label]).toEqual(["ESP", "nixos"]);
      // Sizing: auto minimises the root and leaves free space for growpart;
      // a disk size goes to repart as it is and the root takes the rest.
      const flags = sa.systemdRepartFlags as string[];
      if (e.diskSize === "auto") {
        expect(flags).toContain("--size=auto");
        expect(root!.Minimize).toBe("guess");
        expect(root!.PaddingMinBytes).toMatch(/^\d+M$/);
      } else {
        expect(flags).toContain(`--size=${e.diskSize}M`);
        expect(root!.Minimize).toBeUndefined();
      }
      expect(esp!.SizeMinBytes).toBe(esp!.SizeMaxBytes);
      // Stable UUIDs: a seed derived from the system, not repart's random one.
      expect(flags.find((f) => f.startsWith("--seed="))).toMatch(/^--seed=[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    const seeds = new Set(repart().map((e) => (drvs.get(e.drvPath)!.structuredAttrs!.systemdRepartFlags as string[]).find((f) => f.startsWith("--seed="))));
    expect(seeds.size, "each system its own seed").toBe(repart().length);
  });

  it("puts the system's closure and its registration into the root, loaded on first boot", () => {
    for (const e of repart()) {
      const parts = drvs.get(e.drvPath)!.structuredAttrs!.finalPartitions as Record<string, any>;
      const root = Object.values(parts).find((p) => p.repartConfig.Type === "root");
      expect(root.storePaths, e.format).toEqual([e.toplevelOut]);
      const registration: string = root.contents["/nix-path-registration"].source;
      expect(registration).toMatch(/-closure-info\/registration$/);
      // The registration is the closure of this system.
      const closureInfo = producerOf(drvs, registration.replace(/\/registration$/, ""));
      expect(JSON.stringify(closureInfo.structuredAttrs ?? closureInfo.env)).toContain(e.toplevelOut);
      expect(e.registerScript, e.format).toMatch(/--load-db < \/nix-path-registration/);
      expect(e.registerScript).toMatch(/-p \/nix\/var\/nix\/profiles\/system --set \/run\/current-system/);
    }
  });

  it("boots the system's own kernel, initrd and parameters through systemd-boot", () => {
    for (const e of repart()) {
      expect([e.systemdBoot, e.grub], e.format).toEqual([true, false]);
      const parts = drvs.get(e.drvPath)!.structuredAttrs!.finalPartitions as Record<string, any>;
      const esp = Object.values(parts).find((p) => p.repartConfig.Type === "esp");
      const contents: Record<string, string> = Object.fromEntries(Object.entries(esp.contents).map(([k, v]: [string, any]) => [k, v.source]));
      const arch = e.system === "x86_64-linux" ? "x64" : "aa64";
      expect(contents[`/EFI/BOOT/BOOT${arch.toUpperCase()}.EFI`], e.format).toMatch(new RegExp(`-systemd-[^/]+/lib/systemd/boot/efi/systemd-boot${arch}\\.efi$`));

      // What the system itself links as kernel and initrd, and boots with.
      const toplevel = drvs.get(e.toplevelDrv)!;
      const build = (toplevel.structuredAttrs?.buildCommand as string) ?? toplevel.env.buildCommand!;
      const kernel = build.match(/ln -s (\S+) \$out\/kernel\n/)?.[1];
      const initrd = build.match(/ln -s (\S+) \$out\/initrd\n/)?.[1];
      const params = (toplevel.structuredAttrs?.kernelParams as string[]).join(" ");
      expect(kernel, "toplevel links a kernel").toBeTruthy();

      const loaderConf = ini(textOf(producerOf(drvs, contents["/loader/loader.conf"]!)).replace(/^(\S+) /gm, "$1="));
      const entryPath = `/loader/entries/${loaderConf.default}`;
      expect(contents[entryPath], `${e.format}: default entry on the ESP`).toBeDefined();
      const entry = ini(textOf(producerOf(drvs, contents[entryPath]!)).replace(/^(\S+) /gm, "$1="));
      expect(contents[entry.linux!], `${e.format}: kernel`).toBe(kernel);
      expect(contents[entry.initrd!], `${e.format}: initrd`).toBe(initrd);
      expect(entry.options).toBe(`init=${e.toplevelOut}/init ${params}`);
    }
  });

  it("switches the platform to UEFI boot where nixpkgs' variant defaults to BIOS", () => {
    for (const e of repart()) {
      if (UEFI_SETTING[e.format]) expect(e.uefiSetting, e.format).toEqual(UEFI_SETTING[e.format]![1]);
    }
    const amazon = repart().find((e) => e.format === "amazon");
    if (amazon) expect(drvs.get(amazon.drvPath)!.structuredAttrs!.postInstall).toMatch(/"boot_mode":"uefi"/);
    const azure = repart().find((e) => e.format === "azure");
    if (azure) expect(drvs.get(azure.drvPath)!.structuredAttrs!.postInstall).toMatch(/subformat=fixed,force_size -O vpc/);
  });
});

describe("formats the repart builder refuses", () => {
  const refused: [string, RegExp][] = [
    ["qcow", /legacy BIOS/],
    ["linode", /no partition table/],
    ["openstack-zfs", /ZFS/],
    ["iso", /ISO 9660/],
    ...(FULL ? ([["proxmox", /VMA/], ["docker", /tarball/], ["sd-aarch64", /MBR/]] as [string, RegExp][]) : []),
  ];
  it.each(refused)("refuses %s with its reason and the fix", T, async (format, reason) => {
    const system = catalogue.lookup(format)!.systems[0];
    const expr = `(import (nixpkgs + "/nixos/lib/eval-config.nix") {
        system = "${system}";
        modules = [ (nix + "/default-configuration.nix") (nix + "/modules/all-formats.nix") { formatSettings.builder = "repart"; } ];
      }).config.formats.${JSON.stringify(format)}.drvPath`;
    const error = await nixEvalJson(expr).then(
      () => null,
      (e: Error) => e.message,
    );
    expect(error).toContain(`the format '${format}' cannot be built with builder = "repart"`);
    expect(error).toMatch(reason);
    expect(error).toContain('Build it with builder = "vm"');
  });
});
