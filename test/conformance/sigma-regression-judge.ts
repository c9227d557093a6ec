/**
 * @fileoverview Judges one sigma-regression case once its rule has run: every engine
 * (the oracle after and before the passes, the Wasm package whole and fed in small
 * pushes) must report the same matched lines over the whole event file (else a
 * disagreement, always a failure);
 * then the rule must match at least one event of each of its sources. A miss is a
 * failure unless known-failures.json lists the rule id; a listed rule that passes is a
 * failure too. A rule file that cannot be found is judged like a miss.
 */
import { assertNever } from "../../compiler/util/assert-never.js";
import { AFTER_PASSES } from "../helpers/differential.js";
import { Baseline } from "./baseline.js";
import { describeDisagreement } from "./run-engines.js";
import type { RegressionCase } from "./sigma-regression-data.js";
import type { Counter, Tally } from "./tally.js";

export interface RegressionReport {
  labelled: number;
  compiled: number;
  matched: number;
  failed: number;
  known: number;
  unsupported: number;
  disagreements: number;
  readonly codes: Counter;
}

export interface JudgeContext {
  /** The suite name baseline entries use: one per event shape the data is run in. */
  readonly suite: string;
  readonly baseline: Baseline;
  readonly tally: Tally;
  readonly report: RegressionReport;
  /** Baseline keys of judged cases, to find stale entries. */
  readonly seen: Set<string>;
  readonly verbose: boolean;
}

/** Matched lines per engine (by name) for the case's rule(s), or a reason it did not run. */
export type CaseOutcome =
  | { readonly kind: "ran"; readonly byEngine: ReadonlyMap<string, readonly number[]> }
  | { readonly kind: "missing" }
  | { readonly kind: "not-run"; readonly why: string };

function fail(c: RegressionCase, why: string, ctx: JudgeContext): void {
  ctx.report.failed++;
  ctx.tally.fail(`${ctx.suite} ${c.ruleId} (${c.rulePath}): ${why}`);
}

/** Sources none of whose events matched, as "source (lines a,b)". */
function missedSources(c: RegressionCase, matched: readonly number[]): string[] {
  const hit = new Set(matched);
  return [...c.sources.entries()].filter(([, lines]) => !lines.some((l) => hit.has(l))).map(([s, lines]) => `${s} (lines ${lines.join(",")})`);
}

export function judgeCase(c: RegressionCase, outcome: CaseOutcome, ctx: JudgeContext): void {
  ctx.seen.add(Baseline.key(ctx.suite, c.ruleId));
  const known = ctx.baseline.get(ctx.suite, c.ruleId);
  let miss: string;
  switch (outcome.kind) {
    case "not-run":
      return fail(c, outcome.why, ctx);
    case "missing":
      miss = "rule file not found by path or id";
      break;
    case "ran": {
      const disagreement = describeDisagreement(outcome.byEngine);
      if (disagreement !== undefined) {
        ctx.report.disagreements++;
        return fail(c, `engines disagree: ${disagreement}`, ctx);
      }
      const ref = outcome.byEngine.get(AFTER_PASSES) ?? [];
      const missed = missedSources(c, ref);
      if (missed.length === 0) {
        if (known !== undefined) return fail(c, `now passing, remove from baseline (${known.reason})`, ctx);
        ctx.report.matched++;
        ctx.tally.pass();
        return;
      }
      miss = `no event matched of ${missed.join("; ")}; matched lines [${ref.join(",")}]`;
      break;
    }
    default:
      return assertNever(outcome);
  }
  if (known === undefined) return fail(c, miss, ctx);
  ctx.report.known++;
  if (ctx.verbose) console.log(`known failure ${ctx.suite} ${c.ruleId}: ${miss} (${known.reason})`);
}
