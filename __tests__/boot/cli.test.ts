// `nixos-generate boot FILE -f FORMAT` on stand-ins (make-standins.sh; NOT
// NixOS images), as a user runs it: exit 0 and "booted: …" on stdout, progress
// on stderr; exit 6 with the reason and the console's last lines for one that
// panics; the usage errors (exit 2). KVM simulated absent
// (NIXOS_GENERATORS_KVM_DEVICE), so TCG.
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { ExitCode } from "../../src/core/errors.js";
import { buildCli, runCli } from "../helpers/cli.js";
import { standins } from "./standins.js";

let cli: string;
let dir: string;
const env = { NIXOS_GENERATORS_KVM_DEVICE: "/nonexistent/kvm" };

beforeAll(async () => {
  cli = await buildCli();
  dir = await standins();
}, 600_000);

describe("nixos-generate boot", () => {
  test("a stand-in that boots and one that panics, in parallel: exit 0 and exit 6", async () => {
    const [ok, panic] = await Promise.all([
      runCli(cli, ["boot", join(dir, "mbr-login.raw"), "-f", "raw", "--timeout", "200"], { env }),
      runCli(cli, ["boot", join(dir, "mbr-panic.raw"), "-f", "raw", "--system", "x86_64-linux"], { env }),
    ]);
    expect(ok.code, ok.stderr).toBe(ExitCode.ok);
    expect(ok.stdout).toMatch(/^booted: booted \(bios tcg \d+(\.\d)? s\)\n$/);
    expect(ok.stderr).toContain("boot: TCG (no usable /nonexistent/kvm; slower)");
    expect(ok.stderr).toMatch(/raw \(x86_64-linux\): booting \(the image file; BIOS; TCG; timeout 200 s, hang 100 s\)/);
    expect(ok.stderr).toMatch(/raw \(x86_64-linux\): kernel \(\d+\.\d s\)/);
    expect(panic.code, panic.stderr).toBe(ExitCode.boot);
    expect(panic.stdout).toBe("");
    expect(panic.stderr).toMatch(/^error: The raw image for x86_64-linux did not boot: bios: kernel panic: Kernel panic - not syncing: Attempted to kill init!/m);
    expect(panic.stderr).toContain("  | <<< NixOS Stage 1 >>>");
    expect(panic.stderr).toMatch(/console log: \/.*\/raw\.console\.log/);
    expect(panic.stderr).not.toMatch(/\n\s+at /);
  }, 400_000);

  test("a file that is not what its format builds (a raw disk given as qcow, the qemu alias): exit 6 naming it", async () => {
    const run = await runCli(cli, ["boot", join(dir, "mbr-ok.raw"), "-f", "qemu"], { env });
    expect(run.code).toBe(ExitCode.boot);
    expect(run.stderr).toMatch(/error: qemu-img could not make an overlay over \S+mbr-ok\.raw as qcow2: .*Image is not in qcow2 format\n  Check the image with `nixos-generate verify`\./);
  }, 120_000);

  test("usage: no format, a format that does not boot, a missing file, a bad timeout (exit 2)", async () => {
    const cases: [string[], RegExp][] = [
      [["boot", join(dir, "mbr-ok.raw")], /boot needs the image's format \(-f FORMAT\)/],
      [["boot", join(dir, "mbr-ok.raw"), "-f", "lxc"], /lxc images are not booted \(rootfs-tar\)/],
      [["boot", join(dir, "nothing.raw"), "-f", "raw"], /the image .*nothing\.raw does not exist/],
      [["boot", join(dir, "mbr-ok.raw"), "-f", "raw", "--timeout", "3"], /--timeout 3 is too short for a boot/],
      [["boot", join(dir, "mbr-ok.raw"), "-f", "raw", "--out-link", "x"], /-o?-?-out-link does not apply to 'boot'/],
      [["-f", "raw", "--timeout", "60"], /--timeout applies to the boot test only/],
    ];
    for (const [args, message] of cases) {
      const run = await runCli(cli, args, { env });
      expect(run.code, args.join(" ")).toBe(ExitCode.usage);
      expect(run.stderr, args.join(" ")).toMatch(message);
    }
  }, 120_000);
});
