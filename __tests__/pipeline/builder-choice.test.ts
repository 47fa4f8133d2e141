// builder: auto — each image's builder chosen at run time from the KVM
// device: unit checks of the choice, the command line's --builder auto
// (evaluated for real: --dry-run), and the action as the runner runs it, with
// KVM absent (NIXOS_GENERATORS_KVM_DEVICE=/nonexistent), a stand-in device the
// runner cannot open and cannot make usable (no sudo), and one it can.
import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { ImageOutput } from "../../src/action/report.js";
import { loadCatalogue, type Format } from "../../src/core/catalogue.js";
import { ExitCode } from "../../src/core/errors.js";
import type { GenerateRequest, Target } from "../../src/core/request.js";
import { evalRequest, splitPairs } from "../../src/nix/evaluate.js";
import { chooseBuilders, choiceLine, probeKvm, resolveBuilders } from "../../src/pipeline/builder-choice.js";
import { NODE, actionDir, callAs, runAction } from "../action/harness.js";
import { userError } from "../cli/user-error.js";
import { buildCli, runCli } from "../helpers/cli.js";
import { NIXPKGS } from "../helpers/nix.js";

const catalogue = loadCatalogue();
const entry = (name: string): Format => catalogue.lookup(name) ?? (() => { throw new Error(name); })();
function request(names: string[], builder: GenerateRequest["builder"] = "auto", extra: Target[] = []): GenerateRequest {
  return {
    targets: [...names.map((name): Target => ({ format: { kind: "catalogue", entry: entry(name) }, system: "x86_64-linux" })), ...extra],
    config: { kind: "default" },
    builder,
    specialArgs: [],
    includes: [],
    nixOptions: [],
    showTrace: false,
    dryRun: false,
    run: false,
  };
}
const chosen = (r: GenerateRequest): [string, string | undefined][] => r.targets.map((t) => [t.format.kind === "catalogue" ? t.format.entry.name : t.format.name, t.builder]);
const NO_KVM = { device: "/nonexistent/kvm", usable: false, why: "ENOENT" };

const REFUSAL_PROBLEM =
  "builder auto: 'raw' is built in a QEMU VM (Nix system feature 'kvm'), this runner has no usable KVM device (/nonexistent/kvm: ENOENT), and the repart builder cannot make it (it is not a UEFI disk format; see nix/builders/README.md).";
const REFUSAL_FIX =
  "Build it on a runner with KVM (an x86_64 GitHub-hosted runner such as ubuntu-latest, or a self-hosted runner with /dev/kvm), or leave it out of this run (without KVM, builder auto makes 'qcow-efi' with repart and builds 'iso' as it needs no KVM).";

