// The hostile catalogue, action: each row is an input or a fault of the
// runner, the exit code and the one ::error:: (problem, then the fix on the
// next line) it must give, run through the bundle as a runner runs it. Every
// row: no stack trace, exactly one error annotation, and nothing written
// where it must not be: out-dir absent (or as it was) and RUNNER_TEMP empty
// for a run refused before Nix; for a run that builds, nothing half-written
// in out-dir. The rows refused before Nix have no Nix to call (PATH without
// it, NIXOS_GENERATORS_NIX_BIN at a directory that does not exist).
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyOut } from "../../src/action/images.js";
import { writeSummary } from "../../src/action/report.js";
import { errnoCode } from "../../src/core/system-error.js";
import { writeManifest } from "../../src/verify/manifest.js";
import { userErrorAsync } from "../cli/user-error.js";
import { ExitCode } from "../../src/core/errors.js";
import type { ImageOutcome } from "../../src/pipeline/pipeline.js";
import { projectPath } from "../../src/core/paths.js";
import { NIXPKGS } from "../helpers/nix.js";
import { startGitHubTestServers, type GitHubTestServers } from "../servers/index.js";
import { NODE, actionDir, runAction } from "../action/harness.js";
import { expectNoStackTrace, makeScratch, snapshot, type Scratch } from "./fixtures.js";

const NO_NIX = { PATH: dirname(NODE), NIXOS_GENERATORS_NIX_BIN: "/nonexistent/nix-bin" };
const FIXTURES = projectPath("__tests__", "fixtures", "fixture-formats.nix");
/** One seed for this file's builds: the second build finds the image in the store. */
const SEED = randomBytes(6).toString("hex");

interface ActionRow {
  name: string;
  inputs: (s: Scratch) => Record<string, string>;
  env?: (servers: GitHubTestServers) => Record<string, string>;
  exit: number;
  problem: RegExp;
  fix: RegExp;
  /** out-dir, when the row sets it (default RUNNER_TEMP/nixos-images). */
  outDir?: (s: Scratch) => string;
  /** The row builds (Nix runs): out-dir may hold finished images, never partial ones. */
  builds?: boolean;
  /** Needs the read-only or full mount. */
  mounts?: boolean;
  /** out-dir must be empty afterwards (a failed copy removes its partial file and the directories it made). */
  emptyAfter?: boolean;
  /** Nix ran but nothing may be in out-dir (absent or empty): refused before the build. */
  nothingOut?: boolean;
  /** A known defect outside this catalogue's files: the row is expected to fail until it is fixed (then remove this). */
  defect?: string;
}

const build = (s: Scratch): Record<string, string> => ({ config: FIXTURES, formats: "mbr-disk", nixpkgs: NIXPKGS, "special-args": `seed=${SEED}`, "out-dir": join(s.root, "images") });

