// The completion scripts, run in the real shells: bash always; zsh and fish
// when installed (apt-get install zsh fish), else those tests say they were skipped.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCatalogue, SYSTEMS } from "../../src/core/catalogue.js";
import { OPTIONS } from "../../src/cli/args.js";
import { BASH_FUNCTION, completionScript } from "../../src/cli/completions.js";

const catalogue = loadCatalogue();
const allNames = catalogue.formats.flatMap((f) => [f.name, ...f.aliases]);
const longOptions = OPTIONS.filter((o) => o.long.length > 1).map((o) => `--${o.long}`);
const has = (cmd: string): boolean => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();
/** The long options of the boot command: -f/--format, --system, --timeout, --help. */
const bootLong = sorted(OPTIONS.filter((o) => o.alsoFor?.includes("boot")).map((o) => `--${o.long}`));
let dir = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "ng-completions-"));
  for (const shell of ["bash", "zsh", "fish"] as const) writeFileSync(join(dir, `script.${shell}`), completionScript(shell, catalogue));
  writeFileSync(join(dir, "configuration.nix"), "{ }");
  writeFileSync(join(dir, "cfg-notes.txt"), "");
  mkdirSync(join(dir, "cfgdir"));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("bash", () => {
  function complete(words: string[], cword = words.length - 1): string[] {
    const out = execFileSync(
      "bash",
      ["-c", `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=${cword}; ${BASH_FUNCTION}; printf '%s\\n' "\${COMPREPLY[@]}"`, "bash", join(dir, "script.bash"), ...words],
      { encoding: "utf8", cwd: dir },
    );
    return sorted(out.split("\n").filter(Boolean));
  }

  it("is valid bash and registers the function", () => {
    expect(spawnSync("bash", ["-n", join(dir, "script.bash")]).status).toBe(0);
    const out = execFileSync("bash", ["-c", `source "$1"; complete -p nixos-generate`, "bash", join(dir, "script.bash")], { encoding: "utf8" });
    expect(out.trim()).toBe(`complete -F ${BASH_FUNCTION} nixos-generate`);
  });

  it("completes format names and aliases after -f and --format", () => {
    const q = sorted(allNames.filter((n) => n.startsWith("q")));
    expect(q.length).toBeGreaterThan(1);
    expect(complete(["nixos-generate", "-f", "q"])).toEqual(q);
    expect(complete(["nixos-generate", "--format", "q"])).toEqual(q);
    expect(complete(["nixos-generate", "--format", "=", "q"])).toEqual(q);
    expect(complete(["nixos-generate", "--format=q"])).toEqual(q.map((n) => `--format=${n}`));
    expect(complete(["nixos-generate", "-f", ""])).toEqual(sorted(allNames));
  });

  it("completes systems, disk sizes, shells", () => {
    expect(complete(["nixos-generate", "--system", ""])).toEqual(sorted(SYSTEMS));
    expect(complete(["nixos-generate", "--system", "aa"])).toEqual(sorted(SYSTEMS.filter((s) => s.startsWith("aa"))));
    expect(complete(["nixos-generate", "--disk-size", "a"])).toEqual(["auto"]);
    expect(complete(["nixos-generate", "completions", ""])).toEqual(["bash", "fish", "zsh"]);
  });

  it("completes files after -c and .nix files after --format-path", () => {
    expect(complete(["nixos-generate", "-c", "c"])).toEqual(["cfg-notes.txt", "cfgdir", "configuration.nix"]);
    expect(complete(["nixos-generate", "--format-path", "c"])).toEqual(["cfgdir", "configuration.nix"]);
  });

  it("completes every option, and the commands first", () => {
    expect(complete(["nixos-generate", "--"])).toEqual(sorted(longOptions));
    expect(complete(["nixos-generate", "--fl"])).toEqual(["--flake"]);
    expect(complete(["nixos-generate", ""])).toEqual(["boot", "completions", "verify"]);
    expect(complete(["nixos-generate", "verify", "x", "--"])).toEqual(sorted(OPTIONS.filter((o) => o.alsoFor?.includes("verify")).map((o) => `--${o.long}`)));
  });

  it("knows boot (its options, formats, files) and --boot/--timeout on a build", () => {
    expect(bootLong).toEqual(["--format", "--help", "--system", "--timeout"]);
    expect(complete(["nixos-generate", "boot", "x", "--"])).toEqual(bootLong);
    expect(complete(["nixos-generate", "boot", "x", "-f", "q"])).toEqual(sorted(allNames.filter((n) => n.startsWith("q"))));
    expect(complete(["nixos-generate", "boot", "conf"])).toEqual(["configuration.nix"]);
    expect(complete(["nixos-generate", "--boo"])).toEqual(["--boot"]);
    expect(complete(["nixos-generate", "-f", "raw", "--ti"])).toEqual(["--timeout"]);
  });

  it("offers nothing for free-form values", () => {
    expect(complete(["nixos-generate", "--special-arg", ""])).toEqual([]);
    expect(complete(["nixos-generate", "--special-arg", "name", ""])).toEqual([]);
    expect(complete(["nixos-generate", "--cores", ""])).toEqual([]);
  });
});

