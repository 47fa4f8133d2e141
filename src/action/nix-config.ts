// What the Nix in use says about its settings and its store, read the way a
// user would: `nix config show --json` (Nix 2.20 and newer; `nix show-config
// --json` before) and `nix store info --json` (2.19 and newer; `nix store ping
// --json` before). Only the settings asked for are kept: the full answer
// holds access-tokens, which must never reach a log.
import { z } from "zod";
import { ExitCode, UserError } from "../core/errors.js";
import { runNix } from "../nix/run.js";

const settingSchema = z.object({ value: z.unknown(), defaultValue: z.unknown().optional() });
const configSchema = z.record(z.string(), settingSchema);

export interface NixSetting {
  value: unknown;
  defaultValue?: unknown;
}

/** A setting's value as a list of words (Nix shows sets as arrays; a few as one string). */
export function settingWords(setting: NixSetting | undefined): string[] {
  const value = setting?.value;
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "string") return value.split(/\s+/).filter((w) => w !== "");
  return [];
}

/** Whether a setting differs from its default (set in nix.conf or NIX_CONFIG). */
export function isSet(setting: NixSetting | undefined): boolean {
  return setting !== undefined && JSON.stringify(setting.value) !== JSON.stringify(setting.defaultValue);
}

function lastLine(text: string): string {
  return text.trim().split("\n").slice(-1)[0] ?? "";
}

/** The settings `names` as this Nix sees them (nix.conf files and NIX_CONFIG of `env`). */
export async function readNixSettings(names: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Map<string, NixSetting>> {
  let result = await runNix("nix", ["config", "show", "--json"], { env });
  if (result.code !== 0) result = await runNix("nix", ["show-config", "--json"], { env });
  if (result.code !== 0) {
    throw new UserError(
      `Nix did not show its settings ('nix config show --json' exited ${result.code}): ${lastLine(result.stderr)}`,
      "Check the Nix installation and its nix.conf (a bad line stops every Nix command).",
      ExitCode.environment,
    );
  }
  const parsed = configSchema.safeParse(JSON.parse(result.stdout));
  if (!parsed.success) throw new Error(`unexpected 'nix config show --json' output: ${parsed.error.message}`);
  const wanted = new Map<string, NixSetting>();
  for (const name of names) {
    const setting = parsed.data[name];
    if (setting) wanted.set(name, setting);
  }
  return wanted;
}

const storeInfoSchema = z.object({
  url: z.string(),
  version: z.string().optional(),
  /** Absent before Nix 2.15; some versions answer 0/1. */
  trusted: z.union([z.boolean(), z.number()]).optional(),
});

export interface StoreInfo {
  url: string;
  version?: string;
  /** Whether the store trusts this user (a local store always does); undefined when Nix does not say. */
  trusted?: boolean;
}

/** The store Nix uses by default (NIX_REMOTE, `store`), and whether it trusts us. */
export async function readStoreInfo(env: NodeJS.ProcessEnv = process.env): Promise<StoreInfo> {
  let result = await runNix("nix", ["store", "info", "--json"], { env });
  if (result.code !== 0) result = await runNix("nix", ["store", "ping", "--json"], { env });
  if (result.code !== 0) {
    throw new UserError(
      `Nix cannot open its store ('nix store info' exited ${result.code}): ${lastLine(result.stderr)}`,
      "Check the Nix installation: a daemon install needs nix-daemon running (sudo systemctl start nix-daemon), a single-user one a /nix this user owns.",
      ExitCode.environment,
    );
  }
  const info = storeInfoSchema.parse(JSON.parse(result.stdout));
  return {
    url: info.url,
    ...(info.version !== undefined ? { version: info.version } : {}),
    ...(info.trusted !== undefined ? { trusted: info.trusted === true || info.trusted === 1 } : {}),
  };
}

/** Whether the store is reached through a Nix daemon (a multi-user install). */
export function isDaemonStore(url: string): boolean {
  return url === "daemon" || url.startsWith("unix://") || url.startsWith("ssh-ng://");
}
