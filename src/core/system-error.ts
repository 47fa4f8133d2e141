// One rule at every file-system and network boundary: a Node system error
// (an errno code such as ENOSPC, ELOOP, ECONNREFUSED) becomes one UserError
// that names the path or endpoint, says what the code means and what to do,
// with the documented exit code: usage for the user's own paths, environment
// for a full disk, the runner's permissions and the network.
import { statSync } from "node:fs";
import { dirname, sep } from "node:path";
import { ExitCode, UserError, isUserError, type ExitCodeValue } from "./errors.js";
import type { Field } from "./fields.js";

/** Whose path it is: the user's own (an input or flag: a usage error) or the runner's (environment). */
export type Owner = "user" | "runner";

export interface SystemErrorContext {
  /** The problem up to the cause, e.g. "Copying the image to /out/x.img failed" or "the configuration file ./c.nix cannot be read". */
  problem: string;
  /** The path or endpoint (URL, host:port) the operation was on. */
  target: string;
  owner: Owner;
  /** Another way out, as a phrase after "or": "give out-dir: a directory on another disk". */
  instead?: string;
  /** The request field the path came from, for the front end to name. */
  field?: Field;
}

interface Errno {
  /** The code in words (what it means for the target). */
  words: (target: string) => string;
  /** What to do, without the final period. */
  fix: (target: string, owner: Owner) => string;
  /** Always environment (disk full, network), else by owner. */
  environment: boolean;
}

const NAME_MAX = 255;

/** The first name in `path` longer than NAME_MAX bytes. */
function longName(path: string): string | undefined {
  return path.split(sep).find((part) => Buffer.byteLength(part) > NAME_MAX);
}

/** The ancestor of `path` that is a file (what makes ENOTDIR), if one is. */
export function fileOnTheWay(path: string): string | undefined {
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    let stats;
    try {
      stats = statSync(dir);
    } catch {
      continue; // not there, or under the file: look further up
    }
    return stats.isDirectory() ? undefined : dir;
  }
  return undefined;
}

const permissions = (target: string, owner: Owner): string =>
  owner === "user"
    ? `Give a path this user (uid ${process.getuid?.() ?? "?"}) may use, or fix the permissions of ${target} (ls -ld, chmod, chown)`
    : `Run the job as a user who may use ${target}, or fix its permissions on the runner (ls -ld, chmod, chown)`;

const network = (target: string): string => `Check that ${target} is reachable from this machine (its proxy, firewall and DNS), then re-run`;

const ERRNO: Readonly<Record<string, Errno>> = {
  ENOENT: { words: () => "it (or a directory on its path) does not exist", fix: (t) => `Check the path ${t}, or create its directory first`, environment: false },
  ENOTDIR: {
    words: (t) => {
      const file = fileOnTheWay(t);
      return file ? `${file} is a file, not a directory` : "a part of the path is not a directory";
    },
    fix: () => "Give a path whose every parent is a directory",
    environment: false,
  },
  EISDIR: { words: () => "it is a directory where a file was expected", fix: () => "Give the path of a file, or move the directory away", environment: false },
  EEXIST: { words: () => "something is already there", fix: (t) => `Move away what is at ${t}, or give another path`, environment: false },
  ELOOP: {
    words: () => "it is a symbolic link loop (links that lead back to themselves, or too many levels of links)",
    fix: (t) => `Point the symbolic link at a real file (ls -l ${t} shows where it leads), or give the file's own path`,
    environment: false,
  },
  ENAMETOOLONG: {
    words: (t) => {
      const name = longName(t);
      return name
        ? `the name '${name.slice(0, 40)}…' is ${Buffer.byteLength(name)} bytes long, and file systems allow ${NAME_MAX} bytes per name`
        : "the path is longer than the system allows (4096 bytes)";
    },
    fix: () => `Use shorter names (at most ${NAME_MAX} bytes each) or a shorter path`,
    environment: false,
  },
  EACCES: { words: () => "permission denied", fix: permissions, environment: false },
  EPERM: { words: () => "the operation is not permitted", fix: permissions, environment: false },
  EROFS: {
    words: () => "the file system is read-only",
    fix: (_t, owner) => (owner === "user" ? "Give a path on a writable file system" : "Make the runner's file system writable there (or point the job at a writable directory)"),
    environment: false,
  },
  ENOSPC: { words: () => "no space is left on the device", fix: (t) => `Free space on the disk that holds ${t} (df -h shows it), or use a larger disk`, environment: true },
  EDQUOT: { words: () => "the disk quota is used up", fix: (t) => `Free space within the quota of the disk that holds ${t}, or raise the quota`, environment: true },
  EFBIG: { words: () => "the file is larger than the file system allows", fix: () => "Use a file system that holds large files (not FAT32)", environment: true },
  EMFILE: { words: () => "this process has too many open files", fix: () => "Raise the open-file limit (ulimit -n), then re-run", environment: true },
  ENFILE: { words: () => "the system has too many open files", fix: () => "Close other programs on the machine, then re-run", environment: true },
  EXDEV: { words: () => "it is on another file system than its source", fix: () => "Put both on one file system, then re-run", environment: true },
  EIO: { words: () => "the disk reported an input/output error", fix: () => "Check the disk (dmesg shows its errors), then re-run", environment: true },
  EBUSY: { words: () => "it is busy (in use, or a mount point)", fix: (t) => `Stop what uses ${t}, or give another path`, environment: false },
  ETXTBSY: { words: () => "it is a program that is running", fix: (t) => `Stop the program ${t}, or give another path`, environment: false },
  ECONNREFUSED: { words: () => "the connection was refused (nothing listens there)", fix: network, environment: true },
  ECONNRESET: { words: () => "the connection was reset by the other side", fix: network, environment: true },
  ECONNABORTED: { words: () => "the connection was aborted", fix: network, environment: true },
  EPIPE: { words: () => "the other side closed the connection", fix: network, environment: true },
  ETIMEDOUT: { words: () => "the connection timed out", fix: network, environment: true },
  EHOSTUNREACH: { words: () => "the host is unreachable", fix: network, environment: true },
  ENETUNREACH: { words: () => "the network is unreachable", fix: network, environment: true },
  ENOTFOUND: { words: () => "the host name was not found (DNS)", fix: (t) => `Check the host name in ${t} and this machine's DNS, then re-run`, environment: true },
  EAI_AGAIN: { words: () => "the host name could not be looked up just now (DNS, temporary)", fix: (t) => `Check this machine's DNS for ${t}, then re-run`, environment: true },
};

