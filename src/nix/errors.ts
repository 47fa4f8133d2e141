// Nix's error output -> one UserError naming the problem and the fix.
import { ExitCode, UserError } from "../core/errors.js";

/** The last `error:` block of Nix's stderr, without the trace before it. */
export function lastNixError(stderr: string): string {
  const lines = stderr.split("\n");
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (/^\s*error:/.test(lines[i] ?? "")) {
      start = i;
      break;
    }
  }
  const block = start >= 0 ? lines.slice(start) : lines.slice(-15);
  return block
    .map((line) => line.replace(/^ {7}/, ""))
    .join("\n")
    .trim();
}

/** "at /path/file.nix:12:3:" anywhere in the output -> "/path/file.nix:12" */
function firstLocation(text: string): string | undefined {
  const match = /at (\/[^\s:]+\.nix):(\d+)(?::\d+)?/.exec(text);
  return match ? `${match[1]}:${match[2]}` : undefined;
}

/** Files named in a "Definition values:" list: "- In `/path/file.nix'" */
function definitionFiles(text: string): string[] {
  return [...text.matchAll(/- In `([^']+)'/g)].map((m) => m[1] ?? "");
}

export interface NixErrorContext {
  /** Directories whose files belong to a format (nixpkgs' nixos/, our nix/). */
  formatRoots: string[];
  /** The formats being evaluated, to name in a conflict. */
  formats: string[];
  showTrace: boolean;
  /** The nixpkgs the evaluation was given (-I nixpkgs=DIR, made absolute), when one was. */
  nixpkgs?: string;
}

/**
 * <nixpkgs> is a directory but not a nixpkgs tree: nix/eval.nix's
 * `import (nixpkgs + "/lib")` or `nixpkgs + "/nixos/lib/eval-config.nix"`
 * found nothing. The directory, or undefined for another missing path.
 */
export function notANixpkgsTree(stderr: string, error: string, nixpkgs?: string): { dir: string; missing: string } | undefined {
  const evalConfig = /path '(\/[^']*?)\/(nixos\/lib\/eval-config\.nix)' does not exist/.exec(error);
  if (evalConfig) return { dir: evalConfig[1] ?? "", missing: evalConfig[2] ?? "" };
  const lib = /path '(\/[^']*?)\/(lib)' does not exist/.exec(error);
  // A missing "<dir>/lib" is nixpkgs' only when it is the nixpkgs given, or the import in the trace is eval.nix's of nixpkgs.
  if (lib && (lib[1] === nixpkgs || /import \(nixpkgs \+ "\/lib"\)/.test(stderr))) return { dir: lib[1] ?? "", missing: "lib/" };
  return undefined;
}

/** Classify a failed evaluation. */
export function evaluationError(stderr: string, context: NixErrorContext): UserError {
  const error = lastNixError(stderr);
  const details = context.showTrace ? stderr.trim() : error;
  const ours = /nixos-generators: (.*)/s.exec(error);
  if (ours?.[1]) {
    const text = ours[1].split("\n")[0] ?? ours[1];
    const environment = /no `image.modules`/.test(text);
    return new UserError(
      text,
      environment ? "Use a nixpkgs of NixOS 25.05 or newer (-I nixpkgs=…)." : "Change the request or the configuration as the message says.",
      environment ? ExitCode.environment : ExitCode.config,
      context.showTrace ? details : undefined,
    );
  }
  if (/syntax error/.test(error)) {
    const where = firstLocation(error) ?? "the configuration";
    const what = /syntax error, ([^\n]*)/.exec(error)?.[1] ?? "syntax error";
    return new UserError(`Nix syntax error in ${where}: ${what}.`, `Fix the Nix syntax at ${where}.`, ExitCode.config, details);
  }
  const missing = /The option `([^']+)' does not exist/.exec(error);
  if (missing) {
    const files = definitionFiles(error);
    return new UserError(
      `The configuration sets an option that does not exist: ${missing[1]}${files.length ? ` (in ${files.join(", ")})` : ""}.`,
      "Check the option's name for this nixpkgs version (nixos-option, or search.nixos.org/options) or remove it.",
      ExitCode.config,
      details,
    );
  }
  const type = /A definition for option `([^']+)' is not of type `([^']+)'/.exec(error);
  if (type) {
    const files = definitionFiles(error);
    return new UserError(
      `The option ${type[1]} is not of type ${type[2]}${files.length ? ` (set in ${files.join(", ")})` : ""}.`,
      `Give ${type[1]} a value of type ${type[2]}.`,
      ExitCode.config,
      details,
    );
  }
  const conflict = /The option `([^']+)' has conflicting definition values/.exec(error);
  if (conflict) {
    const files = definitionFiles(error);
    const formatFiles = files.filter((f) => context.formatRoots.some((root) => f.startsWith(root)));
    const userFiles = files.filter((f) => !formatFiles.includes(f));
    const owner = formatFiles.length
      ? ` The format (${context.formats.join(", ")}) sets it in ${formatFiles.join(", ")}; your configuration sets it in ${userFiles.join(", ") || "another file"}.`
      : ` It is set in ${files.join(", ")}.`;
    return new UserError(
      `The option ${conflict[1]} has conflicting values.${owner}`,
      "Set it in only one place, or give your value a priority: lib.mkDefault (let the format win) or lib.mkForce (win over the format), or put it in formatConfigs.<format>.",
      ExitCode.config,
      details,
    );
  }
  if (/Failed assertions:/.test(error)) {
    const list = error.split("Failed assertions:")[1]?.trim() ?? "";
    return new UserError(`The configuration fails NixOS assertions:\n${list}`, "Change the configuration so the assertions hold.", ExitCode.config, details);
  }
  const tree = notANixpkgsTree(stderr, error, context.nixpkgs);
  if (tree) {
    return new UserError(
      `<nixpkgs> is ${tree.dir}, which is not a nixpkgs tree: it has no ${tree.missing}.`,
      "Point nixpkgs (-I nixpkgs=, the action's 'nixpkgs' input, or NIX_PATH) at a nixpkgs checkout, the directory that holds lib/ and nixos/ (e.g. a clone of github.com/NixOS/nixpkgs), or at a URL such as channel:nixos-25.05.",
      ExitCode.usage,
      // Nix's own line says the same ("path '…/lib' does not exist"): only the trace adds to it.
      context.showTrace ? details : undefined,
    );
  }
  const search = /file '([^']+)' was not found in the Nix search path/.exec(error);
  if (search) {
    return new UserError(
      `<${search[1]}> is not in the Nix search path.`,
      `Pass -I ${search[1]}=PATH (the action's 'nixpkgs' input), or set NIX_PATH.`,
      ExitCode.environment,
      details,
    );
  }
  return new UserError(
    `Nix evaluation failed: ${error.split("\n")[0]?.replace(/^error:\s*/, "") ?? "unknown error"}`,
    "Read the error below; run again with --show-trace for the full trace.",
    ExitCode.config,
    details,
  );
}
