// Formats nixpkgs builds in a VM need KVM: without a KVM device the action
// stops before evaluating, naming builder: repart where it can help; a device
// the runner user cannot open is made usable (GitHub's udev rule, else
// chmod 0666) and proved by opening it as that user; Nix is made to list
// 'kvm'. The device path is a setting: a stand-in node with /dev/null's
// numbers (c 1 3), root:kvm 0660 as on a hosted runner, plays the device, and
// the permission tests run as the unprivileged user `runner` (harness.ts).
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { KVM_UDEV_RULE, KVM_UDEV_RULE_FILE, NIX_KVM_LINE, checkKvm, ensureNixKvmFeature, type KvmAccess, type NixKvmFeature } from "../../src/action/kvm.js";
import { loadCatalogue, type Format } from "../../src/core/catalogue.js";
import { ExitCode } from "../../src/core/errors.js";
import type { GenerateRequest } from "../../src/core/request.js";
import { userErrorAsync } from "../cli/user-error.js";
import { NODE, callAs, execAs, runAction, userCanOpen } from "./harness.js";

const catalogue = loadCatalogue();
const entry = (name: string): Format => catalogue.lookup(name) ?? (() => { throw new Error(name); })();
function request(names: string[], builder: "vm" | "repart" = "vm"): GenerateRequest {
  return {
    targets: names.map((name) => ({ format: { kind: "catalogue", entry: entry(name) }, system: "aarch64-linux" })),
    config: { kind: "default" },
    builder,
    specialArgs: [],
    includes: [],
    nixOptions: [],
    showTrace: false,
    dryRun: false,
    run: false,
  };
}

describe("checkKvm", () => {
  it("no KVM device: the VM-built formats are named, with builder: repart for those it makes", async () => {
    const e = await userErrorAsync(() => checkKvm(request(["qcow-efi", "raw", "iso"]), catalogue, "/nonexistent/kvm"));
    expect(e.exitCode).toBe(ExitCode.environment);
    expect(e.problem).toBe("'qcow-efi' or 'raw' are built in a QEMU VM (Nix system feature 'kvm'), and this runner has no KVM device (/nonexistent/kvm).");
    expect(e.fix).toBe(
      "Build on an x86_64 GitHub-hosted runner (ubuntu-latest) or a self-hosted runner with KVM, or set builder: repart for 'qcow-efi' (UEFI disks made without a VM); 'raw' needs KVM either way.",
    );
  });

  it("passes with a KVM device, with builder: repart, or when nothing needs KVM", async () => {
    await expect(checkKvm(request(["qcow-efi"]), catalogue, "/dev/null")).resolves.toBeUndefined();
    await expect(checkKvm(request(["qcow-efi"], "repart"), catalogue, "/nonexistent/kvm")).resolves.toBeUndefined();
    await expect(checkKvm(request(["iso", "lxc"]), catalogue, "/nonexistent/kvm")).resolves.toBeUndefined();
    // A regular file is not a device.
    await expect(userErrorAsync(() => checkKvm(request(["qcow"]), catalogue, process.execPath))).resolves.toMatchObject({ exitCode: ExitCode.environment });
  });

  it("the action stops before Nix is set up or anything evaluated, exit 4", async () => {
    const run = await runAction({
      inputs: { formats: "qcow-efi", system: "aarch64-linux" },
      env: { PATH: dirname(NODE), NIXOS_GENERATORS_NIX_BIN: "/nonexistent/nix-bin", NIXOS_GENERATORS_KVM_DEVICE: "/nonexistent/kvm" },
    });
    expect(run.code).toBe(ExitCode.environment);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]?.message).toMatch(/no KVM device \(\/nonexistent\/kvm\)\.\n {2}Build on an x86_64 GitHub-hosted runner .* or set builder: repart for 'qcow-efi'/);
    expect(run.log).not.toMatch(/Set up Nix|evaluating/);
  });
});

/** The gid of group kvm (created when missing, as udev's packages do). */
function kvmGid(): number {
  try {
    execFileSync("getent", ["group", "kvm"], { stdio: "ignore" });
  } catch {
    execFileSync("groupadd", ["--system", "kvm"]);
  }
  return Number(execFileSync("getent", ["group", "kvm"], { encoding: "utf8" }).split(":")[2]);
}

/** A directory the runner can reach, with a stand-in KVM node (c 1 3, root:kvm 0660) and an empty udev rules directory. */
function standIn(): { dir: string; device: string; rules: string } {
  const dir = mkdtempSync(join(tmpdir(), "kvm-"));
  chmodSync(dir, 0o755);
  const device = join(dir, "kvm");
  execFileSync("mknod", [device, "c", "1", "3"]);
  execFileSync("chown", [`0:${kvmGid()}`, device]);
  chmodSync(device, 0o660);
  const rules = join(dir, "rules.d");
  execFileSync("mkdir", ["-m", "0755", rules]);
  return { dir, device, rules };
}

const mode = (path: string): string => (statSync(path).mode & 0o777).toString(8);

