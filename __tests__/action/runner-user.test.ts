// The action as a GitHub-hosted runner runs it: not as root, but as the user
// `runner` (uid 1001, HOME=/home/runner, passwordless sudo, in no device
// group, no binfmt registered), with a Nix of that user's own (a single-user
// Nix whose store the user owns; or a daemon's client). What needs root goes
// through sudo. See harness.ts for the user and its Nix.
//
// What only a real runner can prove: that GitHub's udev rule reaches the real
// /dev/kvm through a running udevd (here: a stand-in node and no udevd, so
// the chmod fallback; the udev path is tested with a stand-in udevadm in
// kvm.test.ts), that a QEMU VM build then runs with KVM, the hosted image's
// real free space and the space free-disk-space really gains there, and a
// daemon installed by another action (here: this machine's nix-daemon on its
// own socket).
import { execFileSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImageOutput } from "../../src/action/report.js";
import { ExitCode } from "../../src/core/errors.js";
import { projectPath } from "../../src/core/paths.js";
import { actionDir, ensureTestUser, execAs, runAction, runnerNixpkgs, startNixDaemon, userCanOpen, type NixDaemon } from "./harness.js";
import { tmpfsMounts } from "../helpers/tmpfs.js";

const T = { timeout: 600_000 };
const FIXTURES = projectPath("__tests__", "fixtures", "fixture-formats.nix");
let nixpkgs: string;

beforeAll(async () => {
  await actionDir();
  await ensureTestUser("runner");
  nixpkgs = await runnerNixpkgs("runner");
}, 600_000);

/** A directory owned by the runner (for workspaces and out-dirs). */
function runnerDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  execFileSync("chown", ["1001:1001", dir]);
  return dir;
}

/** A stand-in KVM node (/dev/null's numbers), root:root 0660: the runner is not in its group. */
function kvmStandIn(): string {
  const dir = mkdtempSync(join(tmpdir(), "runner-kvm-"));
  chmodSync(dir, 0o755);
  const device = join(dir, "kvm");
  execFileSync("mknod", [device, "c", "1", "3"]);
  chmodSync(device, 0o660);
  return device;
}

const imagesOf = (outputs: Record<string, string>): ImageOutput[] => JSON.parse(outputs.images ?? "null") as ImageOutput[];

describe("the action as the runner user", () => {
  it("is uid 1001 with passwordless sudo, and its own Nix answers", T, async () => {
    const id = await execAs("runner", "id", ["-u"]);
    expect(id.stdout.trim()).toBe("1001");
    expect((await execAs("runner", "sudo", ["-n", "true"])).code).toBe(0);
    expect((await execAs("runner", "sudo", ["-n", "id", "-u"])).stdout.trim()).toBe("0");
    const store = await execAs("runner", "nix", ["store", "info", "--json"]);
    expect(JSON.parse(store.stdout)).toMatchObject({ url: "local", trusted: true });
    // The machine's own wrapper is root's only.
    expect((await execAs("runner", "/usr/local/bin/nix", ["--version"])).code).not.toBe(0);
  });

  it("KVM: the stand-in device is made usable through sudo, Nix is made to list kvm, then Nix evaluates as the runner", T, async () => {
    const device = kvmStandIn();
    const workspace = runnerDir("runner-ws-");
    // A configuration that stops the evaluation at once (line 3): what runs before it is the point.
    writeFileSync(join(workspace, "configuration.nix"), "{ ... }:\n{\n  boot.loader = = 1;\n}\n");
    expect(await userCanOpen("runner", device)).toBe(false);
    const featuresBefore = (await execAs("runner", "nix", ["config", "show", "system-features"])).stdout.trim();
    const run = await runAction({
      user: "runner",
      inputs: { config: "configuration.nix", formats: "qcow-efi", nixpkgs, upload: "none", "install-nix": "never" },
      env: { GITHUB_WORKSPACE: workspace, NIXOS_GENERATORS_KVM_DEVICE: device, NIXOS_GENERATORS_UDEVADM: "/nonexistent/udevadm" },
    });
    console.log(run.log.split("\n").filter((l) => /\/kvm|system-features|Nix store/.test(l)).join("\n"));
    expect(await userCanOpen("runner", device)).toBe(true);
    expect(run.log).toContain(`${device}: this user (uid 1001) cannot open it read-write (EACCES; mode 0660, owner 0:0); making it usable`);
    expect(run.log).toContain(`${device}: chmod 0666; opened read-write as uid 1001`);
    expect(run.log).toContain("Nix store: local (this user is trusted: the action's Nix settings apply)");
    expect(run.log).toContain(`Nix system-features: ${featuresBefore}`);
    if (!featuresBefore.split(" ").includes("kvm")) {
      expect(run.log).toContain(`Nix did not list 'kvm'; added 'extra-system-features = kvm'; system-features now: ${[...featuresBefore.split(" "), "kvm"].sort().join(" ")}`);
    }
    // Nix, run by the runner, evaluated the configuration.
    expect(run.code).toBe(ExitCode.config);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]?.message).toMatch(new RegExp(`^Nix syntax error in ${workspace}/configuration\\.nix:3`));
  });

  it("builds an offline fixture format as the runner: the image is the runner's, from the runner's store", T, async () => {
    const workspace = runnerDir("runner-ws-");
    const outDir = join(runnerDir("runner-out-"), "images");
    const run = await runAction({
      user: "runner",
      inputs: { config: FIXTURES, formats: "mbr-disk", nixpkgs, "special-args": `seed=${randomBytes(6).toString("hex")}`, upload: "none", "install-nix": "never", "out-dir": outDir },
      env: { GITHUB_WORKSPACE: workspace },
    });
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(ExitCode.ok);
    const [image] = imagesOf(run.outputs);
    expect(image).toMatchObject({ format: "mbr-disk", ok: true, container: "raw-mbr" });
    const file = join(outDir, image?.path ?? "");
    expect(statSync(file).uid).toBe(1001);
    expect(createHash("sha256").update(readFileSync(file)).digest("hex")).toBe(image?.sha256);
    // Built by the runner's Nix into the runner's own store (harness.ts: /home/runner/nix/store), owned by the runner.
    const storePath = image?.storePath ?? "";
    expect(storePath.startsWith("/home/runner/nix/store/")).toBe(true);
    expect(statSync(storePath).uid).toBe(1001);
    expect(run.log).toMatch(/building '\/home\/runner\/nix\/store\/[^']+\.drv'/);
    // The store is the runner's own (harness.ts: NIXOS_GENERATORS_NIX_DIR), measured where it really is.
    expect(run.log).toMatch(/disk space: \/home\/runner\/nix has [\d.]+ GiB free and the build needs about [\d.]+ GiB there \(Nix store \/home\/runner\/nix: [\d.]+ GiB, build directory \/home\/runner\/nix\/var\/nix\/builds: /);
    console.log(`runner build: ${image?.path}, ${image?.size} bytes, in ${Math.round(run.durationMs / 1000)} s`);
  });
});

