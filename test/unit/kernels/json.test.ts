/**
 * @fileoverview The JSON scanner as seen through slots: dotted vs nested paths, string
 * escapes, numbers (i64/f64), literals, objects, arrays in the element arena and its bound.
 */
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { loadKernels, CMP, STR, TAG } from "../../helpers/kernel-harness.js";

const test = suite("kernels: JSON scanner");

const h = await loadKernels({
  fields: ["process.name", "a", "b", "n", "arr", "arr2", "x.y.z", "obj", "", "é.ü"],
  inputCap: 1 << 20,
});

test("nested objects and dotted keys reach the same slot", () => {
  assert.is(h.load('{"process":{"pid":1,"name":"cmd.exe"}}').slotText("process.name"), "cmd.exe");
  assert.is(h.load('{"process.name":"ps.exe"}').slotText("process.name"), "ps.exe");
  assert.is(h.load('{"x":{"y.z":"1"}}').slotText("x.y.z"), "1");
  assert.is(h.load('{"x.y":{"z":"2"}}').slotText("x.y.z"), "2");
  assert.is(h.load('{"x":{"y":{"z":"3"}}}').slotText("x.y.z"), "3");
  assert.is(h.load('{"pro\\u0063ess":{"na\\u006de":"esc"}}').slotText("process.name"), "esc");
  assert.is(h.load('{"é":{"ü":"utf8 path"}}').slotText("é.ü"), "utf8 path");
  assert.is(h.load('{"":"empty key"}').slotText(""), "empty key");
});

test("only full paths match; arrays hide the objects inside them", () => {
  assert.is(h.load('{"process":"p","name":"n","processname":"x"}').slotValue("process.name").tag, TAG.missing);
  assert.is(h.load('{"x":[{"y":{"z":"in array"}}]}').slotValue("x.y.z").tag, TAG.missing);
  assert.is(h.load('{"a":{"process":{"name":"deeper"}}}').slotValue("process.name").tag, TAG.missing);
});

test("the last repeated key wins", () => {
  h.load('{"a":"first","process":{"name":"p1"},"a":"second","process.name":"p2"}');
  assert.is(h.slotText("a"), "second");
  assert.is(h.slotText("process.name"), "p2");
  h.load('{"a":"x","a":null}');
  assert.is(h.slotValue("a").tag, TAG.null);
});

test("strings without escapes point into the input; escapes are decoded", () => {
  h.load('{"a":"plain","b":"q\\"b\\\\s\\/b\\bf\\fn\\nr\\rt\\t"}');
  const a = h.slotValue("a");
  assert.ok(a.ptr >= h.k.k_input_ptr());
  assert.is(h.slotText("b"), 'q"b\\s/b\bf\fn\nr\rt\t');
  assert.is(h.load('{"a":"\\u0041\\u00e9\\u20AC\\ud83d\\ude00!"}').slotText("a"), "Aé€😀!");
  assert.is(h.load('{"a":"already é€😀"}').slotText("a"), "already é€😀");
});

test("lone surrogates become U+FFFD", () => {
  assert.is(h.load('{"a":"x\\ud800y"}').slotText("a"), "x\ufffdy");
  assert.is(h.load('{"a":"\\udc00"}').slotText("a"), "\ufffd");
  assert.is(h.load('{"a":"\\ud800\\u0041"}').slotText("a"), "\ufffdA");
  assert.is(h.load('{"a":"\\ud800\\ud800\\udc00"}').slotText("a"), "\ufffd𐀀");
  assert.is(h.load('{"a":"\\ud800"}').slotText("a"), "\ufffd");
});

test("several escaped strings on one line keep their own decoded bytes", () => {
  h.load('{"a":"\\u0061-one","b":"\\u0062-two","obj":{"k":"\\n"}}');
  assert.is(h.slotText("a"), "a-one");
  assert.is(h.slotText("b"), "b-two");
});

const num = (text: string) => h.load(`{"n":${text}}`).slotValue("n");

test("numbers: raw text, f64 and, for integers that fit, i64", () => {
  for (const [text, f] of [["0", 0], ["-0", -0], ["123", 123], ["-45", -45]] as const) {
    const v = num(text);
    assert.equal([v.tag, v.flags, v.f64, v.i64, h.text(v.ptr, v.len)], [TAG.number, 1, f, BigInt(f), text]);
  }
  for (const text of ["1.5", "-2.25e3", "1E2", "1e-2", "0.1", "123456.789", "1.7976931348623157e308", "2.5E+3", "-0.0", "5e-324", "2.2250738585072014e-308", "123e-20"]) {
    const v = num(text);
    assert.equal([v.tag, v.flags, v.f64, h.text(v.ptr, v.len)], [TAG.number, 0, Number(text), text], text);
  }
  assert.is(num("1e400").f64, Infinity);
  assert.is(num("1e-400").f64, 0);
  assert.ok(Math.abs(num("1234567890123456789012345").f64 / 1.2345678901234568e24 - 1) < 1e-15);
});

