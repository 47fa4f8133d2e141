// builder: repart runs systemd-repart under `unshare --map-root-user`, which
// needs unprivileged user namespaces. Ubuntu 24.04 (GitHub's ubuntu-24.04 and
// ubuntu-24.04-arm images) restricts them through AppArmor
// (kernel.apparmor_restrict_unprivileged_userns = 1): lift that through sudo,
// then prove that an unprivileged user namespace can be made.
import { readFile } from "node:fs/promises";
import { ExitCode, UserError } from "../core/errors.js";
import { execAsRoot, execCommand } from "./exec.js";

/** The sysctl behind AppArmor's restriction (absent where there is no AppArmor). */
export const APPARMOR_USERNS_SYSCTL = "/proc/sys/kernel/apparmor_restrict_unprivileged_userns";

export interface UsernsOptions {
  /** The sysctl file; default NIXOS_GENERATORS_USERNS_SYSCTL, else APPARMOR_USERNS_SYSCTL (tests point it at a stand-in). */
  sysctlPath?: string;
  log?: (line: string) => void;
}

const FIX = "Add a step before this one: `sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`, or use builder: vm (nixpkgs' builders, which need KVM instead).";

/** Makes unprivileged user namespaces usable for this user, or fails (exit 4) with the fix. */
export async function ensureUserNamespaces(options: UsernsOptions = {}): Promise<void> {
  const log = options.log ?? (() => undefined);
  const path = options.sysctlPath ?? (process.env.NIXOS_GENERATORS_USERNS_SYSCTL || APPARMOR_USERNS_SYSCTL);
  const restricted = (await readFile(path, "utf8").catch(() => "")).trim() === "1";
  if (restricted) {
    // The path goes to sh as an argument ($1), never into the script's text.
    const lifted = await execAsRoot("sh", ["-c", 'echo 0 > "$1"', "sh", path]);
    if (!lifted || lifted.code !== 0) {
      throw new UserError(
        `builder: repart needs unprivileged user namespaces, and AppArmor restricts them here (${path} is 1); ${lifted ? `writing 0 to it failed: ${lifted.stderr.trim()}` : "this job has neither root nor passwordless sudo to change that"}.`,
        FIX,
        ExitCode.environment,
      );
    }
    log(`AppArmor restricted unprivileged user namespaces (${path} was 1); set it to 0 for systemd-repart.`);
  }
  const probe = await execCommand("unshare", ["--user", "--map-root-user", "true"]);
  if (probe.code !== 0) {
    throw new UserError(
      `builder: repart needs unprivileged user namespaces, and this runner refuses them: unshare --user --map-root-user failed (${probe.stderr.trim() || `exit ${probe.code}`}).`,
      `Enable them (kernel.unprivileged_userns_clone = 1; on Ubuntu also ${FIX.charAt(0).toLowerCase()}${FIX.slice(1)}`,
      ExitCode.environment,
    );
  }
  log("unprivileged user namespaces: usable (unshare --user --map-root-user true)");
}
