// The boot test's stand-ins (make-standins.sh: Debian's kernel and a busybox
// initramfs in each container; NOT NixOS images), made once per script
// version into os.tmpdir() and shared by the boot tests.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectPath } from "../../src/core/paths.js";
import { buildOnce } from "../helpers/build-once.js";

const script = projectPath("__tests__", "boot", "make-standins.sh");

let memo: Promise<string> | undefined;

function make(): Promise<string> {
  const key = createHash("sha256").update(readFileSync(script)).digest("hex").slice(0, 16);
  return buildOnce(join(tmpdir(), `nixos-generators-boot-standins-${key}`), "standin.iso", (into, dir) => {
    execFileSync("bash", [script, into], { stdio: ["ignore", "ignore", "pipe"] });
    // The runner script names its directory: make it where it stays.
    execFileSync("sed", ["-i", `s|${into}|${dir}|g`, join(into, "runner", "bin", "run-standin-vm")]);
  });
}

/** The directory of the stand-ins (made on first use, about 15 s). */
export function standins(): Promise<string> {
  memo ??= make();
  return memo;
}
