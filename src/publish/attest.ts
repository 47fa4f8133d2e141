// Build provenance for the images (opt-in): one SLSA provenance attestation
// covering every image, signed with the job's OIDC identity through Sigstore
// and stored with GitHub's attestations API, as actions/attest-build-provenance does.
import { attestProvenance } from "@actions/attest";
import { ExitCode, UserError } from "../core/errors.js";
import { causeOf, httpFailure } from "./github-errors.js";

export interface AttestSubject {
  /** What the image is called where it is published (asset or artifact name). */
  name: string;
  /** hex */
  sha256: string;
}

export interface AttestResult {
  /** GitHub's id for the stored attestation. */
  attestationId?: string;
  /** The Rekor transparency-log entry (public repositories). */
  tlogId?: string;
  /** Where the attestation is shown. */
  url?: string;
}

const PERMISSIONS_FIX = "Add `permissions: { id-token: write, attestations: write, contents: read }` to the job that runs this action, or set attest: false.";

/** Fails with the fix when the job was not given an OIDC token (no `id-token: write`). */
export function checkAttestEnvironment(env: NodeJS.ProcessEnv = process.env): void {
  if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
    throw new UserError(
      "attest: true needs the job's OIDC token to sign the provenance, and this job has none (ACTIONS_ID_TOKEN_REQUEST_URL is not set).",
      PERMISSIONS_FIX,
      ExitCode.usage,
    );
  }
}

export async function attestImages(subjects: readonly AttestSubject[], options: { token: string }): Promise<AttestResult> {
  if (subjects.length === 0) return {};
  checkAttestEnvironment();
  try {
    const attestation = await attestProvenance({
      subjects: subjects.map((s) => ({ name: s.name, digest: { sha256: s.sha256 } })),
      token: options.token,
    });
    const repository = process.env.GITHUB_REPOSITORY;
    const server = process.env.GITHUB_SERVER_URL || "https://github.com";
    return {
      ...(attestation.attestationID ? { attestationId: attestation.attestationID } : {}),
      ...(attestation.tlogID ? { tlogId: attestation.tlogID } : {}),
      ...(attestation.attestationID && repository ? { url: `${server}/${repository}/attestations/${attestation.attestationID}` } : {}),
    };
  } catch (error) {
    const status = httpFailure(error)?.status;
    if (status === 403 || status === 404 || /id-token|permission|Resource not accessible/i.test(causeOf(error))) {
      throw new UserError(`GitHub refused to store the build provenance of the images (${causeOf(error)}).`, PERMISSIONS_FIX, ExitCode.environment);
    }
    throw new UserError(
      `The build provenance of the images could not be signed or stored (${causeOf(error)}).`,
      "Re-run the job; attestations need GitHub's Sigstore instance (private repositories) or the public one (public repositories) to be reachable.",
      ExitCode.environment,
    );
  }
}
