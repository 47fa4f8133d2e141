// attest: true. Signing needs Sigstore (Fulcio at fixed https hosts derived
// from github.com, Rekor or GitHub's timestamp authority): no local stand-in
// can take their place, so only what happens before signing is tested here.
import { describe, expect, it } from "vitest";
import { ExitCode, isUserError } from "../../src/core/errors.js";
import { attestImages, checkAttestEnvironment } from "../../src/publish/attest.js";
import { withEnv } from "./fixtures.js";

describe("attestImages", () => {
  it("refuses, naming the permissions, when the job has no OIDC token (no id-token: write)", async () => {
    const restore = withEnv({ ACTIONS_ID_TOKEN_REQUEST_URL: undefined, ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined });
    try {
      const error = await attestImages([{ name: "nixos.iso", sha256: "a".repeat(64) }], { token: "ghs_x" }).catch((e: unknown) => e);
      expect(isUserError(error)).toBe(true);
      if (!isUserError(error)) return;
      expect(error.problem).toMatch(/needs the job's OIDC token .*ACTIONS_ID_TOKEN_REQUEST_URL is not set/);
      expect(error.fix).toMatch(/id-token: write, attestations: write/);
      expect(error.exitCode).toBe(ExitCode.usage);
    } finally {
      restore();
    }
  });

  it("accepts a job that has the OIDC token variables, and does nothing for no images", async () => {
    expect(() => checkAttestEnvironment({ ACTIONS_ID_TOKEN_REQUEST_URL: "https://token.example/", ACTIONS_ID_TOKEN_REQUEST_TOKEN: "t" })).not.toThrow();
    expect(await attestImages([], { token: "" })).toEqual({});
  });
});
