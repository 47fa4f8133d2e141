// QEMU and OVMF from the configuration's nixpkgs, when they are not on the
// machine: `nix build` of the flake configuration's own package set
// (nixosConfigurations.<name>.pkgs.<attribute>), or of <nixpkgs> (with the
// run's -I settings) for a configuration file and the default one. Offline
// and without a binary cache this fails: the caller names that.
import type { ConfigSource } from "../core/request.js";
import { ExitCode, UserError } from "../core/errors.js";
import { runNix } from "../nix/run.js";
import type { NixPackageBuilder } from "./tools.js";

export interface NixPackageSource {
  config: ConfigSource;
  includes: readonly { key: string; value: string }[];
}

/** The `nix build` arguments for one attribute of the configuration's nixpkgs. */
export function nixBuildArgs(attribute: "qemu" | "OVMF.fd", source: NixPackageSource): string[] {
  const common = ["build", "--no-link", "--print-out-paths"];
  const includes = source.includes.flatMap((i) => ["-I", `${i.key}=${i.value}`]);
  if (source.config.kind === "flake") {
    return [...common, ...includes, `${source.config.uri}#nixosConfigurations.${JSON.stringify(source.config.name)}.pkgs.${attribute}`];
  }
  return [...common, ...includes, "--impure", "--expr", `(import <nixpkgs> { }).${attribute}`];
}

export function nixPackageBuilder(source: NixPackageSource, options: { signal?: AbortSignal; log?: (line: string) => void } = {}): NixPackageBuilder {
  const cache = new Map<string, Promise<string>>();
  return (attribute) => {
    let pending = cache.get(attribute);
    if (!pending) {
      pending = (async () => {
        const args = nixBuildArgs(attribute, source);
        options.log?.(`boot: ${attribute} is not on this machine; nix ${args.join(" ")}`);
        const result = await runNix("nix", args, options.signal ? { signal: options.signal } : {});
        const out = result.stdout.trim().split("\n").pop() ?? "";
        if (result.code !== 0 || !out.startsWith("/")) {
          const last = result.stderr.trim().split("\n").slice(-1)[0] ?? `exit ${result.code}`;
          throw new UserError(`nix build of ${attribute} failed: ${last}`, "Install it on the machine instead.", ExitCode.environment);
        }
        return out;
      })();
      cache.set(attribute, pending);
    }
    return pending;
  };
}
