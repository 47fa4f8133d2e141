// runners: which runner each system's matrix entries build on — a JSON object
// from system to what `runs-on` takes (a label, or a list of labels a runner
// must all have), e.g. {"aarch64-linux": ["self-hosted", "arm64"]}. Systems
// it does not name keep GitHub's hosted labels (matrix.ts RUNNERS). And the
// one case plan mode warns about: a private repository whose matrix would
// send aarch64 jobs to GitHub's standard arm64 label.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { SYSTEMS, systemSchema, type NixSystem } from "../core/catalogue.js";
import { ExitCode, UserError } from "../core/errors.js";
import { didYouMean, orList } from "../core/resolve-formats.js";

/** What `runs-on` takes from a matrix value: one label, or labels a runner must all have. */
export const runsOnSchema = z.union([z.string().trim().min(1), z.array(z.string().trim().min(1)).min(1)]);
export type RunsOn = z.infer<typeof runsOnSchema>;
export type RunnerMap = Partial<Record<NixSystem, RunsOn>>;

const EXAMPLE = `runners: '{"aarch64-linux": ["self-hosted", "arm64"]}'`;

function bad(problem: string, fix = `Give a JSON object from system (${SYSTEMS.join(", ")}) to a runner label or a list of labels, e.g. ${EXAMPLE}.`): UserError {
  return new UserError(`The input 'runners' ${problem}`, fix, ExitCode.usage);
}

/** Parses the `runners` input ("" for none); every bad value is one UserError (exit 2) naming what is wrong. */
export function parseRunners(text: string): RunnerMap {
  if (text.trim() === "") return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw bad(`is not JSON (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw bad(`is ${Array.isArray(json) ? "a JSON array" : json === null ? "null" : `a JSON ${typeof json}`}, not an object from system to runner labels.`);
  }
  const map: RunnerMap = {};
  for (const [key, value] of Object.entries(json)) {
    const system = systemSchema.safeParse(key);
    if (!system.success) {
      const close = didYouMean(key, SYSTEMS);
      throw bad(
        `names '${key}', which is not a system this action builds for.`,
        `${close.length > 0 ? `Did you mean ${orList(close)}? ` : ""}Use ${orList(SYSTEMS)} as keys, e.g. ${EXAMPLE}.`,
      );
    }
    const runsOn = runsOnSchema.safeParse(value);
    if (!runsOn.success) {
      throw bad(
        `gives ${key} ${JSON.stringify(value)}, which is not what runs-on takes.`,
        `Give ${key} a runner label ("ubuntu-24.04-arm") or a non-empty list of labels (["self-hosted", "arm64"]), each a non-empty string.`,
      );
    }
    map[system.data] = runsOn.data;
  }
  return map;
}

const eventSchema = z.looseObject({ repository: z.looseObject({ private: z.boolean().optional() }).optional() });

/** Whether the workflow's event payload (GITHUB_EVENT_PATH) says the repository is private; false when it cannot tell. */
export function repositoryIsPrivate(env: NodeJS.ProcessEnv = process.env): boolean {
  const path = env.GITHUB_EVENT_PATH;
  if (!path) return false;
  try {
    const event = eventSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
    return event.success && event.data.repository?.private === true;
  } catch {
    return false;
  }
}

/**
 * The warning for a private repository whose matrix has aarch64-linux entries
 * and no `runners` mapping for them: GitHub's standard arm64 label
 * (ubuntu-24.04-arm) has been refused in private repositories ("not supported
 * yet for private repositories"). Undefined when it does not apply.
 */
export function privateArmWarning(systems: readonly NixSystem[], runners: RunnerMap, isPrivate: boolean, defaultLabel: string): string | undefined {
  if (!isPrivate || !systems.includes("aarch64-linux") || runners["aarch64-linux"] !== undefined) return undefined;
  return [
    `This repository is private, and the matrix sends its aarch64-linux images to ${defaultLabel}, GitHub's standard arm64 runner, which GitHub has not offered to private repositories on every plan (jobs fail with "not supported yet for private repositories" or wait for a runner).`,
    `Either map aarch64-linux to runners you have with the runners input (e.g. ${EXAMPLE}),`,
    `or build aarch64-linux on the x86_64 runner through emulation: runners: '{"aarch64-linux": "ubuntu-latest"}' (the build step, given system: aarch64-linux, sets up QEMU user emulation with binfmt_misc there; slow, as every build step of the image runs emulated).`,
  ].join(" ");
}
