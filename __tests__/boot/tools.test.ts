// Where QEMU and the firmware come from: PATH and the usual places first, then the configuration's nixpkgs through Nix.
import { chmod, mkdir, mkdtemp, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { nixBuildArgs } from "../../src/boot/nix-packages.js";
import { accelerators, hostArch, locateQemu, locateUefi, VIRT_FLASH_BYTES } from "../../src/boot/tools.js";
import { ExitCode, UserError } from "../../src/core/errors.js";

/** A sparse file of `bytes` (a firmware volume's size without its contents). */
async function flash(path: string, bytes: number): Promise<string> {
  await truncate(await file(path), bytes);
  return path;
}

async function file(path: string, executable = false): Promise<string> {
  await mkdir(join(path, ".."), { recursive: true });
  await writeFile(path, "x");
  if (executable) await chmod(path, 0o755);
  return path;
}

describe("locateQemu", () => {
  test("PATH first, and Nix is not asked", async () => {
    const dir = await mkdtemp(join(tmpdir(), "boot-tools-"));
    await file(join(dir, "bin", "qemu-system-x86_64"), true);
    await file(join(dir, "bin", "qemu-img"), true);
    const asked: string[] = [];
    const tools = await locateQemu("x86_64", { path: join(dir, "bin"), nix: async (a) => (asked.push(a), "/nope") });
    expect(tools).toEqual({ qemu: join(dir, "bin", "qemu-system-x86_64"), qemuImg: join(dir, "bin", "qemu-img"), from: "path" });
    expect(asked).toEqual([]);
  });

  test("not on PATH: nixpkgs' qemu through Nix; Nix failing is exit 4 naming both ways out", async () => {
    const empty = await mkdtemp(join(tmpdir(), "boot-tools-"));
    const tools = await locateQemu("aarch64", { path: empty, nix: async (a) => `/nix/store/x-${a}` });
    expect(tools).toEqual({ qemu: "/nix/store/x-qemu/bin/qemu-system-aarch64", qemuImg: "/nix/store/x-qemu/bin/qemu-img", from: "nix" });
    const error = await locateQemu("x86_64", {
      path: empty,
      nix: async () => {
        throw new UserError("nix build of qemu failed: unable to download", "", ExitCode.environment);
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(ExitCode.environment);
    expect((error as UserError).problem).toContain("unable to download");
    expect((error as UserError).fix).toContain("apt-get install qemu-system-x86");
  });
});

describe("locateUefi", () => {
  test("Debian's OVMF 4M pair first, then the 2M pair, then QEMU's edk2 next to the qemu found", async () => {
    const root = await mkdtemp(join(tmpdir(), "boot-fw-"));
    await file(join(root, "opt/q/share/qemu/edk2-x86_64-code.fd"));
    await file(join(root, "opt/q/share/qemu/edk2-i386-vars.fd"));
    const qemu = join(root, "opt/q/bin/qemu-system-x86_64");
    expect(await locateUefi("x86_64", qemu, { root })).toEqual({ code: join(root, "opt/q/share/qemu/edk2-x86_64-code.fd"), vars: join(root, "opt/q/share/qemu/edk2-i386-vars.fd"), from: "path" });
    await file(join(root, "usr/share/OVMF/OVMF_CODE.fd"));
    await file(join(root, "usr/share/OVMF/OVMF_VARS.fd"));
    expect((await locateUefi("x86_64", qemu, { root })).code).toBe(join(root, "usr/share/OVMF/OVMF_CODE.fd"));
    await file(join(root, "usr/share/OVMF/OVMF_CODE_4M.fd"));
    await file(join(root, "usr/share/OVMF/OVMF_VARS_4M.fd"));
    expect(await locateUefi("x86_64", qemu, { root })).toEqual({ code: join(root, "usr/share/OVMF/OVMF_CODE_4M.fd"), vars: join(root, "usr/share/OVMF/OVMF_VARS_4M.fd"), from: "path" });
  });

  test("aarch64: Debian's AAVMF pair (64 MiB each: pflash), else qemu-efi-aarch64's QEMU_EFI.fd (no vars: -bios)", async () => {
    const root = await mkdtemp(join(tmpdir(), "boot-fw-"));
    await file(join(root, "usr/share/qemu-efi-aarch64/QEMU_EFI.fd"));
    expect(await locateUefi("aarch64", undefined, { root })).toEqual({ code: join(root, "usr/share/qemu-efi-aarch64/QEMU_EFI.fd"), from: "path" });
    await flash(join(root, "usr/share/AAVMF/AAVMF_CODE.fd"), VIRT_FLASH_BYTES);
    await flash(join(root, "usr/share/AAVMF/AAVMF_VARS.fd"), VIRT_FLASH_BYTES);
    expect(await locateUefi("aarch64", undefined, { root })).toEqual({ code: join(root, "usr/share/AAVMF/AAVMF_CODE.fd"), vars: join(root, "usr/share/AAVMF/AAVMF_VARS.fd"), from: "path" });
  });

  test("aarch64: a pair that is not 64 MiB each cannot be virt's pflash (QEMU refuses it): its code alone, by -bios", async () => {
    const root = await mkdtemp(join(tmpdir(), "boot-fw-"));
    await flash(join(root, "usr/share/AAVMF/AAVMF_CODE.fd"), 2 * 1024 * 1024);
    await flash(join(root, "usr/share/AAVMF/AAVMF_VARS.fd"), VIRT_FLASH_BYTES);
    expect(await locateUefi("aarch64", undefined, { root })).toEqual({ code: join(root, "usr/share/AAVMF/AAVMF_CODE.fd"), from: "path" });
    await flash(join(root, "usr/share/AAVMF/AAVMF_CODE.fd"), VIRT_FLASH_BYTES);
    await flash(join(root, "usr/share/AAVMF/AAVMF_VARS.fd"), 768 * 1024);
    expect(await locateUefi("aarch64", undefined, { root })).toEqual({ code: join(root, "usr/share/AAVMF/AAVMF_CODE.fd"), from: "path" });
    // x86_64's OVMF pairs are not virt's flash: their size is theirs.
    await file(join(root, "usr/share/OVMF/OVMF_CODE_4M.fd"));
    await file(join(root, "usr/share/OVMF/OVMF_VARS_4M.fd"));
    expect((await locateUefi("x86_64", undefined, { root })).vars).toBe(join(root, "usr/share/OVMF/OVMF_VARS_4M.fd"));
  });

  test("none at the usual places: nixpkgs' OVMF.fd through Nix; offline, exit 4 with what was tried", async () => {
    const root = await mkdtemp(join(tmpdir(), "boot-fw-"));
    const store = await mkdtemp(join(tmpdir(), "boot-store-"));
    await file(join(store, "FV/OVMF_CODE.fd"));
    await file(join(store, "FV/OVMF_VARS.fd"));
    const asked: string[] = [];
    expect(await locateUefi("x86_64", undefined, { root, nix: async (a) => (asked.push(a), store) })).toEqual({ code: join(store, "FV/OVMF_CODE.fd"), vars: join(store, "FV/OVMF_VARS.fd"), from: "nix" });
    expect(asked).toEqual(["OVMF.fd"]);
    const error = (await locateUefi("x86_64", undefined, {
      root,
      nix: async (a) => {
        throw new UserError(`nix build of ${a} failed: cannot build offline`, "", ExitCode.environment);
      },
    }).catch((e: unknown) => e)) as UserError;
    expect(error.exitCode).toBe(ExitCode.environment);
    expect(error.problem).toContain("OVMF.fd: nix build of OVMF.fd failed: cannot build offline; qemu: nix build of qemu failed");
    expect(error.fix).toContain("apt-get install ovmf");
  });

  test("the nix build names the configuration's nixpkgs: the flake's own pkgs, else <nixpkgs> with -I", () => {
    expect(nixBuildArgs("OVMF.fd", { config: { kind: "flake", uri: "/src", name: "web" }, includes: [] })).toEqual(["build", "--no-link", "--print-out-paths", '/src#nixosConfigurations."web".pkgs.OVMF.fd']);
    expect(nixBuildArgs("qemu", { config: { kind: "default" }, includes: [{ key: "nixpkgs", value: "/np" }] })).toEqual([
      "build", "--no-link", "--print-out-paths", "-I", "nixpkgs=/np", "--impure", "--expr", "(import <nixpkgs> { }).qemu",
    ]);
  });
});

describe("accelerators", () => {
  test("KVM is tried first only for a guest of the host's own architecture; TCG always", () => {
    expect(accelerators(true, "x86_64", "x86_64")).toEqual(["kvm", "tcg"]);
    expect(accelerators(true, "aarch64", "aarch64")).toEqual(["kvm", "tcg"]);
    expect(accelerators(true, "aarch64", "x86_64")).toEqual(["tcg"]);
    expect(accelerators(true, "x86_64", "aarch64")).toEqual(["tcg"]);
    expect(accelerators(true, "x86_64", undefined)).toEqual(["tcg"]);
    expect(accelerators(false, "x86_64", "x86_64")).toEqual(["tcg"]);
  });
  test("the host's architecture from Node's name for it", () => {
    expect(hostArch("x64")).toBe("x86_64");
    expect(hostArch("arm64")).toBe("aarch64");
    expect(hostArch("riscv64")).toBeUndefined();
  });
});
