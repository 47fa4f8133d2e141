// What an image of a target is checked against: one rule for the command line
// and the action alike.
import type { Container, NixSystem } from "../core/catalogue.js";
import type { DiskSize, FormatChoice } from "../core/request.js";
import { identifyImage, reportImage, verifyImage } from "./index.js";
import type { IdentifyOptions, VerifyExpectation, VerifyReport } from "./types.js";

/**
 * A catalogue format's promise (or a custom format's declared container); an
 * identification by the bytes, held to the structure of what it finds
 * (`verify FILE`); or, for a custom format that declares nothing, an
 * identification that reports what it finds and fails nothing.
 */
export type ImageCheck = { kind: "expect"; expectation: VerifyExpectation } | { kind: "identify"; options: IdentifyOptions } | { kind: "report"; options: IdentifyOptions };

/**
 * The check for an image of `format` built for `system` (when known): a
 * catalogue format is held to its container, compression and target's rules,
 * and to the disk size when it takes one. A custom format promises nothing
 * the catalogue knows: one that declares its container (`formatContainer`,
 * `declared`) is held to that container's checks, whatever its compression;
 * one that declares none is identified by its bytes and reported, never
 * failed. With no format at all (`verify FILE`), the image is identified,
 * checked as what it is, and held to the disk size it was said to have.
 */
export function expectationFor(format: FormatChoice | undefined, system?: NixSystem, diskSize?: DiskSize, declared?: Container): ImageCheck {
  const forSystem = system !== undefined ? { system } : {};
  if (format === undefined) return { kind: "identify", options: { ...forSystem, ...(diskSize !== undefined ? { diskSizeMiB: diskSize } : {}) } };
  if (format.kind === "custom") return declared !== undefined ? { kind: "expect", expectation: { container: declared, ...forSystem } } : { kind: "report", options: forSystem };
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
  switch (check.kind) {
    case "expect":
      return verifyImage(path, check.expectation);
    case "identify":
      return identifyImage(path, check.options);
    case "report":
      return reportImage(path, check.options);
  }
}
