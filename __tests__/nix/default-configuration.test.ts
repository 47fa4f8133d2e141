// The embedded default configuration evaluates with the pinned nixpkgs, and
// its settings reach the system derivation.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { drvClosure, nixEvalJson, readDrv } from "../helpers/nix.js";

interface DefaultSystem {
  toplevel: string;
  hostName: string;
  sshdConfig: string;
  passwordAuthentication: boolean;
  permitRootLogin: string;
  rootPassword: string | null;
}

describe("the default configuration", () => {
  it("instantiates a NixOS system whose sshd takes keys only", { timeout: 300_000 }, async () => {
    const result = await nixEvalJson<DefaultSystem>(`
      let
        nixos = import (nixpkgs + "/nixos/lib/eval-config.nix") {
          system = "x86_64-linux";
          modules = [ (nix + "/default-configuration.nix") ];
        };
        inherit (nixos) config;
      in {
        toplevel = config.system.build.toplevel.drvPath;
        hostName = config.networking.hostName;
        sshdConfig = config.environment.etc."ssh/sshd_config".source.drvPath;
        passwordAuthentication = config.services.openssh.settings.PasswordAuthentication;
        permitRootLogin = config.services.openssh.settings.PermitRootLogin;
        rootPassword = config.users.users.root.hashedPassword;
      }`);

    expect(existsSync(result.toplevel)).toBe(true);
    expect(result.toplevel).toMatch(new RegExp(`-nixos-system-${result.hostName}-[^/]+\\.drv$`));

    // The configuration's SSH settings are in the sshd_config the system ships.
    expect(result.passwordAuthentication).toBe(false);
    expect(result.permitRootLogin).toBe("prohibit-password");
    expect(result.rootPassword).toBeNull();
    const closure = await drvClosure(result.toplevel);
    expect(closure).toContain(result.sshdConfig);
    // sshd_config = the settings file (from services.openssh.settings) + fixed lines.
    const settings = (await drvClosure(result.sshdConfig)).find((drv) => drv.endsWith("-sshd.conf-settings.drv"));
    expect(settings).toBeDefined();
    const settingsDrv = readDrv(settings ?? "");
    expect(settingsDrv).toMatch(/PasswordAuthentication no/);
    expect(settingsDrv).toMatch(/PermitRootLogin prohibit-password/);
  });
});
