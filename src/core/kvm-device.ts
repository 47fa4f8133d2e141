// The KVM device, as both front ends look at it: its path (/dev/kvm, or
// NIXOS_GENERATORS_KVM_DEVICE, which tests point elsewhere to simulate a
// runner without KVM) and whether this process's user can open it.
import { constants } from "node:fs";
import { open } from "node:fs/promises";
import { errnoCode } from "./system-error.js";

export const KVM_DEVICE = "/dev/kvm";

/** The KVM device's path: NIXOS_GENERATORS_KVM_DEVICE, else /dev/kvm. */
export function kvmDevice(env: NodeJS.ProcessEnv = process.env): string {
  return env.NIXOS_GENERATORS_KVM_DEVICE || KVM_DEVICE;
}

/** Opens the device read-write as this process's user: "" when it can, else the error code (EACCES, ENOENT…). */
export async function openReadWrite(device: string): Promise<string> {
  try {
    const handle = await open(device, constants.O_RDWR);
    await handle.close();
    return "";
  } catch (error) {
    return errnoCode(error) ?? String(error);
  }
}
