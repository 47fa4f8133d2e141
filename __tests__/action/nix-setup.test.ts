// Getting a Nix when the runner has none (install-nix: auto): the installer is
// downloaded, checked against nix-installer-sha256 before anything runs, run
// single-user, and its profile put on PATH for this and later steps. The
// installer served here is a stand-in for the official script (no network):
// it records its arguments and links the machine's real Nix into the
// single-user profile, which the action then uses for a real evaluation.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NIXPKGS } from "../helpers/nix.js";
import { NODE, actionDir, runAction } from "./harness.js";

const INSTALLER = `#!/bin/sh
# Stand-in for the official Nix installer (single-user layout).
set -e
echo "$@" > "$HOME/installer-args"
mkdir -p "$HOME/.nix-profile/bin"
for tool in nix nix-instantiate nix-store nix-build; do
  printf '#!/bin/sh\\nexec /usr/local/bin/%s "$@"\\n' "$tool" > "$HOME/.nix-profile/bin/$tool"
  chmod +x "$HOME/.nix-profile/bin/$tool"
done
echo "Installation finished!"
`;
const INSTALLER_SHA256 = createHash("sha256").update(INSTALLER).digest("hex");

/** PATH without the machine's Nix (/usr/local/bin). */
const PATH_WITHOUT_NIX = [dirname(NODE), "/usr/sbin", "/usr/bin", "/sbin", "/bin"].join(":");

let server: Server;
let url: string;
let requests: string[];
let root: string;

beforeAll(async () => {
  await actionDir();
  root = await mkdtemp(join(tmpdir(), "nix-setup-test-"));
  requests = [];
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (req.url === "/nix-2.34.7/install") {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.end(INSTALLER);
    } else {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/nix-2.34.7/install`;
}, 600_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  if (root) await rm(root, { recursive: true, force: true });
});

async function freshHome(name: string): Promise<string> {
  const home = join(root, name);
  await mkdir(home, { recursive: true });
  return home;
}

describe("install-nix: auto without a Nix on PATH", { timeout: 300_000 }, () => {
  it("refuses an installer whose SHA-256 does not match, without running it", async () => {
    const home = await freshHome("mismatch");
    const wrong = createHash("sha256").update("another installer").digest("hex");
    const before = requests.length;
    const run = await runAction({
      inputs: { formats: "lxc-metadata", upload: "none", "nix-installer-url": url, "nix-installer-sha256": wrong },
      env: { PATH: PATH_WITHOUT_NIX, HOME: home },
    });
    expect(run.code).toBe(4);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]?.message).toContain(`The Nix installer downloaded from ${url} has SHA-256 ${INSTALLER_SHA256}, not the expected ${wrong}, so it was not run.`);
    expect(run.errors[0]?.message).toMatch(/set nix-installer-sha256/);
    expect(requests.slice(before)).toEqual(["GET /nix-2.34.7/install"]);
    expect(existsSync(join(home, "installer-args"))).toBe(false);
    expect(existsSync(join(home, ".nix-profile"))).toBe(false);
    expect(run.path).toEqual([]);
  });

  it("an installer that cannot be downloaded is an environment error naming the URL", async () => {
    const home = await freshHome("missing");
    const missing = url.replace("/install", "/gone");
    const run = await runAction({
      inputs: { formats: "lxc-metadata", upload: "none", "nix-installer-url": missing, "nix-installer-sha256": INSTALLER_SHA256 },
      env: { PATH: PATH_WITHOUT_NIX, HOME: home },
    });
    expect(run.code).toBe(4);
    expect(run.errors[0]?.message).toMatch(new RegExp(`^The Nix installer could not be downloaded from ${missing.replace(/[.?*+^$()[\]{}|\\/]/g, "\\$&")}: HTTP 404`));
  });

  it("runs a matching installer single-user, puts its profile on PATH, and the action goes on with that Nix", async () => {
    const home = await freshHome("match");
    const workspace = join(root, "workspace");
    await mkdir(workspace, { recursive: true });
    // A real evaluation by the installed Nix, stopped early by a syntax error at line 3.
    await writeFile(join(workspace, "configuration.nix"), "{ pkgs, ... }:\n{\n  services.openssh.enable = = true;\n}\n");
    const run = await runAction({
      inputs: {
        config: "configuration.nix",
        formats: "lxc-metadata",
        nixpkgs: NIXPKGS,
        upload: "none",
        "nix-installer-url": url,
        "nix-installer-sha256": INSTALLER_SHA256,
      },
      env: { PATH: PATH_WITHOUT_NIX, HOME: home, GITHUB_WORKSPACE: workspace },
    });

    // The installer ran once, single-user, non-interactively.
    expect((await readFile(join(home, "installer-args"), "utf8")).trim()).toBe("--no-daemon --yes --no-channel-add --no-modify-profile");
    expect(run.log).toContain(`the installer's SHA-256 is ${INSTALLER_SHA256}, as expected`);
    // Its profile is on PATH for the later steps, and nix.conf enables what the action uses.
    expect(run.path).toEqual([join(home, ".nix-profile", "bin")]);
    expect(await readFile(join(home, ".config", "nix", "nix.conf"), "utf8")).toMatch(/^experimental-features = nix-command flakes$/m);
    expect(run.log).toMatch(/using nix \(Nix\) 2\.\d+/);

    // The evaluation error is one annotation on the configuration's file and line.
    expect(run.code).toBe(3);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]?.properties).toBe("title=nixos-generators,file=configuration.nix,line=3,col=29");
    expect(run.errors[0]?.message).toMatch(new RegExp(`^Nix syntax error in ${workspace}/configuration\\.nix:3: unexpected '='\\.`));
    expect(run.outputs.images).toBeUndefined();
  });
});
