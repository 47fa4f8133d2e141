// validate.ts on real files in a temporary directory. Tests run as root here,
// where chmod 000 does not stop reads or writes: the "cannot be read" branch is
// then covered by a dangling symlink and a directory instead (and chmod 000 runs
// only for a non-root user); "not writable" uses an immutable directory
// (chattr +i, which stops root too) when the file system allows it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statfsSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCatalogue, type Catalogue, type Format, type NixSystem } from "../../src/core/catalogue.js";
import { ExitCode } from "../../src/core/errors.js";
import type { ConfigSource, GenerateRequest, Target } from "../../src/core/request.js";
import {
  checkNixpkgsTree,
  checkOutputDirectory,
  MIN_FREE_TMP_BYTES,
  RESERVED_SPECIAL_ARGS,
  parseFlakeRef as parseFlakeRefWith,
  resolveConfigSource as resolveConfigSourceWith,
  validate,
  type ValidateOptions,
} from "../../src/core/validate.js";
import { ACTION_LABELS } from "../../src/action/labels.js";
import { CLI_LABELS } from "../../src/cli/labels.js";
import { userError } from "../cli/user-error.js";
import { NIXPKGS } from "../helpers/nix.js";

// validate() with the command line's labels; `files: false` is the checks on the request alone.
const checkRequest = (r: GenerateRequest, c: Catalogue) => validate(r, c, { labels: CLI_LABELS, files: false });
const checkFiles = (r: GenerateRequest, opts: Omit<ValidateOptions, "labels"> = {}) => validate(r, catalogue, { labels: CLI_LABELS, ...opts });
const validateRequest = (r: GenerateRequest, c: Catalogue, opts: Omit<ValidateOptions, "labels"> = {}) => validate(r, c, { labels: CLI_LABELS, ...opts });
const parseFlakeRef = (text: string) => parseFlakeRefWith(text, CLI_LABELS);
const resolveConfigSource = (given: { configuration?: string; flake?: string }, env: NodeJS.ProcessEnv, cwd: string): ConfigSource =>
  resolveConfigSourceWith(given, CLI_LABELS, env, cwd);

const catalogue = loadCatalogue();
const isRoot = process.getuid?.() === 0;
let dir = "";

/** A request of catalogue formats (names) x systems, as the front ends make it. */
function request(over: Partial<GenerateRequest> & { formats?: string[]; systems?: NixSystem[]; config?: ConfigSource } = {}): GenerateRequest {
  const { formats = ["qcow"], systems = ["x86_64-linux"], ...rest } = over;
  const targets: Target[] = formats.flatMap((name) => {
    const entry = catalogue.lookup(name);
    if (!entry) throw new Error(`no catalogue format ${name}`);
    return systems.map((system) => ({ format: { kind: "catalogue" as const, entry }, system }));
  });
  return {
    targets,
    config: { kind: "default" },
    builder: "vm",
    specialArgs: [],
    includes: [],
    nixOptions: [],
    showTrace: false,
    dryRun: true,
    run: false,
    ...rest,
  };
}

function pick(test: (f: Format) => boolean, what: string): Format {
  const f = catalogue.formats.find(test);
  if (!f) throw new Error(`the catalogue has no ${what} format`);
  return f;
}