test("numbers: i64 limits", () => {
  assert.equal([num("9223372036854775807").flags, num("9223372036854775807").i64], [1, 9223372036854775807n]);
  assert.equal([num("-9223372036854775808").flags, num("-9223372036854775808").i64], [1, -9223372036854775808n]);
  assert.equal([num("9223372036854775808").flags, num("9223372036854775808").f64], [0, 9223372036854775808]);
  assert.is(num("-9223372036854775809").flags, 0);
  assert.is(num("18446744073709551616").flags, 0);
  assert.is(num("12345678901234567890").flags, 0);
});

test("invalid numbers and literals make the line malformed", () => {
  for (const bad of ["01", "1.", ".5", "-", "1e", "+1", "1.e3", "--1", "1e+", "0x10", "tru", "nul", "True", "NaN", "-Infinity"]) {
    const r = h.scan(`{"n":${bad}}`).records;
    assert.ok(r.length === 1 && r[0]!.code >= 0x80000000, bad);
  }
});

test("true, false, null and objects", () => {
  h.load('{"a":true,"b":false,"n":null,"obj":{"k":[1,{"z":2}]}}');
  assert.is(h.slotValue("a").tag, TAG.true);
  assert.is(h.slotValue("b").tag, TAG.false);
  assert.is(h.slotValue("n").tag, TAG.null);
  const o = h.slotValue("obj");
  assert.equal([o.tag, h.text(o.ptr, o.len)], [TAG.object, '{"k":[1,{"z":2}]}']);
});

test("whitespace between every token", () => {
  h.load(' \t{ "process" :\t{ "name" : "w" } ,\r"arr" : [ 1 , "2" ] , "a" : true } \t');
  assert.is(h.slotText("process.name"), "w");
  assert.is(h.slotValue("arr").len, 2);
  assert.is(h.slotValue("a").tag, TAG.true);
  assert.is(h.load("{ }").slotValue("a").tag, TAG.missing);
});

test("arrays: scalar elements in the arena, any element can satisfy a leaf", () => {
  h.load('{"arr":["a",2,null,true,[9],{"v":9},"c"]}');
  const v = h.slotValue("arr");
  assert.equal([v.tag, v.len], [TAG.array, 5]);
  assert.ok(h.str("arr", STR.eq, "c"));
  assert.ok(h.int("arr", CMP.eq, 2));
  assert.not.ok(h.int("arr", CMP.eq, 9));
  assert.ok(h.len("arr", CMP.eq, 7));
  assert.ok(h.load('{"arr":[]}').len("arr", CMP.eq, 0));
});

test("the element arena is bounded: later elements are dropped, the line still scans", () => {
  const many = Array.from({ length: 5000 }, (_, i) => i).join(",");
  h.load(`{"arr":[${many}],"arr2":[1,2,3],"a":"after"}`);
  assert.is(h.slotValue("arr").len, 4096);
  assert.ok(h.len("arr", CMP.eq, 5000));
  assert.ok(h.int("arr", CMP.eq, 4095));
  assert.not.ok(h.int("arr", CMP.eq, 4096));
  assert.is(h.slotValue("arr2").len, 0, "arena already full");
  assert.ok(h.len("arr2", CMP.eq, 3));
  assert.is(h.slotText("a"), "after");
  assert.is(h.load('{"arr2":[1,2,3]}').slotValue("arr2").len, 3, "arena is per line");
});

/** Deterministic PRNG (mulberry32) so the mutation test is repeatable. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test("mutated lines: malformed exactly when JSON.parse rejects them or they are not objects", () => {
  const rand = rng(1234);
  const seeds = [
    '{"a":"x\\u00e9\\n","b":[1,-2.5e3,true,null,{"c":[]}],"n":0,"arr":["s",{}],"obj":{"k":"v"}}',
    '{"process":{"name":"cmd.exe","pid":42},"x":{"y":{"z":1e-3}},"":false}',
  ];
  const alphabet = '{}[]",:\\0123456789-+.eEtrufalsn \t\ru/bxé';
  for (let i = 0; i < 4000; i++) {
    const chars = [...seeds[i % seeds.length]!];
    for (let m = 1 + Math.floor(rand() * 3); m > 0; m--) {
      const at = Math.floor(rand() * chars.length);
      const c = alphabet[Math.floor(rand() * alphabet.length)]!;
      const kind = rand();
      if (kind < 0.4) chars[at] = c;
      else if (kind < 0.7) chars.splice(at, 1);
      else chars.splice(at, 0, c);
    }
    const line = chars.join("");
    if (line.trim() === "") continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      parsed = undefined;
    }
    const ok = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed);
    const r = h.scan(line).records;
    assert.is(r.length === 0, ok, line);
    if (!ok) continue;
    const obj = parsed as Record<string, unknown>;
    if (typeof obj["a"] === "string") assert.is(h.slotText("a"), obj["a"], line);
    if (typeof obj["n"] === "number") assert.is(h.slotValue("n").f64, obj["n"], line);
  }
});

test.run();
