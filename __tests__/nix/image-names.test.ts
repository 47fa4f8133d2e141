// The image's names an evaluation returns are refused when they would leave
// their directory, and passed on unchanged when they stay in it (nixpkgs' own
// "iso/<fileName>" and the output itself, "").
import { describe, expect, it } from "vitest";
import { ExitCode } from "../../src/core/errors.js";
import type { EvaluatedImage } from "../../src/nix/evaluate.js";
import { checkImageNames } from "../../src/nix/image-names.js";
import { userError } from "../cli/user-error.js";

const image = (fileName: string, filePath: string | null): EvaluatedImage => ({
  format: "custom-disk",
  custom: true,
  system: "x86_64-linux",
  drvPath: "/nix/store/00000000000000000000000000000000-custom-disk.drv",
  output: "/nix/store/00000000000000000000000000000000-custom-disk",
  fileName,
  filePath,
  imageSearch: filePath === null ? ".img" : null,
  label: "26.11pre",
  diskSize: null,
  toplevel: "/nix/store/00000000000000000000000000000000-toplevel",
});

describe("checkImageNames", () => {
  it.for([
    ["nixos.img", "nixos.img"],
    ["nixos.iso", "iso/nixos.iso"],
    ["nixos.tar.xz", ""],
    ["nixos..img", "sd-image/nixos..img"],
    ["nixos.img", null],
  ] as const)("keeps fileName %j, filePath %j", ([fileName, filePath]) => {
    const entry = image(fileName, filePath);
    expect(checkImageNames(entry)).toBe(entry);
  });

  it.for([
    ["../escape.img", "nixos.img", "image.fileName", "it contains '/'"],
    ["..", "nixos.img", "image.fileName", "'..' names a directory, not a file"],
    ["", "nixos.img", "image.fileName", "it is empty"],
    ["/etc/passwd", "nixos.img", "image.fileName", "it contains '/'"],
    ["nixos.img", "../nixos.img", "image.filePath", "it has a '..' segment"],
    ["nixos.img", "iso/../../x", "image.filePath", "it has a '..' segment"],
    ["nixos.img", "/etc/passwd", "image.filePath", "it is absolute"],
    ["nixos\0.img", "nixos.img", "image.fileName", "it contains a NUL byte"],
  ] as const)("refuses fileName %j, filePath %j (%s: %s)", ([fileName, filePath, option, fault]) => {
    const e = userError(() => checkImageNames(image(fileName, filePath)));
    const value = option === "image.fileName" ? fileName : filePath;
    expect(e.problem).toBe(`The format 'custom-disk' (x86_64-linux) names its image ${JSON.stringify(value)} (${option}), which would leave its directory: ${fault}.`);
    expect(e.fix).toMatch(new RegExp(`^Set ${option.replace(".", "\\.")} to a `));
    expect(e.exitCode).toBe(ExitCode.config);
  });
});
