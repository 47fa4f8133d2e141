// Shell completion scripts for nixos-generate, made from the option table and
// the catalogue: format names and aliases after -f/--format, systems after
// --system, files after -c/--format-path/-o, every option, and the commands.
import { BUILDER_CHOICES, SYSTEMS, type Catalogue } from "../core/catalogue.js";
import { OPTIONS, SHELLS, SUBCOMMANDS, type OptionSpec, type Shell, type ValueCompletion } from "./args.js";

/** The bash function the bash script defines (and registers with `complete -F`). */
export const BASH_FUNCTION = "_nixos_generate";

/** Sizes offered after --disk-size. */
const SIZE_HINTS = ["auto", "512M", "1G", "2G", "4G", "8G", "16G", "20G", "32G", "64G"];

function names(spec: OptionSpec): string[] {
  const out: string[] = [];
  if (spec.short) out.push(`-${spec.short}`);
  if (spec.long.length > 1) out.push(`--${spec.long}`);
  return out;
}

function withCompletion(kind: ValueCompletion): OptionSpec[] {
  return OPTIONS.filter((o) => o.values.length > 0 && o.complete === kind);
}

/** Single-quotes for bash and zsh. */
function shQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Single-quotes for fish (backslash escapes inside). */
function fishQuote(text: string): string {
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

function bashScript(catalogue: Catalogue): string {
  const formatWords = catalogue.formats.flatMap((f) => [f.name, ...f.aliases]).join(" ");
  const pattern = (kind: ValueCompletion): string => withCompletion(kind).flatMap(names).join("|");
  const valueTaking = OPTIONS.filter((o) => o.values.length > 0).flatMap(names).join("|");
  const generateOpts = OPTIONS.flatMap(names).join(" ");
  const verifyOpts = OPTIONS.filter((o) => o.alsoFor?.includes("verify")).flatMap(names).join(" ");
  const bootOpts = OPTIONS.filter((o) => o.alsoFor?.includes("boot")).flatMap(names).join(" ");
  const twoValue = OPTIONS.filter((o) => o.values.length === 2).flatMap(names).join("|");
  return `# bash completion for nixos-generate; load with: source <(nixos-generate completions bash)
${BASH_FUNCTION}() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" before="" prefix=""
  (( COMP_CWORD >= 1 )) && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  (( COMP_CWORD >= 2 )) && before="\${COMP_WORDS[COMP_CWORD-2]}"
  # --option=VALUE: bash splits the word at '=' (COMP_WORDBREAKS), or keeps it whole.
  if [[ $cur == "=" && $prev == --* ]]; then
    cur=""
  elif [[ $prev == "=" && $before == --* ]]; then
    prev=$before
    before=""
  elif [[ $cur == --*=* ]]; then
    prev="\${cur%%=*}"
    prefix="$prev="
    cur="\${cur#*=}"
  fi
  local formats=${shQuote(formatWords)}
  local systems=${shQuote(SYSTEMS.join(" "))}
  local sizes=${shQuote(SIZE_HINTS.join(" "))}
  local value=1
  COMPREPLY=()
  case "$prev" in
    ${pattern("format")})
      COMPREPLY=( $(compgen -W "$formats" -- "$cur") ) ;;
    ${pattern("system")})
      COMPREPLY=( $(compgen -W "$systems" -- "$cur") ) ;;
    ${pattern("builder")})
      COMPREPLY=( $(compgen -W ${shQuote(BUILDER_CHOICES.join(" "))} -- "$cur") ) ;;
    ${pattern("disk-size")})
      COMPREPLY=( $(compgen -W "$sizes" -- "$cur") ) ;;
    ${pattern("nix-file")})
      compopt -o filenames 2>/dev/null
      COMPREPLY=( $(compgen -d -- "$cur") $(compgen -f -X '!*.nix' -- "$cur") ) ;;
    ${pattern("file")})
      compopt -o filenames 2>/dev/null
      COMPREPLY=( $(compgen -f -- "$cur") ) ;;
    ${pattern("directory")})
      compopt -o filenames 2>/dev/null
      COMPREPLY=( $(compgen -d -- "$cur") ) ;;
    ${valueTaking})
      ;;
    *)
      value=0 ;;
  esac
  if (( value )); then
    [[ -n $prefix ]] && COMPREPLY=( "\${COMPREPLY[@]/#/$prefix}" )
    return 0
  fi
  case "$before" in
    ${twoValue}) return 0 ;;
  esac
  local i command=""
  for (( i = 1; i < COMP_CWORD; i++ )); do
    case "\${COMP_WORDS[i]}" in
      ${SUBCOMMANDS.map((s) => s.name).join("|")}) command="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$command" in
    completions)
      COMPREPLY=( $(compgen -W ${shQuote(SHELLS.join(" "))} -- "$cur") ); return 0 ;;
    verify)
      if [[ $cur == -* ]]; then
        COMPREPLY=( $(compgen -W ${shQuote(verifyOpts)} -- "$cur") )
      else
        compopt -o filenames 2>/dev/null
        COMPREPLY=( $(compgen -f -- "$cur") )
      fi
      return 0 ;;
    boot)
      if [[ $cur == -* ]]; then
        COMPREPLY=( $(compgen -W ${shQuote(bootOpts)} -- "$cur") )
      else
        compopt -o filenames 2>/dev/null
        COMPREPLY=( $(compgen -f -- "$cur") )
      fi
      return 0 ;;
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=( $(compgen -W ${shQuote(generateOpts)} -- "$cur") )
  elif (( COMP_CWORD == 1 )); then
    COMPREPLY=( $(compgen -W ${shQuote(SUBCOMMANDS.map((s) => s.name).join(" "))} -- "$cur") )
  fi
  return 0
}
complete -F ${BASH_FUNCTION} nixos-generate
`;
}

/** Text inside zsh's _arguments [explanation]: brackets escaped, single-quote safe. */
function zshExplain(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\[/g, "\\[").replace(/\]/g, "\\]");
}