// zsh: run an interactive zsh in a pseudo-terminal (zsh/zpty), press Tab, and
// collect what the completion system offers (compadd is wrapped to print it).
const ZSH_CAPTURE = `
zmodload zsh/zpty || exit 3
script=$1 line=$2 dump=$3
zpty z zsh -f -i
zpty -w z "PROMPT=''; RPROMPT=''"
zpty -w z "autoload -Uz compinit; compinit -u -d \${(q)dump}"
zpty -w z "source \${(q)script}"
zpty -w z 'compadd () { if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\\ * ]]; then builtin compadd "$@"; return $?; fi; typeset -a __hits; builtin compadd -A __hits "$@"; (( $#__hits )) || return 1; print -r -- "<HIT>\${(j:<SEP>:)__hits}</HIT>" > /dev/tty; builtin compadd "$@" }'
zpty -w z 'zle -C _cap complete-word _main_complete; bindkey "^I" _cap; bindkey "^X" kill-whole-line'
zpty -w z "print '<READY>'"
zpty -r z out '*<READY>*<READY>*' || exit 4
zpty -w -n z "$line"$'\\t'
sleep 0.3
zpty -w -n z $'\\x18'
zpty -w z "print '<DONE>'"
zpty -r z out '*<DONE>*<DONE>*' || exit 5
print -r -- "$out"
zpty -d z
`;

describe.skipIf(!has("zsh"))("zsh (skipped when zsh is not installed)", () => {
  function complete(line: string): string[] {
    const capture = join(dir, "capture.zsh");
    writeFileSync(capture, ZSH_CAPTURE);
    const out = execFileSync("zsh", ["-f", capture, join(dir, "script.zsh"), line, join(dir, "zcompdump")], { encoding: "utf8", cwd: dir, timeout: 20_000 });
    expect(out).not.toMatch(/command not found|unmatched|parse error|bad pattern/);
    const hits = [...out.matchAll(/<HIT>(.*?)<\/HIT>/g)].flatMap((m) => (m[1] ?? "").split("<SEP>"));
    return sorted(hits.map((h) => h.replace(/\r/g, "")));
  }

  it("is valid zsh", () => {
    expect(spawnSync("zsh", ["-n", join(dir, "script.zsh")]).status).toBe(0);
  });

  it("completes formats and aliases, systems, options, commands, shells", () => {
    const q = sorted(allNames.filter((n) => n.startsWith("q")));
    expect(complete("nixos-generate -f q")).toEqual(q);
    expect(complete("nixos-generate --format=sd")).toEqual(sorted(allNames.filter((n) => n.startsWith("sd"))));
    expect(complete("nixos-generate --system ")).toEqual(sorted(SYSTEMS));
    expect(complete("nixos-generate --fl")).toEqual(["--flake"]);
    expect(complete("nixos-generate -c x --fl")).toEqual([]);
    expect(complete("nixos-generate ")).toEqual(["boot", "completions", "verify"]);
    expect(complete("nixos-generate completions ")).toEqual(["bash", "fish", "zsh"]);
    expect(complete("nixos-generate -c conf")).toEqual(["configuration.nix"]);
  });

  it("knows boot (its options, formats, files) and --boot/--timeout on a build", () => {
    expect(complete("nixos-generate boot x --")).toEqual(bootLong);
    expect(complete("nixos-generate boot x -f q")).toEqual(sorted(allNames.filter((n) => n.startsWith("q"))));
    expect(complete("nixos-generate boot x --system ")).toEqual(sorted(SYSTEMS));
    expect(complete("nixos-generate boot conf")).toEqual(["configuration.nix"]);
    expect(complete("nixos-generate --boo")).toEqual(["--boot"]);
    expect(complete("nixos-generate -f raw --ti")).toEqual(["--timeout"]);
  });
});

