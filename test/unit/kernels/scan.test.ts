/**
 * @fileoverview k_scan over NDJSON: match records, blank lines, \r\n, malformed lines and their
 * error offsets, partial trailing lines with final=0, and the early stop when the output
 * region is nearly full. Builds dist/kernels.wasm first if it is missing or stale.
 */
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { loadKernels, MALFORMED, STR, type KernelHarness } from "../../helpers/kernel-harness.js";

const test = suite("kernels: k_scan");

/** Rule 0: a == "x"; rule 1: b exists. */
function twoRules(h: KernelHarness): void {
  if (h.str("a", STR.eq, "x")) h.k.k_emit(0);
  if (h.exists("b")) h.k.k_emit(1);
}

const h = await loadKernels({ fields: ["a", "b"], ruleCount: 2, rulesEval: twoRules });

/** [lineIndex, code] pairs of the records of a scan. */
function codes(input: string, final = true): [number, number][] {
  return h.scan(input, final).records.map((r) => [r.lineIndex, r.code]);
}

function errorAt(line: string): number {
  const r = h.scan(line).records;
  assert.is(r.length, 1, line);
  assert.ok(r[0]!.code >= MALFORMED, line);
  return r[0]!.code - MALFORMED;
}

test("records give line offset, length, index and rule, in rule order", () => {
  const input = '{"a":"x","b":1}\n{"a":"y"}\n{"b":null,"a":"x"}\n';
  const r = h.scan(input);
  assert.is(r.consumed, input.length);
  assert.is(r.lines, 3);
  assert.equal(r.records, [
    { lineStart: 0, lineLen: 15, lineIndex: 0, code: 0 },
    { lineStart: 0, lineLen: 15, lineIndex: 0, code: 1 },
    { lineStart: 26, lineLen: 18, lineIndex: 2, code: 0 },
  ]);
});

test("blank and whitespace-only lines count as lines but give no record", () => {
  const r = h.scan('\n  \t\n\r\n{"a":"x"}\n\n');
  assert.is(r.lines, 5);
  assert.equal(r.records, [{ lineStart: 7, lineLen: 9, lineIndex: 3, code: 0 }]);
  assert.equal(h.scan(""), { consumed: 0, lines: 0, records: [] });
});

test("\\r\\n endings: lineLen excludes \\r", () => {
  const r = h.scan('{"a":"x"}\r\n{"a":"x"}\r\n');
  assert.equal(r.records.map((m) => [m.lineStart, m.lineLen]), [[0, 9], [11, 9]]);
  assert.is(r.consumed, 22);
});

test("slots are cleared for every line", () => {
  assert.equal(codes('{"a":"x","b":2}\n{"c":3}\n{"b":1}\n'), [[0, 0], [0, 1], [2, 1]]);
});

test("malformed lines: 0x80000000 | offset where parsing failed", () => {
  assert.is(errorAt('{"a":}'), 5);
  assert.is(errorAt("[1,2]"), 0);
  assert.is(errorAt('  "str"'), 2);
  assert.is(errorAt("42"), 0);
  assert.is(errorAt("null"), 0);
  assert.is(errorAt('{"a":"x'), 7);
  assert.is(errorAt('{"a":1'), 6);
  assert.is(errorAt('{"a":1} x'), 8);
  assert.is(errorAt('{"a":1}{}'), 7);
  assert.is(errorAt('{"a":1,}'), 7);
  assert.is(errorAt('{"a" 1}'), 5);
  assert.is(errorAt('{a:1}'), 1);
  assert.is(errorAt('{"a":"\tb"}'), 6);
  assert.is(errorAt('{"a":"\\x"}'), 6);
  assert.is(errorAt('{"a":"\\u12G4"}'), 6);
  assert.is(errorAt('{"a":tru}'), 5);
  assert.is(errorAt('{"a":[1,2}'), 9);
  assert.is(errorAt('{"a":1\r'), 6, "offset is clamped to lineLen");
  assert.is(errorAt("{"), 1);
});

