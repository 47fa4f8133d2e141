// The image file is never written: QEMU boots a copy-on-write qcow2 overlay
// whose backing file is the image (qemu-img create -f qcow2 -b IMAGE -F FMT).
import { execFile } from "node:child_process";
import { copyFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { ExitCode, UserError } from "../core/errors.js";
import type { DiskFormat } from "./media.js";

const run = promisify(execFile);

/** Makes `work`/overlay.qcow2 over `file` (read as `format`); returns its path. */
export async function createOverlay(qemuImg: string, file: string, format: DiskFormat, work: string): Promise<string> {
  const overlay = join(work, "overlay.qcow2");
  try {
    await run(qemuImg, ["create", "-q", "-f", "qcow2", "-b", resolve(file), "-F", format, overlay]);
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? error).trim();
    throw new UserError(`qemu-img could not make an overlay over ${file} as ${format}: ${stderr.split("\n")[0]}`, "Check the image with `nixos-generate verify`.", ExitCode.boot);
  }
  return overlay;
}

/** A writable copy of the UEFI vars template, so the template is never written either. */
export async function copyVars(vars: string, work: string): Promise<string> {
  const copy = join(work, "efivars.fd");
  await copyFile(vars, copy);
  return copy;
}
