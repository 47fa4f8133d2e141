// Building for aarch64-linux on this x86_64 machine, for real: QEMU
// (Debian's qemu-user-static, installed by the module when missing) is
// registered with binfmt_misc with the F flag, a Debian aarch64 program runs
// through it, and Nix builds an aarch64-linux derivation with the
// extra-platforms setting the module returns. The refusal when there is no
// binfmt_misc is shown by pointing the module (and the action) at a directory
// that does not exist; the kernel is never stubbed.
//
// Everything that changes the kernel's binfmt_misc entries is in this one file
// (vitest runs a file's tests one after another), so no other test sees an
// entry come and go.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_BINFMT_DIR, ensureEmulation, entryFor, findQemu, listBinfmtEntries, qemuSearchPath } from "../../src/action/binfmt.js";
import { words } from "../../src/action/elf-probe.js";
import { ExitCode, UserError } from "../../src/core/errors.js";
import { NIXPKGS } from "../helpers/nix.js";
import { startGitHubTestServers, type GitHubTestServers } from "../servers/index.js";
import { actionDir, runAction } from "./harness.js";

const run = promisify(execFile);

/** Debian's aarch64 dynamic loader (libc6-arm64-cross, an amd64 package): a real aarch64 program. */
const LD_SO = "/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1";

let servers: GitHubTestServers;
let scratch: string;

async function aptInstall(pkg: string): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    await run("apt-get", ["install", "-y", "-q", "--no-install-recommends", pkg], { env });
  } catch {
    await run("apt-get", ["update", "-q"], { env });
    await run("apt-get", ["install", "-y", "-q", "--no-install-recommends", pkg], { env });
  }
}

/** Removes every binfmt_misc entry that would run aarch64 programs (as on a fresh runner). */
async function unregisterAarch64(): Promise<void> {
  for (;;) {
    const entry = entryFor("aarch64-linux", await listBinfmtEntries(DEFAULT_BINFMT_DIR));
    if (!entry) return;
    await writeFile(join(DEFAULT_BINFMT_DIR, entry.name), "-1");
  }
}

beforeAll(async () => {
  if (!existsSync(LD_SO)) await aptInstall("libc6-arm64-cross");
  scratch = await mkdtemp(join(tmpdir(), "binfmt-test-"));
  await actionDir();
  servers = await startGitHubTestServers();
}, 600_000);

