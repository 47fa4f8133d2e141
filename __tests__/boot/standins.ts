// The boot test's stand-ins (make-standins.sh: Debian's kernel and a busybox
// initramfs in each container; NOT NixOS images), made once per script
// version into os.tmpdir() and shared by the boot tests.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { projectPath } from "../../src/core/paths.js";

const script = projectPath("__tests__", "boot", "make-standins.sh");

let memo: Promise<string> | undefined;

async function make(): Promise<string> {
  const key = createHash("sha256").update(readFileSync(script)).digest("hex").slice(0, 16);
  const dir = join(tmpdir(), `nixos-generators-boot-standins-${key}`);
  const lock = `${dir}.lock`;
  for (;;) {
    if (existsSync(join(dir, "standin.iso"))) return dir;
    try {
      await mkdir(lock);
    } catch {
      await sleep(500);
      continue;
    }
    try {
      if (existsSync(join(dir, "standin.iso"))) return dir;
      const partial = `${dir}.partial`;
      await rm(partial, { recursive: true, force: true });
      execFileSync("bash", [script, partial], { stdio: ["ignore", "ignore", "pipe"] });
      await rm(dir, { recursive: true, force: true });
      // The runner script names its directory: make it where it stays.
      execFileSync("sed", ["-i", `s|${partial}|${dir}|g`, join(partial, "runner", "bin", "run-standin-vm")]);
      await rename(partial, dir);
      return dir;
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
}

/** The directory of the stand-ins (made on first use, about 15 s). */
export function standins(): Promise<string> {
  memo ??= make();
  return memo;
}
