// Why a build failed, in words: the first failing builder's own log (and
// Nix's error) read for the causes a person can act on. Nix's last line only
// counts dependents ("N dependencies of derivation … failed to build"); the
// cause is usually a line the failing builder printed, deep in the log.
import { ExitCode, type ExitCodeValue } from "../core/errors.js";

export type CauseKind = "no-space" | "network" | "kvm" | "timeout" | "memory";

export interface BuildCause {
  kind: CauseKind;
  /** What happened, in a few words. */
  what: string;
  /** The line that shows it, as printed. */
  evidence: string;
  fix: string;
  exitCode: ExitCodeValue;
}

interface Rule {
  kind: CauseKind;
  pattern: RegExp;
  what: string;
  fix: string;
  exitCode: ExitCodeValue;
}

/**
 * In order of precedence: a full disk also breaks downloads and VMs, so it is
 * named first when both show.
 */
const RULES: readonly Rule[] = [
  {
    kind: "no-space",
    pattern: /No space left on device|Disk quota exceeded|ENOSPC/i,
    what: "the disk is full",
    fix: "Free disk space where the Nix store and the build directory are (the action's free-disk-space: true removes the runner's preinstalled toolchains), or build fewer images per job.",
    exitCode: ExitCode.environment,
  },
  {
    kind: "kvm",
    // Nix < 2.30: "a 'x86_64-linux' with features {kvm} is required"; 2.34: "Required features: {kvm}"; QEMU's own.
    pattern: /with features \{[^}]*\bkvm\b[^}]*\} is required|Required features: \{[^}]*\bkvm\b|Could not access KVM kernel module|failed to initialize kvm|\/dev\/kvm.*(?:Permission denied|No such file)/i,
    what: "the build needs KVM, which this machine does not give it",
    fix: "Build on an x86_64 GitHub-hosted runner (ubuntu-latest) or a machine where /dev/kvm is usable and Nix lists 'kvm' in system-features.",
    exitCode: ExitCode.environment,
  },
  {
    kind: "network",
    pattern:
      /Could not resolve host|Couldn't resolve host|Temporary failure in name resolution|Name or service not known|Network is unreachable|Connection refused|Connection timed out|unable to download|SSL certificate problem|curl: \(\d+\)/i,
    what: "a download failed (no network, or the host is unreachable)",
    fix: "A source that no binary cache has was fetched: check the network access and the substituters (the action's extra-nix-config), or build where cache.nixos.org is reachable.",
    exitCode: ExitCode.environment,
  },
  {
    kind: "timeout",
    pattern: /timed out after \d+ seconds|took longer than the maximum|silent for \d+ seconds/i,
    what: "the build ran out of time",
    fix: "Raise Nix's timeout or max-silent-time (--option timeout N), or the job's timeout-minutes.",
    exitCode: ExitCode.failed,
  },
  {
    kind: "memory",
    pattern: /Cannot allocate memory|out of memory|std::bad_alloc|Killed\s*$/im,
    what: "the build ran out of memory",
    fix: "Build fewer things at once (the CLI's --max-jobs 1, or fewer images per job), or on a machine with more memory.",
    exitCode: ExitCode.environment,
  },
];

/** The cause shown by the builder's log (searched from its end) or else Nix's error text; undefined when none is known. */
export function buildCause(builderLog: readonly string[], nixError: string): BuildCause | undefined {
  const sources = [[...builderLog].reverse(), nixError.split("\n")];
  for (const rule of RULES) {
    for (const lines of sources) {
      const line = lines.find((l) => rule.pattern.test(l));
      if (line !== undefined) return { kind: rule.kind, what: rule.what, evidence: line.trim(), fix: rule.fix, exitCode: rule.exitCode };
    }
  }
  return undefined;
}
