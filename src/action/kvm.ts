// Formats that nixpkgs builds in a QEMU VM (make-disk-image.nix and friends:
// requiredSystemFeatures = [ "kvm" ]) cannot be built where there is no KVM
// device: say so before anything is evaluated, with the ways out, instead of
// Nix's "a 'x86_64-linux' with features {kvm} is required" after it.
// (Making an existing /dev/kvm usable for the runner user is not done here.)
import { stat } from "node:fs/promises";
import type { Catalogue } from "../core/catalogue.js";
import { ExitCode, UserError } from "../core/errors.js";
import { formatName, type GenerateRequest, type Target } from "../core/request.js";
import { orList } from "../core/resolve-formats.js";

export const KVM_DEVICE = "/dev/kvm";

/** Whether building the target needs KVM: a catalogue format nixpkgs builds in a VM, with the vm builder. */
export function needsKvm(target: Target, builder: GenerateRequest["builder"]): boolean {
  return builder === "vm" && target.format.kind === "catalogue" && target.format.entry.needsKvm;
}

/** Fails (exit 4) when targets need KVM and there is no KVM device (`device`, default NIXOS_GENERATORS_KVM_DEVICE or /dev/kvm). */
export async function checkKvm(request: GenerateRequest, catalogue: Catalogue, device = process.env.NIXOS_GENERATORS_KVM_DEVICE || KVM_DEVICE): Promise<void> {
  const needing = [...new Set(request.targets.filter((t) => needsKvm(t, request.builder)).map((t) => formatName(t.format)))];
  if (needing.length === 0) return;
  const present = await stat(device).then(
    (s) => s.isCharacterDevice(),
    () => false,
  );
  if (present) return;
  const repartable = needing.filter((name) => catalogue.lookup(name)?.builders.includes("repart"));
  const others = needing.filter((name) => !repartable.includes(name));
  throw new UserError(
    `${orList(needing)} ${needing.length === 1 ? "is" : "are"} built in a QEMU VM (Nix system feature 'kvm'), and this runner has no KVM device (${device}).`,
    [
      "Build on an x86_64 GitHub-hosted runner (ubuntu-latest) or a self-hosted runner with KVM",
      repartable.length > 0 ? `, or set builder: repart for ${orList(repartable)} (UEFI disks made without a VM)` : "",
      others.length > 0 && repartable.length > 0 ? `; ${orList(others)} ${others.length === 1 ? "needs" : "need"} KVM either way` : "",
      ".",
    ].join(""),
    ExitCode.environment,
  );
}