const runnable = pick((f) => f.runnable, "runnable");
const notRunnable = pick((f) => !f.runnable, "non-runnable");
const sizedNoAuto = pick((f) => f.diskSize && !f.diskSizeAuto, "fixed-size-only");
const sizedAuto = pick((f) => f.diskSize && f.diskSizeAuto, "auto-sized");
const unsized = pick((f) => !f.diskSize, "unsized");

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ng-validate-"));
  writeFileSync(join(dir, "configuration.nix"), "{ ... }: { }\n");
  mkdirSync(join(dir, "withdefault"));
  writeFileSync(join(dir, "withdefault", "default.nix"), "{ ... }: { }\n");
  mkdirSync(join(dir, "empty"));
  symlinkSync(join(dir, "nowhere.nix"), join(dir, "dangling.nix"));
  writeFileSync(join(dir, "format.nix"), "{ ... }: { formatAttr = \"x\"; }\n");
  writeFileSync(join(dir, "format.txt"), "not nix\n");
  mkdirSync(join(dir, "dir.nix"));
  mkdirSync(join(dir, "flake"));
  writeFileSync(join(dir, "a-file"), "x");
  symlinkSync("loop.nix", join(dir, "loop.nix"));
  mkdirSync(join(dir, "not-nixpkgs", "nixos"), { recursive: true });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("parseFlakeRef", () => {
  it.each([
    [".#myhost", ".", "myhost"],
    ["github:me/cfg#web", "github:me/cfg", "web"],
    ["/src/cfg?ref=main#web-1", "/src/cfg?ref=main", "web-1"],
    [".#nixosConfigurations.web", ".", "web"],
    ['.#"my.host"', ".", "my.host"],
  ])("%s", (text, uri, name) => {
    expect(parseFlakeRef(text)).toEqual({ uri, name });
  });

  it.each([
    [".", /does not name a configuration/],
    ["github:me/cfg#", /does not name a configuration/],
    ["#host", /no flake before '#'/],
    ["", /empty/],
    [".#a b", /invalid configuration name/],
    [".#a#b", /invalid configuration name/],
  ])("rejects %j", (text, problem) => {
    const e = userError(() => parseFlakeRef(text));
    expect(e.problem).toMatch(problem);
    expect(e.fix).toContain("--flake .#myhost");
    expect(e.exitCode).toBe(ExitCode.usage);
  });
});

describe("resolveConfigSource", () => {
  it("takes -c, relative to cwd", () => {
    expect(resolveConfigSource({ configuration: "configuration.nix" }, {}, dir)).toEqual({ kind: "file", path: join(dir, "configuration.nix") });
  });
  it("takes a flake", () => {
    // A local flake is made absolute, as Nix reads it (getFlake takes no relative paths).
    expect(resolveConfigSource({ flake: ".#h" }, {}, dir)).toEqual({ kind: "flake", uri: dir, name: "h" });
    expect(resolveConfigSource({ flake: "./sub?dir=x#h" }, {}, dir)).toEqual({ kind: "flake", uri: `${dir}/sub?dir=x`, name: "h" });
    expect(resolveConfigSource({ flake: "github:me/cfg#h" }, {}, dir)).toEqual({ kind: "flake", uri: "github:me/cfg", name: "h" });
  });
  it("falls back to NIXOS_CONFIG, then the default", () => {
    expect(resolveConfigSource({}, { NIXOS_CONFIG: "/etc/nixos/configuration.nix" }, dir)).toEqual({ kind: "file", path: "/etc/nixos/configuration.nix" });
    expect(resolveConfigSource({}, { NIXOS_CONFIG: "" }, dir)).toEqual({ kind: "default" });
    expect(resolveConfigSource({}, {}, dir)).toEqual({ kind: "default" });
    expect(resolveConfigSource({ flake: ".#h" }, { NIXOS_CONFIG: "/x.nix" }, dir).kind).toBe("flake");
  });
  it("refuses -c with --flake", () => {
    const e = userError(() => resolveConfigSource({ configuration: "./c.nix", flake: ".#h" }, {}, dir));
    expect(e.problem).toContain("both a configuration file (./c.nix) and a flake (.#h)");
    expect(e.fix).toContain("either -c PATH");
    expect(e.fix).toContain("--flake URI#NAME");
    expect(e.exitCode).toBe(ExitCode.usage);
  });
  it("refuses an empty -c", () => {
    expect(userError(() => resolveConfigSource({ configuration: " " }, {}, dir)).problem).toContain("empty");
  });
});

