// Test helpers around the real Nix and the pinned nixpkgs (never stubbed).
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { projectPath } from "../../src/core/paths.js";
import type { EvalInput } from "../../src/nix/evaluate.js";

const run = promisify(execFile);

/** The pinned test nixpkgs, as a store path (set by the global setup). */
export const NIXPKGS = process.env.NIXPKGS_TEST_PATH ?? process.env.NIXPKGS_TEST_DIR ?? "/opt/nixpkgs-26.11pre";

/** What an evaluation takes, with test defaults: the default configuration, the pinned nixpkgs on -I. */
export function testRequest(overrides: Partial<EvalInput> = {}): EvalInput {
  return {
    config: { kind: "default" },
    specialArgs: [],
    includes: [{ key: "nixpkgs", value: NIXPKGS }],
    nixOptions: [],
    showTrace: false,
    ...overrides,
  };
}

/** Evaluate a Nix expression to JSON (strict), with the project's nix/ as `nix` and nixpkgs' lib as `lib`. */
export async function nixEvalJson<T = unknown>(expr: string, env: NodeJS.ProcessEnv = process.env, cwd?: string): Promise<T> {
  const prelude = `let nix = ${projectPath("nix")}; nixpkgs = ${NIXPKGS}; lib = import (nixpkgs + "/lib"); in `;
  const { stdout } = await run(
    "nix-instantiate",
    ["--eval", "--strict", "--json", "--read-write-mode", "--expr", prelude + expr],
    { env, cwd, maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as T;
}

/** The environment of a derivation, parsed from its .drv file (ATerm). */
export async function derivationEnv(drvPath: string): Promise<Record<string, string>> {
  const { stdout } = await run("nix", ["derivation", "show", drvPath], { maxBuffer: 64 * 1024 * 1024 });
  const parsed = JSON.parse(stdout) as Record<string, { env: Record<string, string> }>;
  const first = Object.values(parsed)[0];
  if (!first) throw new Error(`no derivation in 'nix derivation show ${drvPath}'`);
  return first.env;
}

/** Every store path in the closure of a .drv: derivations and their sources. */
export async function requisites(drvPath: string): Promise<string[]> {
  const { stdout } = await run("nix-store", ["--query", "--requisites", drvPath], { maxBuffer: 256 * 1024 * 1024 });
  return stdout.split("\n").filter((line) => line !== "");
}

/** Every derivation in the closure of a .drv. */
export async function drvClosure(drvPath: string): Promise<string[]> {
  return (await requisites(drvPath)).filter((line) => line.endsWith(".drv"));
}

export function readDrv(drvPath: string): string {
  return readFileSync(drvPath, "utf8");
}
