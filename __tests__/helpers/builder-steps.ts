// Reads the last steps of an image builder (make-disk-image.nix's postVM, or
// another builder's shell script) the way the shell runs them, far enough to
// say which files they leave in $out, what each file is (which tool wrote it,
// with which format and options, which compressors it went through) and what
// touched it afterwards. Nothing is executed: commands are tokenised like a
// shell (quotes, $(…), line continuations, pipes, redirections, heredocs),
// variables expanded, and each command is interpreted by what that tool
// does. A command this does not know is an error, so a builder that changes
// its steps makes the contract test fail until it is taught the new step.

/** One file the steps made. Paths are absolute: $out is "/out", the build directory "/build". */
export interface MadeFile {
  path: string;
  /** What it is: "raw" (a disk or file system image), a qemu-img format ("qcow2", "vpc", …), "tar", "vma", "ova", "vdi", "script". */
  kind: string;
  /** qemu-img's -o options, when qemu-img wrote it ("subformat=fixed,force_size"). */
  options: string[];
  /** Compressors it went through, innermost first ("gzip", "zstd", "xz", "pixz"). */
  compression: string[];
  /** The command that wrote it last (tool and arguments). */
  madeBy: string[];
  /** For a tar: the members named on its command line. */
  members: string[];
  /** Commands that changed it in place after it was made (truncate, growpart, …). */
  changedBy: string[][];
  /** A symbolic link to this target (ln -s). */
  linkTo?: string;
}

/** A qemu-img convert step: the format and options it was given. */
export interface ConvertStep {
  format: string;
  options: string[];
  target: string;
}

export interface StepsResult {
  files: Map<string, MadeFile>;
  converts: ConvertStep[];
  /** Every command seen, tool first (the basename of a store path). */
  commands: string[][];
}

type Token = { word: string } | { op: string };

/** Tokenise shell text: words (quotes removed later by expand), operators, newlines as ";". */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let word: string | null = null;
  const flush = () => {
    if (word !== null) tokens.push({ word });
    word = null;
  };
  const heredocs: string[] = [];
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\\" && text[i + 1] === "\n") {
      i += 2;
      continue;
    }
    if (c === "\n") {
      flush();
      tokens.push({ op: ";" });
      i++;
      // A heredoc's body follows the line that opened it: skip to its terminator.
      for (const end of heredocs.splice(0)) {
        const lines = text.slice(i).split("\n");
        let skipped = 0;
        for (const line of lines) {
          skipped += line.length + 1;
          if (line.trim() === end) break;
        }
        i += skipped;
      }
      continue;
    }
    if (word === null && c === "#") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (c === " " || c === "\t") {
      flush();
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      const end = c === "'" ? text.indexOf("'", i + 1) : closingDoubleQuote(text, i + 1);
      if (end < 0) throw new Error(`unterminated quote at ${text.slice(i, i + 40)}`);
      word = (word ?? "") + text.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (c === "$" && text[i + 1] === "(") {
      const j = closingParen(text, i + 1);
      word = (word ?? "") + text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === "<" && text[i + 1] === "<") {
      flush();
      const m = /^<<-?\s*(['"]?)([A-Za-z_]+)\1/.exec(text.slice(i));
      if (!m) throw new Error(`unreadable heredoc at ${text.slice(i, i + 40)}`);
      heredocs.push(m[2]!);
      tokens.push({ op: "<<" });
      i += m[0].length;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === ">>" || two === "&&" || two === "||") {
      flush();
      tokens.push({ op: two });
      i += 2;
      continue;
    }
    if (c === ">" || c === "|" || c === ";" || c === "<") {
      flush();
      tokens.push({ op: c });
      i++;
      continue;
    }
    word = (word ?? "") + c;
    i++;
  }
  flush();
  return tokens;
}

function closingDoubleQuote(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === "$" && text[i + 1] === "(") i = closingParen(text, i + 1);
    else if (text[i] === '"') return i;
  }
  return -1;
}

/** The index of the ")" closing the "(" at `open`, past quotes inside. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "'") i = text.indexOf("'", i + 1);
    else if (c === '"') i = closingDoubleQuote(text, i + 1);
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
    if (i < 0) break;
  }
  return text.length;
}

interface Simple {
  argv: string[];
  /** Redirections: ">" or ">>" to a target. */
  out?: { op: string; target: string };
}

