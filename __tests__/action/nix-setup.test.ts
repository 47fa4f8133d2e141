// Getting a Nix when the runner has none (install-nix: auto): the installer is
// downloaded, checked against nix-installer-sha256 before anything runs, run
// single-user, and its profile put on PATH for this and later steps. The
// installer served here is a stand-in for the official script (no network):
// it records its arguments and links the machine's real Nix into the
// single-user profile, which the action then uses for a real evaluation.
// Also: the user's Nix settings (extra-nix-config, github-token as
// access-tokens), an installer URL with a password (sent, never shown), and
// a Nix daemon that does not trust the user (this machine's nix-daemon on a
// socket of its own).
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { redactUrl } from "../../src/action/install-nix.js";
import { readNixSettings } from "../../src/action/nix-config.js";
import { githubAccessTokens, githubHost, parseExtraNixConfig } from "../../src/action/nix-settings.js";
import { checkNixTrust } from "../../src/action/nix-trust.js";
import { ExitCode } from "../../src/core/errors.js";
import { runNix } from "../../src/nix/run.js";
import { userError, userErrorAsync } from "../cli/user-error.js";
import { NIXPKGS } from "../helpers/nix.js";
import { NODE, actionDir, runAction, startNixDaemon, type NixDaemon } from "./harness.js";

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
/** The Authorization header of each request (or "-"). */
let authorizations: string[];
let root: string;

beforeAll(async () => {
  await actionDir();
  root = await mkdtemp(join(tmpdir(), "nix-setup-test-"));
  requests = [];
  authorizations = [];
  server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    authorizations.push(req.headers.authorization ?? "-");
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
        "extra-nix-config": "# a comment\nwarn-dirty = false\n\nextra-sandbox-paths = /nonexistent-test-path",
      },
      env: { PATH: PATH_WITHOUT_NIX, HOME: home, GITHUB_WORKSPACE: workspace },
    });

    // The installer ran once, single-user, non-interactively.
    expect((await readFile(join(home, "installer-args"), "utf8")).trim()).toBe("--no-daemon --yes --no-channel-add --no-modify-profile");
    expect(run.log).toContain(`the installer's SHA-256 is ${INSTALLER_SHA256}, as expected`);
    // Its profile is on PATH for the later steps, and nix.conf enables what the action uses.
    expect(run.path).toEqual([join(home, ".nix-profile", "bin")]);
    const nixConf = await readFile(join(home, ".config", "nix", "nix.conf"), "utf8");
    expect(nixConf).toMatch(/^experimental-features = nix-command flakes\n(# Added by the nixos-generators action\.\n)?warn-dirty = false\nextra-sandbox-paths = \/nonexistent-test-path$/m);
    expect(run.log).toContain("extra-nix-config: 2 line(s) for Nix (warn-dirty, extra-sandbox-paths)");
    expect(run.log).toMatch(/using nix \(Nix\) 2\.\d+/);

    // The evaluation error is one annotation on the configuration's file and line.
    expect(run.code).toBe(3);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]?.properties).toBe("title=nixos-generators,file=configuration.nix,line=3,col=29");
    expect(run.errors[0]?.message).toMatch(new RegExp(`^Nix syntax error in ${workspace}/configuration\\.nix:3: unexpected '='\\.`));
    // Nothing was built: the one image is reported failed, with that error.
    expect(JSON.parse(run.outputs.images ?? "null")).toMatchObject([{ format: "lxc-metadata", ok: false, storePath: null, error: expect.stringMatching(/^Nix syntax error in /) }]);
  });
});

