// The boot test on aarch64 stand-ins (make-standins-aarch64.sh: Debian's
// arm64 kernel and a busybox initramfs in each container an aarch64 image
// comes in; NOT NixOS images), booted with Debian's qemu-system-aarch64
// (-machine virt, -cpu max under TCG) and AAVMF, through the same API the
// x86_64 stand-ins use. Default: the SD card (kernel and initrd of its
// extlinux.conf, booted directly) and the GPT disk with systemd-boot (UEFI),
// two boots in parallel, and a panicking card; FULL_SWEEP=1 also boots the
// qcow2 conversion, the EFI-only ISO, the kexec tarball and the installer's card.
import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { bootAll, bootFailure, type BootJob, type BootResult } from "../../src/boot/index.js";
import { loadCatalogue } from "../../src/core/catalogue.js";
import { ExitCode } from "../../src/core/errors.js";
import { verifyImage } from "../../src/verify/index.js";
import { aarch64Packages, standinsAarch64 } from "./standins-aarch64.js";

const FULL = process.env.FULL_SWEEP === "1";
const catalogue = loadCatalogue();
const format = (name: string) => {
  const entry = catalogue.lookup(name);
  if (!entry) throw new Error(`no format ${name}`);
  return entry;
};

/** format → stand-in file; the first group always (two boots in parallel), the rest under FULL_SWEEP=1. */
const DEFAULT_ROWS: [string, string][] = [
  ["sd-aarch64", "standin-aarch64-sd.img.zst"],
  ["raw-efi", "standin-aarch64-efi.raw"],
];
const SWEEP_ROWS: [string, string][] = [
  ["qcow-efi", "standin-aarch64-efi.qcow2"],
  ["iso", "standin-aarch64.iso"],
  ["kexec", "standin-aarch64-kexec.tar.xz"],
  ["sd-aarch64-installer", "standin-aarch64-sd.img.zst"],
];
/** An aarch64 TCG boot of a stand-in must stay under this (else trim the stand-in, not the timeout). */
const BUDGET_SECONDS = 90;

let dir: string;
let logs: string;

beforeAll(async () => {
  dir = await standinsAarch64(FULL);
  logs = await mkdtemp(join(tmpdir(), "boot-logs-aarch64-"));
  console.log(`aarch64 stand-ins from Debian's ${(await aarch64Packages(dir)).join(", ")}`);
}, 600_000);

function row(r: BootResult, container: string): string {
  return r.attempts.map((a) => `| ${r.format} | ${container} | ${a.firmware === "uefi" ? "UEFI (AAVMF)" : "— (kernel booted directly)"} | ${r.medium ?? ""} | ${a.accel}${a.kvmFallback ? " (KVM fallback)" : ""} | ${a.ok ? "booted" : "FAILED"}: ${a.reason} | ${a.seconds} s |`).join("\n");
}

describe("the aarch64 stand-ins are shaped as their formats build them", () => {
  test("verify accepts each for aarch64-linux (BOOTAA64.EFI on the ESP and in the ISO's EFI entry); the EFI-only ISO is no x86_64 ISO", async () => {
    for (const [name, file] of [...DEFAULT_ROWS, ...(FULL ? SWEEP_ROWS : [["iso", "standin-aarch64.iso"] as [string, string]])]) {
      const entry = format(name);
      const report = await verifyImage(join(dir, file), { container: entry.container, compression: entry.compression, target: entry.name, system: "aarch64-linux" });
      expect(report.ok, `${name}: ${report.findings.map((f) => `${f.check}: ${f.found}`).join("; ")}`).toBe(true);
    }
    const x86 = await verifyImage(join(dir, "standin-aarch64.iso"), { container: "iso", compression: "none", target: "iso", system: "x86_64-linux" });
    expect(x86.findings.map((f) => f.check).sort()).toEqual(["iso.bios", "iso.efi"]);
    expect(x86.findings.find((f) => f.check === "iso.efi")?.found).toBe("BOOTAA64.EFI");
  });
});

