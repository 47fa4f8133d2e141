// The boot test on stand-ins (make-standins.sh: Debian's kernel and a busybox
// initramfs packed into each container; NOT NixOS images), booted with
// Debian's qemu-system-x86_64 and OVMF under TCG. Default: one boot per kind
// of boot (BIOS disk, UEFI disk, ISO both ways, kernel from an SD card's
// extlinux.conf) and the three failures; FULL_SWEEP=1 boots every container.
// A KVM boot where /dev/kvm opens (falling back to TCG where KVM cannot run
// the guest, as on this project's machine).
import { mkdtemp, readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { bootAll, bootFailure, kvmUsable, type BootJob, type BootResult } from "../../src/boot/index.js";
import { loadCatalogue } from "../../src/core/catalogue.js";
import { ExitCode } from "../../src/core/errors.js";
import { standins } from "./standins.js";

const FULL = process.env.FULL_SWEEP === "1";
const catalogue = loadCatalogue();
const format = (name: string) => {
  const entry = catalogue.lookup(name);
  if (!entry) throw new Error(`no format ${name}`);
  return entry;
};

/** format → stand-in file; the first group always, the rest under FULL_SWEEP=1. */
const DEFAULT_ROWS: [string, string][] = [
  ["raw", "mbr-ok.raw"],
  ["raw-efi", "gpt-ok.raw"],
  ["iso", "standin.iso"],
  ["sd-x86_64", "standin-sd.img.zst"],
];
const SWEEP_ROWS: [string, string][] = [
  ["qcow", "mbr-ok.qcow2"],
  ["qcow-efi", "gpt-ok.qcow2"],
  ["do", "mbr-ok.qcow2.gz"],
  ["azure", "mbr-ok-fixed.vhd"],
  ["amazon", "mbr-ok-dynamic.vhd"],
  ["hyperv", "gpt-ok.vhdx"],
  ["vmware", "gpt-ok.vmdk"],
  ["gce", "standin.raw.tar.gz"],
  ["virtualbox", "standin.ova"],
  ["vagrant-virtualbox", "standin.box"],
  ["kexec", "standin-kexec.tar.xz"],
  ["kexec-bundle", "standin.kexec"],
  ["vm", "runner"],
];
const FAILING: [string, string, RegExp][] = [
  ["panic", "mbr-panic.raw", /^kernel panic: Kernel panic - not syncing: Attempted to kill init!/],
  ["emergency", "mbr-emergency.raw", /^emergency mode: You are in emergency mode/],
  ["hang", "mbr-hang.raw", /^hang: no console output for 30 s$/],
];

let dir: string;
let logs: string;
const table: string[] = [];

beforeAll(async () => {
  dir = await standins();
  logs = await mkdtemp(join(tmpdir(), "boot-logs-"));
});

function row(r: BootResult): string {
  return r.attempts.map((a) => `| ${r.format} | ${r.medium} | ${a.firmware} | ${a.accel}${a.kvmFallback ? " (KVM fallback)" : ""} | ${a.ok ? "booted" : "FAILED"}: ${a.reason} | ${a.seconds} s |`).join("\n");
}

describe("stand-ins boot under TCG", () => {
  const rows = FULL ? [...DEFAULT_ROWS, ...SWEEP_ROWS] : DEFAULT_ROWS;
  test(
    `${rows.map((r) => r[0]).join(", ")} boot and reach the multi-user target, in parallel, without writing the image`,
    async () => {
      const jobs: BootJob[] = rows.map(([name, file]) => ({ file: join(dir, file), format: format(name), system: "x86_64-linux", logName: name }));
      const before = await Promise.all(jobs.map(async (j) => (await stat(j.file)).mtimeMs));
      const progress: string[] = [];
      const results = await bootAll(jobs, { kvm: false, logDir: logs, timeoutSeconds: 240, hangSeconds: 60, log: (l) => progress.push(l) });
      for (const r of results) table.push(row(r));
      console.log(results.map(row).join("\n"));
      for (const r of results) expect(r.status, `${r.format}: ${r.reason}\n${r.attempts.map((a) => a.lastLines.join("\n")).join("\n")}`).toBe("booted");
      // The ISO boots both ways; the others by their one firmware (or directly).
      expect(results.map((r) => [r.format, r.attempts.map((a) => a.firmware)])).toEqual(rows.map(([name]) => [name, name === "iso" ? ["bios", "uefi"] : format(name).boot?.how === "disk" ? format(name).boot?.firmware : ["direct"]]));
      for (const r of results) for (const a of r.attempts) expect(a.stages).toContain("kernel");
      expect(results.find((r) => r.format === "raw")?.attempts[0]?.stages).toEqual(["boot loader", "kernel", "stage 1", "stage 2", "target reached"]);
      expect(results.find((r) => r.format === "raw-efi")?.attempts[0]?.stages).toContain("firmware");
      expect(progress.some((l) => /^raw \(x86_64-linux\): stage 2 \(\d+\.\d s\)$/.test(l))).toBe(true);
      const log = await readFile(join(logs, "iso.uefi.console.log"), "utf8");
      expect(log).toContain("Reached target Multi-User System");
      const after = await Promise.all(jobs.map(async (j) => (await stat(j.file)).mtimeMs));
      expect(after).toEqual(before);
    },
    FULL ? 1_500_000 : 400_000,
  );

  test(
    "a panic, emergency mode and a hang each fail naming themselves, with the console's last lines, exit 6",
    async () => {
      const jobs: BootJob[] = FAILING.map(([name, file]) => ({ file: join(dir, file), format: format("raw"), system: "x86_64-linux", logName: name }));
      const started = Date.now();
      const results = await bootAll(jobs, { kvm: false, logDir: logs, timeoutSeconds: 150, hangSeconds: 30 });
      for (const r of results) table.push(row(r).replace("| raw |", `| raw (${r.attempts[0]?.log.split("/").pop()?.split(".")[0]}) |`));
      results.forEach((r, i) => {
        const [, , reason] = FAILING[i] as [string, string, RegExp];
        expect(r.status).toBe("failed");
        expect(r.attempts[0]?.reason).toMatch(reason);
        const error = bootFailure(r);
        expect(error.exitCode).toBe(ExitCode.boot);
        expect(error.problem).toMatch(/^The raw image for x86_64-linux did not boot: /);
        expect(error.details).toContain("<<< NixOS Stage 1 >>>");
        expect(error.details).toContain(`console log: ${join(logs, FAILING[i]?.[0] ?? "")}.console.log`);
      });
      expect((Date.now() - started) / 1000).toBeLessThan(150);
    },
    300_000,
  );
});

describe("KVM", () => {
  test("where /dev/kvm opens: the boot runs under KVM, or, where KVM cannot run the guest, again under TCG and says why", async () => {
    if (!(await kvmUsable("/dev/kvm"))) {
      console.log("no usable /dev/kvm: KVM boot not run");
      return;
    }
    const [result] = await bootAll([{ file: join(dir, "mbr-login.raw"), format: format("raw"), system: "x86_64-linux", logName: "kvm" }], { kvm: true, logDir: logs, timeoutSeconds: 120, hangSeconds: 30 });
    if (!result) throw new Error("no result");
    table.push(row(result));
    expect(result.status, result.reason).toBe("booted");
    const attempt = result.attempts[0];
    expect(attempt?.reason).toBe("login prompt: standin login:");
    if (attempt?.accel === "tcg") expect(attempt.kvmFallback).toMatch(/KVM|kernel did not start/);
    console.log(table.join("\n"));
  }, 300_000);
});
