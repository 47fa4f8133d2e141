// Errors a user can act on: one message naming the problem, one naming the fix,
// and a documented exit code. Anything else is a bug and shows its stack.
import type { Field } from "./fields.js";

/** Documented exit codes (README "Exit codes"). */
export const ExitCode = {
  ok: 0,
  /** Nix evaluation or build failed for a reason not in the user's input. */
  failed: 1,
  /** Bad command-line flags or action inputs. */
  usage: 2,
  /** The NixOS configuration does not evaluate (syntax, undefined option, type, conflict). */
  config: 3,
  /** The environment: Nix missing or too old, nixpkgs too old, no space, no binfmt/KVM. */
  environment: 4,
  /** An image did not pass verification. */
  verify: 5,
  /** An image did not boot in the boot test (panic, emergency mode, hang, timeout). */
  boot: 6,
  /** Interrupted (Ctrl-C / SIGTERM). */
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class UserError extends Error {
  override readonly name = "UserError";
  constructor(
    /** What is wrong, in one sentence. */
    readonly problem: string,
    /** What to do about it, in one sentence. */
    readonly fix: string,
    readonly exitCode: ExitCodeValue = ExitCode.usage,
    /** Extra lines (e.g. the Nix error excerpt), shown after the message. */
    readonly details?: string,
    /** The request field the problem is in, for the front end to name (a flag, an input). */
    readonly field?: Field,
  ) {
    super(`${problem} ${fix}`);
  }

  /** The text shown to the user: "problem\n  fix" and any details. */
  render(): string {
    const lines = [this.problem, `  ${this.fix}`];
    if (this.details) lines.push("", this.details);
    return lines.join("\n");
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
