/**
 * @fileoverview The correlation detector's pure parts (src/runtime/detect/measure.ts):
 * condition bounds, which captured values are numbers, and what each type measures over
 * a key's live records, with its evidence; and the frontend's timespan reading.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { timespanMs } from "../../../compiler/frontends/sigma/to-correlation.js";
import { abi } from "../../../compiler/package/abi.js";
import { boundsHold, measureCorrelation, numericValue, usableValue } from "../../../src/runtime/detect/measure.js";
import type { Capture, MatchRecord } from "../../../src/runtime/records.js";

const num = (text: string): Capture => ({ hash: BigInt(text.length * 31 + text.charCodeAt(0)), tag: abi.TAG_NUMBER, text });
const str = (text: string): Capture => ({ hash: BigInt(text.charCodeAt(0)), tag: abi.TAG_STRING, text });
const record = (line: number, step: number, value?: Capture): MatchRecord => ({
  pkg: 0, rule: 0, step, source: "s", line, timeNs: BigInt(line), timeStatus: 0, raw: "{}", captures: value === undefined ? [] : [value],
});
const lines = (m: { evidence: readonly MatchRecord[] }): number[] => m.evidence.map((r) => r.line);

test("bounds: every one must hold; ranges", () => {
  assert.ok(boundsHold([{ op: "gt", value: 1 }, { op: "lte", value: 3 }], 3));
  assert.not.ok(boundsHold([{ op: "gt", value: 1 }, { op: "lte", value: 3 }], 1));
  assert.ok(boundsHold([{ op: "neq", value: 2 }], 3));
  assert.not.ok(boundsHold([{ op: "eq", value: 2 }], 3));
  assert.ok(boundsHold([], 0));
});

test("numbers: JSON numbers and strings in JSON number grammar, nothing else", () => {
  assert.is(numericValue(num("1e2")), 100);
  assert.is(numericValue(str("7.5")), 7.5);
  assert.is(numericValue(str(" 7")), undefined);
  assert.is(numericValue(str("0x10")), undefined);
  assert.is(numericValue({ hash: 0n, tag: abi.TAG_TRUE, text: undefined }), undefined);
  assert.not.ok(usableValue("value_sum", str("x")));
  assert.ok(usableValue("value_count", str("x")));
  assert.not.ok(usableValue("value_count", { hash: 0n, tag: abi.TAG_MISSING, text: undefined }));
  assert.ok(usableValue("event_count", undefined));
});

test("measures: counts, sums, means, percentiles, temporal and temporal_ordered", () => {
  const live = [record(1, 0, num("10")), record(2, 0, num("30")), record(3, 0, num("10"))];
  const valueOf = (m: MatchRecord): Capture | undefined => m.captures[0];
  assert.equal(measureCorrelation("event_count", 1, live, valueOf).value, 3);
  assert.equal(measureCorrelation("value_count", 1, live, valueOf).value, 2);
  assert.equal(measureCorrelation("value_sum", 1, live, valueOf).value, 50);
  assert.equal(measureCorrelation("value_avg", 1, live, valueOf).value, 50 / 3);
  const pct = measureCorrelation("value_percentile", 1, live, valueOf);
  assert.equal([pct.value, lines(pct)], [(2 * 100) / 3, [1, 3]]);
  // temporal: the newest record of each step, in arrival order, each event once.
  const t = measureCorrelation("temporal", 2, [record(1, 1), record(2, 0), record(3, 1), record(3, 0)], valueOf);
  assert.equal([t.value, lines(t)], [2, [3]]);
  // temporal_ordered: the earliest chain; a step-1 record before any step 0 does not count.
  const o = measureCorrelation("temporal_ordered", 2, [record(1, 1), record(2, 0), record(3, 0), record(4, 1)], valueOf);
  assert.equal([o.value, lines(o)], [2, [2, 4]]);
});

test("timespans: a positive whole number and s, m, h or d", () => {
  assert.is(timespanMs("90m"), 5_400_000);
  assert.is(timespanMs("2d"), 172_800_000);
  assert.is(timespanMs("1H"), undefined);
  assert.is(timespanMs("0s"), undefined);
  assert.is(timespanMs("1.5h"), undefined);
});

test.run();
