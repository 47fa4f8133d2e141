// Settings the user gives Nix through the action: the extra-nix-config input
// (nix.conf lines) and github-token (as access-tokens, for github: flake
// inputs and fetchers). The token never enters an environment variable:
// NIX_CONFIG only names a file (`!include`) only this user can read, removed
// when the action ends; Nix's child environment could otherwise show it to a
// configuration (builtins.getEnv "NIX_CONFIG").
import { rmSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as core from "@actions/core";
import { ExitCode, UserError } from "../core/errors.js";

const SETTING_LINE = /^(!?include)\s+\S|^([A-Za-z][A-Za-z0-9-]*)\s*=/;

/** The name each nix.conf line sets ("include" for an include line). */
export function settingName(line: string): string {
  const match = SETTING_LINE.exec(line.trim());
  return match?.[2] ?? "include";
}

/**
 * extra-nix-config: nix.conf lines (`name = value`, `include PATH`, `#`
 * comments, blank lines). Returns the setting lines, trimmed; a line that is
 * none of these is an input error (Nix would reject the whole file).
 */
export function parseExtraNixConfig(text: string): string[] {
  const lines: string[] = [];
  for (const [index, raw] of text.split("\n").entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    if (!SETTING_LINE.test(line)) {
      throw new UserError(
        `The input 'extra-nix-config' line ${index + 1} ('${line.length > 60 ? `${line.slice(0, 60)}…` : line}') is not a nix.conf setting.`,
        "Write one 'name = value' a line (as in nix.conf), e.g. 'extra-substituters = https://my-cache.cachix.org'.",
        ExitCode.usage,
      );
    }
    lines.push(line);
  }
  return lines;
}

/** The GitHub host the token is for: GITHUB_SERVER_URL's (github.com, or a GitHub Enterprise Server's). */
export function githubHost(env: NodeJS.ProcessEnv = process.env): string {
  try {
    return new URL(env.GITHUB_SERVER_URL || "https://github.com").host;
  } catch {
    return "github.com";
  }
}

/**
 * Writes `access-tokens = <host>=<token>` (host: github.com on GitHub.com) to
 * a file only this user can read and returns the NIX_CONFIG line that
 * includes it; the file goes when the process exits. The token is masked in
 * the log (core.setSecret).
 */
export async function githubAccessTokens(token: string, tempDir: string = tmpdir(), host: string = githubHost()): Promise<string> {
  core.setSecret(token);
  const dir = await mkdtemp(join(tempDir, "nix-access-tokens-"));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "access-tokens.conf");
  await writeFile(file, `access-tokens = ${host}=${token}\n`, { mode: 0o600 });
  return `!include ${file}`;
}