const ROWS: ActionRow[] = [
  {
    name: "artifact-name with ':'",
    inputs: () => ({ formats: "qcow", "artifact-name": "nixos:<format>" }),
    exit: ExitCode.usage,
    problem: /^The input 'artifact-name' is 'nixos:<format>', which contains a colon \(:\): GitHub \(actions\/upload-artifact\) does not allow it in artifact names\.$/,
    fix: /^Remove it: artifact names may not contain double quote \("\), colon \(:\)/,
  },
  {
    name: "release-tag refs/heads/x",
    inputs: () => ({ formats: "qcow", upload: "release", "release-tag": "refs/heads/x" }),
    exit: ExitCode.usage,
    problem: /^The input 'release-tag' is 'refs\/heads\/x', a full git ref of a branch, not a tag name\.$/,
    fix: /^Give the bare tag name of the release \(e\.g\. release-tag: v1\.0/,
  },
  {
    name: "release-tag 'v 1.0'",
    inputs: () => ({ formats: "qcow", upload: "release", "release-tag": "v 1.0" }),
    exit: ExitCode.usage,
    problem: /^The input 'release-tag' is 'v 1\.0', which is not a valid git tag name: it contains a space\.$/,
    fix: /^Give a tag name git accepts \(git check-ref-format refs\/tags\/NAME\)/,
  },
  {
    name: "an empty github-token with upload: release",
    inputs: () => ({ formats: "qcow", upload: "release", "release-tag": "v1.0", "github-token": "" }),
    exit: ExitCode.usage,
    problem: /^The input 'github-token' is empty, and upload: release needs it to create the release and upload the images to it\.$/,
    fix: /^Leave github-token: at its default \(\$\{\{ github\.token \}\}\) and give the job the permissions it needs \(contents: write/,
  },
  {
    name: "a reserved special-arg (lib)",
    inputs: () => ({ formats: "qcow", "special-args": "lib=mine" }),
    exit: ExitCode.usage,
    problem: /^The input 'special-args' is not valid: the special argument 'lib' is a name the NixOS module system gives every module itself \(nixpkgs' library\)/,
    fix: /^Give your argument another name \(e\.g\. 'libValue' in special-args:\)/,
  },
  {
    name: "nested YAML in special-args",
    inputs: () => ({ formats: "qcow", "special-args": "networking:\n  hostName: web1" }),
    exit: ExitCode.usage,
    problem: /^The input 'special-args' line 2 \('hostName: web1'\) is nested under line 1 \('networking:'\): nested YAML is not supported/,
    fix: /^Give each special arg on its own line, not indented, as name=value/,
  },
  {
    name: "out-dir under a regular file",
    inputs: (s) => ({ formats: "qcow", "out-dir": join(s.file, "images") }),
    outDir: (s) => join(s.file, "images"),
    exit: ExitCode.usage,
    problem: /^The input 'out-dir' \(\/.*\/a-file\/images\) is under \/.*\/a-file, which is a file, not a directory\.$/,
    fix: /^Set out-dir: to a directory this job may create and write/,
  },
  {
    name: "out-dir read-only (a read-only bind mount: it stops root too)",
    inputs: (s) => ({ formats: "qcow", "out-dir": join(s.readOnly ?? "", "images") }),
    outDir: (s) => join(s.readOnly ?? "", "images"),
    exit: ExitCode.usage,
    problem: /^The input 'out-dir' \(\/.*\/read-only\/images\) cannot be written: \/.*\/read-only is not writable \(the file system is read-only, EROFS\)\.$/,
    fix: /^Set out-dir: to a directory this job may create and write/,
    mounts: true,
  },
  {
    name: "a symbolic link loop as config",
    inputs: (s) => ({ formats: "qcow", config: s.loop }),
    exit: ExitCode.usage,
    problem: /^The input 'config' is not valid: the configuration file \/.*\/loop\.nix cannot be read: it is a symbolic link loop .*\(ELOOP\)\.$/,
    fix: /^Point the symbolic link at a real file/,
  },
  {
    name: "a 300-byte config file name",
    inputs: (s) => ({ formats: "qcow", config: s.longName }),
    exit: ExitCode.usage,
    problem: /^The input 'config' is not valid: the configuration file \/.*\/c{296}\.nix cannot be read: the name 'c{40}…' is 300 bytes long, and file systems allow 255 bytes per name \(ENAMETOOLONG\)\.$/,
    fix: /^Use shorter names/,
  },
  {
    name: "nixpkgs an empty directory",
    inputs: (s) => ({ formats: "qcow", nixpkgs: s.emptyDir }),
    exit: ExitCode.usage,
    problem: /^The input 'nixpkgs' is not valid: the nixpkgs \/.*\/empty-dir is not a nixpkgs tree: it has no lib\/default\.nix and no nixos\/lib\/eval-config\.nix\.$/,
    fix: /^Set nixpkgs: to a nixpkgs checkout/,
  },
  {
    name: "image.fileName '../escape.img' from the configuration (refused as evaluated, before the build)",
    inputs: (s) => ({ ...build(s), formats: "escape", config: s.escaping.fileName }),
    outDir: (s) => join(s.root, "images"),
    exit: ExitCode.config,
    problem: /^The format 'escape' \(x86_64-linux\) names its image "\.\.\/escape\.img" \(image\.fileName\), which would leave its directory: it contains '\/'\.$/,
    fix: /^Set image\.fileName to a plain file name such as nixos\.img/,
    builds: true,
    nothingOut: true,
  },
  {
    // The action measures the space a plan needs before evaluating (disk-space.ts): refused there, before Nix builds.
    // The copy itself on a full disk is the next test's.
    name: "out-dir on a full disk (a 1 MiB tmpfs)",
    inputs: (s) => ({ ...build(s), "out-dir": s.full ?? "", upload: "none" }),
    outDir: (s) => s.full ?? "",
    exit: ExitCode.environment,
    problem: /^Not enough disk space for 1 image: .*\/full\b/,
    fix: /larger disk/,
    builds: true,
    mounts: true,
    emptyAfter: true,
  },
  {
    name: "a refused connection to the artifact service (ACTIONS_RESULTS_URL=http://127.0.0.1:1/)",
    inputs: build,
    outDir: (s) => join(s.root, "images"),
    env: () => ({ ACTIONS_RESULTS_URL: "http://127.0.0.1:1/" }),
    exit: ExitCode.environment,
    problem: /^The runner could not reach GitHub's artifact storage \(ECONNREFUSED\)\.$/,
    fix: /reach \*\.actions\.githubusercontent\.com/,
    builds: true,
  },
];

let servers: GitHubTestServers;
let scratch: Scratch;

beforeAll(async () => {
  await actionDir();
  servers = await startGitHubTestServers();
  scratch = makeScratch("hostile-action-");
}, 600_000);

afterAll(async () => {
  await servers?.stop();
  scratch?.cleanUp();
});

/** One row: run the action, then the assertions every row shares. */
async function checkRow(row: ActionRow, skip: (reason?: string) => void): Promise<void> {
  if (row.mounts && (scratch.readOnly === undefined || scratch.full === undefined)) return skip(scratch.noMounts);
  const runnerTemp = join(scratch.root, `runner-temp-${ROWS.indexOf(row)}`);
  mkdirSync(runnerTemp);
  const outDir = row.outDir?.(scratch) ?? join(runnerTemp, "nixos-images");
  const before = snapshot(outDir);
  const artifacts = servers.results.artifacts.length;

  const run = await runAction({
    inputs: row.inputs(scratch),
    env: { ...servers.env, ...(row.builds ? {} : NO_NIX), RUNNER_TEMP: runnerTemp, ...row.env?.(servers) },
    token: servers.tokens.write,
  });

  expect(run.code, run.log.slice(-3000)).toBe(row.exit);
  expectNoStackTrace(run.log);
  expect(run.errors, run.log.slice(-3000)).toHaveLength(1);
  const [problem = "", fix = ""] = run.errors[0]?.message.split("\n") ?? [];
  expect(problem).toMatch(row.problem);
  expect(fix).toMatch(/^ {2}\S/);
  expect(fix.trim()).toMatch(row.fix);
  expect(servers.results.artifacts.length).toBe(artifacts);
  if (!row.builds) {
    // Refused before Nix: no Nix step, out-dir absent or as it was, RUNNER_TEMP empty.
    expect(run.log).not.toMatch(/Set up Nix|::group::Evaluate/);
    expect(snapshot(outDir)).toEqual(before);
    expect(readdirSync(runnerTemp)).toEqual([]);
    return;
  }
  // Nix ran: out-dir holds whole images (and the manifest) or nothing; no temporary or partial file anywhere in it.
  for (const entry of snapshot(outDir) ?? []) expect(entry).not.toMatch(/\.part |\.tmp /);
  if (row.emptyAfter) expect(snapshot(outDir)).toEqual([]);
  if (row.nothingOut) expect(snapshot(outDir) ?? []).toEqual([]);
  if (row.nothingOut) expect(run.log).not.toMatch(/::group::Build/);
}

describe(`hostile action inputs and runners (${ROWS.length} rows): one ::error::, the documented exit code, nothing half-written`, () => {
  it.for(ROWS.filter((r) => r.defect === undefined))("$name → exit $exit", { timeout: 300_000 }, (row, ctx) => checkRow(row, (reason) => ctx.skip(reason)));
  // Expected to fail (see each row's `defect`): vitest reports it when the defect is fixed.
  it.for(ROWS.filter((r) => r.defect !== undefined))("known defect: $name → exit $exit", { timeout: 300_000, fails: true }, (row, ctx) => checkRow(row, (reason) => ctx.skip(reason)));

  it("the copy out of the store onto a full disk (images.ts copyOut): exit 4, the path and ENOSPC named, no partial file, no directory left", async (ctx) => {
    if (scratch.full === undefined) return ctx.skip(scratch.noMounts);
    const source = join(scratch.root, "image-4MiB.img");
    writeFileSync(source, Buffer.alloc(4 * 1024 * 1024, 1));
    const image = fixtureOutcome(source);
    const e = await userErrorAsync(() => copyOut(scratch.full ?? "")(image, source));
    expect(e.problem).toBe(`Copying the image of blob (x86_64-linux) to ${join(scratch.full, "blob-x86_64-linux", "blob.img")} failed: no space is left on the device (ENOSPC).`);
    expect(e.fix).toMatch(/^Free space on the disk that holds .* \(df -h shows it\), or use a larger disk, or set out-dir: to a directory on a disk with room for the images\.$/);
    expect(e.exitCode).toBe(ExitCode.environment);
    expect(snapshot(scratch.full)).toEqual([]);
  });
});

describe("the action's other writes on hostile disks: one UserError, nothing half-written", () => {
  /** Fills the tmpfs: a file written until ENOSPC (it keeps what fitted). */
  function fill(full: string): string {
    const filler = join(full, "filler");
    try {
      writeFileSync(filler, Buffer.alloc(2 * 1024 * 1024, 7));
    } catch (error) {
      if (errnoCode(error) !== "ENOSPC") throw error;
    }
    return filler;
  }

  it("the manifest onto a full disk: exit 4, its path and ENOSPC named, no temporary file left", async (ctx) => {
    if (scratch.full === undefined) return ctx.skip(scratch.noMounts);
    const filler = fill(scratch.full);
    try {
      const e = await userErrorAsync(() => writeManifest(scratch.full ?? "", []));
      expect(e.problem).toBe(`Writing the manifest ${join(scratch.full, "manifest.json")} failed: no space is left on the device (ENOSPC).`);
      expect(e.exitCode).toBe(ExitCode.environment);
      expect(readdirSync(scratch.full)).toEqual(["filler"]);
    } finally {
      rmSync(filler);
    }
  });

  it("the manifest into a read-only out-dir: exit 2 (the user's path), EROFS named", async (ctx) => {
    if (scratch.readOnly === undefined) return ctx.skip(scratch.noMounts);
    const e = await userErrorAsync(() => writeManifest(scratch.readOnly ?? "", []));
    expect(e.problem).toBe(`Writing the manifest ${join(scratch.readOnly, "manifest.json")} failed: the file system is read-only (EROFS).`);
    expect(e.fix).toBe("Give a path on a writable file system, or write it to a directory with free space that this user may write.");
    expect(e.exitCode).toBe(ExitCode.usage);
  });

  it("the step summary onto a full disk: exit 4 (the runner's file), and the file cut back to what it held", async (ctx) => {
    if (scratch.full === undefined) return ctx.skip(scratch.noMounts);
    const file = join(scratch.full, "step-summary");
    const earlier = "## an earlier step's summary\n".repeat(30_000); // ~870 KiB of the 1 MiB
    writeFileSync(file, earlier);
    const previous = process.env.GITHUB_STEP_SUMMARY;
    process.env.GITHUB_STEP_SUMMARY = file;
    try {
      const e = await userErrorAsync(() => writeSummary("| x |\n".repeat(100_000)));
      expect(e.problem).toBe(`Writing the step summary ${file} (GITHUB_STEP_SUMMARY) failed: no space is left on the device (ENOSPC).`);
      expect(e.exitCode).toBe(ExitCode.environment);
      expect(readFileSync(file, "utf8")).toBe(earlier);
    } finally {
      process.env.GITHUB_STEP_SUMMARY = previous;
      rmSync(file);
    }
  });
});

/** An image outcome as the pipeline hands it to copyOut: a custom format's file at `storePath`. */
function fixtureOutcome(storePath: string): ImageOutcome {
  return {
    target: { format: { kind: "custom", name: "blob", from: "configuration" }, system: "x86_64-linux" },
    format: "blob",
    builder: "vm",
    evaluated: {
      format: "blob",
      custom: true,
      system: "x86_64-linux",
      drvPath: "/nix/store/00000000000000000000000000000000-blob.drv",
      output: dirname(storePath),
      fileName: "blob.img",
      filePath: "blob.img",
      imageSearch: null,
      label: "test",
      diskSize: null,
      toplevel: "/nix/store/00000000000000000000000000000000-toplevel",
    },
    status: "built",
    fromCache: false,
    needsBuild: false,
    storePath,
    fileName: "blob.img",
  };
}
