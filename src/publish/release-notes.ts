// The release text's section on split images: how to put each one back
// together (`cat x.part* > x && sha256sum -c …`). It is made from the images
// manifest and kept between two markers, so it is replaced whole and the rest
// of the text (the user's, GitHub's generated notes) is left as it is.
import { downloadText } from "./asset-merge.js";
import { listAssets } from "./asset-upload.js";
import type { GitHubClient } from "./github-client.js";
import { explainFailure, type Repository } from "./github-errors.js";
import { RELEASE_MANIFEST_ASSET_NAME, parseReleaseManifest, type ReleaseImage } from "./release-manifest.js";
import { releaseSchema, setReleaseBody } from "./release-target.js";
import { reassemblyCommand } from "./split.js";

const START = "<!-- nixos-generators: split images -->";
const END = "<!-- /nixos-generators: split images -->";

function size(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(2)} GiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

/** The section for the split images of `images` ("" when none is split). */
export function reassemblySection(images: readonly ReleaseImage[]): string {
  const split = images.filter((i) => i.parts).sort((a, b) => (a.asset < b.asset ? -1 : 1));
  if (split.length === 0) return "";
  const lines = [
    START,
    "### Images in parts",
    "",
    "GitHub keeps release assets under 2 GiB, so these images are attached in parts. Download the parts and SHA256SUMS, then:",
    "",
  ];
  for (const image of split) {
    lines.push(`- \`${image.asset}\` (${image.format}, ${image.system}; ${size(image.size)} in ${image.parts?.length ?? 0} parts):`, "", "  ```sh", `  ${reassemblyCommand(image.asset)}`, "  ```", "");
  }
  lines.push(END);
  return lines.join("\n");
}

/** `body` with the section put in place of the old one (or after the text), or taken out when empty. */
export function withSection(body: string, section: string): string {
  const start = body.indexOf(START);
  const end = body.indexOf(END);
  const rest = start >= 0 && end > start ? `${body.slice(0, start).trimEnd()}${body.slice(end + END.length)}`.trimEnd() : body.trimEnd();
  if (section === "") return rest;
  return rest === "" ? section : `${rest}\n\n${section}`;
}

/**
 * Brings the release text's section in line with the images manifest. Jobs
 * may do this at once (GitHub offers no compare-and-swap on the text): each
 * writes, then reads both again, until text and manifest agree.
 */
export async function syncReassemblyNotes(client: GitHubClient, repository: Repository, releaseId: number, tag: string): Promise<void> {
  try {
    for (let round = 0; round < 5; round++) {
      const manifest = (await listAssets(client, repository, releaseId)).find((a) => a.name === RELEASE_MANIFEST_ASSET_NAME && a.state === "uploaded");
      const images = manifest ? (parseReleaseManifest(await downloadText(client, repository, manifest)) ?? []) : [];
      const release = releaseSchema.parse((await client.rest.repos.getRelease({ ...repository, release_id: releaseId })).data);
      const body = release.body ?? "";
      const wanted = withSection(body, reassemblySection(images));
      if (wanted === body.trimEnd() || (wanted === "" && body === "")) return;
      await setReleaseBody(client, repository, release, wanted);
    }
  } catch (error) {
    throw explainFailure(error, { action: `write the reassembly commands into the notes of release ${tag}`, repository });
  }
}