describe("the user's Nix settings", { timeout: 300_000 }, () => {
  it("extra-nix-config: nix.conf lines, comments and blank lines dropped; anything else is an input error (exit 2)", () => {
    expect(parseExtraNixConfig("# cache\nextra-substituters = https://a.cachix.org\n\n  max-jobs=4  \n!include /etc/x.conf")).toEqual([
      "extra-substituters = https://a.cachix.org",
      "max-jobs=4",
      "!include /etc/x.conf",
    ]);
    const e = userError(() => parseExtraNixConfig("max-jobs = 4\nsubstituters https://a.cachix.org"));
    expect(e.exitCode).toBe(ExitCode.usage);
    expect(e.problem).toBe("The input 'extra-nix-config' line 2 ('substituters https://a.cachix.org') is not a nix.conf setting.");
  });

  it("github-token: access-tokens in a file only this user reads, included from NIX_CONFIG; Nix reads it, the environment never holds it", async () => {
    const token = "ghs_TESTTOKEN0123456789";
    const line = await githubAccessTokens(token, root, "github.com");
    const file = line.replace(/^!include /, "");
    expect(line).not.toContain(token);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await readFile(file, "utf8")).toBe(`access-tokens = github.com=${token}\n`);
    const settings = await readNixSettings(["access-tokens"], { ...process.env, NIX_CONFIG: line });
    expect(settings.get("access-tokens")?.value).toEqual({ "github.com": token });
    expect(githubHost({ GITHUB_SERVER_URL: "https://ghe.example.com" })).toBe("ghe.example.com");
    expect(githubHost({})).toBe("github.com");
  });

  it("github-token through the action: Nix is told, a configuration's builtins.getEnv sees only the include line, the log never the token", async () => {
    const token = "ghs_ACTIONTOKEN987654321";
    const workspace = join(root, "token-workspace");
    await mkdir(workspace, { recursive: true });
    await writeFile(join(workspace, "configuration.nix"), '{ ... }: throw "NIX_CONFIG seen by the configuration: ${builtins.getEnv "NIX_CONFIG"}"\n');
    const run = await runAction({
      inputs: { config: "configuration.nix", formats: "lxc-metadata", nixpkgs: NIXPKGS, upload: "none", "install-nix": "never", "nix-access-token": "true" },
      env: { GITHUB_WORKSPACE: workspace },
      token,
    });
    expect(run.log).toContain("github-token: given to Nix as access-tokens for github.com");
    expect(run.errors[0]?.message).toMatch(/NIX_CONFIG seen by the configuration: [\s\S]*!include \S+\/nix-access-tokens-\w+\/access-tokens\.conf/);
    expect(run.errors[0]?.message).not.toContain("access-tokens =");
    // Only the runner's masking commands name it (the inputs and the Nix set-up each mask it; the runner hides it everywhere else).
    expect(new Set(run.log.split("\n").filter((l) => l.includes(token)))).toEqual(new Set([`::add-mask::${token}`]));
  });

  it("an extra-nix-config value Nix refuses is an input error (exit 2), not a missing Nix to install", async () => {
    const run = await runAction({
      inputs: { formats: "lxc-metadata", nixpkgs: NIXPKGS, upload: "none", "install-nix": "auto", "extra-nix-config": "max-jobs = lots" },
    });
    expect(run.code).toBe(2);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]?.message).toMatch(/^The input 'extra-nix-config' has a setting Nix refuses: .*max-jobs/s);
    expect(run.log).not.toMatch(/Installing Nix|downloading the Nix installer/);
  });

  it("without nix-access-token: true, Nix is not given the token at all (an impure evaluation could read the include file)", async () => {
    const token = "ghs_NOTFORNIX123456789";
    const workspace = join(root, "no-token-workspace");
    await mkdir(workspace, { recursive: true });
    await writeFile(join(workspace, "configuration.nix"), '{ ... }: throw "NIX_CONFIG seen by the configuration: [${builtins.getEnv "NIX_CONFIG"}]"\n');
    const run = await runAction({
      inputs: { config: "configuration.nix", formats: "lxc-metadata", nixpkgs: NIXPKGS, upload: "none", "install-nix": "never" },
      env: { GITHUB_WORKSPACE: workspace },
      token,
    });
    expect(run.log).not.toContain("github-token: given to Nix");
    expect(run.errors[0]?.message).toMatch(/NIX_CONFIG seen by the configuration: \[[^\]]*\]/);
    expect(run.errors[0]?.message).not.toMatch(/!include|access-tokens/);
  });
});

describe("an installer URL with a password", { timeout: 300_000 }, () => {
  it("is sent as Basic authentication and shown as ***@ in the log and the error, never with its password", async () => {
    const home = await freshHome("credentials");
    const secretUrl = url.replace("http://", "http://nixuser:s3cr%40t-pass@");
    const shown = url.replace("http://", "http://***@");
    const wrong = createHash("sha256").update("another installer").digest("hex");
    expect(redactUrl(secretUrl)).toBe(shown);
    const before = authorizations.length;
    const run = await runAction({
      inputs: { formats: "lxc-metadata", upload: "none", "nix-installer-url": secretUrl, "nix-installer-sha256": wrong },
      env: { PATH: PATH_WITHOUT_NIX, HOME: home },
    });
    expect(authorizations.slice(before)).toEqual([`Basic ${Buffer.from("nixuser:s3cr@t-pass").toString("base64")}`]);
    expect(run.code).toBe(4);
    expect(run.log).toContain(`downloading the Nix installer from ${shown}`);
    expect(run.errors[0]?.message).toContain(`The Nix installer downloaded from ${shown} has SHA-256 ${INSTALLER_SHA256}`);
    // Only the runner's masking commands hold it (their own escaping turns % into %25).
    const naming = run.log.split("\n").filter((l) => /s3cr/.test(l));
    expect(naming.length).toBeGreaterThan(0);
    expect(naming.every((l) => l.startsWith("::add-mask::"))).toBe(true);
  });
});