describe("chooseBuilders", () => {
  it("no KVM: repart for the formats it makes, vm for those that need no KVM (and custom formats)", () => {
    const custom: Target = { format: { kind: "custom", name: "mbr-disk", from: "configuration" }, system: "x86_64-linux" };
    expect(chosen(chooseBuilders(request(["qcow-efi", "iso", "amazon", "lxc"], "auto", [custom]), NO_KVM))).toEqual([
      ["qcow-efi", "repart"],
      ["iso", "vm"],
      ["amazon", "repart"],
      ["lxc", "vm"],
      ["mbr-disk", "vm"],
    ]);
  });

  it("no KVM and a format that needs it but repart cannot make: one exit-4 error naming both ways", () => {
    const e = userError(() => chooseBuilders(request(["qcow-efi", "raw", "iso"]), NO_KVM));
    expect(e.exitCode).toBe(ExitCode.environment);
    expect(e.problem).toBe(REFUSAL_PROBLEM);
    expect(e.fix).toBe(REFUSAL_FIX);
    // A device that is there but not this user's: the fix says so too.
    const denied = userError(() => chooseBuilders(request(["raw", "qcow"]), { device: "/dev/kvm", usable: false, why: "EACCES" }));
    expect(denied.problem).toContain("'raw' and 'qcow' are built in a QEMU VM");
    expect(denied.fix).toBe(
      "Build them on a runner with KVM (an x86_64 GitHub-hosted runner such as ubuntu-latest, or a self-hosted runner with /dev/kvm) or make /dev/kvm usable for this user (e.g. add it to the device's group, kvm), or leave them out of this run.",
    );
  });

  it("KVM usable: the VM builders for every image; a request for vm or repart is left as it is", () => {
    expect(chosen(chooseBuilders(request(["qcow-efi", "raw", "iso"]), { device: "/dev/kvm", usable: true }))).toEqual([
      ["qcow-efi", "vm"],
      ["raw", "vm"],
      ["iso", "vm"],
    ]);
    const vm = request(["raw"], "vm");
    expect(chooseBuilders(vm, NO_KVM)).toBe(vm);
  });

  it("resolveBuilders probes only when some image would need KVM, and logs the choice", async () => {
    const lines: string[] = [];
    let probes = 0;
    const probe = async () => (probes++, NO_KVM);
    const r = await resolveBuilders(request(["qcow-efi", "iso"]), { log: (l) => lines.push(l), probe });
    expect(chosen(r)).toEqual([
      ["qcow-efi", "repart"],
      ["iso", "vm"],
    ]);
    expect(lines).toEqual(["builder auto: /nonexistent/kvm does not open (ENOENT), so repart where it can: qcow-efi (x86_64-linux) -> repart, iso (x86_64-linux) -> vm"]);
    await resolveBuilders(request(["iso", "docker"]), { log: (l) => lines.push(l), probe });
    expect(probes).toBe(1);
    expect(lines[1]).toBe("builder auto: no image needs KVM; iso (x86_64-linux) -> vm, docker (x86_64-linux) -> vm");
    // Chosen already (the action chose before its set-up): nothing again.
    expect(await resolveBuilders(r, { probe })).toBe(r);
    expect(choiceLine(chooseBuilders(request(["raw"]), { device: "/dev/kvm", usable: true }), { device: "/dev/kvm", usable: true })).toBe("builder auto: /dev/kvm opens, so the VM builders: raw (x86_64-linux) -> vm");
  });

  it("the evaluation request carries each pair's builder; pairs are grouped by system and builder", () => {
    const pairs = [
      { format: "qcow-efi", system: "x86_64-linux", builder: "repart" },
      { format: "iso", system: "x86_64-linux", builder: "vm" },
      { format: "amazon", system: "x86_64-linux", builder: "repart" },
      { format: "lxc", system: "x86_64-linux", builder: "vm" },
    ] as const;
    const sent = JSON.parse(evalRequest({ config: { kind: "default" }, builder: "vm", specialArgs: [], includes: [], nixOptions: [], showTrace: false }, pairs)) as { pairs: unknown[]; builder: string };
    expect(sent.pairs).toEqual(pairs);
    expect(sent.builder).toBe("vm");
    expect(splitPairs(pairs, 2).map((g) => g.map((p) => p.format))).toEqual([
      ["qcow-efi", "amazon"],
      ["iso", "lxc"],
    ]);
  });

  it("probeKvm opens the device read-write: a missing one is ENOENT", async () => {
    expect(await probeKvm("/nonexistent/kvm")).toEqual({ device: "/nonexistent/kvm", usable: false, why: "ENOENT" });
    expect(await probeKvm("/dev/null")).toEqual({ device: "/dev/null", usable: true });
  });
});

describe("nixos-generate --builder auto", { timeout: 600_000 }, () => {
  let cli: string;
  beforeAll(async () => {
    cli = await buildCli();
  }, 600_000);
  const env = { NIXOS_GENERATORS_KVM_DEVICE: "/nonexistent/kvm" };

  // The format that needs no KVM is lxc-metadata: it is evaluated without the
  // system (an iso here cost a second NixOS evaluation, for the vm builder,
  // and chooseBuilders' unit tests above already give iso vm).
  it("without KVM, --dry-run: qcow-efi is evaluated with repart (its derivation needs no kvm), lxc-metadata as it is", async () => {
    const run = await runCli(cli, ["-f", "qcow-efi", "-f", "lxc-metadata", "--builder", "auto", "--dry-run", "--json", "-I", `nixpkgs=${NIXPKGS}`], { env });
    expect(run.stderr).not.toMatch(/^error/m);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stderr).toContain("builder auto: /nonexistent/kvm does not open (ENOENT), so repart where it can: qcow-efi (x86_64-linux) -> repart, lxc-metadata (x86_64-linux) -> vm");
    const { images } = JSON.parse(run.stdout) as { images: { format: string; builder: string; drvPath: string }[] };
    expect(images.map((i) => [i.format, i.builder])).toEqual([
      ["qcow-efi", "repart"],
      ["lxc-metadata", "vm"],
    ]);
    console.log(images.map((i) => `${i.format}: ${i.builder} ${i.drvPath}`).join("\n"));
    // The image derivation itself: repart's, and no kvm feature required.
    const drv = execFileSync("nix", ["derivation", "show", images[0]?.drvPath ?? ""], { encoding: "utf8" });
    expect(drv).toMatch(/systemd-repart|repart/);
    expect(drv).not.toMatch(/"requiredSystemFeatures":\s*(\[[^\]]*"kvm"|"[^"]*kvm)/);
  });

  it("without KVM, a format repart cannot make: exit 4 before anything is evaluated", async () => {
    const run = await runCli(cli, ["-f", "qcow-efi", "-f", "raw", "-f", "iso", "--builder", "auto", "--dry-run", "-I", `nixpkgs=${NIXPKGS}`], { env });
    expect(run.code).toBe(ExitCode.environment);
    expect(run.stderr).toContain(`error: ${REFUSAL_PROBLEM}\n  ${REFUSAL_FIX}`);
    expect(run.stderr).not.toContain("evaluating");
    expect(run.stdout).toBe("");
  });
});

