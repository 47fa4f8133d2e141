// The (format, system) pairs one request evaluates: the catalogue's, plus a
// custom format from --format-path (named after its file, for every system).
import { basename } from "node:path";
import type { Catalogue } from "./catalogue.js";
import type { GenerateRequest } from "./request.js";
import { requestTargets } from "./resolve-formats.js";
import type { EvalPair } from "../nix/evaluate.js";

export function customFormatName(formatPath: string): string {
  return basename(formatPath).replace(/\.nix$/, "");
}

export function evalPairs(request: GenerateRequest, catalogue: Catalogue): EvalPair[] {
  const pairs: EvalPair[] = requestTargets(request, catalogue).map(({ format, system }) => ({ format: format.name, system }));
  if (request.formatPath) {
    const name = customFormatName(request.formatPath);
    for (const system of new Set(request.systems)) pairs.push({ format: name, system });
  }
  return pairs;
}
