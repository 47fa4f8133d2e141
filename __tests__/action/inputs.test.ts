// The action's plan mode and its input checks, through the bundle as a runner
// runs it. None of this needs Nix: plan mode reads the catalogue only, and bad
// inputs are refused before any Nix call (Nix is kept out of reach here).
import { dirname } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/core/catalogue.js";
import { startGitHubTestServers, type GitHubTestServers } from "../servers/index.js";
import { NODE, actionDir, actionYmlInputs, runAction, type ActionRun } from "./harness.js";

/** No Nix on PATH, and Nix calls sent to a directory that does not exist. */
const RUNNER = { "x86_64-linux": "ubuntu-latest", "aarch64-linux": "ubuntu-24.04-arm" } as const;
const NO_NIX = { PATH: dirname(NODE), NIXOS_GENERATORS_NIX_BIN: "/nonexistent/nix-bin" };

let servers: GitHubTestServers;

beforeAll(async () => {
  await actionDir();
  servers = await startGitHubTestServers();
}, 600_000);

afterAll(async () => {
  await servers?.stop();
});

function nothingUploaded(): void {
  expect(servers.results.artifacts).toEqual([]);
  expect(servers.results.cacheEntries).toEqual([]);
  expect(servers.results.calls).toEqual([]);
  expect(servers.github.releases).toEqual([]);
  expect(servers.github.requests).toEqual([]);
}

describe("action.yml", () => {
  it("declares every input the action reads, each with a description and a default, and runs on node24", async () => {
    const { INPUT_NAMES, DEFAULT_NIX_INSTALLER_URL, DEFAULT_NIX_INSTALLER_SHA256 } = await import("../../src/action/inputs.js");
    const declared = actionYmlInputs();
    expect([...declared.keys()].sort()).toEqual([...INPUT_NAMES].sort());
    const text = (await import("node:fs")).readFileSync(new URL("../../action.yml", import.meta.url), "utf8");
    for (const name of INPUT_NAMES) expect(text).toMatch(new RegExp(`\\n  ${name}:\\n    description: `));
    expect(declared.get("github-token")).toBe("${{ github.token }}");
    expect(declared.get("out-dir")).toBe("${{ runner.temp }}/nixos-images");
    expect(declared.get("mode")).toBe("build");
    expect(declared.get("upload")).toBe("artifact");
    expect(declared.get("artifact-name")).toBe("<format>-<system>");
    // The installer pinned in action.yml is the one the code falls back to.
    expect(declared.get("nix-installer-url")).toBe(DEFAULT_NIX_INSTALLER_URL);
    expect(declared.get("nix-installer-sha256")).toBe(DEFAULT_NIX_INSTALLER_SHA256);
    expect(text).toMatch(/\nruns:\n {2}using: node24\n {2}main: dist\/index\.js\n/);
    for (const output of ["matrix", "images", "artifact-ids"]) expect(text).toMatch(new RegExp(`\\n  ${output}:\\n    description: `));
  });
});

