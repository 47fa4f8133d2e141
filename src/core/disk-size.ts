// --disk-size / the action's disk-size input: MiB, "auto", or a size with a binary unit.
import { UserError, ExitCode } from "./errors.js";
import type { DiskSize } from "./request.js";

/** The largest size accepted, in MiB (16 TiB). */
export const MAX_DISK_SIZE_MIB = 16 * 1024 * 1024;

/** The forms parseDiskSize accepts, for help texts and error messages. */
export const DISK_SIZE_FORMS =
  "a whole number of MiB (20480), a size with a binary unit (512M, 512MiB, 20G, 20GiB, 1.5G, 1T), or 'auto'";

const UNIT_MIB: Record<string, bigint> = {
  "": 1n,
  m: 1n,
  mib: 1n,
  g: 1024n,
  gib: 1024n,
  t: 1024n * 1024n,
  tib: 1024n * 1024n,
};

const DECIMAL_UNITS = new Set(["mb", "gb", "tb", "k", "kb", "kib", "b"]);

function invalid(text: string, why: string): UserError {
  return new UserError(
    `invalid disk size '${text}': ${why}.`,
    `Give ${DISK_SIZE_FORMS}; the largest is 16T.`,
    ExitCode.usage,
    undefined,
    "diskSize",
  );
}

/**
 * Parses a disk size. A bare number is MiB (as nixpkgs' diskSize); units are
 * binary (M = MiB, G = GiB, T = TiB, case-insensitive); the result must be a
 * whole number of MiB between 1 MiB and 16 TiB. Throws one UserError otherwise.
 */
export function parseDiskSize(text: string): DiskSize {
  const trimmed = text.trim();
  if (trimmed === "") throw invalid(text, "it is empty");
  if (trimmed.toLowerCase() === "auto") return "auto";
  const m = /^([0-9]+)(?:\.([0-9]+))?\s*([a-zA-Z]*)$/.exec(trimmed);
  if (!m) {
    if (/^-/.test(trimmed)) throw invalid(text, "a size cannot be negative");
    throw invalid(text, "it is not a number with an optional unit");
  }
  const whole = m[1] ?? "0";
  const fraction = m[2] ?? "";
  const unit = (m[3] ?? "").toLowerCase();
  const perUnit = UNIT_MIB[unit];
  if (perUnit === undefined) {
    if (DECIMAL_UNITS.has(unit)) {
      throw new UserError(
        `invalid disk size '${text}': the unit '${m[3]}' is not accepted (sizes are binary and counted in MiB).`,
        `Write the size with M, G or T (binary: 1G = 1024 MiB), e.g. ${whole}${fraction ? "." + fraction : ""}${unit.startsWith("t") ? "T" : unit.startsWith("g") ? "G" : "M"}; accepted: ${DISK_SIZE_FORMS}.`,
        ExitCode.usage,
        undefined,
        "diskSize",
      );
    }
    throw invalid(text, `'${m[3]}' is not a unit`);
  }
  // Exact arithmetic: (whole.fraction × perUnit) must be a whole number of MiB.
  const scale = 10n ** BigInt(fraction.length);
  const numerator = (BigInt(whole) * scale + BigInt(fraction === "" ? "0" : fraction)) * perUnit;
  if (numerator === 0n) throw invalid(text, "a disk cannot be empty");
  if (numerator % scale !== 0n) {
    throw invalid(text, unit === "" ? "a bare number counts whole MiB, and fractions of a MiB are not possible" : "it is not a whole number of MiB");
  }
  const mib = numerator / scale;
  if (mib > BigInt(MAX_DISK_SIZE_MIB)) throw invalid(text, "it is larger than 16 TiB");
  return Number(mib);
}

/** Shows a size in MiB the short way: 20480 → "20G", 1536 → "1536M", "auto" → "auto". */
export function formatDiskSize(size: DiskSize): string {
  if (size === "auto") return "auto";
  if (size % (1024 * 1024) === 0) return `${size / (1024 * 1024)}T`;
  if (size % 1024 === 0) return `${size / 1024}G`;
  return `${size}M`;
}