/** The zsh function offering the formats and aliases with their descriptions. */
const ZSH_FORMATS = "_nixos-generate_formats";

function zshAction(kind: ValueCompletion): string {
  switch (kind) {
    case "format":
      return ZSH_FORMATS;
    case "system":
      return `(${SYSTEMS.join(" ")})`;
    case "builder":
      return `(${BUILDER_CHOICES.join(" ")})`;
    case "disk-size":
      return `(${SIZE_HINTS.join(" ")})`;
    case "file":
      return "_files";
    case "nix-file":
      return "_files -g '*.nix(-.)'";
    case "directory":
      return "_files -/";
    case "none":
      return " ";
  }
}

function zshSpecs(options: readonly OptionSpec[], forVerify: boolean): string[] {
  const exclusive: Record<string, string> = {
    configuration: "(-c --configuration --flake)",
    flake: "(-c --configuration --flake)",
  };
  return options.flatMap((o) => {
    const explain = `[${zshExplain(o.help)}]`;
    const args =
      o.values.length === 0
        ? ""
        : o.values.map((v, i) => `:${v.toLowerCase()}:${i === 0 ? zshAction(o.complete) : " "}`).join("");
    const repeat = o.repeatable && !forVerify ? "*" : "";
    const group = exclusive[o.long] ?? "";
    const forms: string[] = [];
    if (o.short) forms.push(`-${o.short}${o.values.length === 1 ? "+" : ""}`);
    if (o.long.length > 1) forms.push(`--${o.long}${o.values.length === 1 ? "=" : ""}`);
    const prefix = repeat || group || (forms.length > 1 ? `(${names(o).join(" ")})` : "");
    return forms.map((form) => shQuote(`${prefix}${form}${explain}${args}`));
  });
}

function zshScript(catalogue: Catalogue): string {
  const generate = zshSpecs(OPTIONS, false);
  const verify = zshSpecs(OPTIONS.filter((o) => o.alsoFor?.includes("verify")), true);
  const boot = zshSpecs(OPTIONS.filter((o) => o.alsoFor?.includes("boot")), true);
  const describe = (items: readonly (readonly [string, string])[]): string =>
    items.map(([n, d]) => `    ${shQuote(`${n.replace(/:/g, "\\:")}:${d}`)}`).join("\n");
  const formatItems = catalogue.formats.flatMap((f) => [
    [f.name, f.description] as const,
    ...f.aliases.map((a) => [a, `alias of ${f.name}`] as const),
  ]);
  const indent = "    ";
  return `#compdef nixos-generate
# zsh completion for nixos-generate; load with: source <(nixos-generate completions zsh)
# (or save it as _nixos-generate in a directory on $fpath)
${ZSH_FORMATS}() {
  local -a formats
  formats=(
${describe(formatItems)}
  )
  _describe -t formats 'format' formats
}
_nixos-generate_commands() {
  local -a commands
  commands=(
${describe(SUBCOMMANDS.map((c) => [c.name, c.help] as const))}
  )
  _describe -t commands 'command' commands
}
_nixos-generate() {
  if [[ \${words[2]} == completions ]]; then
    (( CURRENT == 3 )) && _values 'shell' ${SHELLS.join(" ")}
    return
  fi
  if [[ \${words[2]} == verify ]]; then
    shift words
    (( CURRENT-- ))
    _arguments -s \\
${verify.map((s) => `${indent}${s} \\`).join("\n")}
${indent}':image file:_files'
    return
  fi
  if [[ \${words[2]} == boot ]]; then
    shift words
    (( CURRENT-- ))
    _arguments -s \\
${boot.map((s) => `${indent}${s} \\`).join("\n")}
${indent}':image file:_files'
    return
  fi
  _arguments -s -S \\
${generate.map((s) => `${indent}${s} \\`).join("\n")}
${indent}'1:command:_nixos-generate_commands'
}
if [[ $funcstack[1] == _nixos-generate ]]; then
  _nixos-generate "$@"
else
  compdef _nixos-generate nixos-generate
fi
`;
}