describe.skipIf(!has("fish"))("fish (skipped when fish is not installed)", () => {
  function complete(line: string): string[] {
    const out = execFileSync("fish", ["--no-config", "-c", `source $argv[1]; complete -C $argv[2]`, join(dir, "script.fish"), line], { encoding: "utf8", cwd: dir });
    return sorted(out.split("\n").filter(Boolean).map((l) => l.split("\t")[0] ?? ""));
  }

  it("is valid fish", () => {
    expect(spawnSync("fish", ["--no-execute", join(dir, "script.fish")]).status).toBe(0);
  });

  it("completes formats and aliases with descriptions", () => {
    expect(complete("nixos-generate -f q")).toEqual(sorted(allNames.filter((n) => n.startsWith("q"))));
    const out = execFileSync("fish", ["--no-config", "-c", `source $argv[1]; complete -C "nixos-generate -f qemu"`, join(dir, "script.fish")], { encoding: "utf8" });
    const qemu = catalogue.lookup("qemu");
    expect(out).toContain(`qemu\talias of ${qemu?.name}`);
    const iso = catalogue.lookup("iso");
    expect(execFileSync("fish", ["--no-config", "-c", `source $argv[1]; complete -C "nixos-generate --format iso"`, join(dir, "script.fish")], { encoding: "utf8" })).toContain(
      `iso\t${iso?.description}`,
    );
  });

  it("completes systems, options, commands, shells and files", () => {
    expect(complete("nixos-generate --system ")).toEqual(sorted(SYSTEMS));
    expect(complete("nixos-generate --fl")).toEqual(["--flake"]);
    expect(complete("nixos-generate completions ")).toEqual(["bash", "fish", "zsh"]);
    expect(complete("nixos-generate -c conf")).toEqual(["configuration.nix"]);
    expect(complete("nixos-generate verify x --")).toEqual(sorted(OPTIONS.filter((o) => o.alsoFor?.includes("verify")).map((o) => `--${o.long}`)));
  });

  it("knows boot (its options, formats, files) and --boot/--timeout on a build", () => {
    expect(complete("nixos-generate boot x --")).toEqual(bootLong);
    expect(complete("nixos-generate boot x --js")).toEqual([]);
    expect(complete("nixos-generate boot x -f q")).toEqual(sorted(allNames.filter((n) => n.startsWith("q"))));
    expect(complete("nixos-generate boot conf")).toEqual(["configuration.nix"]);
    expect(complete("nixos-generate completions --ti")).toEqual([]);
    expect(complete("nixos-generate --boo")).toEqual(["--boot"]);
    expect(complete("nixos-generate -f raw --ti")).toEqual(["--timeout"]);
  });
});
