// The image's names from an evaluation are the configuration's words
// (image.fileName, image.filePath): they become paths below the Nix output,
// in out-dir and release asset names. A name that would leave its directory
// ('..', '/…') is refused where the evaluation's answer enters, never followed.
// (A format found by fileExtension alone is named by the file the build
// wrote, which cannot leave its output.)
import { isAbsolute } from "node:path";
import { ExitCode, UserError } from "../core/errors.js";
import type { EvaluatedImage } from "./evaluate.js";

/** Why `name` is not one plain file name, or null when it is. */
function fileNameFault(name: string): string | null {
  if (name === "") return "it is empty";
  if (name === "." || name === "..") return `'${name}' names a directory, not a file`;
  if (name.includes("/")) return "it contains '/'";
  if (name.includes("\0")) return "it contains a NUL byte";
  return null;
}

/** Why `path` is not a relative path that stays below its directory, or null when it is. */
function filePathFault(path: string): string | null {
  if (path === "") return null; // the output itself is the image
  if (path.includes("\0")) return "it contains a NUL byte";
  if (isAbsolute(path)) return "it is absolute";
  if (path.split("/").includes("..")) return "it has a '..' segment";
  return null;
}

/** The entry as evaluated, or a UserError (exit 3) naming the option whose value leaves the output. */
export function checkImageNames(image: EvaluatedImage): EvaluatedImage {
  const faults: [string, string, string | null][] = [
    ["image.fileName", image.fileName, fileNameFault(image.fileName)],
    ["image.filePath", image.filePath ?? "", filePathFault(image.filePath ?? "")],
  ];
  for (const [option, value, fault] of faults) {
    if (fault === null) continue;
    throw new UserError(
      `The format '${image.format}' (${image.system}) names its image ${JSON.stringify(value)} (${option}), which would leave its directory: ${fault}.`,
      `Set ${option} to a ${option === "image.filePath" ? "relative path below $out without '..'" : "plain file name such as nixos.img"}: the image is written below $out, and published, under that name.`,
      ExitCode.config,
    );
  }
  return image;
}
