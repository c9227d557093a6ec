/**
 * @fileoverview The two property checks every stateful detector gets (threshold and
 * sequence tests): over generated streams, the runtime in this thread raises the oracle's
 * alerts with the oracle's evidence lines in the oracle's order (and the oracle agrees with
 * itself before and after the passes); on two scanning workers, the same alert ids in the
 * same order as in this thread.
 */
import fc from "fast-check";
import type { Test } from "uvu";
import * as assert from "uvu/assert";
import type { CompileResult } from "../../compiler/index.js";
import type { IrRuleSet } from "../../compiler/ir/nodes.js";
import type { EventSchema } from "../../compiler/schema/schema.js";
import type { Alert } from "../../src/runtime/alert.js";
import type { OracleAlert } from "../reference/threshold.js";
import { fuzzRuns } from "./fuzz.js";

export interface StatefulProperty {
  readonly result: CompileResult;
  readonly stream: fc.Arbitrary<string>;
  readonly oracle: (set: IrRuleSet, schema: EventSchema, text: string) => OracleAlert[];
  readonly runtime: (text: string, workers: number) => Promise<Alert[]>;
  readonly runs: number;
}

const stateful = (alerts: readonly Alert[]): OracleAlert[] =>
  alerts.filter((a) => a.detection !== undefined).map((a) => ({ rule: a.rule.id, lines: a.evidence.map((e) => e.origin.line) }));

export function statefulProperties(test: Test, p: StatefulProperty): void {
  const { result } = p;
  test("in this thread: the same alerts and evidence as the oracle", async () => {
    await fc.assert(
      fc.asyncProperty(p.stream, async (text) => {
        const oracle = p.oracle(result.ruleSet, result.schema, text);
        assert.equal(p.oracle(result.lowered, result.schema, text), oracle, `oracle before passes disagrees with oracle after passes on:\n${text}`);
        assert.equal(stateful(await p.runtime(text, 1)), oracle, text);
      }),
      { numRuns: p.runs },
    );
  });

  test("two scanning workers: identical alerts, ids and order", async () => {
    await fc.assert(
      fc.asyncProperty(p.stream, async (text) => {
        const one = await p.runtime(text, 1);
        const two = await p.runtime(text, 2);
        assert.equal(two.map((a) => a.id), one.map((a) => a.id));
      }),
      { numRuns: fuzzRuns(8) },
    );
  });
}
