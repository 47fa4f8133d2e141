// Artifact names from a template, checked against GitHub's rules before any upload starts.
import { basename } from "node:path";
import { ExitCode, UserError } from "../core/errors.js";
import type { ImageFile } from "./image.js";

export const DEFAULT_ARTIFACT_NAME_TEMPLATE = "<format>-<system>";

/** The placeholders a template may use. */
export const ARTIFACT_NAME_PLACEHOLDERS = ["format", "system", "file"] as const;
type Placeholder = (typeof ARTIFACT_NAME_PLACEHOLDERS)[number];

/**
 * Characters GitHub refuses in an artifact name (the artifact service and its
 * client reject them because NTFS and other file systems cannot hold them).
 */
export const FORBIDDEN_ARTIFACT_NAME_CHARACTERS: ReadonlyArray<readonly [string, string]> = [
  ['"', 'double quote (")'],
  [":", "colon (:)"],
  ["<", "less-than sign (<)"],
  [">", "greater-than sign (>)"],
  ["|", "vertical bar (|)"],
  ["*", "asterisk (*)"],
  ["?", "question mark (?)"],
  ["\r", "carriage return (\\r)"],
  ["\n", "line feed (\\n)"],
  ["\\", "backslash (\\)"],
  ["/", "forward slash (/)"],
];

const placeholderPattern = /<([^<>]*)>/g;

function isPlaceholder(name: string): name is Placeholder {
  return (ARTIFACT_NAME_PLACEHOLDERS as readonly string[]).includes(name);
}

/** Fails on placeholders the template may not use. */
export function checkArtifactNameTemplate(template: string): void {
  if (template.trim() === "") {
    throw new UserError(
      "The artifact name template is empty.",
      `Leave it unset for the default '${DEFAULT_ARTIFACT_NAME_TEMPLATE}', or give a name such as 'nixos-<format>-<system>'.`,
      ExitCode.usage,
    );
  }
  for (const match of template.matchAll(placeholderPattern)) {
    const name = match[1] ?? "";
    if (!isPlaceholder(name)) {
      throw new UserError(
        `The artifact name template '${template}' uses the unknown placeholder <${name}>.`,
        `Use only ${ARTIFACT_NAME_PLACEHOLDERS.map((p) => `<${p}>`).join(", ")}.`,
        ExitCode.usage,
      );
    }
  }
}

/** The template with the image's values put in (no validation of the result). */
export function renderArtifactName(template: string, image: Pick<ImageFile, "path" | "format" | "system">): string {
  const values: Record<Placeholder, string> = {
    format: image.format.name,
    system: image.system,
    file: basename(image.path),
  };
  return template.replace(placeholderPattern, (whole, name: string) => (isPlaceholder(name) ? values[name] : whole));
}

/** Fails, naming the character, when GitHub would refuse the name. */
export function validateArtifactName(name: string, template: string): void {
  if (name.trim() === "") {
    throw new UserError(
      `The artifact name template '${template}' gives an empty name.`,
      "Put some fixed text or <format>/<system> in the template.",
      ExitCode.usage,
    );
  }
  for (const [character, description] of FORBIDDEN_ARTIFACT_NAME_CHARACTERS) {
    if (name.includes(character)) {
      throw new UserError(
        `The artifact name '${JSON.stringify(name).slice(1, -1)}' (from the template '${JSON.stringify(template).slice(1, -1)}') contains a ${description}, which GitHub does not allow in artifact names.`,
        `Remove it from the template: artifact names may not contain ${FORBIDDEN_ARTIFACT_NAME_CHARACTERS.map(([, d]) => d).join(", ")}.`,
        ExitCode.usage,
      );
    }
  }
}

/**
 * File-name prefixes a target's tool needs to read an image at all. Proxmox's
 * `qmrestore` (and the web interface's restore) takes a backup only when its
 * name matches `vzdump-qemu-….vma[.zst|.gz|.lzo]` (PVE::Storage's
 * archive_info), and nixpkgs names its VMA so: a name that drops the prefix
 * (the system in front, or an artifact named after the format) is refused.
 */
export const REQUIRED_FILE_NAME_PREFIXES: readonly string[] = ["vzdump-qemu-"];

/** The prefix the image file's name must keep, if it has one (see REQUIRED_FILE_NAME_PREFIXES). */
export function requiredFileNamePrefix(fileName: string): string | undefined {
  const name = basename(fileName);
  return REQUIRED_FILE_NAME_PREFIXES.find((prefix) => name.startsWith(prefix));
}

/**
 * `name` (a download name made for the image `fileName`) with the prefix the
 * image needs in front, when it lacks it: `proxmox-x86_64-linux.vma.zst`
 * becomes `vzdump-qemu-proxmox-x86_64-linux.vma.zst`.
 */
export function keepRequiredPrefix(name: string, fileName: string): string {
  const prefix = requiredFileNamePrefix(fileName);
  return prefix === undefined || name.startsWith(prefix) ? name : `${prefix}${name}`;
}

/**
 * `fileName` with `system` put in, after the prefix the file must keep
 * (`vzdump-qemu-x86_64-linux-nixos-26.11.vma.zst`), else in front.
 */
export function withSystem(fileName: string, system: string): string {
  const prefix = requiredFileNamePrefix(fileName);
  return prefix === undefined ? `${system}-${fileName}` : `${prefix}${system}-${fileName.slice(prefix.length)}`;
}

/** One checked name per image, in order; fails when two images would get the same name. */
export function artifactNames(
  template: string,
  images: ReadonlyArray<Pick<ImageFile, "path" | "format" | "system">>,
): string[] {
  checkArtifactNameTemplate(template);
  const seen = new Map<string, number>();
  return images.map((image, index) => {
    const name = renderArtifactName(template, image);
    validateArtifactName(name, template);
    const earlier = seen.get(name);
    if (earlier !== undefined) {
      const other = images[earlier];
      throw new UserError(
        `The artifact name template '${template}' gives the same name '${name}' to ${other?.format.name}/${other?.system} and ${image.format.name}/${image.system}.`,
        "Put <format> and <system> in the template so each image gets its own artifact.",
        ExitCode.usage,
      );
    }
    seen.set(name, index);
    return name;
  });
}