describe("a Nix daemon that does not trust the user", { timeout: 300_000 }, () => {
  let untrusted: NixDaemon;
  let trusted: NixDaemon;
  beforeAll(async () => {
    // Root is trusted only when trusted-users names it: these daemons trust nobody, or root.
    untrusted = await startNixDaemon("trusted-users = nobody\ntrusted-substituters = https://trusted.example.org\nsystem-features = benchmark big-parallel");
    trusted = await startNixDaemon("trusted-users = root");
  }, 60_000);
  afterAll(async () => {
    await untrusted?.stop();
    await trusted?.stop();
  });
  const client = (daemon: NixDaemon): NodeJS.ProcessEnv => ({ ...process.env, NIX_REMOTE: daemon.remote, NIX_CONF_DIR: daemon.confDir, NIX_CONFIG: "extra-platforms = aarch64-linux" });

  it("Nix itself ignores the settings an untrusted client passes (the premise)", async () => {
    const result = await runNix("nix", ["store", "info", "--json"], { env: client(untrusted) });
    expect(JSON.parse(result.stdout)).toMatchObject({ url: untrusted.remote, trusted: false });
    expect(result.stderr).toContain("ignoring the client-specified setting 'extra-platforms', because it is a restricted setting and you are not a trusted user");
  });

  it("a build for another system: exit 4 naming the daemon, trusted-users and the fix", async () => {
    const e = await userErrorAsync(() => checkNixTrust({ platforms: ["aarch64-linux"], kvm: false, sandboxPaths: [] }, [], undefined, client(untrusted)));
    expect(e.exitCode).toBe(ExitCode.environment);
    expect(e.problem).toBe(`Nix builds through a daemon (${untrusted.remote}) that does not trust the user root (trusted-users = nobody), so it ignores settings this build needs: extra-platforms = aarch64-linux.`);
    expect(e.fix).toBe(
      "Make root a trusted user: add it to trusted-users in /etc/nix/nix.conf ('trusted-users = nobody root') and restart the daemon (sudo systemctl restart nix-daemon), or install Nix with that line (cachix/install-nix-action: extra_nix_config: trusted-users = root root); or put that line in /etc/nix/nix.conf yourself and restart the daemon.",
    );
  });

  it("KVM with a daemon whose nix.conf sets system-features without kvm; extra-nix-config lines it ignores are listed", async () => {
    const e = await userErrorAsync(() => checkNixTrust({ platforms: [], kvm: true, sandboxPaths: [] }, [], undefined, client(untrusted)));
    expect(e.problem).toMatch(/ignores settings this build needs: extra-system-features = kvm\.$/);
    const check = await checkNixTrust(
      { platforms: [], kvm: false, sandboxPaths: [] },
      ["extra-substituters = https://trusted.example.org", "extra-substituters = https://other.example.org", "max-jobs = 2", "sandbox = true"],
      undefined,
      client(untrusted),
    );
    expect(check.store).toEqual({ url: untrusted.remote, version: expect.stringMatching(/^2\./), trusted: false });
    expect(check.ignored).toEqual(["extra-substituters = https://other.example.org", "sandbox = true"]);
  });

  it("a daemon that trusts the user: nothing to check", async () => {
    const lines: string[] = [];
    const check = await checkNixTrust({ platforms: ["aarch64-linux"], kvm: true, sandboxPaths: [] }, ["sandbox = true"], (l) => lines.push(l), client(trusted));
    expect(check).toEqual({ store: { url: trusted.remote, version: expect.stringMatching(/^2\./), trusted: true }, ignored: [] });
    expect(lines).toEqual([`Nix store: ${trusted.remote} (this user is trusted: the action's Nix settings apply)`]);
  });
});