/** Pipelines (lists of simple commands), split at ; && || newline. */
function pipelines(tokens: Token[]): Simple[][] {
  const result: Simple[][] = [];
  let pipeline: Simple[] = [];
  let current: { argv: string[]; out?: { op: string; target: string } } = { argv: [] };
  let pending: string | null = null;
  const endCommand = () => {
    if (current.argv.length > 0 || current.out) pipeline.push(current);
    current = { argv: [] };
  };
  const endPipeline = () => {
    endCommand();
    if (pipeline.length > 0) result.push(pipeline);
    pipeline = [];
  };
  for (const t of tokens) {
    if ("word" in t) {
      if (pending === ">" || pending === ">>") current.out = { op: pending, target: t.word };
      else if (pending === "<") {
        /* input redirection: ignored */
      } else current.argv.push(t.word);
      pending = null;
    } else if (t.op === ">" || t.op === ">>" || t.op === "<") pending = t.op;
    else if (t.op === "<<") pending = null;
    else if (t.op === "|") endCommand();
    else endPipeline();
  }
  endPipeline();
  return result;
}

const BUILD = "/build";
const OUT = "/out";

/** The tool a word names: the basename of a store path's bin/. */
export function toolName(word: string): string {
  return word.slice(word.lastIndexOf("/") + 1);
}

const COMPRESSORS = new Set(["gzip", "pigz", "zstd", "xz", "pixz", "bzip2"]);
const COMPRESSED_SUFFIX: Record<string, string> = { gzip: ".gz", pigz: ".gz", zstd: ".zst", xz: ".xz", pixz: ".xz", bzip2: ".bz2" };
/** Commands that change nothing this reads (or only nix-support, or the build directory's scratch files). */
const INERT = new Set(["mkdir", "echo", "chmod", "set", "printf", "jq", "pushd", "popd", "cd", "export", "touch", "find", "sha256sum", "true", ":", "[", "test"]);

/**
 * Interpret `script` with `vars` set (e.g. diskImage from preVM, env and
 * structured attributes). Returns the files each step left.
 */
