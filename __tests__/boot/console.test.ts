// The serial-console classifier: stages, the booted verdict, the failures that name themselves.
import { describe, expect, test } from "vitest";
import { ConsoleWatcher, plainText } from "../../src/boot/console.js";

function watch(text: string, chunk = 7): ConsoleWatcher {
  const w = new ConsoleWatcher();
  for (let i = 0; i < text.length; i += chunk) w.feed(text.slice(i, i + chunk));
  return w;
}

describe("ConsoleWatcher", () => {
  test("a NixOS-like boot passes every stage and is booted at the multi-user target", () => {
    const w = watch(
      [
        "BdsDxe: loading Boot0001 \"UEFI QEMU HARDDISK\"",
        "Booting `NixOS - Default'",
        "[    0.000000] Linux version 6.12.1 (nixbld@localhost)",
        "<<< NixOS Stage 1 >>>",
        "<<< NixOS Stage 2 >>>",
        "[\x1b[0;32m  OK  \x1b[0m] Reached target \x1b[0;1;39mMulti-User System\x1b[0m.\r",
        "",
      ].join("\n"),
    );
    expect(w.stages()).toEqual(["firmware", "boot loader", "kernel", "stage 1", "stage 2", "target reached"]);
    expect(w.verdict).toEqual({ ok: true, reason: "Reached target Multi-User System." });
  });

  test("multi-user.target and a login prompt without a newline count as booted", () => {
    expect(watch("systemd[1]: Reached target multi-user.target - Multi-User System.\n").verdict?.ok).toBe(true);
    const w = watch("\n<<< Welcome to NixOS 25.11 (x86_64) - ttyS0 >>>\n\nnixos login: ");
    expect(w.verdict).toEqual({ ok: true, reason: "login prompt: nixos login:" });
  });

  test("a kernel panic, emergency mode and emergency.target are failures naming themselves", () => {
    const panic = watch("[    1.2] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)\n");
    expect(panic.verdict).toEqual({ ok: false, kind: "panic", reason: "kernel panic: Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)" });
    expect(watch('You are in emergency mode. After logging in, type "journalctl -xb"\n').verdict).toMatchObject({ ok: false, kind: "emergency" });
    expect(watch("systemd[1]: Starting emergency.target...\n").verdict).toMatchObject({ ok: false, kind: "emergency" });
  });

  test("the first verdict stands: a login prompt after a panic does not make it booted", () => {
    const w = watch("Kernel panic - not syncing: Attempted to kill init!\nlogin: \n");
    expect(w.verdict?.ok).toBe(false);
  });

  test("nothing decided on boot noise; the last lines are kept without escapes", () => {
    const w = watch("SeaBIOS (version 1.16)\nProbing EDD (edd=off to disable)... ok\n\x1b[2J\x1b[1;1Hpartial");
    expect(w.verdict).toBeUndefined();
    expect(w.lastLines(2)).toEqual(["Probing EDD (edd=off to disable)... ok", "partial"]);
    expect(plainText("a\x1b[0;31mb\x1b[0m\r\n")).toBe("ab\n");
  });
});