/** The errno code of a system error: its own `code`, or its cause's (fetch wraps them), or an aggregate's first. */
export function errnoCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== "object" || error === null || depth > 5) return undefined;
  // Node's own ERR_* codes are bugs (a wrong argument), not the system's answer.
  if ("code" in error && typeof error.code === "string" && /^E[A-Z0-9_]+$/.test(error.code) && !error.code.startsWith("ERR_")) return error.code;
  if ("cause" in error) {
    const code = errnoCode(error.cause, depth + 1);
    if (code) return code;
  }
  if ("errors" in error && Array.isArray(error.errors)) {
    for (const inner of error.errors) {
      const code = errnoCode(inner, depth + 1);
      if (code) return code;
    }
  }
  return undefined;
}

/** A system error saying the path is not there: it (or a directory on the way) does not exist, or a file is on the way. */
export function isNotThere(error: unknown): boolean {
  const code = errnoCode(error);
  return code === "ENOENT" || code === "ENOTDIR";
}

/** The code in words ("no space is left on the device"), or undefined for a code this module does not know. */
export function errnoWords(code: string, target: string): string | undefined {
  return ERRNO[code]?.words(target);
}

/** The exit code a system error with `code` on a target of `owner` gets. */
export function errnoExitCode(code: string, owner: Owner): ExitCodeValue {
  const known = ERRNO[code];
  if (known?.environment) return ExitCode.environment;
  if (!known) return ExitCode.environment;
  return owner === "user" ? ExitCode.usage : ExitCode.environment;
}

/**
 * The UserError for a system error: "<problem>: <code in words> (<CODE>)."
 * and the fix. A UserError is returned as it is; anything that is not a
 * system error (a bug) too, so the caller rethrows what it gets.
 */
export function systemError(error: unknown, context: SystemErrorContext): unknown {
  if (isUserError(error)) return error;
  const code = errnoCode(error);
  if (code === undefined) return error;
  const known = ERRNO[code];
  const detail = error instanceof Error ? error.message : String(error);
  const words = known ? known.words(context.target) : `${detail.replace(/^E[A-Z0-9_]+:\s*/, "").split(",")[0] ?? detail}`;
  const fix = known ? known.fix(context.target, context.owner) : "Fix the cause on this machine, then re-run";
  return new UserError(
    `${context.problem}: ${words} (${code}).`,
    `${fix}${context.instead ? `, or ${context.instead}` : ""}.`,
    errnoExitCode(code, context.owner),
    undefined,
    context.field,
  );
}

/** Runs `work`; a system error it throws becomes the UserError of `context` (other errors pass as they are). */
export async function guarded<T>(context: SystemErrorContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw systemError(error, context);
  }
}

/** The same for synchronous work. */
export function guardedSync<T>(context: SystemErrorContext, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw systemError(error, context);
  }
}