export function readSteps(script: string, initial: Record<string, string>): StepsResult {
  const vars = new Map<string, string>(Object.entries({ out: OUT, ...initial }));
  const files = new Map<string, MadeFile>();
  const converts: ConvertStep[] = [];
  const commands: string[][] = [];
  let cwd = BUILD;
  const dirs: string[] = [];

  const expand = (word: string): string => {
    let s = "";
    for (let i = 0; i < word.length; ) {
      const c = word[i]!;
      if (c === "'") {
        const end = word.indexOf("'", i + 1);
        s += word.slice(i + 1, end);
        i = end + 1;
      } else if (c === '"') {
        i++;
      } else if (c === "\\" && i + 1 < word.length) {
        s += word[i + 1];
        i += 2;
      } else if (c === "$" && word[i + 1] === "(") {
        const j = closingParen(word, i + 1);
        s += "<command output>";
        i = j + 1;
      } else if (c === "$" && word[i + 1] === "{") {
        const end = word.indexOf("}", i);
        const inner = word.slice(i + 2, end);
        const m = /^([A-Za-z_][A-Za-z0-9_]*)(##\*\.|:-.*)?$/.exec(inner);
        const value = m ? (vars.get(m[1]!) ?? (m[2]?.startsWith(":-") ? m[2].slice(2) : `$${m[1]}`)) : `\${${inner}}`;
        s += m?.[2] === "##*." ? value.slice(value.lastIndexOf(".") + 1) : value;
        i = end + 1;
      } else if (c === "$" && /[A-Za-z_]/.test(word[i + 1] ?? "")) {
        const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(word.slice(i + 1))!;
        s += vars.get(m[0]) ?? `$${m[0]}`;
        i += 1 + m[0].length;
      } else {
        s += c;
        i++;
      }
    }
    return s;
  };
  const resolve = (p: string): string => {
    const joined = p.startsWith("/") ? p : `${cwd}/${p}`;
    const parts: string[] = [];
    for (const part of joined.split("/")) {
      if (part === "" || part === ".") continue;
      if (part === "..") parts.pop();
      else parts.push(part);
    }
    return "/" + parts.join("/");
  };
  const isDir = (p: string): boolean => p === OUT || p === BUILD || p.endsWith("/");
  const take = (path: string): MadeFile => {
    const file = files.get(path);
    return file ?? { path, kind: "raw", options: [], compression: [], madeBy: [], members: [], changedBy: [] };
  };
  const put = (file: MadeFile) => files.set(file.path, file);
  const make = (path: string, init: Partial<MadeFile> & { madeBy: string[] }): MadeFile => {
    const file: MadeFile = { path, kind: "raw", options: [], compression: [], members: [], changedBy: [], ...init };
    put(file);
    return file;
  };
  const positional = (args: string[]) => args.filter((a) => !a.startsWith("-"));
  const unknown = (argv: string[]): never => {
    throw new Error(`a builder step this test does not know: '${argv.join(" ")}' (teach __tests__/helpers/builder-steps.ts what it writes)`);
  };

  for (const pipeline of pipelines(tokenize(script))) {
    const expanded = pipeline.map((cmd) => ({ argv: cmd.argv.map(expand), out: cmd.out ? { op: cmd.out.op, target: resolve(expand(cmd.out.target)) } : undefined }));
    for (const cmd of expanded) if (cmd.argv.length > 0) commands.push([toolName(cmd.argv[0]!), ...cmd.argv.slice(1)]);
    const last = expanded[expanded.length - 1]!;
    const redirect = last.out;
    const first = expanded[0]!;
    // Assignments (VAR=value …), alone or before a command.
    while (first.argv.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(first.argv[0]!)) {
      const a = first.argv.shift()!;
      const eq = a.indexOf("=");
      vars.set(a.slice(0, eq), a.slice(eq + 1));
    }
    if (first.argv[0] === "export") {
      for (const a of first.argv.slice(1)) {
        const eq = a.indexOf("=");
        if (eq > 0) vars.set(a.slice(0, eq), a.slice(eq + 1));
      }
      continue;
    }
    if (first.argv.length === 0 && expanded.length === 1) continue;

    // A pipeline into a file: tar … | compressor > FILE (or a compressor's -c > FILE).
    if (expanded.length > 1) {
      const tools = expanded.map((c) => toolName(c.argv[0] ?? ""));
      if (tools[0] === "tar" && tools.slice(1).every((t) => COMPRESSORS.has(t)) && redirect) {
        const args = first.argv.slice(1);
        make(redirect.target, { kind: "tar", madeBy: first.argv, compression: tools.slice(1), members: positional(args.filter((a) => !/^-[A-Za-z]*[fC]$/.test(a))) });
        continue;
      }
      unknown(expanded.flatMap((c) => [...c.argv, "|"]));
    }

    const argv = first.argv;
    const tool = toolName(argv[0]!);
    const args = argv.slice(1);
    if (redirect && redirect.target.startsWith(`${OUT}/nix-support/`)) continue;
    switch (tool) {
      case "mv": {
        const [from, to] = positional(args).map(resolve) as [string, string];
        const file = take(from);
        files.delete(from);
        const target = isDir(positional(args)[1]!) || to === OUT ? `${to.replace(/\/$/, "")}/${from.slice(from.lastIndexOf("/") + 1)}` : to;
        put({ ...file, path: target });
        break;
      }
      case "cp": {
        const paths = positional(args).map(resolve);
        const to = paths.pop()!;
        for (const from of paths) put({ ...take(from), path: paths.length > 1 || isDir(positional(args).at(-1)!) ? `${to}/${from.slice(from.lastIndexOf("/") + 1)}` : to });
        break;
      }
      case "rm":
        for (const p of positional(args)) files.delete(resolve(p));
        break;
      case "ln": {
        const [target, link] = positional(args) as [string, string];
        make(resolve(link), { kind: "link", linkTo: target, madeBy: argv });
        break;
      }
      case "qemu-img": {
        if (args[0] === "info") break;
        if (args[0] !== "convert") unknown(argv);
        let format = "raw";
        const options: string[] = [];
        const rest: string[] = [];
        for (let i = 1; i < args.length; i++) {
          const a = args[i]!;
          if (a === "-O") format = args[++i]!;
          else if (a === "-o") options.push(...args[++i]!.split(","));
          else if (a === "-f") i++;
          else if (a.startsWith("-")) continue;
          else rest.push(a);
        }
        const [from, to] = rest.map(resolve) as [string, string];
        const source = take(from);
        converts.push({ format, options, target: to });
        make(to, { kind: format === "raw" ? "raw" : format, options, madeBy: argv, compression: [], members: source.members });
        break;
      }
      case "truncate":
      case "growpart":
      case "dd":
      case "sfdisk":
      case "parted":
      case "mkfs.vfat":
      case "mkfs.ext4":
      case "fsck.vfat":
      case "tune2fs": {
        const target =
          tool === "dd" ? (/^of=(.*)$/.exec(args.find((a) => a.startsWith("of=")) ?? "")?.[1] ?? unknown(argv)) : tool === "growpart" ? positional(args)[0]! : positional(args).at(-1)!;
        const path = resolve(tool === "truncate" ? positional(args.filter((a, i) => args[i - 1] !== "-s")).at(-1)! : target);
        const file = files.get(path);
        if (file) file.changedBy.push(argv);
        else make(path, { kind: "raw", madeBy: argv });
        break;
      }
      case "gzip":
      case "pigz":
      case "zstd":
      case "xz":
      case "pixz":
      case "bzip2": {
        const decompress = args.includes("-d");
        const inputs = positional(args.filter((a, i) => !/^-[oT]$/.test(args[i - 1] ?? "")));
        const from = resolve(inputs[0]!);
        const source = take(from);
        const explicit = args.includes("-o") ? resolve(args[args.indexOf("-o") + 1]!) : undefined;
        const to = redirect?.target ?? explicit ?? (decompress ? from.replace(/\.[a-z0-9]+$/, "") : `${from}${COMPRESSED_SUFFIX[tool]}`);
        const keeps = args.includes("-c") || args.includes("-k") || (["zstd", "pixz"].includes(tool) && !args.includes("--rm"));
        if (!keeps) files.delete(from);
        make(to, { ...source, path: to, changedBy: [], madeBy: argv, compression: decompress ? source.compression.slice(0, -1) : [...source.compression, tool] });
        break;
      }
      case "tar": {
        const create = args.some((a) => /^-?[A-Za-z]*c[A-Za-z]*f?$/.test(a) && !a.startsWith("--"));
        if (!create) break; // extraction into the build directory
        const fIndex = args.findIndex((a) => /^-?[A-Za-z]*f$/.test(a) && !a.startsWith("--"));
        const target = fIndex >= 0 ? args[fIndex + 1]! : undefined;
        const gz = args.some((a) => /^-[A-Za-z]*z/.test(a) && !a.startsWith("--"));
        const members = positional(args.filter((_, i) => i !== fIndex + 1)).filter((a) => !a.startsWith("--"));
        if (target === "-" && redirect) {
          const existing = files.get(redirect.target);
          if (redirect.op === ">>" && existing) existing.members.push(...members);
          else make(redirect.target, { kind: "tar", madeBy: argv, members });
        } else if (target) make(resolve(target), { kind: "tar", madeBy: argv, members, compression: gz ? ["gzip"] : [] });
        else unknown(argv);
        break;
      }
      case "cat":
        if (redirect) make(redirect.target, { kind: "script", madeBy: argv });
        break;
      case "vma": {
        if (args[0] !== "create") unknown(argv);
        make(resolve(args[1]!), { kind: "vma", madeBy: argv, members: args.filter((a) => a.includes("=")) });
        break;
      }
      case "VBoxManage": {
        if (args[0] === "convertfromraw") make(resolve(args[2]!), { kind: "vdi", madeBy: argv });
        else if (args[0] === "export") make(resolve(args[args.indexOf("--output") + 1]!), { kind: "ova", madeBy: argv });
        break;
      }
      default:
        if (tool === "pushd") {
          dirs.push(cwd);
          cwd = resolve(args[0]!);
        } else if (tool === "popd") cwd = dirs.pop() ?? BUILD;
        else if (tool === "cd") cwd = resolve(args[0] ?? BUILD);
        else if (!INERT.has(tool)) unknown(argv);
        else if (redirect && !redirect.target.startsWith(`${BUILD}/`)) make(redirect.target, { kind: "text", madeBy: argv });
    }
  }
  return { files, converts, commands };
}

/** The files the steps left in $out (not nix-support), by path below $out. */
export function outputFiles(result: StepsResult): Map<string, MadeFile> {
  const out = new Map<string, MadeFile>();
  for (const [path, file] of result.files) {
    if (path.startsWith(`${OUT}/`) && !path.startsWith(`${OUT}/nix-support/`)) out.set(path.slice(OUT.length + 1), file);
    if (path === OUT) out.set("", file);
  }
  return out;
}
