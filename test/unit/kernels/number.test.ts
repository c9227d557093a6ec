/**
 * @fileoverview k_int, k_float, k_bool and k_exists: integer vs float comparison, numeric
 * strings, i64 extremes, booleans as literals and strings, and MISSING/NULL/array rules.
 */
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { loadKernels, CMP } from "../../helpers/kernel-harness.js";

const test = suite("kernels: numeric and boolean predicates");

const h = await loadKernels({ fields: ["v", "arr", "none"] });
const load = (json: string) => h.load(`{"v":${json}}`);

test("k_int: every op on an integer", () => {
  load("4103");
  const want: [number, number, boolean][] = [
    [CMP.eq, 4103, true], [CMP.eq, 4104, false], [CMP.ne, 4104, true], [CMP.ne, 4103, false],
    [CMP.lt, 4104, true], [CMP.lt, 4103, false], [CMP.le, 4103, true], [CMP.le, 4102, false],
    [CMP.gt, 4102, true], [CMP.gt, 4103, false], [CMP.ge, 4103, true], [CMP.ge, 4104, false],
  ];
  for (const [op, value, result] of want) assert.is(h.int("v", op, value), result, `${op} ${value}`);
});

test("k_int compares i64 exactly, and non-integers as f64", () => {
  load("9223372036854775807");
  assert.ok(h.int("v", CMP.eq, 9223372036854775807n));
  assert.not.ok(h.int("v", CMP.eq, 9223372036854775806n));
  assert.ok(h.int("v", CMP.gt, 9223372036854775806n));
  load("-9223372036854775808");
  assert.ok(h.int("v", CMP.eq, -9223372036854775808n));
  load("2.5");
  assert.ok(h.int("v", CMP.gt, 2));
  assert.ok(h.int("v", CMP.lt, 3));
  assert.not.ok(h.int("v", CMP.eq, 2));
  load("3.0");
  assert.ok(h.int("v", CMP.eq, 3));
  load("1e3");
  assert.ok(h.int("v", CMP.eq, 1000));
  load("-0");
  assert.ok(h.int("v", CMP.eq, 0));
});

test("k_float", () => {
  load("0.1");
  assert.ok(h.float("v", CMP.eq, 0.1));
  assert.ok(h.float("v", CMP.lt, 0.2));
  load("7");
  assert.ok(h.float("v", CMP.eq, 7));
  assert.ok(h.float("v", CMP.gt, 6.5));
  load("-1.5e-3");
  assert.ok(h.float("v", CMP.eq, -0.0015));
  assert.ok(h.float("v", CMP.ne, 0));
});

test("numeric strings are coerced; anything else in a string is not a number", () => {
  load('"42"');
  assert.ok(h.int("v", CMP.eq, 42));
  assert.ok(h.float("v", CMP.eq, 42));
  load('"-1.5e2"');
  assert.ok(h.int("v", CMP.eq, -150));
  load('"9223372036854775807"');
  assert.ok(h.int("v", CMP.eq, 9223372036854775807n));
  for (const s of ['" 42"', '"42 "', '"42x"', '""', '"0x10"', '"+1"', '"01"', '"1."', '"NaN"']) {
    load(s);
    assert.not.ok(h.int("v", CMP.eq, 42), s);
    assert.not.ok(h.int("v", CMP.ne, 42), `${s} ne`);
    assert.not.ok(h.float("v", CMP.ne, 1), `${s} float`);
  }
  load('"\\u0034\\u0032"');
  assert.ok(h.int("v", CMP.eq, 42), "decoded escapes are coerced too");
});

test("MISSING, NULL, booleans and objects never compare", () => {
  for (const json of ["null", "true", "false", '{"a":1}']) {
    load(json);
    for (const op of Object.values(CMP)) {
      assert.not.ok(h.int("v", op, 0), `${json} int ${op}`);
      assert.not.ok(h.float("v", op, 0), `${json} float ${op}`);
    }
  }
  for (const op of Object.values(CMP)) assert.not.ok(h.int("none", op, 0));
});

test("arrays: any element", () => {
  h.load('{"arr":[1,"20",3.5,null,"x"]}');
  assert.ok(h.int("arr", CMP.eq, 20));
  assert.ok(h.int("arr", CMP.eq, 1));
  assert.ok(h.float("arr", CMP.eq, 3.5));
  assert.ok(h.int("arr", CMP.gt, 19));
  assert.not.ok(h.int("arr", CMP.gt, 20));
  assert.ok(h.int("arr", CMP.ne, 1), "ne holds for another element");
  assert.not.ok(h.load('{"arr":[]}').int("arr", CMP.ne, 1));
});

test("k_bool: literals and the strings true/false in any case", () => {
  load("true");
  assert.ok(h.bool("v", true));
  assert.not.ok(h.bool("v", false));
  load("false");
  assert.ok(h.bool("v", false));
  assert.not.ok(h.bool("v", true));
  for (const [s, b] of [['"TRUE"', true], ['"True"', true], ['"false"', false], ['"FaLsE"', false]] as const) {
    load(s);
    assert.ok(h.bool("v", b), s);
    assert.not.ok(h.bool("v", !b), s);
  }
  for (const s of ['"yes"', '"1"', "1", "0", "null", '"truex"', '""']) {
    load(s);
    assert.not.ok(h.bool("v", true), s);
    assert.not.ok(h.bool("v", false), s);
  }
  assert.not.ok(h.bool("none", false));
  h.load('{"arr":["no",false]}');
  assert.ok(h.bool("arr", false));
  assert.not.ok(h.bool("arr", true));
});

test("k_exists", () => {
  for (const json of ['""', "0", "false", "{}", '"x"', "[1]", "[null,1]", "[{}]", "[[]]"]) {
    assert.ok(h.load(`{"arr":${json}}`).exists("arr"), json);
  }
  for (const json of ["null", "[]", "[null]", "[null,null]"]) {
    assert.not.ok(h.load(`{"arr":${json}}`).exists("arr"), json);
  }
  assert.not.ok(h.exists("none"));
});

test.run();
