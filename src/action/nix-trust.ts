// A Nix installed multi-user (by another action, e.g. with a nix-daemon)
// builds in the daemon, and the daemon applies a client's settings only for
// trusted users (trusted-users in /etc/nix/nix.conf, default root): for
// anyone else it ignores extra-platforms, system-features, sandbox-paths and
// substituters outside trusted-substituters ("ignoring the client-specified
// setting …, because it is a restricted setting and you are not a trusted
// user"). The settings the build needs must then be in the daemon's own
// nix.conf already; when they are not, say so before building, with the fix.
import { userInfo } from "node:os";
import { ExitCode, UserError } from "../core/errors.js";
import { addToNixConf } from "./install-nix.js";
import { ensureNixKvmFeature } from "./kvm.js";
import { isDaemonStore, isSet, readNixSettings, readStoreInfo, settingWords, type NixSetting, type StoreInfo } from "./nix-config.js";
import { settingName } from "./nix-settings.js";

/** What the build needs from the builder's (the daemon's) settings. */
export interface NeededSettings {
  /** Systems other than the builder's own (extra-platforms). */
  platforms: string[];
  kvm: boolean;
  /** Paths the build sandbox must hold (extra-sandbox-paths). */
  sandboxPaths: string[];
}

/**
 * Settings a client's value counts for even when the daemon does not trust it:
 * read by the client itself (evaluation, fetching), sent in the protocol's own
 * fields (max-jobs, cores, keep-going…), or allowed to anyone by the daemon.
 */
export const EFFECTIVE_UNTRUSTED = new Set([
  "access-tokens",
  "accept-flake-config",
  "allow-import-from-derivation",
  "allowed-uris",
  "build-timeout",
  "connect-timeout",
  "cores",
  "eval-cache",
  "experimental-features",
  "extra-experimental-features",
  "fallback",
  "flake-registry",
  "include",
  "keep-going",
  "max-jobs",
  "max-silent-time",
  "netrc-file",
  "pure-eval",
  "restrict-eval",
  "show-trace",
  "substitute",
  "tarball-ttl",
  "warn-dirty",
]);

const SUBSTITUTER_SETTINGS = new Set(["substituters", "extra-substituters"]);

function user(): string {
  try {
    return userInfo().username;
  } catch {
    return String(process.getuid?.() ?? "this user");
  }
}

/** The settings the daemon reads: nix.conf as this user sees it, without NIX_CONFIG or the user's own nix.conf. */
async function daemonView(names: readonly string[], env: NodeJS.ProcessEnv): Promise<Map<string, NixSetting>> {
  const { NIX_CONFIG: _ignored, ...rest } = env;
  return readNixSettings(names, { ...rest, NIX_USER_CONF_FILES: "" });
}

export interface TrustCheck {
  store: StoreInfo;
  /** Lines of extra-nix-config the daemon ignores (warned about, not fatal). */
  ignored: string[];
}

/**
 * Checks that what the build needs takes effect: nothing to check with a
 * store that trusts us (a single-user Nix, root, a trusted user); with an
 * untrusted daemon, a needed setting missing from the daemon's nix.conf is an
 * environment error (exit 4) naming it and the fix, and extra-nix-config lines
 * the daemon ignores are returned for a warning.
 */
