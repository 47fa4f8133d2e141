// mode: plan — the `matrix` output (one entry per format x system of the
// request, for a job matrix) and its step summary. No Nix runs.
import type { Catalogue, NixSystem } from "../core/catalogue.js";
import { formatName, targetFormats, targetSystems, type GenerateRequest } from "../core/request.js";
import { needsKvm } from "./kvm.js";
import { cell } from "./markdown.js";
import type { RunnerMap, RunsOn } from "./runners.js";

export interface MatrixEntry {
  format: string;
  system: NixSystem;
  /** A format of the configuration's own (formatConfigs, format-path), not of the catalogue. */
  custom: boolean;
  /** The build needs KVM (a catalogue format nixpkgs builds in a VM, with builder: vm). */
  kvm: boolean;
  /** What `runs-on: ${{ matrix.runner }}` takes: the `runners` input's value for its system, else GitHub's hosted label, native for it. */
  runner: RunsOn;
}

/** GitHub-hosted runner labels by system (native builds; KVM on the x86_64 ones). */
export const RUNNERS: Readonly<Record<NixSystem, string>> = { "x86_64-linux": "ubuntu-latest", "aarch64-linux": "ubuntu-24.04-arm" };

/** The `matrix` output: `{ include: [...] }`, as `strategy.matrix: ${{ fromJSON(...) }}` takes it. */
export function matrixOf(request: Pick<GenerateRequest, "targets" | "builder">, runners: RunnerMap = {}): { include: MatrixEntry[] } {
  return {
    include: request.targets.map((t) => ({
      format: formatName(t.format),
      system: t.system,
      custom: t.format.kind === "custom",
      kvm: needsKvm(t, request.builder),
      runner: runners[t.system] ?? RUNNERS[t.system],
    })),
  };
}

export function matrixSummary(request: Pick<GenerateRequest, "targets" | "builder">, catalogue: Catalogue): string {
  const { include } = matrixOf(request);
  const formats = targetFormats(request.targets);
  const lines = [
    "## NixOS image matrix",
    "",
    `${include.length} image${include.length === 1 ? "" : "s"}: ${formats.length} format${formats.length === 1 ? "" : "s"} × ${targetSystems(request.targets).join(", ")}.`,
    "",
    "| Format | System | Container | File |",
    "| --- | --- | --- | --- |",
  ];
  for (const { format, system, custom } of include) {
    const f = catalogue.lookup(format);
    const file = custom ? "custom format" : f ? (f.extension ? `*.${f.extension}` : "directory (VM runner)") : "";
    lines.push(`| ${cell(format)} | ${system} | ${f?.container ?? ""}${f && f.compression !== "none" ? ` (${f.compression})` : ""} | ${cell(file)} |`);
  }
  return lines.join("\n") + "\n";
}
