// The collector every container check writes into: findings, details, and the
// virtual size and label when a container has them. A nested check (the disk
// inside a tarball) writes through a child whose names carry a prefix.
import type { DetailValue, Finding } from "./types.js";

export class Checks {
  readonly findings: Finding[];
  readonly details: Record<string, DetailValue>;
  private readonly root: { virtualSize?: number; label?: string };

  private readonly prefix: string;

  constructor(
    prefix = "",
    shared?: { findings: Finding[]; details: Record<string, DetailValue>; root: { virtualSize?: number; label?: string } },
  ) {
    this.prefix = prefix;
    this.findings = shared?.findings ?? [];
    this.details = shared?.details ?? {};
    this.root = shared?.root ?? {};
  }

  /** A collector whose check and detail names start with `name.`. */
  child(name: string): Checks {
    return new Checks(`${this.prefix}${name}.`, { findings: this.findings, details: this.details, root: this.root });
  }

  fail(check: string, expected: string, found: string, offset?: number): false {
    const f: Finding = { check: this.prefix + check, expected, found };
    if (offset !== undefined) f.offset = offset;
    this.findings.push(f);
    return false;
  }

  /**
   * A target's acceptance rule broken: `rule` says it in the target's words,
   * `expected` briefly what would pass.
   */
  reject(check: string, rule: string, expected: string, found: string, offset?: number): false {
    const f: Finding = { check: this.prefix + check, expected, found, rule };
    if (offset !== undefined) f.offset = offset;
    this.findings.push(f);
    return false;
  }

  /** Records a finding unless `found === expected`; true when they match. */
  equal<T extends string | number | bigint>(check: string, expected: T, found: T, offset?: number, show: (v: T) => string = String): boolean {
    if (found === expected) return true;
    return this.fail(check, show(expected), show(found), offset);
  }

  detail(key: string, value: DetailValue): void {
    this.details[this.prefix + key] = value;
  }

  /** The first virtual size reported wins (the outermost disk). */
  set virtualSize(n: number | undefined) {
    if (n !== undefined && this.root.virtualSize === undefined) this.root.virtualSize = n;
  }
  get virtualSize(): number | undefined {
    return this.root.virtualSize;
  }

  set label(s: string | undefined) {
    if (s && this.root.label === undefined) this.root.label = s;
  }
  get label(): string | undefined {
    return this.root.label;
  }

  get failed(): number {
    return this.findings.length;
  }
}