export async function checkNixTrust(needed: NeededSettings, extraNixConfig: readonly string[], log: (line: string) => void = () => undefined, env: NodeJS.ProcessEnv = process.env): Promise<TrustCheck> {
  const store = await readStoreInfo(env);
  if (store.trusted !== false) {
    log(`Nix store: ${store.url}${store.trusted === true ? " (this user is trusted: the action's Nix settings apply)" : isDaemonStore(store.url) ? " (this Nix does not say whether it trusts this user)" : ""}`);
    return { store, ignored: [] };
  }
  const view = await daemonView(["system", "extra-platforms", "system-features", "sandbox", "sandbox-paths", "trusted-users", "trusted-substituters", "substituters"], env);
  const words = (name: string): string[] => settingWords(view.get(name));
  const missing: string[] = [];
  const system = words("system")[0];
  const platforms = needed.platforms.filter((p) => p !== system && !words("extra-platforms").includes(p));
  if (platforms.length > 0) missing.push(`extra-platforms = ${platforms.join(" ")}`);
  // A daemon that sets no system-features finds 'kvm' by itself (it runs as root and opens /dev/kvm).
  if (needed.kvm && isSet(view.get("system-features")) && !words("system-features").includes("kvm")) missing.push("extra-system-features = kvm");
  const sandboxed = !["false", "relaxed"].includes(String(view.get("sandbox")?.value ?? "true"));
  const paths = sandboxed ? needed.sandboxPaths.filter((p) => !words("sandbox-paths").some((w) => w === p || w.startsWith(`${p}=`))) : [];
  if (paths.length > 0) missing.push(`extra-sandbox-paths = ${paths.join(" ")}`);

  const allowedSubstituters = new Set([...words("trusted-substituters"), ...words("substituters")]);
  const ignored = extraNixConfig.filter((line) => {
    const name = settingName(line);
    if (EFFECTIVE_UNTRUSTED.has(name)) return false;
    if (SUBSTITUTER_SETTINGS.has(name)) {
      const urls = line.slice(line.indexOf("=") + 1).trim().split(/\s+/).filter(Boolean);
      return !urls.every((u) => allowedSubstituters.has(u));
    }
    return true;
  });

  const who = user();
  const trustedUsers = words("trusted-users").join(" ") || "root";
  log(`Nix store: ${store.url}, a daemon that does not trust ${who} (trusted-users = ${trustedUsers}): it ignores the action's Nix settings`);
  const fix = `Make ${who} a trusted user: add it to trusted-users in /etc/nix/nix.conf ('trusted-users = ${trustedUsers} ${who}') and restart the daemon (sudo systemctl restart nix-daemon), or install Nix with that line (cachix/install-nix-action: extra_nix_config: trusted-users = root ${who})`;
  if (missing.length > 0) {
    throw new UserError(
      `Nix builds through a daemon (${store.url}) that does not trust the user ${who} (trusted-users = ${trustedUsers}), so it ignores settings this build needs: ${missing.join("; ")}.`,
      `${fix}; or put ${missing.length === 1 ? "that line" : "those lines"} in /etc/nix/nix.conf yourself and restart the daemon.`,
      ExitCode.environment,
    );
  }
  return { store, ignored };
}

/** The warning for extra-nix-config lines an untrusted daemon ignores. */
export function ignoredWarning(check: TrustCheck): string | undefined {
  if (check.ignored.length === 0) return undefined;
  const who = user();
  return `The Nix daemon (${check.store.url}) does not trust ${who}, so it ignores these extra-nix-config settings: ${check.ignored.map(settingName).join(", ")}. Add ${who} to trusted-users in /etc/nix/nix.conf and restart nix-daemon (or list the substituters in its trusted-substituters).`;
}

export interface NixSettingsCheck {
  needed: NeededSettings;
  extraNixConfig: readonly string[];
  /** The nix.conf of a Nix this run installed (settings added for later steps too). */
  nixConf?: string;
  log?: (line: string) => void;
  warn?: (text: string) => void;
}

/**
 * After Nix and emulation are set up: the settings the build needs take
 * effect (checkNixTrust), and, where KVM is needed and Nix applies our
 * settings, Nix lists 'kvm' in system-features (ensureNixKvmFeature).
 */
export async function checkNixSettings(options: NixSettingsCheck): Promise<void> {
  const log = options.log ?? (() => undefined);
  const trust = await checkNixTrust(options.needed, options.extraNixConfig, log);
  const warning = ignoredWarning(trust);
  if (warning) (options.warn ?? log)(warning);
  // An untrusted daemon finds 'kvm' by itself, or checkNixTrust said what is missing.
  if (!options.needed.kvm || trust.store.trusted === false) return;
  const feature = await ensureNixKvmFeature({ log });
  if (feature.added && options.nixConf) await addToNixConf(options.nixConf, [feature.added]);
}
