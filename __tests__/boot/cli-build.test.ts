// `nixos-generate --boot` on a build, run for real as a user runs it: Nix
// builds two offline custom formats (fixtures/standin-configuration.nix, the
// ones action.test.ts uses: their image is a boot-test stand-in disk copied by
// the Nix root's /bin/sh; NOT NixOS images), the CLI verifies each and boots
// it in QEMU (TCG: KVM simulated absent). Two runs in parallel, one boot each:
// the disk that boots exits 0, the one that panics exits 6 with its reason,
// progress, console log and --json's `boot`. Also `boot` on a corrupt Proxmox
// VMA (the CLI is built here anyway): exit 6 before any QEMU starts.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { ExitCode } from "../../src/core/errors.js";
import { projectPath } from "../../src/core/paths.js";
import { buildCli, runCli, type CliRun } from "../helpers/cli.js";
import { NIXPKGS } from "../helpers/nix.js";
import { block, buildVma } from "../verify/vma-builder.js";
import { standins } from "./standins.js";

const CONFIG = projectPath("__tests__", "boot", "fixtures", "standin-configuration.nix");
const env = { NIXOS_GENERATORS_KVM_DEVICE: "/nonexistent/kvm" };

interface BootJson {
  status: string;
  reason: string;
  logs: string[];
}
interface ImageJson {
  format: string;
  status: string;
  ok?: boolean;
  image: string;
  error?: string;
  boot?: BootJson;
}

let cli = "";
let dir = "";

beforeAll(async () => {
  [cli, dir] = await Promise.all([buildCli(), standins()]);
}, 600_000);

const build = (format: string, seed: string): Promise<CliRun> =>
  runCli(cli, ["-c", CONFIG, "-f", format, "-I", `nixpkgs=${NIXPKGS}`, "--special-arg", "standins", dir, "--special-arg", "seed", seed, "--boot", "--timeout", "200", "--json"], { env });

const imagesOf = (run: CliRun): ImageJson[] => (JSON.parse(run.stdout) as { images: ImageJson[] }).images;

describe("nixos-generate --boot on a build", () => {
  test("the stand-in that boots: exit 0, booted in --json; the one that panics: exit 6, its reason, progress and console log", async () => {
    const seed = randomBytes(6).toString("hex");
    const [ok, panic] = await Promise.all([build("standin-disk", seed), build("standin-panic", seed)]);
    console.log(panic.stderr.split("\n").filter((l) => /boot|standin-/.test(l)).join("\n"));

    // Built, verified, then booted.
    expect(ok.code, ok.stderr.slice(-3000)).toBe(ExitCode.ok);
    const [disk] = imagesOf(ok);
    expect(disk).toMatchObject({ format: "standin-disk", status: "built", ok: true });
    expect(disk?.boot?.status).toBe("booted");
    expect(disk?.boot?.reason).toMatch(/^booted \(bios tcg \d+(\.\d)? s\)$/);
    expect(disk?.boot?.logs).toHaveLength(1);
    expect(readFileSync(disk?.boot?.logs[0] ?? "", "utf8")).toContain("Reached target Multi-User System");
    expect(ok.stderr).toMatch(/ok \/nix\/store\/\S+\.img: raw-mbr/);
    expect(ok.stderr.indexOf("ok /nix/store/")).toBeLessThan(ok.stderr.indexOf("booting ("));
    expect(ok.stderr).toMatch(/^standin-disk \(x86_64-linux\): booted \(bios, tcg\) in [\d.]+ s: Reached target Multi-User System\.?$/m);

    expect(panic.code, panic.stderr.slice(-3000)).toBe(ExitCode.boot);
    // Progress as the console shows it, the accelerator and where the logs go.
    const logDir = /^boot: TCG \(no usable \/nonexistent\/kvm; slower\); console logs in (\/\S+)$/m.exec(panic.stderr)?.[1];
    expect(logDir, panic.stderr).toBeDefined();
    const stages = [...panic.stderr.matchAll(/^standin-panic \(x86_64-linux\): (booting|boot loader|kernel|stage 1|stage 2|FAILED)\b/gm)].map((m) => m[1]);
    expect(stages).toEqual(["booting", "boot loader", "kernel", "stage 1", "FAILED"]);
    expect(panic.stderr).toMatch(/^standin-panic \(x86_64-linux\): booting \(the image file; BIOS; TCG; timeout 200 s, hang 100 s\)$/m);
    // One error: what failed, why, the console's last lines and its log; no stack trace.
    expect(panic.stderr).toMatch(/^error: The standin-panic image for x86_64-linux did not boot: bios: kernel panic: Kernel panic - not syncing: Attempted to kill init!/m);
    expect(panic.stderr).toContain("  | <<< NixOS Stage 1 >>>");
    const log = join(logDir ?? "", "standin-panic.console.log");
    expect(panic.stderr).toContain(`console log: ${log}\n`);
    expect(readFileSync(log, "utf8")).toContain("Kernel panic - not syncing");
    expect(panic.stderr).not.toMatch(/\n\s+at /);
    // --json: the image built and verified, its boot failed.
    const [image] = imagesOf(panic);
    expect(image).toMatchObject({ format: "standin-panic", status: "failed", ok: true, boot: { status: "failed", logs: [log] } });
    expect(image?.boot?.reason).toMatch(/^bios: kernel panic: Kernel panic - not syncing/);
    expect(image?.error).toMatch(/^The standin-panic image for x86_64-linux did not boot: bios: kernel panic/);
    // Not printed as a result (stdout is the JSON document alone).
    expect(existsSync(image?.image ?? "")).toBe(true);
  }, 900_000);
});

describe("nixos-generate boot on a corrupt Proxmox VMA", () => {
  test("a cut-short archive inside a sound .vma.zst: exit 6 with one message, QEMU never started", async () => {
    const work = await mkdtemp(join(tmpdir(), "boot-cli-vma-"));
    const size = 4 << 20;
    const blocks = new Map(Array.from({ length: 64 }, (_, i) => [i * 16, block(i + 1)] as [number, Buffer]));
    const vma = buildVma({ uuid: Buffer.alloc(16, 7), ctime: 1700000000, configs: [{ name: "qemu-server.conf", data: "bios: seabios\n" }], devices: [{ name: "drive-virtio0", size, blocks }] });
    const file = join(work, "vzdump-qemu-cut.vma");
    await writeFile(file, vma.subarray(0, vma.length - 10000));
    execFileSync("zstd", ["-q", file]);
    const run = await runCli(cli, ["boot", `${file}.zst`, "-f", "proxmox"], { env });
    expect(run.code, run.stderr).toBe(ExitCode.boot);
    expect(run.stderr).toMatch(/^error: The proxmox image for x86_64-linux did not boot: The boot test cannot use \S+vzdump-qemu-cut\.vma\.zst: its VMA is corrupt or cut short \(vma\.extent\.truncated: expected \d+ blocks of data ending at \d+, found the file ends at \d+ \([\d.]+ \w+\) \(at byte \d+\)\)\.$/m);
    expect(run.stderr).toContain("\n  Check the image with `nixos-generate verify`; it was not booted, nor published.\n");
    expect(run.stderr).not.toMatch(/booting \(|\.\.\n|console's last lines/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe("");
  }, 120_000);
});
