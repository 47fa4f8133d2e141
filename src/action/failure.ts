// A failed run as the runner shows it: one error annotation (on the file and
// line of the configuration when the error names one inside the workspace)
// and the documented exit code.
import { isAbsolute, relative, sep } from "node:path";
import * as core from "@actions/core";
import { ExitCode, isUserError } from "../core/errors.js";

export interface SourceLocation {
  /** Relative to the workspace. */
  file: string;
  startLine: number;
  startColumn?: number;
}

/** The first "/path/file.nix:LINE[:COL]" in the text that lies inside `workspace`. */
export function locationIn(text: string, workspace: string): SourceLocation | undefined {
  for (const match of text.matchAll(/(\/[^\s:'"`,()]+\.nix):(\d+)(?::(\d+))?/g)) {
    const path = match[1] ?? "";
    const rel = relative(workspace, path);
    if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) continue;
    return {
      file: rel.split(sep).join("/"),
      startLine: Number(match[2]),
      ...(match[3] ? { startColumn: Number(match[3]) } : {}),
    };
  }
  return undefined;
}

export function reportFailure(error: unknown, workspace: string = process.env.GITHUB_WORKSPACE || process.cwd()): void {
  if (isUserError(error)) {
    const message = error.render();
    const where = locationIn(`${error.details ?? ""}\n${error.problem}`, workspace);
    if (where) {
      core.error(message, { title: "nixos-generators", ...where });
      process.exitCode = error.exitCode;
    } else {
      core.setFailed(message);
      process.exitCode = error.exitCode;
    }
    return;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  core.setFailed(`nixos-generators action failed unexpectedly (a bug; please report it):\n${text}`);
  process.exitCode = ExitCode.failed;
}
