import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { loadCatalogue } from "../../src/core/catalogue.js";
import { ExitCode } from "../../src/core/errors.js";
import { targetFormats, targetSystems, type GenerateRequest } from "../../src/core/request.js";
import { OPTIONS, parseArgs, type CliCommand, type ParseOptions } from "../../src/cli/args.js";
import { userError } from "./user-error.js";

const catalogue = loadCatalogue();
let dir = "";
const base: ParseOptions = { arch: "x64", checkFiles: false };

function parse(argv: string[], env: NodeJS.ProcessEnv = {}, opts: ParseOptions = {}): CliCommand {
  return parseArgs(argv, env, catalogue, { cwd: dir, ...base, ...opts });
}

/** The parsed request, with its targets' formats and systems for the assertions. */
function generate(argv: string[], env: NodeJS.ProcessEnv = {}, opts: ParseOptions = {}) {
  const command = parse(argv, env, opts);
  if (command.kind !== "generate") throw new Error(`expected generate, got ${command.kind}`);
  const { request } = command;
  return { ...command, formats: targetFormats(request.targets), systems: targetSystems(request.targets), request: request as GenerateRequest };
}

function fails(argv: string[], env: NodeJS.ProcessEnv = {}, opts: ParseOptions = {}) {
  return userError(() => parse(argv, env, opts));
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ng-args-"));
  writeFileSync(join(dir, "configuration.nix"), "{ ... }: { }\n");
  writeFileSync(join(dir, "format.nix"), "{ ... }: { }\n");
  writeFileSync(join(dir, "image.qcow2"), "QFI\xfb");
  mkdirSync(join(dir, "out"));
  mkdirSync(join(dir, "empty"));
  symlinkSync("loop.nix", join(dir, "loop.nix"));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("commands", () => {
  it("help, version, list, completions", () => {
    expect(parse(["--help"])).toEqual({ kind: "help" });
    expect(parse(["-h"])).toEqual({ kind: "help" });
    expect(parse(["help"])).toEqual({ kind: "help" });
    expect(parse(["-f", "nonsense", "--help"])).toEqual({ kind: "help" });
    expect(parse(["--version"])).toEqual({ kind: "version" });
    const list = { kind: "list", config: { kind: "default" }, system: "x86_64-linux", includes: [] };
    expect(parse(["--list"])).toEqual({ ...list, json: false });
    expect(parse(["--list", "--json"])).toEqual({ ...list, json: true });
    expect(parse(["--json", "--list"])).toEqual({ ...list, json: true });
    // With a configuration of the user's, --list evaluates its own formats too.
    expect(parse(["--list", "--flake", "github:me/cfg#web"])).toMatchObject({ kind: "list", config: { kind: "flake", uri: "github:me/cfg", name: "web" } });
    for (const shell of ["bash", "zsh", "fish"] as const) expect(parse(["completions", shell])).toEqual({ kind: "completions", shell });
    expect(parse(["completions", "--help"])).toEqual({ kind: "help" });
  });

  it("verify", () => {
    expect(parse(["verify", "image.qcow2", "--format", "qemu"])).toEqual({
      kind: "verify",
      path: join(dir, "image.qcow2"),
      format: "qcow",
      json: false,
    });
    expect(parse(["verify", "--format=qcow", "--system", "aarch64-linux", "--disk-size", "2G", "--json", join(dir, "image.qcow2")], {}, { checkFiles: true })).toEqual({
      kind: "verify",
      path: join(dir, "image.qcow2"),
      format: "qcow",
      system: "aarch64-linux",
      diskSize: 2048,
      json: true,
    });
  });

  it("verify without --format: name what the file is", () => {
    expect(parse(["verify", "image.qcow2"])).toEqual({ kind: "verify", path: join(dir, "image.qcow2"), json: false });
    expect(parse(["verify", "image.iso", "--system", "x86_64-linux", "--json"])).toEqual({ kind: "verify", path: join(dir, "image.iso"), system: "x86_64-linux", json: true });
    expect(parse(["verify", "--help"])).toEqual({ kind: "verify-help" });
    expect(parse(["verify", "image.vhd", "-f", "azure", "-h"])).toEqual({ kind: "verify-help" });
  });
});

describe("generate: every option", () => {
  it("defaults", () => {
    const { request, warnings, json } = generate(["-f", "iso"]);
    const iso = catalogue.lookup("iso");
    expect(json).toBe(false);
    expect(request).toEqual({
      targets: [{ format: { kind: "catalogue", entry: iso }, system: "x86_64-linux" }],
      config: { kind: "default" },
      builder: "vm",
      specialArgs: [],
      includes: [],
      nixOptions: [],
      showTrace: false,
      dryRun: false,
      run: false,
    });
    expect(warnings).toEqual([]);
    expect(generate(["-f", "iso"], {}, { arch: "arm64" }).systems).toEqual(["aarch64-linux"]);
  });

  it("formats: repeated, aliases, duplicates, attached and = forms", () => {
    expect(generate(["-f", "qemu", "--format", "iso", "-fqcow", "--format=google-compute"]).formats).toEqual(["qcow", "iso", "gce"]);
  });

  it("--all takes every format for the systems", () => {
    const { formats } = generate(["--all", "--system", "x86_64-linux"]);
    expect(formats).toEqual(catalogue.formats.filter((f) => f.systems.includes("x86_64-linux")).map((f) => f.name));
    expect(generate(["--all", "--system", "x86_64-linux", "--system", "aarch64-linux"]).formats).toEqual(catalogue.formats.map((f) => f.name));
  });

  it("systems: repeated, deduplicated", () => {
    expect(generate(["-f", "qcow", "--system", "aarch64-linux", "--system=x86_64-linux", "--system", "aarch64-linux"]).systems).toEqual([
      "aarch64-linux",
      "x86_64-linux",
    ]);
  });

  it("configuration: -c, --configuration=, NIXOS_CONFIG, --flake", () => {
    expect(generate(["-f", "iso", "-c", "configuration.nix"]).request.config).toEqual({ kind: "file", path: join(dir, "configuration.nix") });
    expect(generate(["-f", "iso", "--configuration=./configuration.nix"]).request.config).toEqual({ kind: "file", path: join(dir, "configuration.nix") });
    expect(generate(["-f", "iso"], { NIXOS_CONFIG: "/etc/nixos/configuration.nix" }).request.config).toEqual({ kind: "file", path: "/etc/nixos/configuration.nix" });
    expect(generate(["-f", "iso", "--flake", "github:me/cfg#web"]).request.config).toEqual({ kind: "flake", uri: "github:me/cfg", name: "web" });
    // A relative flake is resolved as Nix would, from the working directory.
    expect(generate(["-f", "iso", "--flake", ".#web"]).request.config).toEqual({ kind: "flake", uri: dir, name: "web" });
    // With a configuration of the user's, a name the catalogue lacks is one of its own formats (Nix says if it is not).
    expect(generate(["-f", "my-format", "--flake", ".#web"]).request.targets[0]?.format).toEqual({ kind: "custom", name: "my-format", from: "configuration" });
  });

  it("--disk-size, --format-path, -o", () => {
    const { request } = generate(["-f", "raw", "--disk-size", "20G", "--format-path", "format.nix", "-o", "out/result"]);
    expect(request.diskSize).toBe(20480);
    expect(request.formatPath).toBe(join(dir, "format.nix"));
    expect(request.outLink).toBe(join(dir, "out", "result"));
    expect(generate(["-f", "raw", "--disk-size=auto", "--out-link=r"]).request).toMatchObject({ diskSize: "auto", outLink: join(dir, "r") });
    // The format of a --format-path file is named after the file and built for every system, beside any -f.
    expect(generate(["--format-path", "format.nix"]).formats).toEqual(["format"]);
    expect(generate(["-f", "raw", "--format-path", "format.nix"]).formats).toEqual(["raw", "format"]);
    expect(generate(["--format-path", "format.nix", "--system", "x86_64-linux", "--system", "aarch64-linux"]).request.targets).toEqual([
      { format: { kind: "custom", name: "format", from: "format-path" }, system: "x86_64-linux" },
      { format: { kind: "custom", name: "format", from: "format-path" }, system: "aarch64-linux" },
    ]);
  });

  it("--builder vm|repart", () => {
    expect(generate(["-f", "qcow-efi", "--builder", "repart"]).request.builder).toBe("repart");
    expect(generate(["-f", "qcow-efi", "--builder=vm"]).request.builder).toBe("vm");
    const e = fails(["-f", "qcow-efi", "--builder", "kvm"]);
    expect(e.problem).toBe("--builder 'kvm' is not a builder.");
    expect(e.fix).toContain("--builder vm, --builder repart or --builder auto");
    const refused = fails(["-f", "raw", "--builder", "repart"]);
    expect(refused.problem).toContain("the repart builder cannot make 'raw'");
  });

  it("--special-arg and --option pairs, in order", () => {
    const { request } = generate(["-f", "iso", "--special-arg", "hostName", "web 1", "--option", "sandbox", "false", "--special-arg", "role", "", "--option=cores", "2"]);
    expect(request.specialArgs).toEqual([
      { name: "hostName", value: "web 1" },
      { name: "role", value: "" },
    ]);
    expect(generate(["-f", "iso", "--special-arg=name", "value"]).request.specialArgs).toEqual([{ name: "name", value: "value" }]);
    expect(request.nixOptions).toEqual([
      { name: "sandbox", value: "false" },
      { name: "cores", value: "2" },
    ]);
  });

  it("-I in its three spellings, and plain search-path entries", () => {
    const { request } = generate(["-f", "iso", "-I", "nixpkgs=/src/nixpkgs", "-Inixos-config=./c.nix", "-I", "/src/channels", "-I", "nixpkgs/nixos=channel:nixos-25.05", "-I", "https://example.org/x.tar.gz?a=b"]);
    expect(request.includes).toEqual([
      { key: "nixpkgs", value: "/src/nixpkgs" },
      { key: "nixos-config", value: "./c.nix" },
      { key: "", value: "/src/channels" },
      { key: "nixpkgs/nixos", value: "channel:nixos-25.05" },
      { key: "", value: "https://example.org/x.tar.gz?a=b" },
    ]);
  });

  it("--cores, --max-jobs, --builders", () => {
    const { request } = generate(["-f", "iso", "--cores", "4", "--max-jobs=2", "--builders", ""]);
    expect(request).toMatchObject({ cores: 4, maxJobs: 2, builders: "" });
    expect(generate(["-f", "iso", "--max-jobs", "auto"]).request.maxJobs).toBe(availableParallelism());
    expect(generate(["-f", "iso", "--cores", "0"]).request.cores).toBe(0);
  });

  it("flags: --show-trace --dry-run --json --run", () => {
    const flags = generate(["-f", "iso", "--show-trace", "--dry-run", "--json"]);
    expect(flags.request).toMatchObject({ showTrace: true, dryRun: true, run: false });
    expect(flags.json).toBe(true);
    const runnable = catalogue.formats.find((f) => f.runnable);
    expect(runnable).toBeDefined();
    const run = generate(["--run", "-f", runnable?.name ?? ""]);
    expect(run.request.run).toBe(true);
    expect(run.formats).toEqual([runnable?.name]);
  });

  it("--run alone builds the vm format, as the old nixos-generate", () => {
    expect(catalogue.lookup("vm")?.runnable).toBe(true);
    expect(generate(["--run"]).formats).toEqual(["vm"]);
  });

  it("-- ends the options", () => {
    expect(parse(["verify", "--format", "qcow", "--", "--odd-name.qcow2"])).toMatchObject({ kind: "verify", path: join(dir, "--odd-name.qcow2") });
  });

  it("returns the warnings of the checks", () => {
    const unsized = catalogue.formats.find((f) => !f.diskSize);
    const { warnings } = generate(["-f", unsized?.name ?? "", "--disk-size", "8G"]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("--disk-size 8G has no effect");
  });

  it("runs the file checks unless told not to", () => {
    const e = fails(["-f", "iso", "-c", "missing.nix"], {}, { checkFiles: true });
    expect(e.problem).toBe(`the configuration file missing.nix does not exist (looked for ${join(dir, "missing.nix")}).`);
    expect(e.fix).toContain(`relative paths are from ${dir}`);
    expect(generate(["-f", "iso", "-c", "missing.nix"]).request.config).toEqual({ kind: "file", path: join(dir, "missing.nix") });
    const fromEnv = fails(["-f", "iso"], { NIXOS_CONFIG: join(dir, "gone.nix") }, { checkFiles: true });
    expect(fromEnv.problem).toBe(`the configuration file (from NIXOS_CONFIG) ${join(dir, "gone.nix")} does not exist.`);
    expect(fromEnv.fix).toContain("Set NIXOS_CONFIG to your NixOS configuration");
    const ok = generate(["-f", "iso", "-c", "configuration.nix", "--dry-run"], { TMPDIR: dir }, { checkFiles: true });
    expect(ok.warnings).toEqual([]);
    const low = generate(["-f", "iso", "-c", "configuration.nix"], { TMPDIR: dir }, { checkFiles: true, minFreeTmpBytes: Number.MAX_SAFE_INTEGER });
    expect(low.warnings.join("\n")).toContain("set TMPDIR to a larger disk");
  });
});

// Every bad input: one UserError, exit code 2 unless noted, problem and fix.
const bad: { argv: string[]; problem: RegExp; fix: RegExp; env?: NodeJS.ProcessEnv; opts?: ParseOptions; exit?: number }[] = [
  { argv: [], problem: /^no format given\.$/, fix: /Pass -f with format names or --all .*--list/ },
  { argv: ["-f", "qcow2"], problem: /^unknown format 'qcow2'\.$/, fix: /Did you mean 'qcow'.*nixos-generate --list/ },
  { argv: ["-f", "sd-aarch64"], problem: /'sd-aarch64' is not available for x86_64-linux/, fix: /--system aarch64-linux.*boot\.binfmt\.emulatedSystems.*qemu-user-static.*extra-platforms = aarch64-linux/ },
  { argv: ["-f", "iso", "--all"], problem: /--all was given together with/, fix: /either --all/ },
  { argv: ["-f", "iso", "--system", "arm64"], problem: /^unknown system 'arm64'\.$/, fix: /Did you mean 'aarch64-linux'\?.*x86_64-linux/ },
  { argv: ["-f", "iso"], opts: { arch: "riscv64" }, problem: /no default --system .*riscv64/, fix: /--system x86_64-linux or --system aarch64-linux/ },
  { argv: ["-f"], problem: /^-f needs a value \(NAME\), but NAME is missing\.$/, fix: /Write -f NAME/ },
  { argv: ["-f", "--system", "x86_64-linux"], problem: /-f needs a value .*the next argument is the option '--system'/, fix: /Write -f NAME/ },
  { argv: ["--format="], problem: /^a format name is empty\.$/, fix: /--list/ },
  { argv: ["-f", "iso", "--flake", ".#h", "-c", "configuration.nix"], problem: /both a configuration file/, fix: /either -c PATH .* or --flake URI#NAME/ },
  { argv: ["-f", "iso", "--flake", "."], problem: /does not name a configuration/, fix: /--flake \.#myhost/ },
  { argv: ["-f", "iso", "--flake", "#host"], problem: /no flake before '#'/, fix: /--flake \.#myhost/ },
  { argv: ["-f", "iso", "-c", ""], problem: /configuration path is empty/, fix: /-c \.\/configuration\.nix/ },
  { argv: ["-f", "iso", "-c", "a.nix", "-c", "b.nix"], problem: /--configuration was given more than once \(a\.nix and b\.nix\)/, fix: /Give --configuration once/ },
  { argv: ["-f", "raw", "--disk-size", "1.5"], problem: /invalid disk size '1\.5'.*fractions of a MiB/, fix: /20480.*20G.*auto/ },
  { argv: ["-f", "raw", "--disk-size", "abc"], problem: /invalid disk size 'abc'/, fix: /20480/ },
  { argv: ["-f", "raw", "--disk-size", "-1"], problem: /cannot be negative/, fix: /20480/ },
  { argv: ["-f", "raw", "--disk-size", "0"], problem: /cannot be empty/, fix: /20480/ },
  { argv: ["-f", "raw", "--disk-size", "20T"], problem: /larger than 16 TiB/, fix: /16T/ },
  { argv: ["-f", "vm", "--disk-size", "auto"], problem: /disk size 'auto' is not possible for 'vm'/, fix: /--disk-size 20G/ },
  { argv: ["-f", "iso", "--run"], problem: /--run cannot start format 'iso'/, fix: /Use --run with .*'vm'/ },
  { argv: ["-f", "vm", "-f", "vm-nogui", "--run"], problem: /--run starts one machine, but 2 formats/, fix: /exactly one runnable format/ },
  { argv: ["-f", "vm", "--system", "x86_64-linux", "--system", "aarch64-linux", "--run"], problem: /--run starts one machine, but 2 systems/, fix: /at most one --system/ },
  { argv: ["-f", "iso", "--special-arg", "hostName"], problem: /--special-arg needs 2 values \(NAME VALUE\), but VALUE is missing/, fix: /--special-arg hostName web1/ },
  { argv: ["-f", "iso", "--special-arg"], problem: /--special-arg needs 2 values .*NAME is missing/, fix: /--special-arg NAME VALUE/ },
  { argv: ["-f", "iso", "--special-arg", "1bad", "x"], problem: /--special-arg name '1bad' is not a Nix identifier/, fix: /starts with a letter/ },
  { argv: ["-f", "iso", "--special-arg", "a", "1", "--special-arg", "a", "2"], problem: /--special-arg a was given more than once/, fix: /once/ },
  { argv: ["-f", "iso", "--option", "sandbox"], problem: /--option needs 2 values .*VALUE is missing/, fix: /--option sandbox true/ },
  { argv: ["-f", "iso", "--option", "bad name", "x"], problem: /--option name 'bad name' is not a Nix setting name/, fix: /--option sandbox true/ },
  { argv: ["-f", "iso", "-I", "=/src"], problem: /-I '=\/src' has no KEY before '='/, fix: /-I nixpkgs=\/src\/nixpkgs/ },
  { argv: ["-f", "iso", "-I", "nixpkgs="], problem: /has no VALUE after '='/, fix: /-I KEY=VALUE/ },
  { argv: ["-f", "iso", "-I", "nixpkgs"], problem: /neither KEY=VALUE nor a path/, fix: /-I KEY=VALUE/ },
  { argv: ["-f", "iso", "-I", "bad key=/x"], problem: /invalid KEY 'bad key'/, fix: /-I KEY=VALUE/ },
  { argv: ["-f", "iso", "-I"], problem: /-I needs a value \(KEY=VALUE\)/, fix: /Write -I KEY=VALUE/ },
  { argv: ["-f", "iso", "--cores", "abc"], problem: /--cores takes a whole number, not 'abc'/, fix: /--cores 4/ },
  { argv: ["-f", "iso", "--max-jobs", "-2"], problem: /--max-jobs takes a whole number, not '-2'/, fix: /--max-jobs auto/ },
  { argv: ["-f", "iso", "--disksize", "2G"], problem: /^unknown option '--disksize'\.$/, fix: /Did you mean '--disk-size'\?/ },
  { argv: ["-f", "iso", "--frobnicate"], problem: /^unknown option '--frobnicate'\.$/, fix: /^See 'nixos-generate --help'/ },
  { argv: ["-x"], problem: /^unknown option '-x'\.$/, fix: /--help/ },
  { argv: ["-format", "iso"], problem: /long options take two dashes/, fix: /Did you mean '--format'\?/ },
  { argv: ["--run=yes"], problem: /--run takes no value, but was given 'yes'/, fix: /Write --run alone/ },
  { argv: ["-hv"], problem: /unknown option '-hv'/, fix: /cannot be bundled/ },
  { argv: ["iso"], problem: /unexpected argument 'iso'/, fix: /write -f iso/ },
  { argv: ["-f", "iso", "./configuration.nix"], problem: /unexpected argument/, fix: /write -c \.\/configuration\.nix/ },
  { argv: ["-f", "iso", ".#web"], problem: /unexpected argument/, fix: /write --flake \.#web/ },
  { argv: ["verfy"], problem: /unknown command 'verfy'/, fix: /Did you mean 'verify'\?/ },
  { argv: ["verify"], problem: /verify needs the image FILE/, fix: /verify FILE \[--format NAME\]/ },
  { argv: ["verify", "image.qcow2", "-f", "qcow", "-f", "iso"], problem: /verify was given 2 formats/, fix: /one --format/ },
  { argv: ["verify", "image.qcow2", "-f", "qcow", "--run"], problem: /--run does not apply to 'verify'/, fix: /'verify' takes -f\/--format, --system, --disk-size or --json\./ },
  { argv: ["verify", "a", "b", "-f", "qcow"], problem: /verify takes one FILE/, fix: /one image at a time/ },
  { argv: ["verify", "missing.qcow2", "-f", "qcow"], opts: { checkFiles: true }, problem: /the image missing\.qcow2 does not exist/, fix: /path of the built image/ },
  { argv: ["verify", "image.qcow2", "-f", "sd-aarch64", "--system", "x86_64-linux"], problem: /not available for x86_64-linux/, fix: /--system aarch64-linux/ },
  { argv: ["completions"], problem: /completions needs the shell/, fix: /completions bash\|zsh\|fish/ },
  { argv: ["completions", "tcsh"], problem: /no completions for the shell 'tcsh'/, fix: /completions bash\|zsh\|fish/ },
  { argv: ["completions", "bash", "--json"], problem: /--json does not apply to 'completions'/, fix: /takes no options/ },
  { argv: ["-f", "iso", "--format-path", ""], problem: /--format-path was given an empty path/, fix: /\.nix file/ },
  { argv: ["-f", "iso", "-o", ""], problem: /--out-link was given an empty path/, fix: /-o \.\/result/ },
  { argv: ["-f", "iso", "--format-path", "missing.nix"], opts: { checkFiles: true }, problem: /^the format file missing\.nix does not exist \(looked for \/.*\/missing\.nix\)\.$/, fix: /--format-path with a readable \.nix file/ },
  { argv: ["-f", "iso", "-o", "nodir/result"], opts: { checkFiles: true }, problem: /directory that does not exist/, fix: /mkdir -p/ },
  { argv: ["-f", "iso"], env: { TMPDIR: "/nonexistent-ng-tmp" }, opts: { checkFiles: true }, problem: /^the temporary directory \/nonexistent-ng-tmp \(TMPDIR\) cannot be used \(ENOENT\)\.$/, fix: /Set TMPDIR to an existing directory/, exit: ExitCode.environment },
  // System errors on the user's paths: one message each, no stack (issue 15).
  { argv: ["-f", "iso", "-c", "loop.nix"], opts: { checkFiles: true }, problem: /^the configuration file loop\.nix cannot be read: it is a symbolic link loop .*\(ELOOP\)\.$/, fix: /^Point the symbolic link at a real file/ },
  { argv: ["-f", "iso", "-c", `${"c".repeat(300)}.nix`], opts: { checkFiles: true }, problem: /cannot be read: the name 'c{40}…' is 304 bytes long, and file systems allow 255 bytes per name \(ENAMETOOLONG\)\.$/, fix: /at most 255 bytes each/ },
  { argv: ["verify", "loop.nix"], opts: { checkFiles: true }, problem: /^the image loop\.nix cannot be read: it is a symbolic link loop .*\(ELOOP\)\.$/, fix: /symbolic link/ },
  { argv: ["verify", `${"i".repeat(256)}.qcow2`], opts: { checkFiles: true }, problem: /^the image i{256}\.qcow2 cannot be read: .*\(ENAMETOOLONG\)\.$/, fix: /shorter names/ },
  // Names the module system passes itself.
  { argv: ["-f", "iso", "--special-arg", "lib", "x"], problem: /^the special argument 'lib' is a name the NixOS module system gives every module itself \(nixpkgs' library\)/, fix: /'libValue' in --special-arg\); these names are reserved: lib, config, options, pkgs, modulesPath/ },
  { argv: ["-f", "iso", "--special-arg", "modulesPath", "/x"], problem: /^the special argument 'modulesPath'/, fix: /another name/ },
  // -I nixpkgs=DIR that is not nixpkgs: refused before Nix, with a fix other than what was done.
  { argv: ["-f", "iso", "-I", "nixpkgs=empty"], opts: { checkFiles: true }, problem: /^the nixpkgs empty \(\/.*\/empty\) is not a nixpkgs tree: it has no lib\/default\.nix and no nixos\/lib\/eval-config\.nix\.$/, fix: /^Pass -I nixpkgs= with a nixpkgs checkout \(the directory that holds lib\/ and nixos\//, exit: ExitCode.usage },
];

describe("bad input: one UserError each", () => {
  it.each(bad.map((b) => [b.argv.join(" ") || "(nothing)", b] as const))("%s", (_, b) => {
    const e = fails(b.argv, b.env ?? {}, b.opts ?? {});
    expect(e.problem).toMatch(b.problem);
    expect(e.fix).toMatch(b.fix);
    expect(e.exitCode).toBe(b.exit ?? ExitCode.usage);
  });

  it("-I nixpkgs=DIR that is not nixpkgs: the fix does not repeat what was done, and a dry run checks it too", () => {
    const e = fails(["-f", "iso", "--dry-run", "-I", `nixpkgs=${join(dir, "empty")}`], {}, { checkFiles: true });
    expect(e.field).toBe("nixpkgs");
    expect(e.fix).not.toContain(join(dir, "empty"));
    expect(e.fix).not.toMatch(/Pass -I nixpkgs=PATH/);
  });

  it("a dry run does not need TMPDIR", () => {
    expect(generate(["-f", "iso", "--dry-run"], { TMPDIR: join(dir, "gone") }, { checkFiles: true }).warnings).toEqual([]);
  });

  it("every option in the table parses", () => {
    const values: Record<string, string[]> = {
      format: ["iso"],
      "format-path": ["format.nix"],
      configuration: ["configuration.nix"],
      flake: [".#h"],
      system: ["x86_64-linux"],
      "disk-size": ["1G"],
      "special-arg": ["a", "b"],
      option: ["sandbox", "true"],
      I: ["nixpkgs=/x"],
      "out-link": ["out/result"],
      cores: ["1"],
      "max-jobs": ["1"],
      builders: [""],
      builder: ["vm"],
      timeout: ["60"],
    };
    for (const o of OPTIONS) {
      if (["help", "version", "list", "configuration", "flake", "all"].includes(o.long)) continue;
      const given = values[o.long] ?? [];
      expect(given).toHaveLength(o.values.length);
      const name = o.long.length === 1 ? `-${o.long}` : `--${o.long}`;
      const argv = o.long === "format" ? [name, ...given] : o.long === "run" ? ["--run"] : o.long === "timeout" ? ["-f", "iso", "--boot", name, ...given] : ["-f", "iso", name, ...given];
      expect(parse(argv).kind).toBe("generate");
    }
  });
});
