// What an image of a target is checked against: one rule for the command line
// and the action alike.
import type { NixSystem } from "../core/catalogue.js";
import type { DiskSize, FormatChoice } from "../core/request.js";
import { identifyImage, verifyImage } from "./index.js";
import type { IdentifyOptions, VerifyExpectation, VerifyReport } from "./types.js";

/** A catalogue format's promise, or, for a custom format, identification by the bytes. */
export type ImageCheck = { kind: "expect"; expectation: VerifyExpectation } | { kind: "identify"; options: IdentifyOptions };

/**
 * The check for an image of `format` built for `system` (when known): a
 * catalogue format is held to its container, compression and target's rules,
 * and to the disk size when it takes one; a custom format promises nothing
 * the catalogue knows, so its image is identified by its bytes and checked as
 * what it is. With no format at all (`verify FILE`), the image is identified,
 * and held to the disk size it was said to have.
 */
export function expectationFor(format: FormatChoice | undefined, system?: NixSystem, diskSize?: DiskSize): ImageCheck {
  const forSystem = system !== undefined ? { system } : {};
  if (format === undefined) return { kind: "identify", options: { ...forSystem, ...(diskSize !== undefined ? { diskSizeMiB: diskSize } : {}) } };
  if (format.kind === "custom") return { kind: "identify", options: forSystem };
  const { entry } = format;
  return {
    kind: "expect",
    expectation: {
      container: entry.container,
      compression: entry.compression,
      target: entry.name,
      ...forSystem,
      ...(entry.diskSize && diskSize !== undefined ? { diskSizeMiB: diskSize } : {}),
    },
  };
}

/** Runs a check on the image at `path`. */
export function checkImage(path: string, check: ImageCheck): Promise<VerifyReport> {
  return check.kind === "expect" ? verifyImage(path, check.expectation) : identifyImage(path, check.options);
}
