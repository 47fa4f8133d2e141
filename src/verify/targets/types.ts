// A target is where an image goes (a cloud, a hypervisor, a container
// runtime): beyond a sound container, it accepts only what its import
// documentation describes. Each rule names that documentation.
import type { Compression, Container, NixSystem } from "../../core/catalogue.js";
import type { Checks } from "../checks.js";
import type { IsoFacts } from "../containers/iso.js";
import type { Listing } from "../containers/tarballs.js";
import type { VhdFooter } from "../containers/vhd.js";
import type { VmaFacts } from "../containers/vma.js";
import type { ByteSource } from "../source.js";

/** Where a rule comes from: a provider's document, by title and address. */
export interface Source {
  title: string;
  url: string;
}

export interface Rule {
  /** The finding's check name when the rule is broken ("azure.fixed-vhd"). */
  check: string;
  /** The rule in the target's words ("Azure accepts only fixed-size VHDs"). */
  says: string;
  source: Source;
  /**
   * Set when the container's own structural checks already enforce the rule:
   * the checks (finding names) that do. Such a rule adds no finding of its own.
   */
  enforcedBy?: string;
}

/** What the structural checks learnt, for the rules to judge. */
export interface TargetFacts {
  container: Container | "unknown";
  compression: Compression;
  /** The image's (decompressed) bytes. */
  src: ByteSource;
  /** The system the image is for, when known (--system). */
  system?: NixSystem;
  /** The image file's name (its last path component), for targets that read a file only under some names. */
  fileName?: string;
  vhd?: VhdFooter;
  listing?: Listing;
  vma?: VmaFacts;
  iso?: IsoFacts;
}

export interface Target {
  /** The catalogue formats it covers ("azure"; "iso", "install-iso", …). */
  formats: readonly string[];
  /** Who accepts the image, as the findings name it ("Azure", "Compute Engine"). */
  name: string;
  rules: readonly Rule[];
  /** What the target also requires that cannot be checked offline, for --help. */
  offline: readonly string[];
  /** Checks the rules not `enforcedBy` structural checks; writes findings with c.reject. */
  check(facts: TargetFacts, c: Checks): Promise<void>;
}

/** A broken rule as a finding, in the rule's words. */
export function reject(c: Checks, rule: Rule, expected: string, found: string, offset?: number): void {
  c.reject(rule.check, rule.says, expected, found, offset);
}
