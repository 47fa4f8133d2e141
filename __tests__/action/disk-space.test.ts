// The disk-space check before building (src/action/disk-space.ts): the
// estimate per filesystem, statfs on real (tmpfs) filesystems, the exit-4
// message, and free-disk-space's removals below a stand-in root. As the
// runner user, through sudo: runner-user.test.ts.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { IMAGE_MIB, RUNNER_BIG_DIRECTORIES, STORE_BASE_MIB, ensureDiskSpace, freeDiskSpace, gib, measure, spaceNeeds } from "../../src/action/disk-space.js";
import { loadCatalogue, type Format } from "../../src/core/catalogue.js";
import { ExitCode } from "../../src/core/errors.js";
import type { GenerateRequest, Target } from "../../src/core/request.js";
import { userErrorAsync } from "../cli/user-error.js";
import { tmpfsMounts } from "../helpers/tmpfs.js";

describe("disk space", () => {
  const catalogue = loadCatalogue();
  const entry = (name: string): Format => catalogue.lookup(name) ?? (() => { throw new Error(name); })();
  const target = (name: string): Target => ({ format: { kind: "catalogue", entry: entry(name) }, system: "x86_64-linux" });
  const request = (names: string[], diskSize?: number): Pick<GenerateRequest, "targets" | "diskSize"> => ({ targets: names.map(target), ...(diskSize ? { diskSize } : {}) });

  const { mount: tmpfs, unmountAll } = tmpfsMounts();
  afterAll(unmountAll);

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

});
