// A Nix for the build: the one on PATH when it is 2.18 or newer; else (with
// install-nix: auto) the official installer, downloaded, checked against its
// SHA-256 before anything runs, and run single-user. Our own Nix calls get the
// settings they need through NIX_CONFIG, whichever Nix it is: the features we
// use, extra-nix-config, and github-token as access-tokens. An installer URL
// with a password (https://user:pass@host/…) is sent as Basic authentication
// and shown only redacted.
import { createHash } from "node:crypto";
import { access, appendFile, constants, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as core from "@actions/core";
import { ExitCode, UserError, isUserError } from "../core/errors.js";
import { checkNix } from "../nix/version.js";
import { execCommand } from "./exec.js";
import { githubAccessTokens, githubHost, settingName } from "./nix-settings.js";

/** What every Nix call of the action needs: `nix build` and flakes. */
export const NIX_FEATURES_LINE = "extra-experimental-features = nix-command flakes";

export interface EnsureNixOptions {
  installNix: "auto" | "never";
  installerUrl: string;
  installerSha256: string;
  /** Where the installer is downloaded; default the OS temporary directory. */
  tempDir?: string;
  /** extra-nix-config: nix.conf lines for our Nix calls, and for the nix.conf of a Nix this run installs. */
  extraNixConfig?: readonly string[];
  /** github-token: given to Nix as access-tokens (github.com) for our Nix calls; empty: none. */
  githubToken?: string;
  log?: (line: string) => void;
}

export interface NixSetup {
  /** `nix --version`. */
  version: string;
  /** Whether this run installed Nix. */
  installed: boolean;
  /** The profile bin directory put on PATH (installed only). */
  binDir?: string;
  /** The nix.conf written (installed only). */
  nixConf?: string;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The URL as it may be shown: a user name and password become "***" (the password is masked in the log too). */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL: hide anything between "//" and "@" all the same.
    return url.replace(/\/\/[^/@]*@/, "//***@");
  }
  if (parsed.username === "" && parsed.password === "") return url;
  parsed.username = "***";
  parsed.password = "";
  return parsed.toString();
}

/** The installer's bytes, from http(s):// (with Basic authentication for user:password@) or file://. */
async function download(url: string): Promise<Buffer> {
  const parsed = new URL(url);
  const shown = redactUrl(url);
  try {
    if (parsed.protocol === "file:") return await readFile(fileURLToPath(parsed));
    const headers: Record<string, string> = {};
    if (parsed.username !== "" || parsed.password !== "") {
      // fetch refuses a URL with credentials: they go in the Authorization header.
      const credentials = `${decodeURIComponent(parsed.username)}:${decodeURIComponent(parsed.password)}`;
      headers.Authorization = `Basic ${Buffer.from(credentials).toString("base64")}`;
      parsed.username = "";
      parsed.password = "";
    }
    const res = await fetch(parsed, { headers, redirect: "follow", signal: AbortSignal.timeout(120_000) });
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`HTTP ${res.status} ${res.statusText}`);
    }
    return Buffer.from(await res.arrayBuffer());
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : "";
    throw new UserError(
      `The Nix installer could not be downloaded from ${shown}: ${message(error).split(url).join(shown)}${cause.split(url).join(shown)}.`,
      "Check nix-installer-url and the runner's network access to it, or install Nix before this step (e.g. cachix/install-nix-action).",
      ExitCode.environment,
    );
  }
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/** Where a single-user installation puts the `nix` command. */
export function profileBinDirs(env: NodeJS.ProcessEnv = process.env): string[] {
  const home = env.HOME || homedir();
  const state = env.XDG_STATE_HOME || join(home, ".local", "state");
  return [join(home, ".nix-profile", "bin"), join(state, "nix", "profile", "bin"), "/nix/var/nix/profiles/default/bin"];
}

/** The user's nix.conf ($XDG_CONFIG_HOME/nix/nix.conf). */
export function userNixConf(env: NodeJS.ProcessEnv = process.env): string {
  const home = env.HOME || homedir();
  return join(env.XDG_CONFIG_HOME || join(home, ".config"), "nix", "nix.conf");
}

/** Appends `lines` to a nix.conf, each only once. */
export async function addToNixConf(path: string, lines: readonly string[]): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const existing = await readFile(path, "utf8").catch(() => "");
  const missing = lines.filter((line) => !existing.split("\n").some((l) => l.trim() === line));
  if (missing.length === 0) return;
  const prefix = existing === "" || existing.endsWith("\n") ? "" : "\n";
  await appendFile(path, `${prefix}# Added by the nixos-generators action.\n${missing.join("\n")}\n`);
}

/**
 * Adds settings for this process's Nix calls (NIX_CONFIG, read by every Nix
 * command after nix.conf). Later steps do not see them.
 */
export function addNixConfig(lines: readonly string[], env: NodeJS.ProcessEnv = process.env): void {
  const current = (env.NIX_CONFIG ?? "").split("\n").filter((l) => l.trim() !== "");
  for (const line of lines) if (!current.includes(line)) current.push(line);
  env.NIX_CONFIG = current.join("\n");
}

/**
 * Masks an installer URL's password wherever the runner's log would show it
 * (the user name is only left out of our own lines: masking a short name
 * everywhere would garble the log).
 */
function protectInstallerUrl(url: string): void {
  try {
    const { password } = new URL(url);
    if (password === "") return;
    core.setSecret(password);
    core.setSecret(decodeURIComponent(password));
  } catch {
    // Not a URL: the inputs refuse it before this runs.
  }
}