describe("checkRequest", () => {
  it("passes a plain request without warnings", () => {
    expect(checkRequest(request(), catalogue)).toEqual({ warnings: [] });
  });

  it("a custom format (from --format-path) takes the disk size without a warning", () => {
    const custom = request({ formats: [], diskSize: 2048 });
    custom.targets.push({ format: { kind: "custom", name: "blob", from: "format-path" }, system: "x86_64-linux" });
    expect(checkRequest(custom, catalogue).warnings).toEqual([]);
  });

  it("refuses the repart builder for a format it cannot make, naming the ones it can", () => {
    const repartable = catalogue.formats.filter((f) => f.builders.includes("repart")).map((f) => f.name);
    expect(repartable).toContain("qcow-efi");
    expect(checkRequest(request({ formats: ["qcow-efi", "amazon"], builder: "repart" }), catalogue).warnings).toEqual([]);
    const e = userError(() => checkRequest(request({ formats: ["qcow-efi", "qcow", "iso"], builder: "repart" }), catalogue));
    expect(e.problem).toBe("the repart builder cannot make 'qcow' or 'iso': it makes GPT disks that boot by UEFI, and those formats are not one (BIOS/MBR disks, ISOs, tarballs, VM runners; see nix/builders/README.md).");
    expect(e.fix).toContain("--builder vm");
    expect(e.field).toBe("builder");
    expect(userError(() => validate(request({ formats: ["qcow"], builder: "repart" }), catalogue, { labels: ACTION_LABELS, files: false })).fix).toContain("builder: vm");
  });

  it("words the same problem for the front end that asks", () => {
    const r = request({ formats: [sizedNoAuto.name], diskSize: "auto" });
    expect(userError(() => validate(r, catalogue, { labels: CLI_LABELS, files: false })).fix).toContain("--disk-size 20G");
    const action = userError(() => validate(r, catalogue, { labels: ACTION_LABELS, files: false }));
    expect(action.fix).toContain("disk-size: 20G");
    expect(action.field).toBe("diskSize");
  });

  it("refuses --run with a format that is not runnable", () => {
    const e = userError(() => checkRequest(request({ run: true, formats: [notRunnable.name] }), catalogue));
    expect(e.problem).toBe(`--run cannot start format '${notRunnable.name}': it makes an image, not a runnable machine.`);
    expect(e.fix).toContain(`'${runnable.name}'`);
    expect(e.exitCode).toBe(ExitCode.usage);
  });

  it("refuses --run with two formats or two systems", () => {
    const two = userError(() => checkRequest(request({ run: true, formats: [runnable.name, notRunnable.name] }), catalogue));
    expect(two.problem).toContain("but 2 formats were asked for");
    expect(two.fix).toContain("exactly one runnable format");
    const systems = userError(() => checkRequest(request({ run: true, formats: [runnable.name], systems: ["x86_64-linux", "aarch64-linux"] }), catalogue));
    expect(systems.problem).toContain("2 systems");
    expect(systems.fix).toContain("at most one --system");
    expect(checkRequest(request({ run: true, formats: [runnable.name] }), catalogue).warnings).toEqual([]);
  });

  it("refuses disk size auto for a format that needs a fixed size", () => {
    const e = userError(() => checkRequest(request({ formats: [sizedNoAuto.name], diskSize: "auto" }), catalogue));
    expect(e.problem).toContain(`disk size 'auto' is not possible for '${sizedNoAuto.name}'`);
    expect(e.fix).toContain("--disk-size 20G");
    expect(e.exitCode).toBe(ExitCode.usage);
    expect(checkRequest(request({ formats: [sizedAuto.name], diskSize: "auto" }), catalogue).warnings).toEqual([]);
  });

  it("warns that raw for aarch64-linux (an MBR/BIOS disk) cannot boot there, and names raw-efi; not for x86_64 or raw-efi", () => {
    const aarch64 = checkRequest(request({ formats: ["raw", "raw-efi"], systems: ["x86_64-linux", "aarch64-linux"] }), catalogue);
    expect(aarch64.warnings).toEqual([
      "raw for aarch64-linux is an MBR disk with GRUB for BIOS and no EFI system partition, which aarch64's UEFI-only firmware cannot start; it is built as nixpkgs builds it, but build raw-efi for an aarch64 disk that boots.",
    ]);
    expect(checkRequest(request({ formats: ["raw", "qcow"], systems: ["x86_64-linux"] }), catalogue).warnings).toEqual([]);
  });

  it("warns when no format takes --disk-size, and names the ones that do not", () => {
    const none = checkRequest(request({ formats: [unsized.name], diskSize: 20480 }), catalogue);
    expect(none.warnings).toHaveLength(1);
    expect(none.warnings[0]).toContain("--disk-size 20G has no effect");
    expect(none.warnings[0]).toContain(unsized.name);
    const some = checkRequest(request({ formats: [sizedAuto.name, unsized.name], diskSize: 1536 }), catalogue);
    expect(some.warnings).toEqual([`--disk-size 1536M does not apply to ${unsized.name}; it sizes itself.`]);
  });
});

