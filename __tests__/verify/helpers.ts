// Assertions shared by the verify tests.
import { expect } from "vitest";
import type { Finding, VerifyReport } from "../../src/verify/index.js";

/** The findings whose check is `check` (or starts with `check.` when `prefix`). */
export function findings(r: VerifyReport, check: string): Finding[] {
  return r.findings.filter((f) => f.check === check);
}

/** Asserts the report failed with a finding named `check`, and returns it. */
export function caught(r: VerifyReport, check: string): Finding {
  expect(r.ok, `expected a failing report for ${r.path}`).toBe(false);
  const f = r.findings.find((x) => x.check === check);
  expect(f, `no finding "${check}" in: ${r.findings.map((x) => x.check).join(", ") || "none"}`).toBeDefined();
  return f!;
}

/** Asserts a clean report. */
export function clean(r: VerifyReport): void {
  expect(r.findings, `${r.path} should verify cleanly`).toEqual([]);
  expect(r.ok).toBe(true);
}
