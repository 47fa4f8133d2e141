// A custom format's image, verified for real: the fixture formats build
// offline (their builder is the Nix root's /bin/sh; not NixOS images). One
// that declares no container (firmware) is reported and passes whatever its
// bytes are; one that declares formatContainer = "qcow2" (declared) is held
// to the qcow2 checks, which the same bytes fail: exit 5, the image kept
// linked but reported as failed.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/core/errors.js";
import { projectPath } from "../../src/core/paths.js";
import { buildCli, runCli } from "../helpers/cli.js";
import { NIXPKGS } from "../helpers/nix.js";

const T = { timeout: 300_000 };
const CONFIG = projectPath("__tests__", "fixtures", "fixture-formats.nix");
let cli = "";
let dir = "";

beforeAll(async () => {
  cli = await buildCli();
  dir = mkdtempSync(join(tmpdir(), "ng-custom-verify-"));
}, 600_000);

interface ImageJson {
  format: string;
  custom: boolean;
  status: string;
  container?: string;
  ok?: boolean;
}

describe("nixos-generate verifies a custom format as far as it declares", () => {
  it("undeclared bytes pass with a note; a declared qcow2 that is none fails with exit 5", T, async () => {
    const seed = randomBytes(6).toString("hex");
    const run = await runCli(cli, ["-c", CONFIG, "-f", "firmware", "-f", "declared", "-I", `nixpkgs=${NIXPKGS}`, "--special-arg", "seed", seed, "-o", join(dir, "result"), "--json"]);
    expect(run.code, run.stderr).toBe(ExitCode.verify);
    const images = (JSON.parse(run.stdout) as { images: ImageJson[] }).images;
    expect(images.find((i) => i.format === "firmware")).toMatchObject({ custom: true, ok: true, container: "unknown" });
    expect(images.find((i) => i.format === "declared")).toMatchObject({ custom: true, ok: false });
    expect(run.stderr).toMatch(/^ok \S+\.bin: a damaged or unknown file, held to no container \(its custom format declares no formatContainer\), 1 note$/m);
    expect(run.stderr).toMatch(/^FAILED \S+\.qcow2: .* expected qcow2, /m);
    expect(run.stderr).toMatch(/The declared image for x86_64-linux did not pass verification/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
