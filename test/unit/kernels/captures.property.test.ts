/**
 * @fileoverview Property test (fast-check): every capture and every event time the Wasm
 * kernels extract equals what the reference reader (exact JSON parse) and the oracles in
 * test/reference/ yield. Lines are generated as raw JSON text so that they cover escapes
 * (including \u escapes of plain ASCII), unicode, nested and dotted ECS paths for the same
 * field, duplicate keys (the last wins), arrays, numbers in several spellings and numbers
 * as strings, for every time format, with a fallback time field read when the primary is
 * missing or null.
 */
import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { abi, timeFormatCodes } from "../../../compiler/package/abi.js";
import type { TimestampFormat } from "../../../compiler/schema/schema.js";
import { flattenPaths } from "../../reference/event.js";
import { parseJson, type JsonValue } from "../../reference/json-value.js";
import { loadKernels, type KernelHarness } from "../../helpers/kernel-harness.js";
import { canonicalHash, captureSpanText } from "../../reference/canonical-value.js";
import { referenceEventTime } from "../../reference/event-time.js";

const test = suite("kernels: captures and event time (property)");
const CAPTURED = ["user.name", "host.id", "n"] as const;
const FOLD = [false, true, false];
const FIELDS = [...CAPTURED, "t", "t2"];
/** The fallback time source: read when "t" is missing or null. */
const FALLBACK = { field: "t2", format: "epoch_ms" } as const;

/** A JSON string literal; optionally every ASCII character written as a \u escape. */
const jsonString = (s: string, escapeAll: boolean): string =>
  escapeAll ? `"${[...s].map((c) => (c.charCodeAt(0) < 128 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : c)).join("")}"` : JSON.stringify(s);

const text = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.constantFrom("CORP\\Alice", "corp\\ALICE", "C:\\Windows\\System32\\cmd.exe", "Zoë", "日本", "😀 x", "", "10", "-0", "1e3", "true"),
);
const numberText = fc.oneof(
  fc.bigInt({ min: -(2n ** 66n), max: 2n ** 66n }).map(String),
  fc.integer({ min: -1_000_000, max: 1_000_000 }).chain((i) => fc.constantFrom(`${i}`, `${i}.0`, `${i}e0`, `${i}.000`)),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }).map((d) => JSON.stringify(d)),
  fc.constantFrom("0", "-0", "0.5", "1.5e3", "123456789012345678901234", "9223372036854775807", "-9223372036854775808", "9223372036854775808"),
);
const scalar = fc.oneof(
  fc.tuple(text, fc.boolean()).map(([s, e]) => jsonString(s, e)),
  numberText,
  numberText.map((n) => JSON.stringify(n)),
  fc.constantFrom("true", "false", "null"),
);
const value = fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: fc.array(scalar, { maxLength: 4 }).map((a) => `[${a.join(",")}]`) }, fc.constant('{"x":1}'));

const isoTime = fc
  .tuple(
    fc.date({ min: new Date("1700-01-01T00:00:00Z"), max: new Date("2250-12-31T23:59:59Z"), noInvalidDate: true }),
    fc.constantFrom("T", "t", " "),
    fc.constantFrom("", ".5", ".123", ".123456", ".123456789", ".1234567891234", ",25"),
    fc.constantFrom("Z", "z", "", "+00:00", "-05:30", "+0530", "+02", "+14:00", "-23:59"),
    fc.boolean(),
  )
  .map(([d, sep, frac, zone, dateOnly]) => (dateOnly ? d.toISOString().slice(0, 10) : `${d.toISOString().slice(0, 10)}${sep}${d.toISOString().slice(11, 19)}${frac}${zone}`));
const badTime = fc.constantFrom("2020-02-30T00:00:00Z", "2021-02-29", "2020-13-01", "2020-01-01T24:00:00Z", "2020-01-01T10:60", "2020-1-01", "2020-01-01T10:00:00+05:", "yesterday", "", "2020-01-01Z", "1600-01-01T00:00:00Z");
const timeValue = fc.oneof(
  isoTime.map((s) => JSON.stringify(s)),
  badTime.map((s) => JSON.stringify(s)),
  numberText,
  numberText.map((n) => JSON.stringify(n)),
  fc.constantFrom("1700000000123", "132464736000000000", "null", "true", "[1]"),
);

