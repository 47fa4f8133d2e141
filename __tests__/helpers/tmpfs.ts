// Small real file systems for disk-space tests: a tmpfs of a given size on a
// fresh directory (needs root), unmounted by the returned cleanup.
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** `mount(size)` mounts a tmpfs of `size` (mount's syntax: "256m", "3g") and returns its directory; `unmountAll()` unmounts them. */
export function tmpfsMounts(): { mount: (size: string) => string; unmountAll: () => void } {
  const mounts: string[] = [];
  return {
    mount(size) {
      const dir = mkdtempSync(join(tmpdir(), "disk-space-"));
      execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size},mode=0755`, "disk-space-test", dir]);
      mounts.push(dir);
      return dir;
    },
    unmountAll() {
      for (const dir of mounts.splice(0)) execFileSync("umount", [dir]);
    },
  };
}
