// Reads a booting system's serial console: the stages it passes (progress) and
// the verdict. Pure: feed it text as it comes, ask it what it saw.
//
//   booted: "Reached target Multi-User System" / "Reached target
//           multi-user.target", or a login prompt ("login:")
//   failed: "Kernel panic - not syncing", emergency mode ("You are in
//           emergency mode", "emergency.target")
// A hang (no output for a while) and the timeout are the runner's to judge.

export const STAGES = ["firmware", "boot loader", "kernel", "stage 1", "stage 2", "target reached"] as const;
export type Stage = (typeof STAGES)[number];

export type Verdict = { ok: true; reason: string } | { ok: false; kind: "panic" | "emergency"; reason: string };

const STAGE_PATTERNS: readonly [Stage, RegExp][] = [
  ["firmware", /SeaBIOS|BdsDxe|UEFI (?:Interactive Shell|firmware)|EDK II|Press ESC in \d+ seconds|iPXE/],
  ["boot loader", /SYSLINUX \d|ISOLINUX \d|EXTLINUX \d|GNU GRUB|Welcome to GRUB|systemd-boot|Booting `|Loading Linux|EFI stub:/],
  ["kernel", /Linux version \d/],
  ["stage 1", /<<< NixOS Stage 1 >>>|Run \/init as init process/],
  ["stage 2", /<<< NixOS Stage 2 >>>|systemd\[1\]: |Welcome to .*NixOS/],
];

const BOOTED: readonly RegExp[] = [/Reached target (?:Multi-User System|multi-user\.target)/, /login: *$/];
const PANIC = /Kernel panic - not syncing/;
const EMERGENCY = /You are in emergency mode|emergency\.target|Entering emergency mode/;

/** A console's text without terminal escapes and carriage returns, as lines. */
export function plainText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, "").replace(/\x1b[()][0-9A-B]/g, "").replace(/\r/g, "");
}

export class ConsoleWatcher {
  private buffer = "";
  private readonly lines: string[] = [];
  private readonly seen = new Set<Stage>();
  private decided: Verdict | undefined;

  /** Feeds console output; returns the stages first seen in it, in order. */
  feed(chunk: string): Stage[] {
    const fresh: Stage[] = [];
    // Escapes are removed per line: a chunk may end inside one.
    this.buffer += chunk;
    const parts = this.buffer.split("\n");
    this.buffer = parts.pop() ?? "";
    for (const line of parts) this.line(plainText(line), fresh);
    // A login prompt has no newline after it: judge the partial line too.
    const partial = plainText(this.buffer);
    if (this.decided === undefined && BOOTED.some((p) => p.test(partial))) this.judge(partial, fresh);
    return fresh;
  }

  private line(line: string, fresh: Stage[]): void {
    this.lines.push(line);
    if (this.lines.length > 400) this.lines.splice(0, this.lines.length - 400);
    for (const [stage, pattern] of STAGE_PATTERNS) {
      if (!this.seen.has(stage) && pattern.test(line)) {
        this.seen.add(stage);
        fresh.push(stage);
      }
    }
    this.judge(line, fresh);
  }

  private judge(line: string, fresh: Stage[]): void {
    if (this.decided) return;
    if (PANIC.test(line)) this.decided = { ok: false, kind: "panic", reason: `kernel panic: ${line.trim().replace(/^\[[^\]]*\]\s*/, "")}` };
    else if (EMERGENCY.test(line)) this.decided = { ok: false, kind: "emergency", reason: `emergency mode: ${line.trim()}` };
    else if (BOOTED.some((p) => p.test(line))) {
      this.decided = { ok: true, reason: /login:/.test(line) ? `login prompt: ${line.trim()}` : line.trim().replace(/^\[[^\]]*\]\s*/, "") };
      if (!this.seen.has("target reached")) {
        this.seen.add("target reached");
        fresh.push("target reached");
      }
    }
  }

  get verdict(): Verdict | undefined {
    return this.decided;
  }

  stages(): Stage[] {
    return STAGES.filter((s) => this.seen.has(s));
  }

  /** Whether the kernel started (its banner was on the console). */
  get kernelSeen(): boolean {
    return this.seen.has("kernel") || this.seen.has("stage 1");
  }

  /** The last `n` lines (with the unfinished one), for a failure's message. */
  lastLines(n = 15): string[] {
    const partial = plainText(this.buffer);
    const all = partial.trim() === "" ? this.lines : [...this.lines, partial];
    return all.filter((l) => l.trim() !== "").slice(-n);
  }
}
