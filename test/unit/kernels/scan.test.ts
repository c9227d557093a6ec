/**
 * @fileoverview k_scan over NDJSON: match records, blank lines, \r\n, malformed lines and their
 * error offsets, the unterminated last line, scanning from an offset, and the early stop when
 * the record region is nearly full. Builds dist/kernels.wasm first if it is missing or stale.
 */
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { loadKernels, MALFORMED, STR, type KernelHarness, type MatchRecord } from "../../helpers/kernel-harness.js";

const test = suite("kernels: k_scan");

/** Rule 0: a == "x"; rule 1: b exists. */
function twoRules(h: KernelHarness): void {
  if (h.str("a", STR.eq, "x")) h.k.k_emit(0);
  if (h.exists("b")) h.k.k_emit(1);
}

const h = await loadKernels({ fields: ["a", "b"], ruleCount: 2, rulesEval: twoRules });

/** [lineIndex, code] pairs of the records of a scan. */
function codes(input: string): [number, number][] {
  return h.scan(input).records.map((r) => [r.lineIndex, r.code]);
}

/** The line part of a record. */
function where(r: MatchRecord): { lineStart: number; lineLen: number; lineIndex: number; code: number } {
  return { lineStart: r.lineStart, lineLen: r.lineLen, lineIndex: r.lineIndex, code: r.code };
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
  assert.equal(r.records.map(where), [
    { lineStart: 0, lineLen: 15, lineIndex: 0, code: 0 },
    { lineStart: 0, lineLen: 15, lineIndex: 0, code: 1 },
    { lineStart: 26, lineLen: 18, lineIndex: 2, code: 0 },
  ]);
});

test("blank and whitespace-only lines count as lines but give no record", () => {
  const r = h.scan('\n  \t\n\r\n{"a":"x"}\n\n');
  assert.is(r.lines, 5);
  assert.equal(r.records.map(where), [{ lineStart: 7, lineLen: 9, lineIndex: 3, code: 0 }]);
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

test("the unterminated last line is a line", () => {
  const r = h.scan('{"b":1}\n{"a":"x"}');
  assert.equal([r.consumed, r.lines], [17, 2]);
  assert.equal(r.records.map((m) => [m.lineIndex, m.lineStart, m.lineLen, m.code]), [[0, 0, 7, 1], [1, 8, 9, 0]]);
  assert.equal(h.scan("{}\n  "), { consumed: 5, lines: 2, records: [] });
  assert.equal(h.scan('{"a":"x","b').records.map((m) => m.code), [MALFORMED + 11]);
});

test("scanning from an offset starts at that line", () => {
  const input = '{"b":1}\n{"a":"x"}\n';
  const r = h.scan(input, 8);
  assert.equal([r.consumed, r.lines], [input.length, 1]);
  assert.equal(r.records.map((m) => [m.lineIndex, m.lineStart, m.code]), [[0, 8, 0]]);
});

test("stops early, at a line boundary, when less than one line's worst case of record room is left", async () => {
  // Worst case of a line: a malformed mark plus both rules' records, 3 x 32 bytes.
  const small = await loadKernels({ fields: ["a", "b"], ruleCount: 2, rulesEval: twoRules, outBytes: 160 });
  const line = '{"a":"x","b":1}\n';
  const r = small.scan(line.repeat(4));
  assert.equal([r.consumed, r.lines, r.records.length], [2 * line.length, 2, 4]);
  const rest = small.scan(line.repeat(4), r.consumed);
  assert.equal([rest.consumed, rest.lines, rest.records.length], [4 * line.length, 2, 4]);
});

test("k_init reports memory it cannot get, and k_scan never reads past inputCap", async () => {
  const small = await loadKernels({ fields: ["a"], rulesEval: (k) => k.k.k_emit(0), inputCap: 16 });
  assert.is(small.k.k_init(small.slotBase(), 0xfff00000, 16), 1);
  assert.is(small.k.k_init(small.slotBase(), 16, 1024), 0);
  const r = small.scan('{"a":1}\n{"a":2}\n{"a":3}\n');
  assert.equal([r.consumed, r.lines, r.records.length], [16, 2, 2]);
});

test("scanning in many calls from the returned offsets gives the same records as one scan", async () => {
  const lines = Array.from({ length: 50 }, (_, i) => (i % 7 === 3 ? "{bad" : `{"a":"${i % 2 ? "x" : "y"}","n":${i}}`));
  const input = Buffer.from(lines.join("\r\n") + "\n");
  const whole = h.scan(input).records.map((m) => [m.lineStart, m.code]);
  const small = await loadKernels({ fields: ["a", "b"], ruleCount: 2, rulesEval: twoRules, outBytes: 1 });
  const pieces: number[][] = [];
  for (let start = 0, calls = 0; start < input.length && calls < 1000; calls++) {
    const r = small.scan(input, start);
    for (const m of r.records) pieces.push([m.lineStart, m.code]);
    assert.ok(r.consumed > start, "progress");
    start = r.consumed;
  }
  assert.equal(pieces, whole);
});

test.run();
