// Which Nix is there, and is it new enough.
import { ExitCode, UserError } from "../core/errors.js";
import { runNix } from "./run.js";

export const MIN_NIX_VERSION = "2.18";

/** "nix (Nix) 2.26.3" -> [2, 26, 3] */
export function parseNixVersion(text: string): number[] | undefined {
  const match = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(text);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}

export function versionAtLeast(version: readonly number[], minimum: string): boolean {
  const min = minimum.split(".").map(Number);
  for (let i = 0; i < Math.max(version.length, min.length); i++) {
    const a = version[i] ?? 0;
    const b = min[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

/** The Nix version string; a UserError when Nix is missing or older than 2.18. */
export async function checkNix(): Promise<string> {
  const result = await runNix("nix", ["--version"]);
  const line = result.stdout.trim();
  const version = parseNixVersion(line);
  if (result.code !== 0 || !version) {
    throw new UserError(
      `'nix --version' did not answer (exit ${result.code}): ${result.stderr.trim() || line}`,
      "Check the Nix installation (scripts/install-nix on Debian).",
      ExitCode.environment,
    );
  }
  if (!versionAtLeast(version, MIN_NIX_VERSION)) {
    throw new UserError(
      `Nix ${version.join(".")} is too old: nixos-generators needs Nix ${MIN_NIX_VERSION} or newer.`,
      "Upgrade Nix (https://nixos.org/download, or scripts/install-nix on Debian).",
      ExitCode.environment,
    );
  }
  return line;
}