describe("plan mode", () => {
  it("formats 'all' on two systems: the catalogue's matrix, without Nix (its time is in bench/startup.mjs)", async () => {
    const run = await runAction({
      inputs: { mode: "plan", formats: "all", system: "x86_64-linux\naarch64-linux" },
      env: { ...servers.env, ...NO_NIX },
      token: servers.tokens.write,
    });
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.log).not.toMatch(/Set up Nix|evaluating/);

    const catalogue = loadCatalogue();
    const expected = catalogue.formats.flatMap((f) =>
      (["x86_64-linux", "aarch64-linux"] as const).filter((s) => f.systems.includes(s)).map((system) => ({ format: f.name, system, custom: false, kvm: f.needsKvm, runner: RUNNER[system] })),
    );
    const matrix = JSON.parse(run.outputs.matrix ?? "null") as { include: { format: string; system: string }[] };
    expect(matrix).toEqual({ include: expected });
    // Every format is there, the single-system ones once.
    expect(new Set(matrix.include.map((m) => m.format))).toEqual(new Set(catalogue.formats.map((f) => f.name)));
    expect(matrix.include.filter((m) => m.format === "sd-aarch64")).toEqual([{ format: "sd-aarch64", system: "aarch64-linux", custom: false, kvm: false, runner: "ubuntu-24.04-arm" }]);
    expect(matrix.include.filter((m) => m.format === "vmware")).toEqual([{ format: "vmware", system: "x86_64-linux", custom: false, kvm: true, runner: "ubuntu-latest" }]);
    expect(matrix.include).toHaveLength(expected.length);
    expect(Object.keys(run.outputs)).toEqual(["matrix"]);

    expect(run.summary).toContain("## NixOS image matrix");
    expect(run.summary).toContain(`${expected.length} images: ${catalogue.formats.length} formats × x86_64-linux, aarch64-linux.`);
    for (const { format, system } of expected) expect(run.summary).toMatch(new RegExp(`\\| ${format} \\| ${system} \\|`));
    expect(run.summary).toContain("| proxmox | x86_64-linux | vma (zstd) | *.vma.zst |");
    nothingUploaded();
  });

  it("aliases become catalogue names, comma and newline lists mix, and the system defaults to the runner's", async () => {
    const run = await runAction({ inputs: { mode: "plan", formats: "qemu, iso\n  digital-ocean,qemu" }, env: NO_NIX });
    expect(run.code).toBe(0);
    const host = process.arch === "arm64" ? "aarch64-linux" : "x86_64-linux";
    expect(JSON.parse(run.outputs.matrix ?? "")).toEqual({
      include: [
        { format: "qcow", system: host, custom: false, kvm: true, runner: RUNNER[host] },
        { format: "iso", system: host, custom: false, kvm: false, runner: RUNNER[host] },
        { format: "do", system: host, custom: false, kvm: true, runner: RUNNER[host] },
      ],
    });
    expect(run.summary).toContain("3 images: 3 formats");
  });

  it("the README's matrix example: the pairs that exist, a runner and the KVM need each, and a notice for what was left out", async () => {
    const run = await runAction({ inputs: { mode: "plan", formats: "iso, qcow-efi, raw-efi, sd-aarch64", system: "x86_64-linux\naarch64-linux" }, env: NO_NIX });
    expect(run.errors).toEqual([]);
    expect(run.code).toBe(0);
    const matrix = JSON.parse(run.outputs.matrix ?? "") as { include: { format: string; system: string; kvm: boolean; runner: string }[] };
    expect(matrix.include.map((m) => `${m.format}/${m.system}/${m.runner}/${m.kvm ? "kvm" : "-"}`)).toEqual([
      "iso/x86_64-linux/ubuntu-latest/-",
      "iso/aarch64-linux/ubuntu-24.04-arm/-",
      "qcow-efi/x86_64-linux/ubuntu-latest/kvm",
      "qcow-efi/aarch64-linux/ubuntu-24.04-arm/kvm",
      "raw-efi/x86_64-linux/ubuntu-latest/kvm",
      "raw-efi/aarch64-linux/ubuntu-24.04-arm/kvm",
      "sd-aarch64/aarch64-linux/ubuntu-24.04-arm/-",
    ]);
    expect(run.stdout).toContain("::notice::Left out of the matrix, as these formats are not built for these systems: sd-aarch64 (x86_64-linux).");
    console.log(`README matrix example, plan output: ${run.outputs.matrix}`);
  });

  it("builder: repart builds the UEFI disks without KVM: the matrix says which entries need it", async () => {
    const run = await runAction({ inputs: { mode: "plan", formats: "qcow-efi, iso", system: "aarch64-linux", builder: "repart" }, env: NO_NIX });
    expect(run.code).toBe(2);
    expect(run.errors[0]?.message).toMatch(/^The input 'builder' is not valid: the repart builder cannot make 'iso'/);
    const repart = await runAction({ inputs: { mode: "plan", formats: "qcow-efi, amazon", system: "aarch64-linux", builder: "repart" }, env: NO_NIX });
    expect(JSON.parse(repart.outputs.matrix ?? "").include.map((m: { kvm: boolean }) => m.kvm)).toEqual([false, false]);
    const vm = await runAction({ inputs: { mode: "plan", formats: "qcow-efi, amazon", system: "aarch64-linux" }, env: NO_NIX });
    expect(JSON.parse(vm.outputs.matrix ?? "").include.map((m: { kvm: boolean }) => m.kvm)).toEqual([true, true]);
  });

  it("with a flake, a name the catalogue lacks is the configuration's own format, marked custom in the matrix", async () => {
    const run = await runAction({
      inputs: { mode: "plan", flake: "github:me/infra#web", formats: "qcow, my-format", system: "x86_64-linux\naarch64-linux" },
      env: NO_NIX,
    });
    expect(run.errors).toEqual([]);
    expect(JSON.parse(run.outputs.matrix ?? "")).toEqual({
      include: [
        { format: "qcow", system: "x86_64-linux", custom: false, kvm: true, runner: "ubuntu-latest" },
        { format: "qcow", system: "aarch64-linux", custom: false, kvm: true, runner: "ubuntu-24.04-arm" },
        { format: "my-format", system: "x86_64-linux", custom: true, kvm: false, runner: "ubuntu-latest" },
        { format: "my-format", system: "aarch64-linux", custom: true, kvm: false, runner: "ubuntu-24.04-arm" },
      ],
    });
    expect(run.summary).toContain("| my-format | x86_64-linux |  | custom format |");
  });
});

