// The Node.js the command line runs on must have what it uses: zstd in
// node:zlib (Node 22.15 / 23.8 and newer), which verify, the boot test and
// proxmox/sd images need. package.json asks for Node 24, the version GitHub
// runs the action on; an older `node` on PATH gets one message, not a
// "createZstdDecompress is not a function" deep inside a run.
import * as zlib from "node:zlib";
import { ExitCode, UserError } from "../core/errors.js";

/** What is missing from this Node.js, or undefined when it has all the CLI needs. */
export function nodeTooOld(version: string = process.version, hasZstd: boolean = typeof (zlib as { createZstdDecompress?: unknown }).createZstdDecompress === "function"): UserError | undefined {
  if (hasZstd) return undefined;
  return new UserError(
    `nixos-generate needs Node.js 24 (22.15 at the least), and this is Node.js ${version}, whose node:zlib has no zstd.`,
    "Run it with Node.js 24 (e.g. `nix shell nixpkgs#nodejs_24`, or your distribution's nodejs 24 package).",
    ExitCode.environment,
  );
}
