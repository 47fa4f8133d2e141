// The shapes verify speaks in: what a format promises, what was found.
import type { Compression, Container, NixSystem } from "../core/catalogue.js";

export interface VerifyExpectation {
  container: Container;
  /** Absent: whatever compression the file has (a custom format declares only its container). */
  compression?: Compression;
  /** The disk size the image was asked for, in MiB, when the format takes one. */
  diskSizeMiB?: number | "auto";
  /**
   * The system the image is for, when known: an x86_64 ISO must boot by BIOS
   * and EFI, an aarch64 one by EFI. Without it an ISO needs one boot entry.
   */
  system?: NixSystem;
  /**
   * The catalogue format the image is for ("azure", "gce", …): its target's
   * acceptance rules (targets/) are checked besides the container's structure.
   */
  target?: string;
}

/** What `identifyImage` may be told: no format, only what the image is for and its size. */
export interface IdentifyOptions {
  system?: NixSystem;
  diskSizeMiB?: number | "auto";
}

/** One thing that is not as the format promises. */
export interface Finding {
  /** What was checked, e.g. "qcow2.magic" or "gpt.header-crc32". */
  check: string;
  expected: string;
  found: string;
  /** Byte offset in the (decompressed) image where it was looked for. */
  offset?: number;
  /** For a target's acceptance rule: the rule in the target's words ("Azure accepts only fixed-size VHDs"). */
  rule?: string;
}

export type DetailValue = string | number | boolean;

export interface VerifyReport {
  ok: boolean;
  path: string;
  /** Size of the file as shipped (compressed, if it is). */
  size: number;
  /** SHA-256 of the file as shipped, hex. */
  sha256: string;
  /** What the image was checked against; absent when it was identified by its bytes alone. */
  expected?: VerifyExpectation;
  detected: { container: Container | "unknown"; compression: Compression };
  /** Bytes, where the container has one. */
  virtualSize?: number;
  /** The ISO volume label, or the NixOS root file system label, when found. */
  label?: string;
  /** An archive's top-level members, in archive order (at most MEMBERS_SHOWN of them). */
  members?: string[];
  details: Record<string, DetailValue>;
  findings: Finding[];
  /**
   * For an image held to no container (a custom format that declares no
   * `formatContainer`): what identifying it found amiss. Reported, never
   * failing the image: verify cannot hold a format to what it does not know.
   */
  notes?: Finding[];
}