describe("checkFiles: configuration", () => {
  it("accepts a file and a directory with default.nix, relative to cwd", () => {
    expect(checkFiles(request({ config: { kind: "file", path: "configuration.nix" } }), { cwd: dir }).warnings).toEqual([]);
    expect(checkFiles(request({ config: { kind: "file", path: join(dir, "withdefault") } }), { cwd: "/" }).warnings).toEqual([]);
  });

  it("refuses a missing file", () => {
    const e = userError(() => checkFiles(request({ config: { kind: "file", path: "missing.nix" } }), { cwd: dir }));
    expect(e.problem).toBe(`the configuration file missing.nix does not exist (looked for ${join(dir, "missing.nix")}).`);
    expect(e.fix).toContain("Pass -c with the path");
    expect(e.fix).toContain(dir);
    expect(e.exitCode).toBe(ExitCode.usage);
  });

  it("refuses a dangling symlink (what an unreadable file is tested with as root)", () => {
    const e = userError(() => checkFiles(request({ config: { kind: "file", path: join(dir, "dangling.nix") } })));
    expect(e.problem).toContain("is a symbolic link to a file that does not exist");
    expect(e.exitCode).toBe(ExitCode.usage);
  });

  it("refuses a directory without default.nix", () => {
    const e = userError(() => checkFiles(request({ config: { kind: "file", path: join(dir, "empty") } })));
    expect(e.problem).toBe(`the configuration ${join(dir, "empty")} is a directory without a default.nix.`);
    expect(e.fix).toContain("configuration.nix");
    expect(e.fix).toContain("add a default.nix");
  });

  it.skipIf(isRoot)("refuses an unreadable file (chmod 000; not as root, who reads anyway)", () => {
    const path = join(dir, "secret.nix");
    writeFileSync(path, "{ }");
    chmodSync(path, 0o000);
    try {
      const e = userError(() => checkFiles(request({ config: { kind: "file", path } })));
      expect(e.problem).toContain("cannot be read");
      expect(e.fix).toContain("chmod u+r");
    } finally {
      chmodSync(path, 0o600);
    }
  });

  it("checks that a local flake exists, and leaves remote ones to Nix", () => {
    expect(checkFiles(request({ config: { kind: "flake", uri: "./flake", name: "h" } }), { cwd: dir }).warnings).toEqual([]);
    expect(checkFiles(request({ config: { kind: "flake", uri: "github:nobody/nothing", name: "h" } }), { cwd: dir }).warnings).toEqual([]);
    const e = userError(() => checkFiles(request({ config: { kind: "flake", uri: "./nope", name: "h" } }), { cwd: dir }));
    expect(e.problem).toBe(`the flake directory ./nope does not exist (looked for ${join(dir, "nope")}).`);
    expect(e.fix).toContain("--flake .#myhost");
    const path = userError(() => checkFiles(request({ config: { kind: "flake", uri: `path:${dir}/nope?x=1`, name: "h" } })));
    expect(path.problem).toContain(`${dir}/nope does not exist`);
  });
});

describe("checkFiles: --format-path", () => {
  it("accepts a readable .nix file", () => {
    expect(checkFiles(request({ formatPath: "format.nix" }), { cwd: dir }).warnings).toEqual([]);
  });
  it.each([
    ["missing.nix", "the format file missing.nix does not exist"],
    ["format.txt", "the format file format.txt is not a .nix file."],
    ["dir.nix", "the format file dir.nix is not a file."],
    ["dangling.nix", "the format file dangling.nix is a symbolic link to a file that does not exist."],
  ])("refuses %s", (path, problem) => {
    const e = userError(() => checkFiles(request({ formatPath: path }), { cwd: dir }));
    expect(e.problem).toContain(problem);
    expect(e.fix).toBe("Pass --format-path with a readable .nix file holding a format module.");
    expect(e.exitCode).toBe(ExitCode.usage);
  });
});

