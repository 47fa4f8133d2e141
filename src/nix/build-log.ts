// Nix's `--log-format internal-json` stream ("@nix {…}" lines on stderr) read
// back into what a person reads (the lines `nix build -L` prints), plus what
// the text format does not carry: how many derivations are done of how many,
// and each build's own log, to name the cause of a failure.
//
// Activity and result type numbers are Nix's (src/libutil/logging.hh):
// actBuilds 104, actBuild 105; resBuildLogLine 101, resPostBuildLogLine 107,
// resProgress 105 (fields: done, expected, running, failed).
import { z } from "zod";

const ACT_BUILDS = 104;
const ACT_BUILD = 105;
const RES_BUILD_LOG_LINE = 101;
const RES_POST_BUILD_LOG_LINE = 107;
const RES_PROGRESS = 105;
/** Nix's lvlInfo: what the text format prints without -v. */
const LEVEL_INFO = 3;
/** Lines of a build's own log kept to name a failure's cause. */
const TAIL_LINES = 60;

const eventSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("msg"), level: z.number(), msg: z.string() }),
  z.object({
    action: z.literal("start"),
    id: z.number(),
    level: z.number(),
    type: z.number(),
    text: z.string(),
    fields: z.array(z.unknown()).optional(),
  }),
  z.object({ action: z.literal("stop"), id: z.number() }),
  z.object({ action: z.literal("result"), id: z.number(), type: z.number(), fields: z.array(z.unknown()) }),
]);

/** Where a build stands: Nix's own counts for the whole invocation. */
export interface BuildProgress {
  done: number;
  expected: number;
  running: number;
  failed: number;
}

interface Build {
  drvPath: string;
  name: string;
  tail: string[];
}

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** "/nix/store/<hash>-bash-5.3.tar.gz.drv" -> "bash-5.3.tar.gz" (how `nix build -L` prefixes its lines). */
export function derivationName(drvPath: string): string {
  return drvPath.replace(/^.*\/[0-9a-z]{32}-/, "").replace(/\.drv$/, "");
}

export class BuildLog {
  private readonly builds = new Map<number, Build>();
  private readonly byDrv = new Map<string, Build>();
  private buildsActivity: number | undefined;
  private readonly rendered: string[] = [];
  progress: BuildProgress = { done: 0, expected: 0, running: 0, failed: 0 };

  constructor(
    private readonly hooks: {
      /** A line as `nix build -L` would print it. */
      line?: (text: string) => void;
      /** Nix's counts changed. */
      progress?: (progress: BuildProgress) => void;
    } = {},
  ) {}

  private emit(text: string): void {
    for (const line of text.replace(ANSI, "").split("\n")) {
      this.rendered.push(line);
      this.hooks.line?.(line);
    }
  }

  /** One line of Nix's stderr. Lines that are not "@nix {…}" pass through as they are. */
  feed(raw: string): void {
    if (!raw.startsWith("@nix ")) {
      this.emit(raw);
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw.slice(5));
    } catch {
      this.emit(raw);
      return;
    }
    const parsed = eventSchema.safeParse(json);
    if (!parsed.success) return;
    const event = parsed.data;
    switch (event.action) {
      case "msg":
        if (event.level <= LEVEL_INFO) this.emit(event.msg);
        return;
      case "start": {
        if (event.type === ACT_BUILDS) this.buildsActivity = event.id;
        if (event.type === ACT_BUILD) {
          const drvPath = typeof event.fields?.[0] === "string" ? event.fields[0] : "";
          const build: Build = { drvPath, name: derivationName(drvPath), tail: [] };
          this.builds.set(event.id, build);
          if (drvPath) this.byDrv.set(drvPath, build);
        }
        if (event.level <= LEVEL_INFO && event.text !== "") this.emit(`${event.text}...`);
        return;
      }
      case "stop":
        return;
      case "result": {
        if (event.type === RES_BUILD_LOG_LINE || event.type === RES_POST_BUILD_LOG_LINE) {
          const build = this.builds.get(event.id);
          const text = typeof event.fields[0] === "string" ? event.fields[0].replace(ANSI, "") : "";
          if (build) {
            build.tail.push(text);
            if (build.tail.length > TAIL_LINES) build.tail.shift();
          }
          this.emit(build ? `${build.name}> ${text}` : text);
          return;
        }
        if (event.type === RES_PROGRESS && event.id === this.buildsActivity) {
          const [done, expected, running, failed] = event.fields.map((f) => (typeof f === "number" ? f : 0));
          const next = { done: done ?? 0, expected: expected ?? 0, running: running ?? 0, failed: failed ?? 0 };
          const p = this.progress;
          if (next.done !== p.done || next.expected !== p.expected || next.running !== p.running || next.failed !== p.failed) {
            this.progress = next;
            this.hooks.progress?.(next);
          }
        }
        return;
      }
    }
  }

  /** Everything rendered so far, as `nix build -L` would have printed it. */
  text(): string {
    return this.rendered.join("\n");
  }

  /** The last lines a derivation's builder printed (empty when it printed none or never ran). */
  tailOf(drvPath: string): readonly string[] {
    return this.byDrv.get(drvPath)?.tail ?? [];
  }
}