/**
 * A stand-in udevadm for a machine without a udev daemon: it logs its
 * arguments and, on `trigger --name-match=kvm`, applies the MODE of the rules
 * file the action wrote (as udevd would) to the stand-in device. `failing`:
 * `control` fails as the real udevadm does with no udevd.
 */
function udevadmStandIn(dir: string, device: string, rules: string, failing = false): { path: string; calls: () => string[] } {
  const path = join(dir, "udevadm");
  const log = join(dir, "udevadm.log");
  writeFileSync(log, "", { mode: 0o666 });
  chmodSync(log, 0o666);
  writeFileSync(
    path,
    `#!/bin/sh
echo "$(id -u) $*" >> ${log}
case "$1" in
  --version) echo 252 ;;
  control) ${failing ? 'echo "Failed to send reload request: No such file or directory" >&2; exit 1' : ":"} ;;
  trigger)
    m=$(sed -n 's/.*MODE="\\([0-7]*\\)".*/\\1/p' ${rules}/${KVM_UDEV_RULE_FILE} 2>/dev/null)
    [ -n "$m" ] && chmod "$m" ${device} ;;
esac
`,
    { mode: 0o755 },
  );
  return { path, calls: () => readFileSync(log, "utf8").split("\n").filter(Boolean) };
}

const KVM_MODULE = "src/action/kvm.ts";

describe("ensureKvmAccess, as the runner user (uid 1001, passwordless sudo)", { timeout: 120_000 }, () => {
  it("no udevadm: chmod 0666 through sudo; the runner cannot open the device before, can after", async () => {
    const { device, rules } = standIn();
    expect(await userCanOpen("runner", device)).toBe(false);
    const run = await callAs<KvmAccess>("runner", KVM_MODULE, "ensureKvmAccess", [], { device, udevRulesDir: rules, udevadm: "/nonexistent/udevadm" });
    expect(run.error).toBeUndefined();
    expect(run.value).toEqual({ device, how: "chmod" });
    expect(await userCanOpen("runner", device)).toBe(true);
    expect(mode(device)).toBe("666");
    expect(existsSync(join(rules, KVM_UDEV_RULE_FILE))).toBe(false);
    expect(run.lines).toEqual([
      `${device}: this user (uid 1001) cannot open it read-write (EACCES; mode 0660, owner 0:${kvmGid()}); making it usable`,
      `${device}: no udevadm (/nonexistent/udevadm); using chmod 0666`,
      `${device}: chmod 0666; opened read-write as uid 1001`,
    ]);
  });

  it("udevadm: GitHub's rule is written through sudo, rules reloaded and kvm triggered; udev's mode makes it usable", async () => {
    const { dir, device, rules } = standIn();
    const udevadm = udevadmStandIn(dir, device, rules);
    expect(await userCanOpen("runner", device)).toBe(false);
    const run = await callAs<KvmAccess>("runner", KVM_MODULE, "ensureKvmAccess", [], { device, udevRulesDir: rules, udevadm: udevadm.path });
    expect(run.error).toBeUndefined();
    expect(run.value).toEqual({ device, how: "udev" });
    expect(readFileSync(join(rules, KVM_UDEV_RULE_FILE), "utf8")).toBe(`${KVM_UDEV_RULE}\n`);
    expect(statSync(join(rules, KVM_UDEV_RULE_FILE)).uid).toBe(0);
    // --version as the user; the rest as root (sudo).
    expect(udevadm.calls()).toEqual(["1001 --version", "0 control --reload-rules", "0 trigger --name-match=kvm", "0 settle --timeout=10"]);
    expect(await userCanOpen("runner", device)).toBe(true);
    expect(run.lines.at(-1)).toBe(`${device}: udev rule ${join(rules, KVM_UDEV_RULE_FILE)} (${KVM_UDEV_RULE}) applied; opened read-write as uid 1001`);
  });

  it("udevadm without a udev daemon (control fails): the rule stays for later, chmod 0666 makes it usable now", async () => {
    const { dir, device, rules } = standIn();
    const udevadm = udevadmStandIn(dir, device, rules, true);
    const run = await callAs<KvmAccess>("runner", KVM_MODULE, "ensureKvmAccess", [], { device, udevRulesDir: rules, udevadm: udevadm.path });
    expect(run.value).toEqual({ device, how: "chmod" });
    expect(udevadm.calls()).toEqual(["1001 --version", "0 control --reload-rules"]);
    expect(existsSync(join(rules, KVM_UDEV_RULE_FILE))).toBe(true);
    expect(run.lines).toContain(
      `${device}: the udev rule did not make it usable (writing ${join(rules, KVM_UDEV_RULE_FILE)}: ok; udevadm control --reload-rules: exit 1: Failed to send reload request: No such file or directory; udevadm trigger --name-match=kvm: not run); falling back to chmod 0666`,
    );
    expect(await userCanOpen("runner", device)).toBe(true);
  });

  it("a device the user can open already is left as it is (no udevadm, no sudo)", async () => {
    const { dir, device, rules } = standIn();
    chmodSync(device, 0o666);
    const udevadm = udevadmStandIn(dir, device, rules);
    const run = await callAs<KvmAccess>("runner", KVM_MODULE, "ensureKvmAccess", [], { device, udevRulesDir: rules, udevadm: udevadm.path });
    expect(run.value).toEqual({ device, how: "already" });
    expect(run.lines).toEqual([`${device}: opened read-write as uid 1001; usable as it is`]);
    expect(udevadm.calls()).toEqual([]);
  });

  it("recheckKvmAccess: permissions put back (as udev does after an apt install) are fixed again", async () => {
    const { device, rules } = standIn();
    const options = { device, udevRulesDir: rules, udevadm: "/nonexistent/udevadm" };
    const first = await callAs<KvmAccess>("runner", KVM_MODULE, "ensureKvmAccess", [], options);
    expect(first.value?.how).toBe("chmod");
    const still = await callAs<KvmAccess>("runner", KVM_MODULE, "recheckKvmAccess", [first.value], options);
    expect(still.lines).toEqual([`${device}: still opens read-write`]);
    chmodSync(device, 0o660);
    expect(await userCanOpen("runner", device)).toBe(false);
    const again = await callAs<KvmAccess>("runner", KVM_MODULE, "recheckKvmAccess", [first.value], options);
    expect(again.value).toEqual({ device, how: "chmod" });
    expect(again.lines[0]).toBe(`${device}: no longer opens read-write (EACCES); its permissions were re-applied`);
    expect(await userCanOpen("runner", device)).toBe(true);
  });

  it("a symbolic link as the device setting: refused before any chmod, exit 4; the node it points at is unchanged", async () => {
    const { dir, device, rules } = standIn();
    const link = join(dir, "kvm-link");
    symlinkSync(device, link);
    const run = await callAs<KvmAccess>("runner", KVM_MODULE, "ensureKvmAccess", [], { device: link, udevRulesDir: rules, udevadm: "/nonexistent/udevadm" });
    expect(run.value).toBeUndefined();
    expect(run.error?.exitCode).toBe(ExitCode.environment);
    expect(run.error?.problem).toBe(`${link} is not a character device (a symbolic link), so the action does not change its permissions.`);
    expect(mode(device)).toBe("660");
  });

  it("a user without sudo: exit 4 with GitHub's udev steps as the fix; the device is unchanged", async () => {
    const { device, rules } = standIn();
    const run = await callAs<KvmAccess>("runner-nosudo", KVM_MODULE, "ensureKvmAccess", [], { device, udevRulesDir: rules, udevadm: "/nonexistent/udevadm" });
    expect(run.value).toBeUndefined();
    expect(run.error?.exitCode).toBe(ExitCode.environment);
    expect(run.error?.problem).toBe(
      `The KVM device ${device} exists, but this user (uid 1002) cannot open it read-write (EACCES; mode 0660, owner 0:${kvmGid()}), and the job has neither root nor passwordless sudo to change that.`,
    );
    expect(run.error?.fix).toContain(`echo '${KVM_UDEV_RULE}' | sudo tee /etc/udev/rules.d/99-kvm4all.rules; sudo udevadm control --reload-rules; sudo udevadm trigger --name-match=kvm`);
    expect(mode(device)).toBe("660");
  });
});