describe("aarch64 stand-ins boot under TCG (qemu-system-aarch64 -machine virt)", () => {
  const rows = FULL ? [...DEFAULT_ROWS, ...SWEEP_ROWS] : DEFAULT_ROWS;
  test(
    `${rows.map((r) => r[0]).join(", ")} boot for aarch64-linux and reach the multi-user target, two at a time, without writing the image`,
    async () => {
      const jobs: BootJob[] = rows.map(([name, file]) => ({ file: join(dir, file), format: format(name), system: "aarch64-linux", logName: `aarch64-${name}` }));
      const before = await Promise.all(jobs.map(async (j) => (await stat(j.file)).mtimeMs));
      const progress: string[] = [];
      const results = await bootAll(jobs, { kvm: false, parallel: 2, logDir: logs, timeoutSeconds: 180, hangSeconds: 60, log: (l) => progress.push(l) });
      console.log(results.map((r) => row(r, format(r.format).container)).join("\n"));
      for (const r of results) expect(r.status, `${r.format}: ${r.reason}\n${r.attempts.map((a) => a.lastLines.join("\n")).join("\n")}`).toBe("booted");
      // aarch64: every disk and ISO by UEFI, the card and kexec's kernel directly.
      expect(results.map((r) => [r.format, r.attempts.map((a) => `${a.firmware} ${a.accel}`)])).toEqual(
        rows.map(([name]) => [name, [`${format(name).boot?.how === "kernel" ? "direct" : "uefi"} tcg`]]),
      );
      for (const r of results) {
        const attempt = r.attempts[0];
        expect(attempt?.stages).toEqual(expect.arrayContaining(["kernel", "stage 1", "stage 2", "target reached"]));
        if (attempt?.firmware === "uefi") expect(attempt.stages).toContain("firmware");
        expect(attempt?.seconds).toBeLessThan(BUDGET_SECONDS);
        const log = await readFile(attempt?.log ?? "", "utf8");
        // An arm64 kernel ran the arm64 busybox: this is the aarch64 guest, on its PL011 serial port.
        expect(log).toMatch(/Linux version \S+-arm64 /);
        expect(log).toContain("(boot-test aarch64 stand-in, not a NixOS image: busybox init on aarch64, mode ok)");
        expect(log).toContain("[  OK  ] Reached target Multi-User System");
      }
      // The card's extlinux.conf ends with console=tty0 (sd-image-aarch64.nix); stage 1 and 2 still reach the serial port.
      expect(results.find((r) => r.format === "sd-aarch64")?.medium).toBe("/boot/extlinux/extlinux.conf: ../nixos/aaaa-linux-6.1-standin-Image");
      const uefiLog = await readFile(join(logs, "aarch64-raw-efi.console.log"), "utf8");
      expect(uefiLog).toContain("EFI stub: Booting Linux Kernel...");
      expect(progress.some((l) => /^raw-efi \(aarch64-linux\): booting \(the image file; UEFI; TCG; /.test(l))).toBe(true);
      expect(progress.some((l) => /^sd-aarch64 \(aarch64-linux\): stage 2 \(\d+\.\d s\)$/.test(l))).toBe(true);
      const after = await Promise.all(jobs.map(async (j) => (await stat(j.file)).mtimeMs));
      expect(after).toEqual(before);
    },
    FULL ? 900_000 : 300_000,
  );

  test("a card whose init exits fails as a kernel panic, with the console's last lines, exit 6", async () => {
    const [result] = await bootAll([{ file: join(dir, "standin-aarch64-sd-panic.img.zst"), format: format("sd-aarch64"), system: "aarch64-linux", logName: "aarch64-panic" }], { kvm: false, logDir: logs, timeoutSeconds: 120, hangSeconds: 30 });
    if (!result) throw new Error("no result");
    console.log(row(result, "sd-image (standin=panic)"));
    expect(result.status).toBe("failed");
    expect(result.attempts[0]?.reason).toMatch(/^kernel panic: Kernel panic - not syncing: Attempted to kill init!/);
    expect(result.attempts[0]?.seconds).toBeLessThan(BUDGET_SECONDS);
    const error = bootFailure(result);
    expect(error.exitCode).toBe(ExitCode.boot);
    expect(error.problem).toMatch(/^The sd-aarch64 image for aarch64-linux did not boot: kernel panic: /);
    expect(error.details).toContain("mode panic)");
    expect(error.details).toContain(`console log: ${join(logs, "aarch64-panic.console.log")}`);
  }, 200_000);
});

describe("aarch64 under KVM on another architecture", () => {
  test.runIf(FULL && process.arch !== "arm64")("with KVM allowed on a non-arm64 host: no KVM attempt is made for the aarch64 guest, the boot runs under TCG and says why", async () => {
    const progress: string[] = [];
    const [result] = await bootAll([{ file: join(dir, "standin-aarch64-sd.img.zst"), format: format("sd-aarch64"), system: "aarch64-linux", logName: "aarch64-kvm" }], { kvm: true, logDir: logs, timeoutSeconds: 120, hangSeconds: 30, log: (l) => progress.push(l) });
    expect(result?.status, result?.reason).toBe("booted");
    expect(result?.attempts.map((a) => a.accel)).toEqual(["tcg"]);
    expect(result?.attempts[0]?.kvmFallback).toBeUndefined();
    expect(progress.some((l) => /KVM runs guests of this machine's own architecture \(x86_64\) only; booting under TCG/.test(l))).toBe(true);
  }, 200_000);
});
