// The action's metadata (action.yml) and the workflows the README shows,
// checked by GitHub's own parser (@actions/workflow-parser: the schemas of the
// Actions language service) and by the rules it does not cover: GitHub's
// documented action metadata syntax (zod, below: the Marketplace's
// description limit, described inputs and outputs, node24), no step output
// interpolated into a `run:` script (GitHub's script-injection warning: pass
// it through `env:`), and the README's steps of this action passing only
// inputs, and reading only outputs, that action.yml declares. Every check is
// shown to fail on a real README snippet or action.yml with a defect put in.
import { existsSync, readFileSync } from "node:fs";
import type { ActionTemplate } from "@actions/workflow-parser/actions/index";
import type { TemplateToken } from "@actions/workflow-parser/templates/tokens/template-token";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { projectPath } from "../../src/core/paths.js";
import { actionParser, workflowParser } from "../helpers/workflow-parser.js";

const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter, isMapping, isSequence, isString, isBasicExpression } = workflowParser;
const { parseAction, convertActionTemplate } = actionParser;

const README = readFileSync(projectPath("README.md"), "utf8");
const ACTION_YML = readFileSync(projectPath("action.yml"), "utf8");

// --- action.yml ---------------------------------------------------------------

/** GitHub's documented badge colours (metadata syntax, branding.color); icons are checked by the parser's Feather list. */
const BRANDING_COLORS = ["white", "yellow", "blue", "green", "orange", "red", "purple", "gray-dark"] as const;
/** The Marketplace shows at most 125 characters of the description (GitHub's publishing checks reject longer). */
const MAX_DESCRIPTION = 124;
/** Input ids: "must start with a letter or _ and contain only alphanumeric characters, -, or _". */
const ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;

const actionMetadataSchema = z.object({
  name: z.string().min(1),
  description: z
    .string()
    .min(1)
    .superRefine((d, ctx) => {
      if (d.length > MAX_DESCRIPTION) ctx.addIssue({ code: "custom", message: `${d.length} characters; it must be under 125 characters (the Marketplace limit)` });
    }),
  author: z.string().optional(),
  inputs: z
    .array(
      z.object({
        id: z.string().regex(ID),
        description: z.string({ error: "every input needs a description" }).min(1),
        required: z.boolean().optional(),
        default: z.string().optional(),
        deprecationMessage: z.string().optional(),
      }),
    )
    .optional(),
  outputs: z
    .array(
      z.object({
        id: z.string().regex(ID),
        description: z.string({ error: "every output needs a description" }).min(1),
      }),
    )
    .optional(),
  runs: z.object({
    using: z.literal("node24"),
    main: z.string().min(1),
    pre: z.string().optional(),
    post: z.string().optional(),
  }),
  branding: z.object({ icon: z.string().min(1), color: z.enum(BRANDING_COLORS) }),
});

/** What the parser reports for an action.yml, then what the documented syntax rules report. */
function actionProblems(content: string): { problems: string[]; action: ActionTemplate | undefined } {
  const result = parseAction({ name: "action.yml", content }, new NoOperationTraceWriter());
  const parsed = result.context.errors.getErrors().map((e) => e.message);
  if (parsed.length > 0 || !result.value) return { problems: parsed.length > 0 ? parsed : ["action.yml: nothing parsed"], action: undefined };
  const action = convertActionTemplate(result.context, result.value);
  const converted = result.context.errors.getErrors().map((e) => e.message);
  const metadata = actionMetadataSchema.safeParse({
    ...action,
    inputs: action.inputs?.map((i) => ({ ...i, default: i.default?.toString() })),
    outputs: action.outputs?.map(({ id, description }) => ({ id, description })),
    runs: "main" in action.runs ? { using: action.runs.using, main: action.runs.main, pre: action.runs.pre, post: action.runs.post } : action.runs,
  });
  const schema = metadata.success ? [] : metadata.error.issues.map((i) => `action.yml ${i.path.join(".")}: ${i.message}`);
  return { problems: [...converted, ...schema], action };
}

/** action.yml with a top-level key's value (and its indented continuation lines) replaced. */
function replaceTopLevel(content: string, key: string, value: string): string {
  const changed = content.replace(new RegExp(`^${key}:.*\\n(?:[ \\t]+.*\\n|\\n(?=[ \\t]))*`, "m"), `${key}: ${value}\n`);
  if (changed === content) throw new Error(`action.yml has no top-level ${key}`);
  return changed;
}

function edit(content: string, from: string | RegExp, to: string): string {
  const changed = content.replace(from, to);
  if (changed === content) throw new Error(`nothing to replace: ${String(from)}`);
  return changed;
}

// --- README workflows ---------------------------------------------------------

interface Snippet {
  name: string;
  content: string;
}