describe("checkFiles: out-link", () => {
  it("accepts a new path and an earlier out-link (a symlink)", () => {
    expect(checkFiles(request({ outLink: "result" }), { cwd: dir }).warnings).toEqual([]);
    symlinkSync("/nix/store/nothing", join(dir, "old-result"));
    expect(checkFiles(request({ outLink: join(dir, "old-result") })).warnings).toEqual([]);
  });

  it("refuses a missing directory", () => {
    const e = userError(() => checkFiles(request({ outLink: "no/such/result" }), { cwd: dir }));
    expect(e.problem).toBe(`the out-link no/such/result is in a directory that does not exist (${join(dir, "no", "such")}).`);
    expect(e.fix).toContain(`mkdir -p ${join(dir, "no", "such")}`);
    expect(e.exitCode).toBe(ExitCode.usage);
  });

  it("refuses a path under a file", () => {
    const e = userError(() => checkFiles(request({ outLink: join(dir, "a-file", "result") })));
    expect(e.problem).toContain("which is not a directory");
  });

  it("never clobbers an existing regular file or directory", () => {
    const path = join(dir, "precious");
    writeFileSync(path, "keep me\n");
    const e = userError(() => checkFiles(request({ outLink: path })));
    expect(e.problem).toBe(`the out-link ${path} already exists and is not a symbolic link (a file); it is left as it is.`);
    expect(e.fix).toContain("only an earlier out-link (a symlink) is replaced");
    expect(readFileSync(path, "utf8")).toBe("keep me\n");
    expect(lstatSync(path).isFile()).toBe(true);
    expect(userError(() => checkFiles(request({ outLink: join(dir, "empty") }))).problem).toContain("(a directory)");
  });

  it("refuses a directory it cannot write to", (ctx) => {
    const locked = join(dir, "locked");
    mkdirSync(locked);
    let undo: () => void;
    if (!isRoot) {
      chmodSync(locked, 0o555);
      undo = () => chmodSync(locked, 0o755);
    } else {
      try {
        execFileSync("chattr", ["+i", locked], { stdio: "pipe" });
      } catch {
        ctx.skip("running as root on a file system without chattr +i: no directory root cannot write to");
        return;
      }
      undo = () => execFileSync("chattr", ["-i", locked]);
    }
    try {
      const e = userError(() => checkFiles(request({ outLink: join(locked, "result") })));
      expect(e.problem).toContain(`the directory ${locked} is not writable`);
      expect(e.fix).toContain("a directory you can write to");
      expect(e.exitCode).toBe(ExitCode.usage);
    } finally {
      undo();
    }
  });
});

