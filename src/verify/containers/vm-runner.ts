// A NixOS VM runner (system.build.vm): a directory with bin/run-<name>-vm, an
// executable shell script that starts QEMU. The path may be the directory or
// the script itself.
import { open, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Checks } from "../checks.js";
import { show } from "../bytes.js";

/** The runner script's path (for hashing), or undefined after a finding. */
export async function checkVmRunner(path: string, c: Checks): Promise<string | undefined> {
  let script = path;
  const st = await stat(path);
  if (st.isDirectory()) {
    const bin = join(path, "bin");
    let names: string[] = [];
    try {
      names = await readdir(bin);
    } catch {
      c.fail("vm-runner.bin", "a bin/ directory", "none");
      return undefined;
    }
    const runner = names.find((n) => /^run-.+-vm$/.test(n));
    if (!runner) {
      c.fail("vm-runner.script", "bin/run-<name>-vm", names.length ? names.join(", ") : "an empty bin/");
      return undefined;
    }
    script = join(bin, runner);
  }
  c.detail("script", script);
  const sst = await stat(script);
  if (!sst.isFile()) {
    c.fail("vm-runner.script", "a regular file", "something else");
    return undefined;
  }
  if ((sst.mode & 0o111) === 0) c.fail("vm-runner.executable", "an executable script", `mode ${(sst.mode & 0o777).toString(8)}`);
  const fh = await open(script, "r");
  let head: Buffer;
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  if (head.subarray(0, 2).toString("latin1") !== "#!") {
    c.fail("vm-runner.shebang", '"#!" (a script header)', show(head.subarray(0, 8)), 0);
    return script;
  }
  const nl = head.indexOf(0x0a);
  const interpreter = head.subarray(2, nl < 0 ? 80 : nl).toString("latin1").trim();
  c.detail("interpreter", interpreter);
  if (!/\b(ba|da|z|k)?sh\b/.test(interpreter)) c.fail("vm-runner.interpreter", "a shell (sh, bash)", interpreter, 2);
  const text = head.toString("utf8");
  if (!/qemu/i.test(text)) c.fail("vm-runner.qemu", "a script that starts QEMU", "no mention of qemu in it", 0);
  return script;
}