describe("ensureNixKvmFeature: Nix lists 'kvm' in system-features", { timeout: 120_000 }, () => {
  it("as the runner user: its Nix lists 'kvm' only if it can open /dev/kvm; otherwise extra-system-features = kvm is added", async () => {
    const opens = await userCanOpen("runner", "/dev/kvm");
    const shown = await execAs("runner", "nix", ["config", "show", "system-features"]);
    expect(shown.code).toBe(0);
    const before = shown.stdout.trim().split(/\s+/);
    expect(before.includes("kvm")).toBe(opens);
    const run = await callAs<NixKvmFeature>("runner", KVM_MODULE, "ensureNixKvmFeature", [], {});
    expect(run.error).toBeUndefined();
    expect(run.value?.before).toEqual(before);
    expect(run.value?.after).toContain("kvm");
    expect(run.value?.added).toBe(opens ? undefined : NIX_KVM_LINE);
    console.log(`runner's Nix: /dev/kvm ${opens ? "opens" : "does not open"}; system-features before: ${before.join(" ")}; after: ${run.value?.after.join(" ")}`);
  });

  it("a nix.conf setting system-features without kvm: the line goes into NIX_CONFIG and Nix lists kvm", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, NIX_CONFIG: "system-features = benchmark big-parallel" };
    const lines: string[] = [];
    const feature = await ensureNixKvmFeature({ env, log: (l) => lines.push(l) });
    expect(feature).toEqual({ before: ["benchmark", "big-parallel"], after: ["benchmark", "big-parallel", "kvm"], added: NIX_KVM_LINE });
    expect(env.NIX_CONFIG).toBe(`system-features = benchmark big-parallel\n${NIX_KVM_LINE}`);
    expect(lines).toEqual(["Nix system-features: benchmark big-parallel", `Nix did not list 'kvm'; added '${NIX_KVM_LINE}'; system-features now: benchmark big-parallel kvm`]);
  });
});
