// What a Nix child sees of our environment: what it needs, never the runner's
// tokens or the action's inputs (a configuration or flake input could read
// any variable with builtins.getEnv).
import { describe, expect, it } from "vitest";
import { nixEnvironment, runNix } from "../../src/nix/run.js";

const SECRETS = {
  ACTIONS_RUNTIME_TOKEN: "runtime-secret",
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: "oidc-secret",
  GITHUB_TOKEN: "ghs_secret",
  INPUT_GITHUB_TOKEN: "ghs_input_secret",
};

describe("the environment Nix gets", () => {
  it("keeps what Nix needs and drops tokens and inputs", () => {
    const env = nixEnvironment({ PATH: "/bin", HOME: "/root", TMPDIR: "/tmp/x", NIX_PATH: "nixpkgs=/n", LC_ALL: "C", https_proxy: "http://p", ...SECRETS });
    expect(env).toEqual({ PATH: "/bin", HOME: "/root", TMPDIR: "/tmp/x", NIX_PATH: "nixpkgs=/n", LC_ALL: "C", https_proxy: "http://p" });
  });

  it("a configuration reading builtins.getEnv sees \"\" for the runner's token", async () => {
    const read = (name: string) => runNix("nix-instantiate", ["--eval", "--expr", `builtins.getEnv "${name}"`], { env: { ...process.env, ...SECRETS, NIXOS_GENERATORS_PROBE: "x" } });
    for (const name of Object.keys(SECRETS)) {
      const result = await read(name);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.trim(), name).toBe('""');
    }
    // PATH still reaches it (the check can fail: an emptied environment would show "").
    expect((await read("PATH")).stdout.trim()).not.toBe('""');
  });
});