/** The fish function that prints "NAME<tab>DESCRIPTION" for each format and alias. */
const FISH_FORMATS = "__nixos_generate_formats";

function fishScript(catalogue: Catalogue): string {
  const cmd = "complete -c nixos-generate";
  const sub = SUBCOMMANDS.map((s) => s.name).join(" ");
  const notSub = `-n ${fishQuote(`not __fish_seen_subcommand_from ${sub}`)}`;
  // verify and boot take an image file; an option is offered before any command, or in the commands it applies to.
  const withFile = `-n ${fishQuote("__fish_seen_subcommand_from verify boot")}`;
  const offered = (o: OptionSpec): string =>
    o.alsoFor && o.alsoFor.length > 0 ? `-n ${fishQuote(`not __fish_seen_subcommand_from ${sub}; or __fish_seen_subcommand_from ${o.alsoFor.join(" ")}`)}` : notSub;
  const lines: string[] = [
    "# fish completion for nixos-generate; load with: nixos-generate completions fish | source",
    `function ${FISH_FORMATS}`,
    `    printf '%s\\t%s\\n' ${catalogue.formats
      .flatMap((f) => [[f.name, f.description], ...f.aliases.map((a) => [a, `alias of ${f.name}`])])
      .map(([n, d]) => `${fishQuote(n ?? "")} ${fishQuote(d ?? "")}`)
      .join(" ")}`,
    "end",
    `${cmd} -f`,
    ...SUBCOMMANDS.map((s) => `${cmd} -n __fish_use_subcommand -a ${s.name} -d ${fishQuote(s.help)}`),
    `${cmd} -n ${fishQuote("__fish_seen_subcommand_from completions")} -a ${fishQuote(SHELLS.join(" "))}`,
    `${cmd} ${withFile} -F`,
  ];
  for (const o of OPTIONS) {
    const flags = [o.short ? `-s ${o.short}` : "", o.long.length > 1 ? `-l ${o.long}` : ""].filter(Boolean).join(" ");
    const base = `${cmd} ${offered(o)} ${flags}`;
    switch (o.values.length > 0 ? o.complete : "flag") {
      case "flag":
        lines.push(`${base} -d ${fishQuote(o.help)}`);
        break;
      case "format":
        lines.push(`${base} -x -a ${fishQuote(`(${FISH_FORMATS})`)} -d ${fishQuote(o.help)}`);
        break;
      case "system":
        lines.push(`${base} -x -a ${fishQuote(SYSTEMS.join(" "))} -d ${fishQuote(o.help)}`);
        break;
      case "builder":
        lines.push(`${base} -x -a ${fishQuote(BUILDER_CHOICES.join(" "))} -d ${fishQuote(o.help)}`);
        break;
      case "disk-size":
        lines.push(`${base} -x -a ${fishQuote(SIZE_HINTS.join(" "))} -d ${fishQuote(o.help)}`);
        break;
      case "file":
      case "nix-file":
        lines.push(`${base} -r -F -d ${fishQuote(o.help)}`);
        break;
      case "directory":
        lines.push(`${base} -x -a ${fishQuote("(__fish_complete_directories)")} -d ${fishQuote(o.help)}`);
        break;
      default:
        lines.push(`${base} -x -d ${fishQuote(o.help)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The completion script for `shell`, listing the formats of `catalogue`. */
export function completionScript(shell: Shell, catalogue: Catalogue): string {
  switch (shell) {
    case "bash":
      return bashScript(catalogue);
    case "zsh":
      return zshScript(catalogue);
    case "fish":
      return fishScript(catalogue);
  }
}
