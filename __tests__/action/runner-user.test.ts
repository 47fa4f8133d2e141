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
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMAGE_MIB, RUNNER_BIG_DIRECTORIES, STORE_BASE_MIB, ensureDiskSpace, freeDiskSpace, gib, measure, spaceNeeds } from "../../src/action/disk-space.js";
import type { ImageOutput } from "../../src/action/report.js";
import { loadCatalogue, type Format } from "../../src/core/catalogue.js";
import { ExitCode } from "../../src/core/errors.js";
import { projectPath } from "../../src/core/paths.js";
import type { GenerateRequest, Target } from "../../src/core/request.js";
import { userErrorAsync } from "../cli/user-error.js";
import { actionDir, ensureTestUser, execAs, runAction, runnerNixpkgs, startNixDaemon, userCanOpen, type NixDaemon } from "./harness.js";

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

describe("disk space", () => {
  const catalogue = loadCatalogue();
  const entry = (name: string): Format => catalogue.lookup(name) ?? (() => { throw new Error(name); })();
  const target = (name: string): Target => ({ format: { kind: "catalogue", entry: entry(name) }, system: "x86_64-linux" });
  const request = (names: string[], diskSize?: number): Pick<GenerateRequest, "targets" | "diskSize"> => ({ targets: names.map(target), ...(diskSize ? { diskSize } : {}) });

  /** A tmpfs of `size` on a fresh directory (unmounted after the file's tests). */
  const mounts: string[] = [];
  function tmpfs(size: string): string {
    const dir = mkdtempSync(join(tmpdir(), "disk-space-"));
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size},mode=0755`, "disk-space-test", dir]);
    mounts.push(dir);
    return dir;
  }
  afterAll(() => {
    for (const dir of mounts) execFileSync("umount", [dir]);
  });

  it("the estimate: a raw disk counts its disk size, a growable one at most its container's size; the store adds a base per system", () => {
    const needs = spaceNeeds(request(["raw", "qcow"], 8192), { nixDir: "/n", buildDir: "/b", outDir: "/o" });
    expect(needs).toEqual([
      { role: "Nix store", path: "/n", mib: STORE_BASE_MIB + 8192 + IMAGE_MIB.qcow2 },
      { role: "build directory", path: "/b", mib: 8192 },
      { role: "out-dir", path: "/o", mib: 8192 + IMAGE_MIB.qcow2 },
    ]);
    expect(spaceNeeds(request(["qcow"], 512), { nixDir: "/n", buildDir: "/b", outDir: "/o" })[2]?.mib).toBe(512);
  });

  it("compress: zstd | xz adds the copies it writes beside the images in out-dir, each at most its image's estimate; none for an image compressed already or a VM runner", () => {
    const places = { nixDir: "/n", buildDir: "/b", outDir: "/o" };
    const formats = ["raw", "qcow", "sd-aarch64", "proxmox", "lxc", "vm"];
    const plain = spaceNeeds(request(formats, 8192), places);
    for (const codec of ["zstd", "xz"] as const) {
      const needs = spaceNeeds(request(formats, 8192), places, codec);
      // The store, the build directory and the images' copy in out-dir are as without compression.
      expect(needs.slice(0, 3)).toEqual(plain);
      // raw: its fixed-size disk (8192); qcow: its container's typical size. sd-aarch64 and proxmox (zstd), lxc (xz): compressed already; vm: stays in the store.
      expect(needs[3]).toEqual({ role: "compressed copies", path: "/o", mib: 8192 + IMAGE_MIB.qcow2 });
    }
    // Bounded by the image: a qcow2 of 512 MiB has a copy of at most 512 MiB.
    expect(spaceNeeds(request(["qcow"], 512), places, "zstd")[3]).toEqual({ role: "compressed copies", path: "/o", mib: 512 });
    // Nothing to compress: no extra need at all.
    expect(spaceNeeds(request(["sd-aarch64", "docker", "vm"]), places, "xz")).toHaveLength(3);
    expect(plain).toHaveLength(3);
  });

  it("with compress, a disk that holds the images but not their compressed copies is refused (exit 4), naming the copies", async () => {
    const fs = tmpfs("12g");
    const places = { nixDir: join(fs, "nix"), buildDir: join(fs, "nix", "var", "nix", "builds"), outDir: join(fs, "out") };
    // raw at 3 GiB: store 2 + 3, build 3, out-dir 3 = 11 GiB; its zstd copy 3 GiB more.
    const raw3g = request(["raw"], 3072);
    await expect(ensureDiskSpace({ request: raw3g, places, free: false })).resolves.toHaveLength(1);
    const e = await userErrorAsync(() => ensureDiskSpace({ request: raw3g, places, free: false, compress: "zstd" }));
    expect(e.exitCode).toBe(ExitCode.environment);
    expect(e.problem).toBe(
      `Not enough disk space for 1 image: ${fs} has 12.0 GiB free and the build needs about 14.0 GiB there (Nix store ${places.nixDir}: 5.0 GiB, build directory ${places.buildDir}: 3.0 GiB, out-dir ${places.outDir}: 3.0 GiB, compressed copies ${places.outDir}: 3.0 GiB).`,
    );
  });

  it("needs on one filesystem add up; statfs measures it (a 100 MiB tmpfs)", async () => {
    const fs = tmpfs("100m");
    const [only, ...rest] = await measure([
      { role: "Nix store", path: join(fs, "nix"), mib: 10 },
      { role: "out-dir", path: join(fs, "out", "images"), mib: 5 },
    ]);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ path: fs, freeMiB: 100, needMiB: 15 });
  });

  it("too little space: exit 4 naming what is free and what is needed, before any build", async () => {
    const fs = tmpfs("1g");
    const places = { nixDir: join(fs, "nix"), buildDir: join(fs, "nix", "var", "nix", "builds"), outDir: join(fs, "out") };
    const e = await userErrorAsync(() => ensureDiskSpace({ request: request(["lxc-metadata"]), places, free: false }));
    expect(e.exitCode).toBe(ExitCode.environment);
    const need = STORE_BASE_MIB + 3 * IMAGE_MIB["lxc-metadata"];
    expect(e.problem).toBe(
      `Not enough disk space for 1 image: ${fs} has 1.0 GiB free and the build needs about ${gib(need)} there (Nix store ${places.nixDir}: ${gib(STORE_BASE_MIB + 1)}, build directory ${places.buildDir}: 0.0 GiB, out-dir ${places.outDir}: 0.0 GiB).`,
    );
    expect(e.fix).toBe(`Set free-disk-space: true (removes the runner image's unused SDKs: ${RUNNER_BIG_DIRECTORIES.join(", ")}), build fewer images per job (mode: plan, then a matrix job per image), or use a runner with a larger disk.`);
    console.log(`low-disk message: ${e.render()}`);
  });

  it("free-disk-space removes the listed directories (and nothing else), which makes room", async () => {
    const fs = tmpfs("3g");
    const root = join(fs, "runner-image");
    for (const dir of RUNNER_BIG_DIRECTORIES) mkdirSync(join(root, dir), { recursive: true });
    execFileSync("fallocate", ["-l", "1536M", join(root, "usr/share/dotnet", "sdk.bin")]);
    mkdirSync(join(root, "usr/share/keep"), { recursive: true });
    writeFileSync(join(root, "usr/share/keep", "file"), "stays");
    const places = { nixDir: join(fs, "nix"), buildDir: join(fs, "nix", "var", "nix", "builds"), outDir: join(fs, "out") };
    await expect(userErrorAsync(() => ensureDiskSpace({ request: request(["lxc-metadata"]), places, free: false }))).resolves.toMatchObject({ exitCode: ExitCode.environment });
    const lines: string[] = [];
    const [measured] = await ensureDiskSpace({ request: request(["lxc-metadata"]), places, free: true, root, log: (l) => lines.push(l) });
    // The 3 GiB tmpfs, less the few pages the directories that stay take.
    expect(measured?.freeMiB).toBeGreaterThanOrEqual(3072 - 2);
    for (const dir of RUNNER_BIG_DIRECTORIES) expect(existsSync(join(root, dir))).toBe(false);
    expect(readFileSync(join(root, "usr/share/keep", "file"), "utf8")).toBe("stays");
    expect(lines[0]).toBe(`free-disk-space: removed ${RUNNER_BIG_DIRECTORIES.map((d) => join(root, d)).join(", ")}; 1.5 GiB freed where the build writes`);
  });

  it("free-disk-space leaves a listed directory reached through a symbolic link, and does nothing on a machine that is not GitHub-hosted", async () => {
    const base = mkdtempSync(join(tmpdir(), "free-disk-"));
    const root = join(base, "runner-image");
    const elsewhere = join(base, "shared-tools");
    mkdirSync(join(elsewhere, "CodeQL"), { recursive: true });
    writeFileSync(join(elsewhere, "CodeQL", "file"), "someone else's");
    mkdirSync(join(root, "opt"), { recursive: true });
    symlinkSync(elsewhere, join(root, "opt", "hostedtoolcache"));
    const lines: string[] = [];
    expect(await freeDiskSpace({ root, log: (l) => lines.push(l) })).toEqual([]);
    expect(readFileSync(join(elsewhere, "CodeQL", "file"), "utf8")).toBe("someone else's");
    expect(lines).toEqual([`free-disk-space: skipped ${join(root, "opt/hostedtoolcache/CodeQL")}: it resolves to ${join(elsewhere, "CodeQL")}, not itself`]);
    // The real root on a machine whose runner does not say github-hosted: nothing is even looked at.
    const self: string[] = [];
    const saved = process.env.RUNNER_ENVIRONMENT;
    process.env.RUNNER_ENVIRONMENT = "self-hosted";
    try {
      expect(await freeDiskSpace({ root: "/", directories: ["/nonexistent-free-disk-test"], log: (l) => self.push(l) })).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.RUNNER_ENVIRONMENT;
      else process.env.RUNNER_ENVIRONMENT = saved;
    }
    expect(self).toEqual(["free-disk-space: skipped, this is not a GitHub-hosted runner (RUNNER_ENVIRONMENT=self-hosted); nothing was removed"]);
  });

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
