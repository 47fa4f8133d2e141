// The hostile catalogue, command line: each row is an input or a fault of the
// machine, the exit code it must give and the one message (problem, then the
// fix on the next line). Every row: no stack trace, exactly one `error:`,
// nothing written in the working directory nor left in TMPDIR. The rows
// refused before Nix point NIXOS_GENERATORS_NIX_BIN at a directory that does
// not exist, so a Nix call would show as "Nix is not installed".
import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExitCode } from "../../src/core/errors.js";
import { buildCli, runCli } from "../helpers/cli.js";
import { NIXPKGS } from "../helpers/nix.js";
import { expectNoStackTrace, makeScratch, snapshot, type Scratch } from "./fixtures.js";

interface CliRow {
  name: string;
  args: (s: Scratch) => string[];
  env?: (s: Scratch) => Record<string, string>;
  exit: number;
  /** The problem line, after "error: ". */
  problem: RegExp;
  fix: RegExp;
  /** The row is refused by Nix's answer (else before any Nix call). */
  nix?: boolean;
  /** Needs the read-only mount. */
  mounts?: boolean;
}

const ROWS: CliRow[] = [
  {
    name: "a symbolic link loop as the configuration",
    args: (s) => ["-f", "raw", "-c", s.loop],
    exit: ExitCode.usage,
    problem: /^the configuration file \/.*\/loop\.nix cannot be read: it is a symbolic link loop .*\(ELOOP\)\.$/,
    fix: /^Point the symbolic link at a real file \(ls -l \/.*\/loop\.nix shows where it leads\)/,
  },
  {
    name: "a configuration file name of 300 bytes",
    args: (s) => ["-f", "raw", "-c", s.longName],
    exit: ExitCode.usage,
    problem: /^the configuration file \/.*\/c{296}\.nix cannot be read: the name 'c{40}…' is 300 bytes long, and file systems allow 255 bytes per name \(ENAMETOOLONG\)\.$/,
    fix: /^Use shorter names \(at most 255 bytes each\)/,
  },
  {
    name: "an out-link under a regular file",
    args: (s) => ["-f", "raw", "-c", s.config, "-o", join(s.file, "result")],
    exit: ExitCode.usage,
    problem: /^the out-link \/.*\/a-file\/result is under \/.*\/a-file, which is not a directory\.$/,
    fix: /^Give -o a path in an existing directory\.$/,
  },
  {
    name: "an out-link in a read-only directory (a read-only bind mount: it stops root too)",
    args: (s) => ["-f", "raw", "-c", s.config, "-o", join(s.readOnly ?? "", "result")],
    exit: ExitCode.usage,
    problem: /^the out-link \/.*\/read-only\/result cannot be made: the directory \/.*\/read-only is not writable \(EROFS, a read-only file system\)\.$/,
    fix: /a directory you can write to/,
    mounts: true,
  },
  {
    name: "a reserved special-arg name (lib)",
    args: (s) => ["-f", "raw", "-c", s.config, "--special-arg", "lib", "x"],
    exit: ExitCode.usage,
    problem: /^the special argument 'lib' is a name the NixOS module system gives every module itself \(nixpkgs' library\); a string of that name would replace it\.$/,
    fix: /^Give your argument another name \(e\.g\. 'libValue' in --special-arg\); these names are reserved: lib, config, options, pkgs, modulesPath/,
  },
  {
    name: "-I nixpkgs= an empty directory",
    args: (s) => ["-f", "raw", "-c", s.config, "-I", `nixpkgs=${s.emptyDir}`],
    exit: ExitCode.usage,
    problem: /^the nixpkgs \/.*\/empty-dir is not a nixpkgs tree: it has no lib\/default\.nix and no nixos\/lib\/eval-config\.nix\.$/,
    fix: /^Pass -I nixpkgs= with a nixpkgs checkout \(the directory that holds lib\/ and nixos\//,
  },
  {
    name: "-I nixpkgs= a directory that does not exist",
    args: (s) => ["-f", "raw", "-c", s.config, "-I", `nixpkgs=${join(s.root, "no-such-nixpkgs")}`],
    exit: ExitCode.usage,
    problem: /^the nixpkgs \/.*\/no-such-nixpkgs does not exist\.$/,
    fix: /^Pass -I nixpkgs= with a nixpkgs checkout/,
  },
  {
    name: "NIX_PATH's nixpkgs an empty directory (no -I: found by Nix)",
    args: (s) => ["-f", "raw", "-c", s.config],
    env: (s) => ({ NIX_PATH: `nixpkgs=${s.emptyDir}` }),
    exit: ExitCode.usage,
    problem: /^<nixpkgs> is \/.*\/empty-dir, which is not a nixpkgs tree: it has no lib\/\.$/,
    fix: /^Point nixpkgs \(-I nixpkgs=, the action's 'nixpkgs' input, or NIX_PATH\) at a nixpkgs checkout/,
    nix: true,
  },
  {
    name: "image.fileName '../escape.img' from the configuration (evaluated, refused before any build)",
    args: (s) => ["-f", "escape", "-c", s.escaping.fileName, "-I", `nixpkgs=${NIXPKGS}`],
    exit: ExitCode.config,
    problem: /^The format 'escape' \(x86_64-linux\) names its image "\.\.\/escape\.img" \(image\.fileName\), which would leave its directory: it contains '\/'\.$/,
    fix: /^Set image\.fileName to a plain file name such as nixos\.img/,
    nix: true,
  },
  {
    name: "image.filePath '../../../../etc/passwd' from the configuration",
    args: (s) => ["-f", "escape", "-c", s.escaping.filePath, "-I", `nixpkgs=${NIXPKGS}`],
    exit: ExitCode.config,
    problem: /^The format 'escape' \(x86_64-linux\) names its image "\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd" \(image\.filePath\), which would leave its directory: it has a '\.\.' segment\.$/,
    fix: /^Set image\.filePath to a relative path below \$out without '\.\.'/,
    nix: true,
  },
  {
    name: "verify: a symbolic link loop as the image",
    args: (s) => ["verify", s.loop, "-f", "raw"],
    exit: ExitCode.usage,
    problem: /^the image \/.*\/loop\.nix cannot be read: it is a symbolic link loop .*\(ELOOP\)\.$/,
    fix: /symbolic link/,
  },
  {
    name: "verify: a 300-byte image name",
    args: (s) => ["verify", join(s.root, `${"i".repeat(296)}.img`)],
    exit: ExitCode.usage,
    problem: /^the image \/.*\/i{296}\.img cannot be read: the name 'i{40}…' is 300 bytes long.*\(ENAMETOOLONG\)\.$/,
    fix: /shorter names/,
  },
];

let cli = "";
let scratch: Scratch;

beforeAll(async () => {
  cli = await buildCli();
  scratch = makeScratch("hostile-cli-");
}, 300_000);

afterAll(() => {
  scratch?.cleanUp();
});

describe(`hostile command lines (${ROWS.length} rows): one message, the documented exit code, nothing written`, () => {
  it.for(ROWS)("$name → exit $exit", { timeout: 120_000 }, async (row, ctx) => {
    if (row.mounts && scratch.readOnly === undefined) return ctx.skip(scratch.noMounts);
    const work = join(scratch.root, `work-${ROWS.indexOf(row)}`);
    const tmp = join(scratch.root, `tmp-${ROWS.indexOf(row)}`);
    mkdirSync(work);
    mkdirSync(tmp);
    const before = { work: snapshot(work), root: snapshot(scratch.root) };
    const env: Record<string, string> = {
      TMPDIR: tmp,
      ...(row.nix ? {} : { NIXOS_GENERATORS_NIX_BIN: "/nonexistent/nix-bin", NIX_PATH: `nixpkgs=${NIXPKGS}` }),
      ...row.env?.(scratch),
    };
    const run = await runCli(cli, row.args(scratch), { cwd: work, env });

    expect(run.code, run.stderr).toBe(row.exit);
    expectNoStackTrace(run.stderr + run.stdout);
    const lines = run.stderr.split("\n");
    const errors = lines.flatMap((line, index) => (line.startsWith("error: ") ? [index] : []));
    expect(errors, run.stderr).toHaveLength(1);
    const at = errors[0] ?? 0;
    expect(lines[at]?.slice("error: ".length)).toMatch(row.problem);
    expect(lines[at + 1]).toMatch(/^ {2}\S/);
    expect(lines[at + 1]?.trim()).toMatch(row.fix);
    expect(run.stderr).not.toMatch(/Nix is not installed/);
    if (!row.nix) expect(run.stderr).not.toMatch(/^evaluating /m);
    expect(run.stdout).toBe("");
    // Nothing written where it ran, nothing left in TMPDIR, the hostile tree as it was.
    expect(snapshot(work)).toEqual(before.work);
    expect(readdirSync(tmp)).toEqual([]);
    expect(snapshot(scratch.root)?.filter((e) => !/^(work|tmp)-/.test(e))).toEqual(before.root?.filter((e) => !/^(work|tmp)-/.test(e)));
  });
});
