// builder: auto — the builder of each image, chosen at run time: nixpkgs' VM
// builders for every image when the KVM device opens; without KVM, the repart
// builder for the formats it makes (catalogue `builders` has "repart"), the
// VM builder's variant for the formats that need no KVM anyway (iso, tarballs,
// custom formats), and one error (exit 4) for the formats that need KVM and
// that repart cannot make, naming both ways out.
import type { Builder } from "../core/catalogue.js";
import { ExitCode, UserError } from "../core/errors.js";
import { kvmDevice, openReadWrite } from "../core/kvm-device.js";
import { formatName, targetBuilder, type GenerateRequest, type Target } from "../core/request.js";
import { andList } from "../core/resolve-formats.js";

/** What the run found of the KVM device. */
export interface KvmProbe {
  device: string;
  usable: boolean;
  /** Why it is not usable: the error opening it (ENOENT, EACCES…) or a sentence. */
  why?: string;
}

/** Whether the target, made by the VM builder, needs KVM (a catalogue format nixpkgs builds in a QEMU VM). */
function vmNeedsKvm(target: Target): boolean {
  return target.format.kind === "catalogue" && target.format.entry.needsKvm;
}

function canRepart(target: Target): boolean {
  return target.format.kind === "catalogue" && target.format.entry.builders.includes("repart");
}

/** Whether `auto` still has to choose: the request asks for it and some target has no builder yet. */
export function needsChoice(request: Pick<GenerateRequest, "builder" | "targets">): boolean {
  return request.builder === "auto" && request.targets.some((t) => t.builder === undefined);
}

/** Whether choosing needs to know about KVM at all: some image would need it with the VM builder. */
export function choiceNeedsKvm(request: Pick<GenerateRequest, "targets">): boolean {
  return request.targets.some(vmNeedsKvm);
}

/** Opens the KVM device (NIXOS_GENERATORS_KVM_DEVICE, else /dev/kvm) as this process's user. */
export async function probeKvm(device: string = kvmDevice()): Promise<KvmProbe> {
  const error = await openReadWrite(device);
  return error === "" ? { device, usable: true } : { device, usable: false, why: error };
}

function names(targets: readonly Target[]): string[] {
  return [...new Set(targets.map((t) => formatName(t.format)))];
}

/**
 * The request with each target's builder chosen (a request that does not ask
 * for auto comes back as it is). Throws one UserError (exit 4) when, without
 * KVM, some format needs it and repart cannot make it.
 */
export function chooseBuilders(request: GenerateRequest, kvm: KvmProbe): GenerateRequest {
  if (request.builder !== "auto") return request;
  const choose = (target: Target): Builder => (kvm.usable || !vmNeedsKvm(target) ? "vm" : canRepart(target) ? "repart" : "vm");
  const refused = kvm.usable ? [] : request.targets.filter((t) => vmNeedsKvm(t) && !canRepart(t));
  if (refused.length > 0) {
    const refusedNames = names(refused);
    const one = refusedNames.length === 1;
    const repart = names(request.targets.filter((t) => vmNeedsKvm(t) && canRepart(t)));
    const others = names(request.targets.filter((t) => !vmNeedsKvm(t)));
    const rest = [repart.length > 0 ? `makes ${andList(repart)} with repart` : "", others.length > 0 ? `builds ${andList(others)} as ${others.length === 1 ? "it needs" : "they need"} no KVM` : ""].filter(Boolean);
    throw new UserError(
      `builder auto: ${andList(refusedNames)} ${one ? "is" : "are"} built in a QEMU VM (Nix system feature 'kvm'), this runner has no usable KVM device (${kvm.device}: ${kvm.why ?? "not usable"}), and the repart builder cannot make ${one ? "it" : "them"} (${one ? "it is not a UEFI disk format" : "they are not UEFI disk formats"}; see nix/builders/README.md).`,
      [
        `Build ${one ? "it" : "them"} on a runner with KVM (an x86_64 GitHub-hosted runner such as ubuntu-latest, or a self-hosted runner with /dev/kvm)`,
        kvm.why === "EACCES" ? ` or make ${kvm.device} usable for this user (e.g. add it to the device's group, kvm)` : "",
        `, or leave ${one ? "it" : "them"} out of this run`,
        rest.length > 0 ? ` (without KVM, builder auto ${rest.join(" and ")})` : "",
        ".",
      ].join(""),
      ExitCode.environment,
    );
  }
  return { ...request, targets: request.targets.map((t) => ({ ...t, builder: choose(t) })) };
}

/** One log line saying what auto chose, image by image. */
export function choiceLine(request: Pick<GenerateRequest, "targets" | "builder">, kvm: KvmProbe | undefined): string {
  const chosen = request.targets.map((t) => `${formatName(t.format)} (${t.system}) -> ${targetBuilder(t, request.builder)}`).join(", ");
  if (kvm === undefined) return `builder auto: no image needs KVM; ${chosen}`;
  return kvm.usable ? `builder auto: ${kvm.device} opens, so the VM builders: ${chosen}` : `builder auto: ${kvm.device} does not open (${kvm.why ?? "not usable"}), so repart where it can: ${chosen}`;
}

/** Chooses the builders of an `auto` request by opening the KVM device (what the command line does; the action first makes the device usable). */
export async function resolveBuilders(request: GenerateRequest, options: { log?: (line: string) => void; probe?: () => Promise<KvmProbe> } = {}): Promise<GenerateRequest> {
  if (!needsChoice(request)) return request;
  const kvm = choiceNeedsKvm(request) ? await (options.probe ?? probeKvm)() : undefined;
  const chosen = chooseBuilders(request, kvm ?? { device: kvmDevice(), usable: true });
  options.log?.(choiceLine(chosen, kvm));
  return chosen;
}