describe("a Nix daemon that does not trust the runner (a multi-user Nix from another action)", () => {
  let daemon: NixDaemon;
  beforeAll(async () => {
    daemon = await startNixDaemon("trusted-users = root");
  });
  afterAll(async () => {
    await daemon?.stop();
  });

  it("builds through the daemon, and warns that it ignores the extra-nix-config settings a daemon must apply", T, async () => {
    const workspace = runnerDir("runner-ws-");
    const outDir = join(runnerDir("runner-out-"), "images");
    const env = { GITHUB_WORKSPACE: workspace, NIX_REMOTE: daemon.remote, NIX_CONF_DIR: daemon.confDir };
    const info = await execAs("runner", "nix", ["store", "info", "--json"], env);
    expect(JSON.parse(info.stdout)).toMatchObject({ url: daemon.remote, trusted: false });
    const run = await runAction({
      user: "runner",
      inputs: {
        config: FIXTURES,
        formats: "mbr-disk",
        nixpkgs: process.env.NIXPKGS_TEST_PATH ?? nixpkgs,
        "special-args": `seed=${randomBytes(6).toString("hex")}`,
        upload: "none",
        "install-nix": "never",
        "out-dir": outDir,
        "extra-nix-config": "extra-substituters = http://127.0.0.1:9/never\nmax-jobs = 1",
      },
      env,
    });
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.log).toContain(`Nix store: ${daemon.remote}, a daemon that does not trust runner (trusted-users = root): it ignores the action's Nix settings`);
    expect(run.stdout).toContain(
      `::warning::The Nix daemon (${daemon.remote}) does not trust runner, so it ignores these extra-nix-config settings: extra-substituters. Add runner to trusted-users in /etc/nix/nix.conf and restart nix-daemon (or list the substituters in its trusted-substituters).`,
    );
    // The daemon (root) built it: the store path is root's, in the machine's store.
    const [image] = imagesOf(run.outputs);
    expect(statSync(image?.storePath ?? "").uid).toBe(0);
  });
});

describe("disk space, as the runner (the estimate and free-disk-space themselves: disk-space.test.ts)", () => {
  const { mount: tmpfs, unmountAll } = tmpfsMounts();
  afterAll(unmountAll);

  it("as the runner: free-disk-space removes the root-owned directories through sudo; still too little space is exit 4", T, async () => {
    const fs = tmpfs("256m");
    const root = join(fs, "runner-image");
    for (const dir of ["/usr/share/dotnet", "/opt/hostedtoolcache/CodeQL", "/opt/hostedtoolcache/go"]) {
      mkdirSync(join(root, dir), { recursive: true });
      writeFileSync(join(root, dir, "file"), "x");
    }
    const outDir = join(fs, "out");
    mkdirSync(outDir);
    execFileSync("chown", ["1001:1001", outDir]);
    const run = await runAction({
      user: "runner",
      inputs: { config: FIXTURES, formats: "mbr-disk", nixpkgs, upload: "none", "install-nix": "never", "out-dir": outDir, "free-disk-space": "true" },
      env: { NIXOS_GENERATORS_FREE_DISK_ROOT: root, NIXOS_GENERATORS_NIX_DIR: join(fs, "nix") },
    });
    expect(existsSync(join(root, "usr/share/dotnet"))).toBe(false);
    expect(existsSync(join(root, "opt/hostedtoolcache/CodeQL"))).toBe(false);
    expect(readFileSync(join(root, "opt/hostedtoolcache/go", "file"), "utf8")).toBe("x");
    expect(run.log).toContain(`free-disk-space: removed ${join(root, "usr/share/dotnet")}, ${join(root, "opt/hostedtoolcache/CodeQL")};`);
    expect(run.code).toBe(ExitCode.environment);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]?.message).toMatch(new RegExp(`^Not enough disk space for 1 image: ${fs} has 0\\.\\d GiB free and the build needs about [\\d.]+ GiB there`));
    expect(run.errors[0]?.message).toContain("free-disk-space removed");
    expect(run.log).not.toMatch(/building '/);
  });
});