interface BadInput {
  name: string;
  inputs: Record<string, string>;
  env?: Record<string, string>;
  /** The one error message (problem and fix) must match all of these. */
  message: RegExp[];
  code?: number;
  /** Text that must appear nowhere in the log or the summary. */
  absent?: string;
}

const BAD_INPUTS: BadInput[] = [
  {
    name: "an unknown format",
    inputs: { formats: "qcow, qcw" },
    message: [/^The input 'formats' is not valid: unknown format 'qcw'\./, /Did you mean 'qcow'/],
  },
  {
    name: "a decimal disk-size unit",
    inputs: { formats: "qcow", "disk-size": "20GB" },
    message: [/^The input 'disk-size' is not valid: invalid disk size '20GB': the unit 'GB' is not accepted/, /20G/],
  },
  {
    name: "a disk-size that is not a size",
    inputs: { formats: "qcow", "disk-size": "big" },
    message: [/^The input 'disk-size' is not valid: invalid disk size 'big'/],
  },
  {
    name: "disk-size auto for a format that needs a fixed size",
    inputs: { formats: "vmware", "disk-size": "auto" },
    message: [/^The input 'disk-size' is not valid: disk size 'auto' is not possible for 'vmware'/, /disk-size: 20G/],
  },
  {
    name: "a mode that is not plan or build",
    inputs: { formats: "qcow", mode: "Build" },
    message: [/^The input 'mode' is 'Build', which is not one of 'plan', 'build', 'publish'\./, /Write 'build'/],
  },
  {
    name: "an upload that is not artifact, release or none",
    inputs: { formats: "qcow", upload: "s3" },
    message: [/^The input 'upload' is 's3'/, /'artifact' or 'release' or 'none'/],
  },
  {
    name: "upload release on a branch push without release-tag",
    inputs: { formats: "qcow", upload: "release" },
    message: [/^The input 'release-tag' is empty, and this run was not started by a tag \(GITHUB_REF is 'refs\/heads\/main'\)/, /Set release-tag:/],
  },
  {
    name: "config and flake together",
    inputs: { formats: "qcow", config: "./configuration.nix", flake: ".#web" },
    message: [/^The inputs 'config' \(\.\/configuration\.nix\) and 'flake' \(\.#web\) were both given\./, /not both/],
  },
  {
    name: "a flake without #NAME",
    inputs: { formats: "qcow", flake: "github:me/infra" },
    message: [/^The input 'flake' is not valid: the flake reference 'github:me\/infra' does not name a configuration/],
  },
  {
    name: "a configuration file that does not exist",
    inputs: { formats: "qcow", config: "./missing.nix" },
    message: [/^The input 'config' is not valid: the configuration file \.\/missing\.nix does not exist/, /Set config: to the path of/],
  },
  {
    name: "an unknown system",
    inputs: { formats: "qcow", system: "arm64" },
    message: [/^The input 'system' is not valid: unknown system 'arm64'\./, /Did you mean 'aarch64-linux'\?/],
  },
  {
    name: "a format the system does not have",
    inputs: { formats: "sd-aarch64", system: "x86_64-linux" },
    message: [/^The input 'formats' is not valid: format 'sd-aarch64' is not available for x86_64-linux/, /system: aarch64-linux/],
  },
  {
    name: "'all' with other formats",
    inputs: { formats: "all\nqcow" },
    message: [/^The input 'formats' gives 'all' together with qcow\./],
  },
  {
    name: "no formats",
    inputs: { formats: "  " },
    message: [/^The input 'formats' is empty/],
  },
  {
    name: "a special-args line that is not name=value",
    inputs: { formats: "qcow", "special-args": "hostName=web1\njust text" },
    message: [/^The input 'special-args' line 2 \('just text'\) is not 'name=value'\./],
  },
  {
    name: "special-args JSON that is not an object of strings",
    inputs: { formats: "qcow", "special-args": '{"hostName": ["a"]}' },
    message: [/^The input 'special-args' gives 'hostName' a list; the values are passed as Nix strings\./],
  },
  {
    name: "retention-days that is not a number of days",
    inputs: { formats: "qcow", "retention-days": "two weeks" },
    message: [/^The input 'retention-days' is 'two weeks'/],
  },
  {
    name: "an artifact-name with an unknown placeholder",
    inputs: { formats: "qcow", "artifact-name": "nixos-<arch>" },
    message: [/^The input 'artifact-name' is not valid: the artifact name template 'nixos-<arch>' uses the unknown placeholder <arch>/],
  },
  {
    name: "a cache value that is not a boolean",
    inputs: { formats: "qcow", cache: "yes" },
    message: [/^The input 'cache' is 'yes', which is not a boolean\./],
  },
  {
    name: "a nix-installer-sha256 that is not a SHA-256",
    inputs: { formats: "qcow", "nix-installer-sha256": "abc123" },
    message: [/^The input 'nix-installer-sha256' is 'abc123'/],
  },
  {
    name: "a nixpkgs path that does not exist",
    inputs: { formats: "qcow", nixpkgs: "./no-nixpkgs" },
    message: [/^The input 'nixpkgs' is not valid: the nixpkgs \.\/no-nixpkgs \(\/.*\/no-nixpkgs\) does not exist\./, /Set nixpkgs: to a nixpkgs checkout/],
  },
  {
    name: "a nixpkgs directory that is not nixpkgs",
    inputs: { formats: "qcow", nixpkgs: "/etc" },
    message: [/^The input 'nixpkgs' is not valid: the nixpkgs \/etc is not a nixpkgs tree: it has no lib\/default\.nix and no nixos\/lib\/eval-config\.nix\./],
  },
  {
    name: "a release-tag that is a full tag ref",
    inputs: { formats: "qcow", upload: "release", "release-tag": "refs/tags/v1.0" },
    message: [/^The input 'release-tag' is 'refs\/tags\/v1\.0', a full git ref, not a tag name\./, /Give the bare tag: release-tag: v1\.0/],
  },
  {
    name: "a release-tag with '..'",
    inputs: { formats: "qcow", upload: "release", "release-tag": "v1..2" },
    message: [/^The input 'release-tag' is 'v1\.\.2', which is not a valid git tag name: it contains '\.\.'\./, /git check-ref-format/],
  },
  {
    name: "a release-tag ending in .lock",
    inputs: { formats: "qcow", upload: "release", "release-tag": "v1.lock" },
    message: [/its part 'v1\.lock' ends with '\.lock'/],
  },
  {
    name: "attest with an empty github-token",
    inputs: { formats: "qcow", attest: "true", "github-token": "" },
    message: [/^The input 'github-token' is empty, and attest: true needs it to store the attestation\./, /attestations: write/],
  },
  {
    name: "special-args as a YAML block scalar",
    inputs: { formats: "qcow", "special-args": "motd: |\n  hello\n  world" },
    message: [/^The input 'special-args' line 2 \('hello'\) is nested under line 1 \('motd: \|'\): nested YAML is not supported/],
  },
  {
    name: "special-args with a YAML flow list",
    inputs: { formats: "qcow", "special-args": "hosts: [a, b]" },
    message: [/^The input 'special-args' gives 'hosts' a YAML list \(\[a, b\]\); the values are passed as Nix strings\./, /hosts: "\[a, b\]"/],
  },
  {
    name: "a nix-installer-url with a password that is not http(s) or file (the password is not echoed)",
    inputs: { formats: "qcow", "nix-installer-url": "ftp://deploy:hunter2secret@mirror.example/install" },
    message: [/^The input 'nix-installer-url' is 'ftp:\/\/\*\*\*@mirror\.example\/install', which is not an https:\/\/, http:\/\/ or file:\/\/ URL\./],
    absent: "hunter2secret",
  },
  {
    name: "an out-dir that is a file",
    inputs: { formats: "qcow", "out-dir": "/etc/hostname" },
    message: [/^The input 'out-dir' \(\/etc\/hostname\) is a file, not a directory\./, /Set out-dir: to a directory this job may create and write/],
  },
];

describe("bad inputs", () => {
  it.each(BAD_INPUTS)("$name: exit 2, one ::error:: naming the input, nothing uploaded, Nix never called", async (bad) => {
    const run: ActionRun = await runAction({ inputs: bad.inputs, env: { ...servers.env, ...NO_NIX, ...bad.env }, token: servers.tokens.write });
    expect(run.code).toBe(bad.code ?? 2);
    expect(run.errors).toHaveLength(1);
    const [error] = run.errors;
    for (const pattern of bad.message) expect(error?.message).toMatch(pattern);
    if (bad.absent !== undefined) expect(run.stdout + run.stderr + run.summary).not.toContain(bad.absent);
    // Problem, then the fix on its own line.
    expect(error?.message.split("\n")[1]).toMatch(/^ {2}\S/);
    expect(run.log).not.toMatch(/Nix is not installed|Set up Nix/);
    // Nothing was planned: no images (the outputs are written on every outcome), and a summary, if any, says why.
    expect(JSON.parse(run.outputs.images ?? "[]")).toEqual([]);
    if (run.summary !== "") expect(run.summary).toContain(error?.message.split("\n")[0]?.slice(0, 60));
    nothingUploaded();
  });

  it("upload release takes the tag that triggered the run when release-tag is empty", async () => {
    // Past the inputs, the run stops at the missing Nix (install-nix: never): no tag error.
    const run = await runAction({
      inputs: { formats: "iso", upload: "release", "install-nix": "never" },
      env: { ...servers.env, ...NO_NIX, GITHUB_REF: "refs/tags/v1.2.3", GITHUB_REF_NAME: "v1.2.3" },
      token: servers.tokens.write,
    });
    expect(run.code).toBe(4);
    expect(run.errors).toHaveLength(1);
    expect(run.errors[0]?.message).toMatch(/^Nix is not installed: '\/nonexistent\/nix-bin\/nix' was not found on PATH\./);
    expect(run.errors[0]?.message).toMatch(/set install-nix: auto/);
    nothingUploaded();
  });
});

describe("input checks without the bundle", () => {
  it("release-tag: every name git check-ref-format refuses is refused, every name it takes is taken (but a leading '-', which git tag refuses)", async () => {
    const { releaseTagProblem } = await import("../../src/action/inputs.js");
    const { spawnSync } = await import("node:child_process");
    const names = ["v1.0", "v 1.0", "release/2024-01", "v1..0", "a/.hidden", ".v1", "v1.lock", "v1.lock/x", "v1.", "v1/", "/v1", "a//b", "v@{1}", "v@1", "@", "a~1", "a^1", "a:b", "a?", "a*", "a[1]", "a\\b", "tab\tname", "del\x7f", "é-ünïcode", "-rc1", "x.lock.y", "v1.0.0+build.5", "{}"];
    for (const name of names) {
      const git = spawnSync("git", ["check-ref-format", `refs/tags/${name}`]).status === 0;
      const ours = releaseTagProblem(name) === undefined;
      expect(ours, `${JSON.stringify(name)}: git says ${git ? "valid" : "invalid"}`).toBe(git && !name.startsWith("-"));
    }
  });

  it("special-args: flat YAML and name=value lines pass; nesting, flow collections and list items are refused", async () => {
    const { parseSpecialArgs } = await import("../../src/action/inputs.js");
    const { UserError } = await import("../../src/core/errors.js");
    expect(parseSpecialArgs("hostName: web1\nseed=3\nempty:\nquoted: \"[not a list]\"")).toEqual([
      { name: "hostName", value: "web1" },
      { name: "seed", value: "3" },
      { name: "empty", value: "" },
      { name: "quoted", value: "[not a list]" },
    ]);
    const refused = (text: string): string => {
      try {
        parseSpecialArgs(text);
      } catch (error) {
        if (error instanceof UserError) return error.problem;
        throw error;
      }
      throw new Error(`accepted: ${text}`);
    };
    expect(refused("networking:\n  hostName: web1")).toBe(
      "The input 'special-args' line 2 ('hostName: web1') is nested under line 1 ('networking:'): nested YAML is not supported, as each value is passed as one Nix string.",
    );
    expect(refused("a: 1\nusers:\n    - alice")).toMatch(/^The input 'special-args' line 3 \('- alice'\) is nested under line 2 \('users:'\)/);
    expect(refused("- alice")).toBe("The input 'special-args' line 1 ('- alice') is a YAML list item, not 'name=value'.");
    expect(refused("owner: {name: alice}")).toMatch(/gives 'owner' a YAML mapping \(\{name: alice\}\)/);
  });
});
