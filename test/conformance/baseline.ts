/**
 * @fileoverview The committed baseline of known conformance failures,
 * `known-failures.json`: case identifiers only (EQL suite file + case name or 0-based
 * index; `sigma-regression` + rule id) with a one-line reason, never query or rule text. A listed case that fails is
 * tolerated; a listed case that now passes is itself a failure, so the list stays tight.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface KnownFailure {
  /** Suite file as the report names it, e.g. "eql/test_queries.toml". */
  readonly suite: string;
  /** The case's `name`, or its 0-based index in the file. */
  readonly case: string | number;
  readonly reason: string;
}

const path = fileURLToPath(new URL("./known-failures.json", import.meta.url));

function isKnownFailure(v: unknown): v is KnownFailure {
  if (typeof v !== "object" || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r["suite"] === "string" && (typeof r["case"] === "string" || typeof r["case"] === "number") && typeof r["reason"] === "string";
}

export class Baseline {
  private readonly byKey: Map<string, KnownFailure>;

  constructor(entries: readonly KnownFailure[]) {
    this.byKey = new Map(entries.map((e) => [Baseline.key(e.suite, String(e.case)), e]));
  }

  static load(): Baseline {
    const doc: unknown = JSON.parse(readFileSync(path, "utf8"));
    const list = typeof doc === "object" && doc !== null ? (doc as Record<string, unknown>)["knownFailures"] : undefined;
    if (!Array.isArray(list) || !list.every(isKnownFailure)) throw new Error(`${path}: expected {"knownFailures": [{suite, case, reason}]}`);
    return new Baseline(list);
  }

  static key(suite: string, caseId: string): string {
    return `${suite}#${caseId}`;
  }

  get(suite: string, caseId: string): KnownFailure | undefined {
    return this.byKey.get(Baseline.key(suite, caseId));
  }

  /**
   * Entries naming a case the run never reached (a typo, or a case removed upstream),
   * among the entries of `suites` (every entry when omitted).
   */
  unused(seen: ReadonlySet<string>, suites?: readonly string[]): KnownFailure[] {
    return [...this.byKey.entries()].filter(([k, e]) => !seen.has(k) && (suites === undefined || suites.includes(e.suite))).map(([, e]) => e);
  }
}