/** One entry of the line: a dotted key, or the same path as nested objects. */
const entry = (paths: readonly string[], values: fc.Arbitrary<string>) =>
  fc.tuple(fc.constantFrom(...paths), values, fc.boolean()).map(([path, v, nested]) => {
    const parts = path.split(".");
    if (!nested || parts.length === 1) return `${JSON.stringify(path)}:${v}`;
    return parts.slice(0, -1).reduceRight((inner, p) => `${JSON.stringify(p)}:{${inner}}`, `${JSON.stringify(parts[parts.length - 1])}:${v}`);
  });
const line = fc
  .tuple(fc.array(entry(CAPTURED, value), { maxLength: 6 }), fc.array(entry(["t", "t2"], timeValue), { maxLength: 3 }), fc.array(entry(["other", "user.id"], value), { maxLength: 2 }))
  .chain(([a, b, c]) => fc.shuffledSubarray([...a, ...b, ...c], { minLength: a.length + b.length + c.length }))
  .map((entries) => `{${entries.join(",")}}`);

async function harnessFor(format: TimestampFormat): Promise<KernelHarness> {
  return loadKernels({
    fields: FIELDS,
    ruleCount: 1,
    rulesEval: (h) => h.k.k_emit(0),
    captures: [CAPTURED.map((field, i) => ({ field, fold: FOLD[i] === true }))],
    time: { field: "t", format: timeFormatCodes[format], fallbacks: [{ field: FALLBACK.field, format: timeFormatCodes[FALLBACK.format] }] },
  });
}

const tagOf = (v: JsonValue | undefined): number => {
  if (v === undefined) return abi.TAG_MISSING;
  return { str: abi.TAG_STRING, num: abi.TAG_NUMBER, bool: v.t === "bool" && v.v ? abi.TAG_TRUE : abi.TAG_FALSE, null: abi.TAG_NULL, arr: abi.TAG_ARRAY, obj: abi.TAG_OBJECT }[v.t];
};

for (const format of Object.keys(timeFormatCodes) as TimestampFormat[]) {
  test(`captures and ${format} time equal the reference reader's`, async () => {
    const h = await harnessFor(format);
    fc.assert(
      fc.property(line, (json) => {
        const records = h.scan(json).records;
        assert.is(records.length, 1, json);
        const r = records[0]!;
        assert.ok(r.code < abi.MALFORMED_BIT, `malformed: ${json}`);
        const paths = flattenPaths(parseJson(json));
        CAPTURED.forEach((field, i) => {
          const v = paths.get(field);
          const c = r.captures[i]!;
          assert.is(c.tag, tagOf(v), `${field} tag in ${json}`);
          assert.is(c.hash, canonicalHash(v, FOLD[i] === true), `${field} hash in ${json}`);
          const span = captureSpanText(v);
          assert.is(span === undefined ? undefined : h.text(c.ptr, c.len), span, `${field} text in ${json}`);
        });
        const expected = referenceEventTime(paths, { field: "t", format, fallbacks: [FALLBACK] });
        const status = { ok: abi.TIME_OK, missing: abi.TIME_MISSING, unparseable: abi.TIME_UNPARSEABLE }[expected.status];
        assert.is(r.timeStatus, status, `time status in ${json}`);
        if (expected.status === "ok") assert.is(r.time, expected.ns, `time in ${json}`);
      }),
      { numRuns: 400 },
    );
  });
}

test("equal values in different spellings hash alike; different types do not", async () => {
  const h = await harnessFor("iso8601");
  const hashOf = (v: string): bigint => h.scan(`{"n":${v}}`).records[0]!.captures[2]!.hash;
  assert.is(hashOf("10"), hashOf("10.0"));
  assert.is(hashOf("10"), hashOf("1e1"));
  assert.is(hashOf("0"), hashOf("-0"));
  assert.is.not(hashOf("10"), hashOf('"10"'));
  assert.is.not(hashOf("true"), hashOf('"true"'));
  assert.is(hashOf('"a\\u0062"'), hashOf('"ab"'));
  const folded = (v: string): bigint => h.scan(`{"host.id":${v}}`).records[0]!.captures[1]!.hash;
  assert.is(folded('"WKS01"'), folded('"wks01"'));
  assert.is.not(hashOf('"WKS01"'), hashOf('"wks01"'));
});

test("an escaped capture's span outlives the line: every record of a scan keeps its own text", async () => {
  const h = await harnessFor("iso8601");
  const r = h.scan('{"user.name":"a\\\\b"}\n{"user.name":"c\\\\d"}\n').records;
  assert.equal(r.map((m) => h.text(m.captures[0]!.ptr, m.captures[0]!.len)), ["a\\b", "c\\d"]);
});

test.run();
