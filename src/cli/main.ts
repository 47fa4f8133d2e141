#!/usr/bin/env node
// `nixos-generate`: parse, run the shared core, print. Exit codes: see --help.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bootFailure, bootImage, kvmUsable } from "../boot/index.js";
import { nixPackageBuilder } from "../boot/nix-packages.js";
import { kvmDevice } from "../boot/pipeline-step.js";
import { loadCatalogue } from "../core/catalogue.js";
import { ExitCode, isUserError } from "../core/errors.js";
import { projectPath } from "../core/paths.js";
import { listCustomFormats } from "../nix/evaluate.js";
import { failureOf, runPipeline } from "../pipeline/pipeline.js";
import { checkImage, expectationFor } from "../verify/expectation.js";
import { renderReport } from "../verify/index.js";
import { parseArgs, type CliCommand } from "./args.js";
import { completionScript } from "./completions.js";
import { helpText, listJson, listText, verifyHelpText } from "./help.js";
import { nodeTooOld } from "./node-version.js";
import { imageLines, resultJson, summaryLines } from "./output.js";

function version(): string {
  const pkg = JSON.parse(readFileSync(projectPath("package.json"), "utf8")) as { version?: string };
  return pkg.version ?? "unknown";
}

function runVm(runner: string, signal: AbortSignal): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(runner, [], { stdio: "inherit", signal });
    child.on("close", (code) => resolve(code ?? ExitCode.interrupted));
    child.on("error", () => resolve(ExitCode.failed));
  });
}

async function execute(command: CliCommand, signal: AbortSignal): Promise<number> {
  const catalogue = loadCatalogue();
  switch (command.kind) {
    case "help":
      process.stdout.write(helpText() + "\n");
      return ExitCode.ok;
    case "version":
      process.stdout.write(`nixos-generate ${version()}\n`);
      return ExitCode.ok;
    case "list": {
      // A configuration of the user's may define formats of its own: they are listed too.
      const custom =
        command.config.kind === "default"
          ? []
          : await listCustomFormats({ config: command.config, specialArgs: [], includes: command.includes, nixOptions: [], showTrace: false }, command.system, { signal });
      process.stdout.write((command.json ? listJson(catalogue, custom) : listText(catalogue, custom)) + "\n");
      return ExitCode.ok;
    }
    case "completions":
      process.stdout.write(completionScript(command.shell, catalogue));
      return ExitCode.ok;
    case "verify-help":
      process.stdout.write(verifyHelpText() + "\n");
      return ExitCode.ok;
    case "verify": {
      const entry = command.format === undefined ? undefined : catalogue.lookup(command.format);
      if (command.format !== undefined && !entry) throw new Error(`format ${command.format} vanished from the catalogue`);
      const report = await checkImage(command.path, expectationFor(entry && { kind: "catalogue", entry }, command.system, command.diskSize));
      process.stdout.write((command.json ? JSON.stringify(report, null, 2) : renderReport(report)) + "\n");
      return report.ok ? ExitCode.ok : ExitCode.verify;
    }
    case "boot": {
      const entry = catalogue.lookup(command.format);
      if (!entry) throw new Error(`format ${command.format} vanished from the catalogue`);
      const logDir = await mkdtemp(join(tmpdir(), "nixos-generate-boot-"));
      const kvm = await kvmUsable(kvmDevice());
      const log = (line: string) => process.stderr.write(`${line}\n`);
      log(`boot: ${kvm ? `KVM (${kvmDevice()} opens)` : `TCG (no usable ${kvmDevice()}; slower)`}; console log in ${logDir}`);
      const result = await bootImage(command.path, entry, command.system, {
        kvm,
        logDir,
        logName: entry.name,
        log,
        signal,
        tools: { nix: nixPackageBuilder({ config: command.config, includes: command.includes }, { log, signal }) },
        ...(command.timeoutSeconds !== undefined ? { timeoutSeconds: command.timeoutSeconds } : {}),
      });
      if (result.status === "failed") {
        process.stderr.write(`error: ${bootFailure(result).render()}\n`);
        return bootFailure(result).exitCode;
      }
      process.stdout.write(`${result.status === "booted" ? "booted" : "not booted"}: ${result.reason}\n`);
      return ExitCode.ok;
    }
    case "generate": {
      const { request, warnings, json } = command;
      for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
      const result = await runPipeline(request, {
        signal,
        log: (line) => process.stderr.write(`${line}\n`),
        warn: (text) => process.stderr.write(`warning: ${text.replace(/\n/g, "\n  ")}\n`),
      });
      if (json) process.stdout.write(resultJson(result, request.dryRun) + "\n");
      else {
        for (const line of summaryLines(result, request.dryRun)) process.stderr.write(`${line}\n`);
        for (const line of imageLines(result)) process.stdout.write(`${line}\n`);
      }
      const failed = result.images.filter((i) => i.failure);
      if (failed.length > 0) {
        const error = failureOf(failed, result.images.length);
        process.stderr.write(`error: ${error.render()}\n`);
        return error.exitCode;
      }
      if (request.run && !request.dryRun) {
        const runner = result.images[0]?.storePath;
        if (runner) return runVm(runner, signal);
      }
      return ExitCode.ok;
    }
  }
}

export async function main(argv: string[]): Promise<number> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    const tooOld = nodeTooOld();
    if (tooOld) throw tooOld;
    return await execute(parseArgs(argv, process.env, loadCatalogue()), controller.signal);
  } catch (error) {
    if (isUserError(error)) {
      process.stderr.write(`error: ${error.render()}\n`);
      return error.exitCode;
    }
    throw error;
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
  }
}

process.exitCode = await main(process.argv.slice(2));