afterAll(async () => {
  await servers?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe("ensureEmulation (aarch64-linux on x86_64-linux)", { timeout: 300_000 }, () => {
  it("registers QEMU with the F flag when no entry runs aarch64 programs, and a Debian aarch64 program then runs", async () => {
    expect(process.arch).toBe("x64");
    await unregisterAarch64();
    expect(existsSync(join(DEFAULT_BINFMT_DIR, "qemu-aarch64"))).toBe(false);
    // Without an entry the kernel refuses it (ENOEXEC; execvp then hands it to /bin/sh, which cannot read it).
    await expect(run(LD_SO, ["--version"])).rejects.toThrow(/ENOEXEC|Exec format error|Syntax error/);

    const lines: string[] = [];
    const emulation = await ensureEmulation("aarch64-linux", { hostSystem: "x86_64-linux", log: (l) => lines.push(l) });
    expect(emulation).toMatchObject({
      system: "aarch64-linux",
      entry: "qemu-aarch64",
      interpreter: "/usr/bin/qemu-aarch64-static",
      fixBinary: true,
      registered: true,
      nixConfig: ["extra-platforms = aarch64-linux"],
    });
    expect(lines).toContain("aarch64-linux: registering /usr/bin/qemu-aarch64-static with binfmt_misc as 'qemu-aarch64' (flags: F)");
    expect(lines).toContain("aarch64-linux: a test program for aarch64-linux ran (exit 42)");
    const entry = readFileSync(join(DEFAULT_BINFMT_DIR, "qemu-aarch64"), "utf8");
    expect(entry).toMatch(/^enabled\n/);
    expect(entry).toMatch(/^interpreter \/usr\/bin\/qemu-aarch64-static$/m);
    expect(entry).toMatch(/^flags: F$/m);
    expect(entry).toMatch(/^magic 7f454c460201010000000000000000000200b700$/m);

    // The loader is an aarch64 ELF (e_machine 183)...
    expect(readFileSync(LD_SO).readUInt16LE(18)).toBe(0xb7);
    // ...and runs, through the kernel's binfmt_misc and QEMU.
    const { stdout } = await run(LD_SO, ["--version"]);
    expect(stdout).toMatch(/^ld\.so \(Debian GLIBC [^)]+\) stable release version 2\.\d+/);

    // A second call finds the entry and changes nothing.
    const again = await ensureEmulation("aarch64-linux", { hostSystem: "x86_64-linux" });
    expect(again).toMatchObject({ entry: "qemu-aarch64", registered: false, installed: false, fixBinary: true });
  });

  it("with the extra-platforms line it returns, Nix builds an aarch64-linux derivation (an aarch64 builder run by QEMU)", async () => {
    // The builder: mkdirat(AT_FDCWD, argv[1], 0755); exit(result). argv[1] is $out.
    const builder = join(scratch, "mkdir-out-aarch64");
    await writeFile(
      builder,
      Buffer.concat([
        elfHeader(0xb7, 7 * 4),
        words([
          0xf9400be1, // ldr x1, [sp, #16]   (argv[1])
          0x92800c60, // movn x0, #99        (AT_FDCWD = -100)
          0xd2803da2, // movz x2, #0755
          0xd2800448, // movz x8, #34        (mkdirat)
          0xd4000001, // svc #0
          0xd2800ba8, // movz x8, #93        (exit, status = mkdirat's result)
          0xd4000001, // svc #0
        ]),
      ]),
    );
    await chmod(builder, 0o755);
    const nonce = randomBytes(8).toString("hex");
    const expr = `derivation { name = "binfmt-probe"; system = "aarch64-linux"; builder = ${builder}; args = [ (builtins.placeholder "out") ]; nonce = "${nonce}"; }`;
    const nixBuild = (nixConfig: string) =>
      run("nix-build", ["--no-out-link", "-E", expr], { env: { ...process.env, NIX_CONFIG: nixConfig } });

    // Without it Nix refuses: this is an x86_64-linux machine.
    // Nix 2.18-2.26: "… is required to build …"; 2.34: "Reason: platform mismatch / Required system: 'aarch64-linux'".
    await expect(nixBuild("")).rejects.toThrow(/aarch64-linux.*is required to build|required system or feature not available|platform mismatch\s+Required system: 'aarch64-linux'/s);

    const { nixConfig } = await ensureEmulation("aarch64-linux", { hostSystem: "x86_64-linux" });
    const { stdout } = await nixBuild(nixConfig.join("\n"));
    const out = stdout.trim();
    expect(out).toMatch(/^\/nix\/store\/[0-9a-z]{32}-binfmt-probe$/);
    expect(existsSync(out)).toBe(true);
  });

  it("refuses with an environment error when there is no binfmt_misc (a directory that does not exist)", async () => {
    const attempt = ensureEmulation("aarch64-linux", { hostSystem: "x86_64-linux", binfmtDir: "/nonexistent/binfmt_misc" });
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    const error = (await attempt.catch((e: unknown) => e)) as UserError;
    expect(error.exitCode).toBe(ExitCode.environment);
    expect(error.problem).toBe(
      "Building for aarch64-linux on this x86_64 runner needs binfmt_misc emulation, but /nonexistent/binfmt_misc does not exist: this kernel (or container) has no binfmt_misc.",
    );
    expect(error.fix).toMatch(/Build on an aarch64-linux runner \(e\.g\. ubuntu-24\.04-arm for aarch64-linux\)/);
  });
});

describe("the action with system: aarch64-linux", { timeout: 300_000 }, () => {
  it("without binfmt_misc: exit 4 before any evaluation, nothing uploaded", async () => {
    const result = await runAction({
      inputs: { formats: "lxc-metadata", system: "aarch64-linux", nixpkgs: NIXPKGS },
      env: { ...servers.env, NIXOS_GENERATORS_BINFMT_DIR: "/nonexistent/binfmt_misc" },
      token: servers.tokens.write,
    });
    expect(result.code).toBe(4);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toMatch(/^Building for aarch64-linux on this x86_64 runner needs binfmt_misc emulation, but \/nonexistent\/binfmt_misc does not exist/);
    expect(result.stdout).toContain("::group::Set up aarch64-linux emulation (QEMU, binfmt_misc)");
    expect(result.stdout).not.toContain("::group::Evaluate");
    // The outputs are written on every outcome: the one image, not built, with the reason.
    const images = JSON.parse(result.outputs.images ?? "[]") as { ok: boolean; uploaded: boolean; error?: string }[];
    expect(images.map((i) => [i.ok, i.uploaded])).toEqual([[false, false]]);
    expect(images[0]?.error).toMatch(/^Building for aarch64-linux on this x86_64 runner needs binfmt_misc emulation/);
    expect(servers.results.artifacts).toEqual([]);
    expect(servers.github.releases).toEqual([]);
  });

  it("registers QEMU itself, evaluates for aarch64-linux, and fails cleanly at the offline build; nothing uploaded", async () => {
    await unregisterAarch64();
    const result = await runAction({
      inputs: { formats: "lxc-metadata", system: "aarch64-linux", nixpkgs: NIXPKGS },
      env: servers.env,
      token: servers.tokens.write,
    });
    expect(result.log).toContain("aarch64-linux: registering /usr/bin/qemu-aarch64-static with binfmt_misc as 'qemu-aarch64' (flags: F)");
    expect(result.log).toContain("aarch64-linux: a test program for aarch64-linux ran (exit 42)");
    expect(result.log).toContain("Nix settings for aarch64-linux: extra-platforms = aarch64-linux");
    expect(readFileSync(join(DEFAULT_BINFMT_DIR, "qemu-aarch64"), "utf8")).toMatch(/^flags: F$/m);

    expect(result.code).toBe(ExitCode.environment);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toMatch(/^The build failed because a download failed/);
    // Nix took the system: it failed on the offline downloads, not on the platform.
    expect(result.log).not.toMatch(/is required to build .* but I am a 'x86_64-linux'|Reason: platform mismatch/);
    const images = JSON.parse(result.outputs.images ?? "null") as { system: string; drvPath: string; ok: boolean; uploaded: boolean }[];
    expect(images).toHaveLength(1);
    expect(images[0]).toMatchObject({ system: "aarch64-linux", ok: false, uploaded: false });
    expect(images[0]?.drvPath).toMatch(/^\/nix\/store\/[0-9a-z]{32}-tarball\.drv$/);
    expect(JSON.parse(result.outputs.matrix ?? "")).toEqual({ include: [{ format: "lxc-metadata", system: "aarch64-linux", custom: false, kvm: false, runner: "ubuntu-24.04-arm" }] });
    expect(servers.results.artifacts).toEqual([]);
    expect(servers.github.releases).toEqual([]);
  });
});

describe("which qemu-<cpu>-static is registered", () => {
  it("Debian's /usr/bin one, even when an earlier step put another first on PATH (F keeps the registered one for every later program)", async () => {
    // The tests above installed qemu-user-static (or found it) in /usr/bin.
    expect(existsSync("/usr/bin/qemu-aarch64-static")).toBe(true);
    const decoyDir = join(scratch, "decoy-bin");
    await rm(decoyDir, { recursive: true, force: true });
    await mkdir(decoyDir);
    const decoy = join(decoyDir, "qemu-aarch64-static");
    await writeFile(decoy, "#!/bin/sh\necho not qemu\n");
    await chmod(decoy, 0o755);
    const path = process.env.PATH;
    process.env.PATH = `${decoyDir}:${path ?? ""}`;
    try {
      expect(await findQemu("aarch64-linux")).toBe("/usr/bin/qemu-aarch64-static");
    } finally {
      process.env.PATH = path;
    }
    // PATH is still searched after /usr/bin (a QEMU installed elsewhere), once each, and /usr/local/bin last.
    expect(qemuSearchPath(`${decoyDir}:/usr/bin:/bin:${decoyDir}`)).toEqual(["/usr/bin", decoyDir, "/bin", "/usr/local/bin"]);
    expect(await findQemu("aarch64-linux", qemuSearchPath(decoyDir).filter((d) => d !== "/usr/bin"))).toBe(decoy);
  });
});

/** An ELF64 header and one loadable segment for a program of `codeLength` bytes right after them. */
function elfHeader(machine: number, codeLength: number): Buffer {
  const size = 120 + codeLength;
  const h = Buffer.alloc(120);
  h.write("\x7fELF", 0, "latin1");
  h[4] = 2;
  h[5] = 1;
  h[6] = 1;
  h.writeUInt16LE(2, 16);
  h.writeUInt16LE(machine, 18);
  h.writeUInt32LE(1, 20);
  h.writeBigUInt64LE(0x400000n + 120n, 24);
  h.writeBigUInt64LE(64n, 32);
  h.writeUInt16LE(64, 52);
  h.writeUInt16LE(56, 54);
  h.writeUInt16LE(1, 56);
  h.writeUInt32LE(1, 64);
  h.writeUInt32LE(5, 68);
  h.writeBigUInt64LE(0x400000n, 80);
  h.writeBigUInt64LE(0x400000n, 88);
  h.writeBigUInt64LE(BigInt(size), 96);
  h.writeBigUInt64LE(BigInt(size), 104);
  h.writeBigUInt64LE(0x10000n, 112);
  return h;
}
