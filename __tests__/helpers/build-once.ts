// A directory the test files share, made once per key (a source hash, a
// script's hash): the first worker builds it into a sibling temp directory
// under a lock directory and renames it into place; the others wait for it.
// A lock older than `staleMs` is a dead one (a worker killed mid-build).
import { existsSync, statSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * `dir`, made by `build(into, dir)` unless `dir/ready` exists; `into` is where
 * to build (renamed to `dir` afterwards), `dir` where it will be (for files
 * that must name their final place). `dir` is left readable by every user.
 */
export async function buildOnce(dir: string, ready: string, build: (into: string, dir: string) => Promise<void> | void, staleMs = 600_000): Promise<string> {
  const done = join(dir, ready);
  const lock = `${dir}.lock`;
  for (;;) {
    if (existsSync(done)) return dir;
    try {
      await mkdir(lock);
      break;
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > staleMs) await rm(lock, { recursive: true, force: true });
      await sleep(500);
    }
  }
  try {
    if (existsSync(done)) return dir;
    const into = await mkdtemp(`${dir}.build-`);
    try {
      await build(into, dir);
      // mkdtemp's 0700 would keep other users (the action's runner user) out.
      await chmod(into, 0o755);
      await rm(dir, { recursive: true, force: true });
      await rename(into, dir);
    } catch (error) {
      await rm(into, { recursive: true, force: true });
      throw error;
    }
    return dir;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}
