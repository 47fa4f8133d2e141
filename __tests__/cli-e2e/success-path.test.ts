// The success path of nixos-generate, run for real: the custom formats of
// __tests__/fixtures/formats build offline (their builder is the Nix root's
// /bin/sh; they are not NixOS images), so Nix builds them and our code links,
// prints, verifies and reports what came out. Nothing between the command and
// Nix is mocked. Each test asks for a fresh derivation (a random seed).
import { createHash, randomBytes } from "node:crypto";
import { existsSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/core/errors.js";
import { projectPath } from "../../src/core/paths.js";
import { buildCli, runCli } from "../helpers/cli.js";
import { NIXPKGS } from "../helpers/nix.js";

const T = { timeout: 300_000 };
const FORMATS = projectPath("__tests__", "fixtures", "formats");
const CONFIG = projectPath("__tests__", "fixtures", "fixture-formats.nix");
let cli = "";
let dir = "";

interface ImageJson {
  format: string;
  custom: boolean;
  status: string;
  image: string;
  fileName: string;
  sha256?: string;
  container?: string;
  ok?: boolean;
  outLink?: string;
  error?: string;
}

beforeAll(async () => {
  cli = await buildCli();
  dir = mkdtempSync(join(tmpdir(), "ng-success-"));
}, 600_000);

const seed = (): string => randomBytes(6).toString("hex");
const sha256 = (path: string): string => createHash("sha256").update(readFileSync(path)).digest("hex");
const nixpkgs = ["-I", `nixpkgs=${NIXPKGS}`];

describe("nixos-generate builds, links, verifies and reports", () => {
  it("one image: the out-link, the printed path, the verified file, the JSON report", T, async () => {
    const s = seed();
    const link = join(dir, "one");
    const started = Date.now();
    const run = await runCli(cli, ["--format-path", join(FORMATS, "mbr-disk.nix"), ...nixpkgs, "--special-arg", "seed", s, "-o", link, "--json"]);
    const seconds = (Date.now() - started) / 1000;
    expect(run.stderr).toContain("building '");
    expect(run.code, run.stderr).toBe(ExitCode.ok);
    const result = JSON.parse(run.stdout) as { dryRun: boolean; images: ImageJson[] };
    expect(result.dryRun).toBe(false);
    const [image] = result.images;
    expect(image).toMatchObject({ format: "mbr-disk", custom: true, status: "built", container: "raw-mbr", ok: true, outLink: link });
    // The out-link is a GC root on the Nix output that holds the image, whose bytes the report hashed.
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(image?.image.startsWith(`${readlinkSync(link)}/`)).toBe(true);
    expect(sha256(image?.image ?? "")).toBe(image?.sha256);
    const written = `fixture ${s}\n`;
    expect(readFileSync(image?.image ?? "").subarray(1 << 20, (1 << 20) + written.length).toString()).toBe(written);
    console.log(`e2e one image: ${seconds.toFixed(1)} s, sha256 ${image?.sha256} in ${image?.image}`);
  });

  it("several images, one failing: what is built stays linked, the failure is named, exit 1", T, async () => {
    const s = seed();
    const link = join(dir, "several");
    const run = await runCli(cli, ["-c", CONFIG, "-f", "mbr-disk", "-f", "blob", "-f", "broken", ...nixpkgs, "--special-arg", "seed", s, "-o", link]);
    expect(run.code, run.stderr).toBe(ExitCode.failed);
    // One Nix build for all three, kept going past the failing one.
    expect(run.stderr).toContain("fixture: this format always fails to build");
    expect(run.stderr).toMatch(/^error: broken \(x86_64-linux\): The build failed: (builder for|Cannot build) '\/nix\/store\/[^']+\.drv'.*exit code 1\./m);
    expect(run.stderr).toMatch(/^mbr-disk +x86_64-linux +\S+\.img$/m);
    expect(run.stderr).toMatch(/^broken +x86_64-linux +\S+ +\(build failed\)$/m);
    // The two that built are linked (one link per format) and printed; the failed one is neither.
    const printed = run.stdout.trim().split("\n");
    expect(printed).toHaveLength(2);
    expect(realpathSync(`${link}-mbr-disk`)).toBe(realpathSync(join(printed[0] ?? "", "..")));
    // blob names its image by extension only: the one .img file of its output, not its README.
    expect(printed[1]).toMatch(new RegExp(`/disks/blob-${s}\\.img$`));
    expect(realpathSync(`${link}-blob`)).toBe(realpathSync(join(printed[1] ?? "", "..", "..")));
    expect(existsSync(`${link}-broken`)).toBe(false);
  });

  it("Ctrl-C during the build leaves an existing out-link as it was", T, async () => {
    const link = join(dir, "interrupted");
    symlinkSync("/nix/store/earlier-result", link);
    const run = await runCli(cli, ["-c", CONFIG, "-f", "slow", ...nixpkgs, "--special-arg", "seed", seed(), "-o", link], {
      interruptWhen: /fixture: sleeping/,
    });
    expect(run.code).toBe(ExitCode.interrupted);
    expect(run.stderr).toMatch(/^error: Interrupted: Nix was stopped\./m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readlinkSync(link)).toBe("/nix/store/earlier-result");
  });

  it("an error inside a --format-path file names that file, not the library", T, async () => {
    const file = join(dir, "my-format.nix");
    writeFileSync(file, '{ ... }: { formatAttr = "isoImage"; fileExtension = ".iso"; imaginary.option = true; }\n');
    const run = await runCli(cli, ["--format-path", file, ...nixpkgs, "--dry-run"]);
    expect(run.code).toBe(ExitCode.config);
    expect(run.stderr).toContain(`error: The configuration sets an option that does not exist: imaginary (in ${file}).`);
    expect(run.stderr).not.toContain("eval.nix");
  });

  it("special arguments larger than one command-line argument reach Nix (the request goes through a file)", T, async () => {
    // Two 70 KB values: each fits in one argument (the kernel's limit is 128 KiB a string), the request with both does not.
    const big = (c: string) => c.repeat(70 * 1024);
    const s = seed();
    const args = ["--format-path", join(FORMATS, "mbr-disk.nix"), ...nixpkgs, "--special-arg", "seed", s, "--special-arg", "bigA", big("a"), "--special-arg", "bigB", big("b"), "--dry-run", "--json"];
    expect(JSON.stringify(args).length).toBeGreaterThan(128 * 1024);
    const run = await runCli(cli, args);
    expect(run.stderr).not.toMatch(/E2BIG|argument list too long/i);
    expect(run.code, run.stderr).toBe(ExitCode.ok);
    const [image] = (JSON.parse(run.stdout) as { images: ImageJson[] }).images;
    expect(image).toMatchObject({ format: "mbr-disk", status: "planned" });
  });

  it("--run builds a runnable custom format and starts its runner", T, async () => {
    const s = seed();
    const run = await runCli(cli, ["-c", CONFIG, "-f", "runner", "--run", ...nixpkgs, "--special-arg", "seed", s]);
    expect(run.code, run.stderr).toBe(ExitCode.ok);
    // The runner's own output, after the image path nixos-generate printed.
    expect(run.stdout).toMatch(new RegExp(`/bin/run-fixture-vm\\nfixture runner ${s} started with: \\n$`));
    expect(run.stderr).toMatch(/^ok \S+\/bin\/run-fixture-vm: a sound vm-runner/m);
  });
});