test("nesting: 128 levels are fine, 129 are malformed at the 129th bracket", () => {
  const deep = (n: number) => '{"a":"x","z":' + "[".repeat(n - 1) + "]".repeat(n - 1) + "}";
  assert.equal(codes(deep(128)), [[0, 0]]);
  assert.is(errorAt(deep(129)), 13 + 127);
  const objs = (n: number) => "{" + '"o":{'.repeat(n - 1) + "}".repeat(n);
  assert.is(h.scan(objs(128)).records.length, 0);
  assert.is(errorAt(objs(129)), 1 + 5 * 127 + 4);
});

test("a malformed line does not disturb its neighbours", () => {
  const input = '{"a":"x"}\n{"a":"x","b":[1,}\n{"b":"x"}\nnot json\n{"a":"x"}';
  const r = h.scan(input);
  assert.equal(r.records.map((m) => [m.lineIndex, m.code]), [
    [0, 0],
    [1, MALFORMED + 16],
    [2, 1],
    [3, MALFORMED],
    [4, 0],
  ]);
  assert.equal(r.records[1]!.lineStart, 10);
  assert.equal(r.records[1]!.lineLen, 17);
  assert.is(r.consumed, input.length);
});

test("final=0 leaves a partial trailing line unconsumed", () => {
  const done = '{"a":"x"}\n\n';
  const r = h.scan(done + '{"a":"x","b', false);
  assert.is(r.consumed, done.length);
  assert.is(r.lines, 2);
  assert.is(r.records.length, 1);
  assert.equal(h.scan('{"a":"x"}', false), { consumed: 0, lines: 0, records: [] });
  assert.equal(h.scan("   ", false), { consumed: 0, lines: 0, records: [] });
  assert.equal(h.scan("bad", false), { consumed: 0, lines: 0, records: [] });
  const full = h.scan('{"a":"x"}\n', false);
  assert.equal([full.consumed, full.lines, full.records.length], [10, 1, 1]);
});

test("final=1 handles the unterminated last line", () => {
  const r = h.scan('{"b":1}\n{"a":"x"}', true);
  assert.equal([r.consumed, r.lines], [17, 2]);
  assert.equal(r.records.map((m) => [m.lineIndex, m.lineStart, m.lineLen, m.code]), [[0, 0, 7, 1], [1, 8, 9, 0]]);
  assert.equal(h.scan("{}\n  ", true), { consumed: 5, lines: 2, records: [] });
});

test("stops early, at a line boundary, when fewer than ruleCount+1 records are free", async () => {
  const small = await loadKernels({ fields: ["a", "b"], ruleCount: 2, rulesEval: twoRules, outCap: 5 });
  const line = '{"a":"x","b":1}\n';
  const r = small.scan(line.repeat(4));
  assert.equal([r.consumed, r.lines, r.records.length], [2 * line.length, 2, 4]);
  const rest = small.scan(line.repeat(2));
  assert.equal([rest.consumed, rest.lines, rest.records.length], [2 * line.length, 2, 4]);
});

test("k_init reports memory it cannot get, and k_scan never reads past inputCap", async () => {
  const small = await loadKernels({ fields: ["a"], rulesEval: (k) => k.k.k_emit(0), inputCap: 16 });
  assert.is(small.k.k_init(small.slotBase(), 0xfff00000, 16), 1);
  assert.is(small.k.k_init(small.slotBase(), 16, 16), 0);
  const r = small.scan('{"a":1}\n{"a":2}\n{"a":3}\n', false);
  assert.equal([r.consumed, r.lines, r.records.length], [16, 2, 2]);
});

test("scanning a file in chunks gives the same records as one scan", async () => {
  const lines = Array.from({ length: 50 }, (_, i) => (i % 7 === 3 ? "{bad" : `{"a":"${i % 2 ? "x" : "y"}","n":${i}}`));
  const input = Buffer.from(lines.join("\r\n") + "\n");
  const whole = h.scan(input).records.map((m) => [m.lineStart, m.code]);
  const chunked: number[][] = [];
  let base = 0;
  while (base < input.length) {
    const end = Math.min(base + 37, input.length);
    const r = h.scan(input.subarray(base, end), end === input.length);
    for (const m of r.records) chunked.push([m.lineStart + base, m.code]);
    base += r.consumed;
    if (r.consumed === 0) break;
  }
  assert.equal(chunked, whole);
});

test.run();
