// The boot test's aarch64 stand-ins (make-standins-aarch64.sh: Debian's arm64
// kernel and a busybox initramfs in an SD card, a GPT disk with systemd-boot,
// an EFI-only ISO and a kexec tarball; NOT NixOS images), made once per script
// version into os.tmpdir() and shared by the tests. Debian's arm64 packages
// are fetched once per machine into a cache of their own (an apt state apart
// from the machine's: its dpkg architectures are not changed).
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { projectPath } from "../../src/core/paths.js";
import { buildOnce } from "../helpers/build-once.js";

const run = promisify(execFile);
const script = projectPath("__tests__", "boot", "make-standins-aarch64.sh");
/** Where Debian's arm64 .debs and their unpacked files stay between script versions. */
export const ARM64_CACHE = process.env.NIXOS_GENERATORS_ARM64_CACHE ?? join(tmpdir(), "nixos-generators-boot-arm64-cache");
const DONE = "versions.txt";

const memo = new Map<boolean, Promise<string>>();

function make(full: boolean): Promise<string> {
  const key = createHash("sha256").update(readFileSync(script)).digest("hex").slice(0, 16);
  return buildOnce(join(tmpdir(), `nixos-generators-boot-standins-aarch64-${full ? "full-" : ""}${key}`), DONE, async (into) => {
    try {
      await run("bash", [script, into, ARM64_CACHE], { maxBuffer: 16 * 1024 * 1024, env: { ...process.env, STANDINS_FULL: full ? "1" : "0" } });
    } catch (error) {
      throw new Error(`make-standins-aarch64.sh failed: ${String((error as { stderr?: string }).stderr ?? error).trim()}`);
    }
  });
}

/**
 * The directory of the aarch64 stand-ins (made on first use: about 10 s, and the arm64 packages'
 * download the first time); `full`: also those only FULL_SWEEP=1 boots (the kexec tarball).
 */
export function standinsAarch64(full = false): Promise<string> {
  let made = memo.get(full);
  if (!made) {
    made = make(full);
    memo.set(full, made);
  }
  return made;
}

/** The Debian packages the stand-ins were made from ("package version arch" lines). */
export async function aarch64Packages(dir: string): Promise<string[]> {
  return (await readFile(join(dir, DONE), "utf8")).split("\n").filter((l) => l !== "");
}