/** Downloads, checks and runs the installer; returns the bin directory with `nix`. */
async function install(options: EnsureNixOptions, log: (line: string) => void): Promise<{ binDir: string; nixConf: string }> {
  const shown = redactUrl(options.installerUrl);
  log(`downloading the Nix installer from ${shown}`);
  const script = await download(options.installerUrl);
  const sha256 = createHash("sha256").update(script).digest("hex");
  const want = options.installerSha256.toLowerCase();
  if (sha256 !== want) {
    throw new UserError(
      `The Nix installer downloaded from ${shown} has SHA-256 ${sha256}, not the expected ${want}, so it was not run.`,
      "If you changed nix-installer-url, set nix-installer-sha256 to that installer's published SHA-256 (its install.sha256); otherwise re-run, as the download may have been damaged.",
      ExitCode.environment,
    );
  }
  log(`the installer's SHA-256 is ${sha256}, as expected`);
  const dir = await mkdtemp(join(options.tempDir ?? tmpdir(), "nix-installer-"));
  try {
    const path = join(dir, "install");
    await writeFile(path, script, { mode: 0o755 });
    log("running the Nix installer (single-user: --no-daemon)");
    const result = await execCommand("sh", [path, "--no-daemon", "--yes", "--no-channel-add", "--no-modify-profile"], { stream: true });
    if (result.code !== 0) {
      throw new UserError(
        `The Nix installer failed (exit ${result.code}): ${(result.stderr || result.stdout).trim().split("\n").slice(-3).join(" ")}`,
        "Read the installer's output above; a single-user install needs a writable /nix (or sudo to create it).",
        ExitCode.environment,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  let binDir: string | undefined;
  for (const candidate of profileBinDirs()) {
    if (await isExecutable(join(candidate, "nix"))) {
      binDir = candidate;
      break;
    }
  }
  if (!binDir) {
    throw new UserError(
      `The Nix installer finished, but no 'nix' is in ${profileBinDirs().join(", ")}.`,
      "Read the installer's output above, or install Nix before this step (e.g. cachix/install-nix-action).",
      ExitCode.environment,
    );
  }
  core.addPath(binDir);
  const nixConf = userNixConf();
  await addToNixConf(nixConf, ["experimental-features = nix-command flakes"]);
  log(`Nix installed; ${binDir} is on PATH, settings in ${nixConf}`);
  return { binDir, nixConf };
}

/** Settings Nix reads secrets from: never written to a nix.conf that outlives the job. */
const SECRET_SETTINGS = new Set(["access-tokens", "netrc-file", "include"]);

/**
 * The user's settings (extra-nix-config, the token for Nix), once Nix runs.
 * The extra lines are tried on Nix first: a value Nix refuses is an input
 * error, never "Nix is missing" (which would install Nix over a working one)
 * nor a broken nix.conf for later steps.
 */
async function addUserSettings(options: EnsureNixOptions, log: (line: string) => void, nixConf?: string): Promise<void> {
  const extra = options.extraNixConfig ?? [];
  if (extra.length > 0) {
    const before = process.env.NIX_CONFIG;
    addNixConfig(extra);
    try {
      await checkNix();
    } catch (error) {
      if (!isUserError(error)) throw error;
      if (before === undefined) delete process.env.NIX_CONFIG;
      else process.env.NIX_CONFIG = before;
      throw new UserError(
        `The input 'extra-nix-config' has a setting Nix refuses: ${error.problem}`,
        "Correct or remove that line of extra-nix-config (nix.conf's manual lists each setting's values).",
        ExitCode.usage,
        error.details,
      );
    }
    log(`extra-nix-config: ${extra.length} line(s) for Nix (${extra.map(settingName).join(", ")})`);
    if (nixConf) await addToNixConf(nixConf, extra.filter((line) => !SECRET_SETTINGS.has(settingName(line))));
  }
  if (options.githubToken) {
    addNixConfig([await githubAccessTokens(options.githubToken, options.tempDir)]);
    log(`github-token: given to Nix as access-tokens for ${githubHost()}`);
  }
}

/**
 * Makes sure Nix 2.18 or newer runs; installs it when allowed. Also sets
 * NIX_CONFIG for this process so `nix build` and flakes work.
 */
export async function ensureNix(options: EnsureNixOptions): Promise<NixSetup> {
  const log = options.log ?? (() => undefined);
  protectInstallerUrl(options.installerUrl);
  addNixConfig([NIX_FEATURES_LINE]);
  // A Nix that runs, or why there is none (an environment error; anything else is thrown).
  const found = await checkNix().catch((error: unknown) => {
    if (!isUserError(error) || error.exitCode !== ExitCode.environment) throw error;
    return error;
  });
  if (!isUserError(found)) {
    log(`using ${found}`);
    await addUserSettings(options, log);
    return { version: found, installed: false };
  }
  const problem = found;
  if (options.installNix === "never") {
    throw new UserError(
      problem.problem,
      "Install Nix 2.18 or newer before this step (e.g. cachix/install-nix-action), or set install-nix: auto to let the action install it.",
      ExitCode.environment,
      problem.details,
    );
  }
  log(`${problem.problem} Installing Nix.`);
  const { binDir, nixConf } = await install(options, log);
  let version: string;
  try {
    version = await checkNix();
  } catch (error) {
    if (!isUserError(error)) throw error;
    throw new UserError(`Nix was installed, but it does not run: ${error.problem}`, error.fix, ExitCode.environment, error.details);
  }
  log(`using ${version}`);
  await addUserSettings(options, log, nixConf);
  return { version, installed: true, binDir, nixConf };
}