/** Every ```yaml block of a Markdown text, named by its line. */
function yamlBlocks(markdown: string): Snippet[] {
  return [...markdown.matchAll(/^```ya?ml[ \t]*\n([\s\S]*?)^```[ \t]*$/gm)].map((m) => ({
    name: `README.md:${markdown.slice(0, m.index).split("\n").length}`,
    content: m[1] ?? "",
  }));
}

/** A block is meant as a workflow when it has jobs (then it must have `on:` too). */
const isWorkflow = (s: Snippet) => /^jobs:/m.test(s.content);

/** A step or job output in an expression: steps.<id>.outputs / needs.<id>.outputs, dotted or indexed. */
const OUTPUT_REFERENCE = /\b(?:steps|needs)\s*(?:\.\s*[\w-]+|\[\s*'[^']*'\s*\])\s*(?:\.\s*outputs\b|\[\s*'outputs'\s*\])/;
const THIS_ACTION = /(?:^|\/)nixos-generators-action(?:@|$)/;

function* entries(token: TemplateToken | undefined): Generator<[string, TemplateToken]> {
  if (token && isMapping(token)) for (const { key, value } of token) yield [key.toString(), value];
}
function* items(token: TemplateToken | undefined): Generator<TemplateToken> {
  if (token && isSequence(token)) yield* token;
}
const find = (token: TemplateToken | undefined, key: string) => (token && isMapping(token) ? token.find(key) : undefined);

/** Everything wrong with a workflow: the parser's errors, output interpolation in scripts, undeclared inputs and outputs of this action. */
async function workflowProblems(snippet: Snippet, action: ActionTemplate | undefined): Promise<string[]> {
  if (!action) return ["action.yml does not parse: its inputs and outputs are unknown"];
  const result = parseWorkflow({ name: snippet.name, content: snippet.content }, new NoOperationTraceWriter());
  const problems: string[] = [];
  if (result.value) {
    const template = await convertWorkflowTemplate(result.context, result.value);
    // Conversion stops at the parser's errors (and leaves no jobs).
    for (const job of template.jobs ?? []) {
      if (!("steps" in job)) continue;
      for (const step of job.steps) {
        if (!("run" in step) || !isBasicExpression(step.run)) continue;
        for (const expr of [step.run, ...(step.run.originalExpressions ?? [])]) {
          const found = expr.expression.match(OUTPUT_REFERENCE);
          if (found) {
            problems.push(
              `${snippet.name}: job ${job.id.value}, step ${step.id}: '${found[0]}' is interpolated into the run script (script injection); pass it through env:`,
            );
            break;
          }
        }
      }
    }
  }
  problems.unshift(...new Set(result.context.errors.getErrors().map((e) => e.message)));

  // This action's steps: `with:` only declared inputs; steps.<id>.outputs.<name> only declared outputs.
  const inputs = new Set((action.inputs ?? []).map((i) => i.id));
  const outputs = new Set((action.outputs ?? []).map((o) => o.id));
  const ids: string[] = [];
  for (const [jobId, job] of entries(find(result.value, "jobs"))) {
    for (const step of items(find(job, "steps"))) {
      const uses = find(step, "uses");
      if (!uses || !isString(uses) || !THIS_ACTION.test(uses.value)) continue;
      const id = find(step, "id");
      if (id && isString(id)) ids.push(id.value);
      for (const [name] of entries(find(step, "with"))) {
        if (!inputs.has(name)) problems.push(`${snippet.name}: job ${jobId} passes '${name}', which action.yml does not declare as an input`);
      }
    }
  }
  for (const m of snippet.content.matchAll(/\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
    if (ids.includes(m[1]!) && !outputs.has(m[2]!)) problems.push(`${snippet.name}: '${m[0]}' is not an output action.yml declares`);
  }
  return problems;
}

/** A snippet without a top-level key and its indented block. */
function withoutTopLevel(content: string, key: string): string {
  return edit(content, new RegExp(`^${key}:.*\\n(?:[ \\t#].*\\n|\\n)*`, "m"), "");
}

const added = (after: string[], before: string[]) => after.filter((p) => !before.includes(p));

// -----------------------------------------------------------------------------

describe("action.yml", () => {
  it("is valid action metadata: GitHub's schema and the documented syntax (description under 125 characters, described inputs and outputs, node24)", () => {
    const { problems, action } = actionProblems(ACTION_YML);
    expect(problems).toEqual([]);
    expect(action?.inputs?.length, "inputs").toBeGreaterThan(0);
    const main = action && "main" in action.runs ? action.runs.main : undefined;
    expect(main && existsSync(projectPath(main)), `runs.main ${main} exists`).toBe(true);
  });

  it("fails on a defect put into it", () => {
    const check = (content: string) => actionProblems(content).problems.join("\n");
    expect(check(edit(ACTION_YML, /^(\s+icon:).*$/m, "$1 not-a-feather-icon"))).toMatch(/not-a-feather-icon/);
    expect(check(edit(ACTION_YML, /^(\s+color:).*$/m, "$1 pink"))).toMatch(/Unexpected value 'pink'/);
    expect(check(edit(ACTION_YML, /^(\s+using:).*$/m, "$1 node20"))).toMatch(/runs\.using/);
    expect(check(edit(ACTION_YML, /^(\s+main:.*)\n/m, ""))).toMatch(/main/);
    expect(check(edit(ACTION_YML, /^inputs:\n/m, "inputs:\n  undocumented:\n    required: false\n"))).toMatch(/inputs\.\d+\.description: every input needs a description/);
    expect(check(edit(ACTION_YML, /^outputs:\n/m, "outputs:\n  undocumented:\n    value: x\n"))).toMatch(/outputs\.\d+\.description: every output needs a description/);
    // The Marketplace limit, at its boundary.
    expect(check(replaceTopLevel(ACTION_YML, "description", "x".repeat(MAX_DESCRIPTION + 1)))).toMatch(/under 125 characters/);
    expect(check(replaceTopLevel(ACTION_YML, "description", "x".repeat(MAX_DESCRIPTION)))).not.toMatch(/description/);
  });
});

describe("the README's workflows", () => {
  const action = actionProblems(ACTION_YML).action;
  const workflows = yamlBlocks(README).filter(isWorkflow);

  it("has workflow snippets to check", () => {
    expect(workflows.length).toBeGreaterThanOrEqual(1);
  });

  it.each(workflows)("$name parses as a workflow with no errors", async (snippet) => {
    expect(await workflowProblems(snippet, action)).toEqual([]);
  });

  // The negative cases start from real README snippets.
  const withOn = workflows.find((s) => /^on:/m.test(s.content));
  const withEnvOutput = workflows.find((s) => /^\s+(\w+):\s*(\$\{\{\s*steps\.[\w-]+\.outputs\.[\w-]+\s*\}\})/m.test(s.content) && /\brun:/.test(s.content));
  const withThisAction = workflows.find((s) => /^\s+(?:- )?uses:.*nixos-generators-action@.*\n(?:.*\n)*?\s+with:\n/m.test(s.content));
  const readingOutput = workflows.find((s) => /\bsteps\.[\w-]+\.outputs\.[\w-]+/.test(s.content) && THIS_ACTION.test(s.content));

  it("fails on a README workflow without on:", async () => {
    expect(withOn, "a README workflow with on:").toBeDefined();
    const broken = { ...withOn!, content: withoutTopLevel(withOn!.content, "on") };
    expect(broken.content).toMatch(/^jobs:/m);
    expect(added(await workflowProblems(broken, action), await workflowProblems(withOn!, action)).join("\n")).toMatch(/Required property is missing: on/);
  });

  it("fails on a step output interpolated into a run script instead of passed through env:", async () => {
    expect(withEnvOutput, "a README workflow passing a step output through env:").toBeDefined();
    const [, variable, expression] = withEnvOutput!.content.match(/^\s+(\w+):\s*(\$\{\{\s*steps\.[\w-]+\.outputs\.[\w-]+\s*\}\})/m)!;
    // Undo the env indirection: the script reads the expression itself.
    const content = edit(withEnvOutput!.content, new RegExp(`^(\\s*(?:- )?run:.*?)"?\\$\\{?${variable}\\}?"?`, "m"), `$1'${expression}'`);
    const problems = added(await workflowProblems({ ...withEnvOutput!, content }, action), await workflowProblems(withEnvOutput!, action));
    expect(problems.join("\n")).toMatch(/is interpolated into the run script \(script injection\); pass it through env:/);
  });

  it("fails on an input or output action.yml does not declare", async () => {
    expect(withThisAction, "a README workflow using this action with inputs").toBeDefined();
    const input = edit(withThisAction!.content, /^(\s+)with:\n(\s+)/m, "$1with:\n$2no-such-input: x\n$2");
    const before = await workflowProblems(withThisAction!, action);
    expect(added(await workflowProblems({ ...withThisAction!, content: input }, action), before).join("\n")).toMatch(/passes 'no-such-input'/);

    expect(readingOutput, "a README workflow reading an output of this action").toBeDefined();
    const output = edit(readingOutput!.content, /\b(steps\.[\w-]+\.outputs\.)[\w-]+/, "$1no-such-output");
    const problems = added(await workflowProblems({ ...readingOutput!, content: output }, action), await workflowProblems(readingOutput!, action));
    expect(problems.join("\n")).toMatch(/outputs\.no-such-output' is not an output action\.yml declares/);
  });
});
