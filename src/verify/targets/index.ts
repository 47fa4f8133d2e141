// The targets whose acceptance rules verify knows, by catalogue format name.
import type { Checks } from "../checks.js";
import { amazon } from "./amazon.js";
import { azure } from "./azure.js";
import { docker, lxc, lxcMetadata, proxmoxLxc } from "./containers.js";
import { gce } from "./gce.js";
import { iso } from "./iso.js";
import { ova } from "./ova.js";
import { proxmox } from "./proxmox.js";
import { rawEfi } from "./raw-efi.js";
import { sdAarch64, sdX86 } from "./sd.js";
import type { Target, TargetFacts } from "./types.js";
import { vagrant } from "./vagrant.js";

export type { Rule, Source, Target, TargetFacts } from "./types.js";

export const TARGETS: readonly Target[] = [azure, amazon, gce, proxmox, vagrant, ova, lxc, proxmoxLxc, docker, lxcMetadata, sdAarch64, sdX86, rawEfi, iso];

const byFormat = new Map<string, Target>(TARGETS.flatMap((t) => t.formats.map((f) => [f, t] as const)));

/** The target a catalogue format is for, if verify knows its acceptance rules. */
export function targetOf(format: string): Target | undefined {
  return byFormat.get(format);
}

/** Checks `format`'s acceptance rules; its findings carry the rules' words. */
export async function checkTarget(format: string, facts: TargetFacts, c: Checks): Promise<void> {
  await targetOf(format)?.check(facts, c);
}
