/**
 * @fileoverview The oracle's exact JSON parser, event time and event model.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { decodeEvent, flattenPaths } from "../../reference/event.js";
import { referenceTime } from "../../reference/event-time.js";
import { JsonSyntaxError, parseJson, parseJsonNumber } from "../../reference/json-value.js";

test("numbers keep raw text and exact i64", () => {
  const v = parseJson('{"t":131485996510000001,"f":1.50,"n":-0}');
  assert.ok(v.t === "obj");
  const [t, f, n] = v.entries.map(([, x]) => x);
  assert.equal(t, { t: "num", raw: "131485996510000001", f: 131485996510000000, int: 131485996510000001n });
  assert.equal(f, { t: "num", raw: "1.50", f: 1.5, int: undefined });
  assert.ok(n?.t === "num" && n.int === 0n);
});

test("numbers beyond i64 have no int; JSON grammar is enforced for coercion", () => {
  assert.is(parseJsonNumber("9223372036854775808")?.int, undefined);
  assert.is(parseJsonNumber("9223372036854775807")?.int, 9223372036854775807n);
  for (const bad of ["01", "+1", " 1", "1.", ".5", "0x10", ""]) assert.is(parseJsonNumber(bad), undefined, bad);
});

test("escapes decode, including surrogate pairs", () => {
  const v = parseJson('{"s":"a\\\\b\\"c\\u00e9\\ud83d\\ude00\\n"}');
  assert.ok(v.t === "obj");
  assert.equal(v.entries[0]?.[1], { t: "str", v: 'a\\b"cé😀\n' });
});

test("malformed input throws JsonSyntaxError with an offset", () => {
  for (const bad of ['{"a":1', '{"a":}', '{"a":1} x', '{"a":"\\x"}', "[1,]", '{"a":tru}']) {
    assert.throws(() => parseJson(bad), (e: unknown) => e instanceof JsonSyntaxError, bad);
  }
});

test("nesting: 128 containers are fine, a 129th is malformed even when empty (as the Wasm scanner)", () => {
  const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
  assert.ok(parseJson(deep(128)).t === "arr");
  assert.throws(() => parseJson(deep(129)), (e: unknown) => e instanceof JsonSyntaxError);
  assert.throws(() => parseJson(`{"a":${deep(128)}}`), (e: unknown) => e instanceof JsonSyntaxError);
});

test("nested objects and dotted keys address the same path; the last one wins", () => {
  const paths = flattenPaths(parseJson('{"process":{"name":"a"},"process.name":"b"}'));
  assert.equal(paths.get("process.name"), { t: "str", v: "b" });
});

test("timestamps: FILETIME, epoch and ISO-8601 to ns since the Unix epoch", () => {
  assert.equal(referenceTime({ t: "num", raw: "116444736000000000", f: 0, int: 116444736000000000n }, "filetime"), { status: "ok", ns: 0n });
  assert.equal(referenceTime({ t: "str", v: "1700000000123" }, "epoch_ms"), { status: "ok", ns: 1700000000123000000n });
  assert.equal(referenceTime({ t: "str", v: "2020-09-04T20:09:40.845123Z" }, "iso8601"), { status: "ok", ns: 1599250180845123000n });
  assert.equal(referenceTime({ t: "str", v: "not a time" }, "iso8601"), { status: "unparseable" });
  assert.equal(referenceTime(undefined, "iso8601"), { status: "missing" });
});

test("decodeEvent stores only schema fields, sparsely by id, with entity key and source", () => {
  const shape = {
    fieldIds: new Map([["a", 1], ["b.c", 2], ["ts", 3]]),
    timestamp: { field: "ts", format: "epoch_s" as const },
    entityKey: ["a", "b.c"],
  };
  const e = decodeEvent(parseJson('{"a":"x","b":{"c":5},"zzz":1,"ts":2}'), shape, 9, { file: "f", line: 3 }, "");
  assert.equal([...e.fields.keys()], [1, 2, 3]);
  assert.is(e.timestamp, 2000000000n);
  assert.is(e.entityKey, "x|5");
  assert.is(e.seq, 9);
  assert.equal(e.source, { file: "f", line: 3 });
});

test.run();
