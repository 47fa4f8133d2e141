// system-error.ts on real faults: real symlink loops, real over-long names,
// a real refused connection, a real full file system (a 1 MiB tmpfs, when
// this runs as root). Nothing is stubbed: each error is the one Node throws.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { lstat, writeFile } from "node:fs/promises";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode, UserError } from "../../src/core/errors.js";
import { errnoCode, guarded, guardedSync, systemError } from "../../src/core/system-error.js";
import { userError, userErrorAsync } from "../cli/user-error.js";

let dir = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ng-system-error-"));
  symlinkSync("loop", join(dir, "loop"));
  writeFileSync(join(dir, "a-file"), "x");
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("systemError", () => {
  it("a symlink loop on the user's path: usage, the errno in words, the path in the fix", () => {
    const path = join(dir, "loop");
    const e = userError(() => guardedSync({ problem: "the file loop cannot be read", target: path, owner: "user", field: "config" }, () => statSync(path)));
    expect(e.problem).toBe("the file loop cannot be read: it is a symbolic link loop (links that lead back to themselves, or too many levels of links) (ELOOP).");
    expect(e.fix).toBe(`Point the symbolic link at a real file (ls -l ${path} shows where it leads), or give the file's own path.`);
    expect(e.exitCode).toBe(ExitCode.usage);
    expect(e.field).toBe("config");
  });

  it("a name over 255 bytes: the name, its length, the limit", async () => {
    const path = join(dir, `${"é".repeat(150)}.img`);
    const e = await userErrorAsync(() => guarded({ problem: "Copying failed", target: path, owner: "user" }, () => writeFile(path, "x")));
    expect(e.problem).toBe(`Copying failed: the name '${"é".repeat(40)}…' is 304 bytes long, and file systems allow 255 bytes per name (ENAMETOOLONG).`);
    expect(e.exitCode).toBe(ExitCode.usage);
  });

  it("a path under a regular file: names the file (ENOTDIR)", async () => {
    const path = join(dir, "a-file", "images", "x.img");
    const e = await userErrorAsync(() => guarded({ problem: "Writing failed", target: path, owner: "user", instead: "set out-dir: elsewhere" }, () => writeFile(path, "x")));
    expect(e.problem).toBe(`Writing failed: ${join(dir, "a-file")} is a file, not a directory (ENOTDIR).`);
    expect(e.fix).toBe("Give a path whose every parent is a directory, or set out-dir: elsewhere.");
  });

  it("the same errno on the runner's path is the environment's", () => {
    const path = join(dir, "loop");
    const e = userError(() => guardedSync({ problem: "x", target: path, owner: "runner" }, () => statSync(path)));
    expect(e.exitCode).toBe(ExitCode.environment);
  });

  it("a refused connection (port 1, as the hostile tests' results service): environment, the endpoint named", async () => {
    const url = "http://127.0.0.1:1/twirp";
    const connect = (): Promise<void> =>
      new Promise((resolve, reject) => {
        // node:http, as the Actions clients use (fetch refuses port 1 itself, as a "bad port").
        get(url, () => resolve()).on("error", reject);
      });
    const e = await userErrorAsync(() => guarded({ problem: `Uploading to ${url} failed`, target: url, owner: "runner" }, connect));
    expect(e.problem).toBe(`Uploading to ${url} failed: the connection was refused (nothing listens there) (ECONNREFUSED).`);
    expect(e.fix).toBe(`Check that ${url} is reachable from this machine (its proxy, firewall and DNS), then re-run.`);
    expect(e.exitCode).toBe(ExitCode.environment);
  });

  it("a full disk is the environment's even on the user's own path (a 1 MiB tmpfs)", async (ctx) => {
    const full = join(dir, "full");
    mkdirSync(full);
    try {
      execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", full], { stdio: "pipe" });
    } catch {
      ctx.skip("mounting a tmpfs needs root (CAP_SYS_ADMIN): no full disk to test with");
      return;
    }
    try {
      const path = join(full, "big.img");
      const e = await userErrorAsync(() => guarded({ problem: `Writing ${path} failed`, target: path, owner: "user" }, () => writeFile(path, Buffer.alloc(2 * 1024 * 1024))));
      expect(e.problem).toBe(`Writing ${path} failed: no space is left on the device (ENOSPC).`);
      expect(e.fix).toBe(`Free space on the disk that holds ${path} (df -h shows it), or use a larger disk.`);
      expect(e.exitCode).toBe(ExitCode.environment);
      expect(readdirSync(full).length).toBeLessThanOrEqual(1);
    } finally {
      execFileSync("umount", [full]);
    }
  });

  it("an errno it has no words for still becomes one message, in Node's words", () => {
    const e = systemError(Object.assign(new Error("EWEIRD: something odd happened, open '/x'"), { code: "EWEIRD" }), { problem: "Opening /x failed", target: "/x", owner: "user" });
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).problem).toBe("Opening /x failed: something odd happened (EWEIRD).");
    expect((e as UserError).exitCode).toBe(ExitCode.environment);
  });

  it("passes a UserError and a bug through unchanged", async () => {
    const mine = new UserError("p", "f");
    expect(systemError(mine, { problem: "x", target: "/", owner: "user" })).toBe(mine);
    const bug = new TypeError("undefined is not a function");
    expect(systemError(bug, { problem: "x", target: "/", owner: "user" })).toBe(bug);
    await expect(guarded({ problem: "x", target: "/", owner: "user" }, () => lstat(join(dir, "a-file")).then(() => Promise.reject(bug)))).rejects.toBe(bug);
  });

  it("finds the code in a cause or an aggregate, and only errno-shaped codes", () => {
    expect(errnoCode(new Error("x", { cause: new AggregateError([Object.assign(new Error("y"), { code: "ETIMEDOUT" })]) }))).toBe("ETIMEDOUT");
    // Node's ERR_* codes are a wrong call (a bug), not the system's answer.
    expect(errnoCode(Object.assign(new Error("z"), { code: "ERR_INVALID_ARG_TYPE" }))).toBeUndefined();
    expect(errnoCode(Object.assign(new Error("z"), { code: 404 }))).toBeUndefined();
    expect(errnoCode("ENOENT")).toBeUndefined();
  });
});