describe("checkFiles: TMPDIR", () => {
  const freeIn = (path: string): number => {
    const s = statfsSync(path);
    return s.bavail * s.bsize;
  };

  it("warns below the threshold, with the fix", () => {
    const free = freeIn(dir);
    const { warnings } = checkFiles(request({ dryRun: false }), { env: { TMPDIR: dir }, minFreeTmpBytes: free + 2 ** 30 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`is free in ${dir} (TMPDIR)`);
    expect(warnings[0]).toContain("set TMPDIR to a larger disk");
  });

  it("does not warn above it, nor for a dry run", () => {
    expect(checkFiles(request({ dryRun: false }), { env: { TMPDIR: dir }, minFreeTmpBytes: 1 }).warnings).toEqual([]);
    expect(checkFiles(request({ dryRun: true }), { env: { TMPDIR: dir }, minFreeTmpBytes: Number.MAX_SAFE_INTEGER }).warnings).toEqual([]);
  });

  it("wants at least the disk size free", () => {
    const free = freeIn(dir);
    const mib = Math.ceil(free / 2 ** 20) + 1024;
    const { warnings } = checkFiles(request({ dryRun: false, formats: [sizedAuto.name], diskSize: mib }), { env: { TMPDIR: dir }, minFreeTmpBytes: 1 });
    expect(warnings).toHaveLength(1);
  });

  it("defaults to 20 GiB", () => {
    expect(MIN_FREE_TMP_BYTES).toBe(20 * 2 ** 30);
    const free = freeIn(dir);
    const { warnings } = checkFiles(request({ dryRun: false }), { env: { TMPDIR: dir } });
    expect(warnings.length).toBe(free < MIN_FREE_TMP_BYTES ? 1 : 0);
  });

  it("refuses a TMPDIR that does not exist (environment)", () => {
    const e = userError(() => checkFiles(request({ dryRun: false }), { env: { TMPDIR: join(dir, "gone") } }));
    expect(e.problem).toContain(`${join(dir, "gone")} (TMPDIR) cannot be used (ENOENT)`);
    expect(e.fix).toContain("Set TMPDIR to an existing directory");
    expect(e.exitCode).toBe(ExitCode.environment);
  });
});

describe("validateRequest", () => {
  it("runs both kinds of checks and joins the warnings", () => {
    const { warnings } = validateRequest(request({ formats: [unsized.name], diskSize: 1024, dryRun: false }), catalogue, {
      env: { TMPDIR: dir },
      minFreeTmpBytes: Number.MAX_SAFE_INTEGER,
    });
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain("has no effect");
    expect(warnings[1]).toContain("set TMPDIR to a larger disk");
  });

  it("throws the first problem", () => {
    const e = userError(() => validateRequest(request({ run: true, formats: [notRunnable.name], outLink: "/no/such/dir/x" }), catalogue));
    expect(e.problem).toContain("--run cannot start");
  });
});

describe("system errors on the user's paths: one UserError (usage) naming the path and the errno in words", () => {
  const long = `${"n".repeat(300)}.nix`;

  it("a configuration that is a symbolic link loop (ELOOP)", () => {
    const e = userError(() => checkFiles(request({ config: { kind: "file", path: "loop.nix" } }), { cwd: dir }));
    expect(e.problem).toBe("the configuration file loop.nix cannot be read: it is a symbolic link loop (links that lead back to themselves, or too many levels of links) (ELOOP).");
    expect(e.fix).toContain(`ls -l ${join(dir, "loop.nix")}`);
    expect(e.exitCode).toBe(ExitCode.usage);
    expect(e.field).toBe("config");
  });

  it("a configuration whose name is over 255 bytes (ENAMETOOLONG), as -c and as --format-path", () => {
    const e = userError(() => checkFiles(request({ config: { kind: "file", path: long } }), { cwd: dir }));
    expect(e.problem).toMatch(/^the configuration file n{300}\.nix cannot be read: the name 'n{40}…' is 304 bytes long, and file systems allow 255 bytes per name \(ENAMETOOLONG\)\.$/);
    expect(e.fix).toBe("Use shorter names (at most 255 bytes each) or a shorter path.");
    expect(e.exitCode).toBe(ExitCode.usage);
    expect(userError(() => checkFiles(request({ formatPath: long }), { cwd: dir })).problem).toMatch(/^the format file n{300}\.nix cannot be read: .*\(ENAMETOOLONG\)/);
  });

  it("an out-link in a directory that is a symbolic link loop", () => {
    const e = userError(() => checkFiles(request({ outLink: join(dir, "loop.nix", "result") })));
    expect(e.problem).toMatch(/^the out-link .* cannot be made: it is a symbolic link loop .*\(ELOOP\)\.$/);
    expect(e.exitCode).toBe(ExitCode.usage);
  });
});

describe("reserved special-arg names", () => {
  it("refuses every name the module system gives modules itself, worded for each front end", () => {
    for (const name of ["lib", "config", "options", "pkgs", "modulesPath", "specialArgs", "_class", "_prefix", "extendModules", "moduleType", "utils"]) {
      expect(Object.keys(RESERVED_SPECIAL_ARGS)).toContain(name);
      const e = userError(() => checkRequest(request({ specialArgs: [{ name, value: "x" }] }), catalogue));
      expect(e.problem).toMatch(new RegExp(`^the special argument '${name}' is a name the NixOS module system gives every module itself \\(`));
      expect(e.fix).toContain("--special-arg");
      expect(e.field).toBe("specialArgs");
      expect(e.exitCode).toBe(ExitCode.usage);
    }
    const action = userError(() => validate(request({ specialArgs: [{ name: "lib", value: "x" }] }), catalogue, { labels: ACTION_LABELS, files: false }));
    expect(action.fix).toContain("'libValue' in special-args:");
  });

  it("lets other names through, diskSize (nixos-generators' own) among them", () => {
    expect(checkRequest(request({ specialArgs: [{ name: "hostName", value: "web1" }, { name: "diskSize", value: "2048" }, { name: "library", value: "x" }] }), catalogue)).toEqual({ warnings: [] });
  });
});

describe("-I nixpkgs=DIR", () => {
  it("accepts the pinned nixpkgs and leaves URLs to Nix", () => {
    expect(checkFiles(request({ includes: [{ key: "nixpkgs", value: NIXPKGS }] })).warnings).toEqual([]);
    expect(checkFiles(request({ includes: [{ key: "nixpkgs", value: "channel:nixos-25.05" }, { key: "other", value: "/nowhere" }] })).warnings).toEqual([]);
  });

  it.each([
    ["empty", "is not a nixpkgs tree: it has no lib/default.nix and no nixos/lib/eval-config.nix."],
    ["not-nixpkgs", "is not a nixpkgs tree: it has no lib/default.nix and no nixos/lib/eval-config.nix."],
    ["a-file", "is a file, not a nixpkgs directory."],
    ["gone", "does not exist."],
  ])("refuses %s before Nix runs, with a fix that is not what was done", (name, problem) => {
    const e = userError(() => checkFiles(request({ includes: [{ key: "nixpkgs", value: name }] }), { cwd: dir }));
    expect(e.problem).toBe(`the nixpkgs ${name} (${join(dir, name)}) ${problem}`);
    expect(e.fix).toMatch(/^Pass -I nixpkgs= with a nixpkgs checkout \(the directory that holds lib\/ and nixos\/.*channel:nixos-25\.05; leave it out to use <nixpkgs> from NIX_PATH\.$/);
    expect(e.exitCode).toBe(ExitCode.usage);
    expect(e.field).toBe("nixpkgs");
  });

  it("is the same check for the action's nixpkgs input", () => {
    const e = userError(() => checkNixpkgsTree(join(dir, "empty"), "./empty", ACTION_LABELS));
    expect(e.fix).toMatch(/^Set nixpkgs: to a nixpkgs checkout/);
  });
});

describe("checkOutputDirectory", () => {
  const fix = "Give another directory.";

  it("accepts an existing directory and a new one below a writable directory", () => {
    expect(() => checkOutputDirectory(dir, "out", fix)).not.toThrow();
    expect(() => checkOutputDirectory(join(dir, "new", "deeper"), "out", fix)).not.toThrow();
  });

  it("refuses a file, and a path under a file", () => {
    const file = userError(() => checkOutputDirectory(join(dir, "a-file"), "The input 'out-dir' (x)", fix));
    expect(file.problem).toBe("The input 'out-dir' (x) is a file, not a directory.");
    expect(file.fix).toBe(fix);
    const under = userError(() => checkOutputDirectory(join(dir, "a-file", "images", "more"), "The input 'out-dir' (x)", fix));
    expect(under.problem).toBe(`The input 'out-dir' (x) is under ${join(dir, "a-file")}, which is a file, not a directory.`);
    expect(under.exitCode).toBe(ExitCode.usage);
  });

  it("refuses a symbolic link loop, and takes the exit code it is given (environment for the runner's default)", () => {
    const e = userError(() => checkOutputDirectory(join(dir, "loop.nix", "images"), "out", fix, ExitCode.environment));
    expect(e.problem).toMatch(/^out cannot be used: it is a symbolic link loop .*\(ELOOP\)\.$/);
    expect(e.exitCode).toBe(ExitCode.environment);
  });

  it("refuses a read-only directory (a read-only bind mount, which stops root too)", (ctx) => {
    const ro = join(dir, "read-only");
    mkdirSync(ro);
    try {
      execFileSync("mount", ["--bind", ro, ro], { stdio: "pipe" });
      execFileSync("mount", ["-o", "remount,ro,bind", ro], { stdio: "pipe" });
    } catch {
      ctx.skip("mount --bind needs root (CAP_SYS_ADMIN): no read-only directory to test with");
      return;
    }
    try {
      const e = userError(() => checkOutputDirectory(join(ro, "images"), "out", fix));
      expect(e.problem).toBe(`out cannot be written: ${ro} is not writable (the file system is read-only, EROFS).`);
      expect(e.exitCode).toBe(ExitCode.usage);
    } finally {
      execFileSync("umount", [ro]);
    }
  });
});
