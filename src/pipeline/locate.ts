// Where a built image is in its Nix output: the format's `image.filePath`, or,
// for a format that names its image by `fileExtension` alone, the one file of
// the output with that extension.
import { readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { ExitCode, UserError } from "../core/errors.js";
import type { EvaluatedImage } from "../nix/evaluate.js";

/** The image's path before the build: exact, or the output with a wildcard for a search. */
export function expectedImagePath(image: Pick<EvaluatedImage, "output" | "filePath" | "imageSearch">): string {
  return image.filePath !== null ? join(image.output, image.filePath) : join(image.output, `*${image.imageSearch ?? ""}`);
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The built image: its path in the store, or a UserError saying why it is not there. */
export async function locateImage(image: EvaluatedImage): Promise<string> {
  if (image.filePath !== null) {
    const path = join(image.output, image.filePath);
    if (await exists(path)) return path;
    throw new UserError(
      `Nix built ${image.drvPath}, but its output has no ${image.filePath === "" ? "file" : image.filePath}.`,
      `The format '${image.format}' names its image with image.filePath (or image.fileName); make it the path the builder writes below $out.`,
      ExitCode.failed,
    );
  }
  const extension = image.imageSearch ?? "";
  const output = await stat(image.output);
  if (!output.isDirectory()) {
    if (basename(image.output).endsWith(extension)) return image.output;
  } else {
    const entries = await readdir(image.output, { recursive: true, withFileTypes: true });
    const found = entries.filter((e) => !e.isDirectory() && e.name.endsWith(extension)).map((e) => join(e.parentPath, e.name));
    if (found.length === 1 && found[0] !== undefined) return found[0];
    if (found.length > 1) {
      throw new UserError(
        `The output of format '${image.format}' has ${found.length} files ending in ${extension} (${found.map((f) => f.slice(image.output.length + 1)).join(", ")}); which one is the image is not clear.`,
        `Set image.filePath in the format to the image's path below $out.`,
        ExitCode.failed,
      );
    }
  }
  throw new UserError(
    `The output of format '${image.format}' (${image.output}) has no file ending in ${extension} (its fileExtension).`,
    `Make the builder write the image with that extension, or set image.filePath in the format to the image's path below $out.`,
    ExitCode.failed,
  );
}