describe("the action with builder: auto, as the runner runs it", { timeout: 600_000 }, () => {
  beforeAll(async () => {
    await actionDir();
  }, 600_000);
  const NO_NIX = { PATH: dirname(NODE), NIXOS_GENERATORS_NIX_BIN: "/nonexistent/nix-bin" };
  const inputs = { formats: "qcow-efi, raw, iso", builder: "auto", "install-nix": "never" };

  /** A stand-in KVM node (/dev/null's numbers), root:root 0660: the runner users are not in its group. */
  function kvmStandIn(): string {
    const dir = mkdtempSync(join(tmpdir(), "auto-kvm-"));
    chmodSync(dir, 0o755);
    const device = join(dir, "kvm");
    execFileSync("mknod", [device, "c", "1", "3"]);
    chmodSync(device, 0o660);
    return device;
  }

  it("no KVM device: exit 4 before Nix is set up, the refusal as the step's error, every image in images with it", async () => {
    const run = await runAction({ user: "runner", inputs, env: { ...NO_NIX, NIXOS_GENERATORS_KVM_DEVICE: "/nonexistent/kvm" } });
    expect(run.code).toBe(ExitCode.environment);
    expect(run.errors.map((e) => e.message)).toEqual([`${REFUSAL_PROBLEM}\n  ${REFUSAL_FIX}`]);
    expect(run.stdout).toContain("::group::Choose the builders (builder: auto)");
    expect(run.log).not.toMatch(/Set up Nix|evaluating/);
    const images = JSON.parse(run.outputs.images ?? "null") as ImageOutput[];
    expect(images.map((i) => [i.format, i.ok, i.builder, i.error])).toEqual([
      ["qcow-efi", false, null, REFUSAL_PROBLEM],
      ["raw", false, null, REFUSAL_PROBLEM],
      ["iso", false, null, REFUSAL_PROBLEM],
    ]);
  });

  it("a device the runner cannot open and, without sudo, cannot make usable: not usable, the same refusal", async () => {
    const device = kvmStandIn();
    const probe = await callAs<{ usable: boolean; why?: string }>("runner-nosudo", "src/action/kvm.ts", "probeRunnerKvm", [], { device, udevadm: "/nonexistent/udevadm" });
    expect(probe.value).toEqual({ device, usable: false, why: "EACCES, and making it usable failed" });
    expect(probe.lines.at(-1)).toMatch(new RegExp(`^${device}: not usable for builder auto: The KVM device ${device} exists, but this user \\(uid 1002\\) cannot open it read-write`));
    const run = await runAction({ user: "runner-nosudo", inputs, env: { ...NO_NIX, NIXOS_GENERATORS_KVM_DEVICE: device, NIXOS_GENERATORS_UDEVADM: "/nonexistent/udevadm" } });
    expect(run.code).toBe(ExitCode.environment);
    expect(run.errors[0]?.message).toContain(`this runner has no usable KVM device (${device}: EACCES, and making it usable failed)`);
  });

  it("a device the runner can make usable (passwordless sudo): the VM builders for every image, then on to Nix", async () => {
    const device = kvmStandIn();
    // sudo on PATH (the system's directories), Nix not (it is in /usr/local/bin here).
    const path = `${dirname(NODE)}:/usr/sbin:/usr/bin:/sbin:/bin`;
    const run = await runAction({ user: "runner", inputs, env: { ...NO_NIX, PATH: path, NIXOS_GENERATORS_KVM_DEVICE: device, NIXOS_GENERATORS_UDEVADM: "/nonexistent/udevadm" } });
    expect(run.log).toContain(`${device}: chmod 0666; opened read-write as uid 1001`);
    expect(run.log).toContain(`builder auto: ${device} opens, so the VM builders: qcow-efi (x86_64-linux) -> vm, raw (x86_64-linux) -> vm, iso (x86_64-linux) -> vm`);
    // It got past the choice and KVM to setting up Nix (which this run keeps out of reach).
    expect(run.stdout).toContain("::group::Set up Nix");
    expect(run.code).toBe(ExitCode.environment);
  });
});
