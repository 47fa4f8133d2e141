// Formats nixpkgs builds in a VM need KVM: without a KVM device the action
// stops before evaluating, naming builder: repart where it can help. This
// machine has no /dev/kvm: the device path is a setting (a character device
// stand-in, /dev/null, plays a present one).
import { dirname } from "node:path";
import { describe, expect, it } from "vitest";
import { checkKvm } from "../../src/action/kvm.js";
import { loadCatalogue, type Format } from "../../src/core/catalogue.js";
import { ExitCode } from "../../src/core/errors.js";
import type { GenerateRequest } from "../../src/core/request.js";
import { userErrorAsync } from "../cli/user-error.js";
import { NODE, runAction } from "./harness.js";

const catalogue = loadCatalogue();
const entry = (name: string): Format => catalogue.lookup(name) ?? (() => { throw new Error(name); })();
function request(names: string[], builder: "vm" | "repart" = "vm"): GenerateRequest {
  return {
    targets: names.map((name) => ({ format: { kind: "catalogue", entry: entry(name) }, system: "aarch64-linux" })),
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

describe("checkKvm", () => {
  it("no KVM device: the VM-built formats are named, with builder: repart for those it makes", async () => {
    const e = await userErrorAsync(() => checkKvm(request(["qcow-efi", "raw", "iso"]), catalogue, "/nonexistent/kvm"));
    expect(e.exitCode).toBe(ExitCode.environment);
    expect(e.problem).toBe("'qcow-efi' or 'raw' are built in a QEMU VM (Nix system feature 'kvm'), and this runner has no KVM device (/nonexistent/kvm).");
    expect(e.fix).toBe(
      "Build on an x86_64 GitHub-hosted runner (ubuntu-latest) or a self-hosted runner with KVM, or set builder: repart for 'qcow-efi' (UEFI disks made without a VM); 'raw' needs KVM either way.",
    );
  });

  it("passes with a KVM device, with builder: repart, or when nothing needs KVM", async () => {
    await expect(checkKvm(request(["qcow-efi"]), catalogue, "/dev/null")).resolves.toBeUndefined();
    await expect(checkKvm(request(["qcow-efi"], "repart"), catalogue, "/nonexistent/kvm")).resolves.toBeUndefined();
    await expect(checkKvm(request(["iso", "lxc"]), catalogue, "/nonexistent/kvm")).resolves.toBeUndefined();
    // A regular file is not a device.
    await expect(userErrorAsync(() => checkKvm(request(["qcow"]), catalogue, process.execPath))).resolves.toMatchObject({ exitCode: ExitCode.environment });
  });

  it("the action stops before Nix is set up or anything evaluated, exit 4", async () => {
    const run = await runAction({
      inputs: { formats: "qcow-efi", system: "aarch64-linux" },
      env: { PATH: dirname(NODE), NIXOS_GENERATORS_NIX_BIN: "/nonexistent/nix-bin", NIXOS_GENERATORS_KVM_DEVICE: "/nonexistent/kvm" },
    });
    expect(run.code).toBe(ExitCode.environment);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]?.message).toMatch(/no KVM device \(\/nonexistent\/kvm\)\.\n {2}Build on an x86_64 GitHub-hosted runner .* or set builder: repart for 'qcow-efi'/);
    expect(run.log).not.toMatch(/Set up Nix|evaluating/);
  });
});
