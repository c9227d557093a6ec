/**
 * @fileoverview k_fieldcmp: two fields of one event — numbers as numbers, booleans by
 * value, else texts by bytes (ci folds both); missing, null, arrays never compare.
 */
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { CMP, loadKernels } from "../../helpers/kernel-harness.js";

const test = suite("kernels: k_fieldcmp");
const h = await loadKernels({ fields: ["a", "b"], regexes: [] });
const cmp = (event: object | string, op: number, ci = false): boolean =>
  h.load(typeof event === "string" ? event : JSON.stringify(event)).fieldcmp("a", "b", op, ci);

test("texts: equality, ci on both sides, byte order", () => {
  assert.ok(cmp({ a: "C:\\x.exe", b: "C:\\x.exe" }, CMP.eq));
  assert.not.ok(cmp({ a: "C:\\X.exe", b: "c:\\x.EXE" }, CMP.eq));
  assert.ok(cmp({ a: "C:\\X.exe", b: "c:\\x.EXE" }, CMP.eq, true));
  assert.ok(cmp({ a: "alice", b: "bob" }, CMP.ne));
  assert.ok(cmp({ a: "alice", b: "bob" }, CMP.lt));
  assert.ok(cmp({ a: "ab", b: "a" }, CMP.gt));
  assert.ok(cmp({ a: "", b: "" }, CMP.eq));
});

test("numbers compare as numbers; a number and a string as text", () => {
  assert.ok(cmp({ a: 10, b: 9 }, CMP.gt), "10 > 9, not '10' < '9'");
  assert.ok(cmp({ a: 1.5, b: 1 }, CMP.gt));
  assert.ok(cmp('{"a":9223372036854775807,"b":9223372036854775806}', CMP.gt), "i64 exact");
  assert.ok(cmp({ a: "4624", b: 4624 }, CMP.eq));
});

test("booleans by value; missing, null, arrays and objects never compare", () => {
  assert.ok(cmp({ a: true, b: true }, CMP.eq));
  assert.ok(cmp({ a: true, b: false }, CMP.ne));
  assert.not.ok(cmp({ a: true, b: "true" }, CMP.eq));
  assert.not.ok(cmp({ a: "x" }, CMP.ne));
  assert.not.ok(cmp({ a: null, b: null }, CMP.eq));
  assert.not.ok(cmp({ a: ["x"], b: "x" }, CMP.eq));
  assert.not.ok(cmp({ a: { c: 1 }, b: { c: 1 } }, CMP.eq));
});

const text = (event: object | string, op: number, ci = false): boolean =>
  h.load(typeof event === "string" ? event : JSON.stringify(event)).fieldtext("a", "b", op, ci);
const PREFIX = 1;
const SUFFIX = 2;
const CONTAINS = 3;

test("k_fieldtext: prefix, suffix and contains of another field's text; ci folds both sides", () => {
  assert.ok(text({ a: "C:\\Users\\bob\\x.exe", b: "C:\\Users" }, PREFIX));
  assert.not.ok(text({ a: "C:\\Users\\bob\\x.exe", b: "c:\\users" }, PREFIX));
  assert.ok(text({ a: "C:\\Users\\bob\\x.exe", b: "c:\\USERS" }, PREFIX, true));
  assert.ok(text({ a: "alice@corp.example", b: "corp.example" }, SUFFIX));
  assert.ok(text({ a: "alice@CORP.example", b: "corp.EXAMPLE" }, SUFFIX, true));
  assert.not.ok(text({ a: "corp.example", b: "alice@corp.example" }, SUFFIX), "longer pattern");
  assert.ok(text({ a: "arn:aws:iam::123456:role/x", b: "123456" }, CONTAINS));
  assert.ok(text({ a: "arn:aws:iam::123456:role/x", b: 123456 }, CONTAINS), "a number's JSON text");
  assert.ok(text({ a: "abc", b: "" }, CONTAINS), "empty pattern");
  assert.not.ok(text({ a: "abc", b: "abd" }, CONTAINS));
  assert.ok(text({ a: "xxABcxx", b: "abC" }, CONTAINS, true));
});

test("k_fieldtext: missing, null, booleans, arrays and objects never match", () => {
  assert.not.ok(text({ a: "abc" }, CONTAINS));
  assert.not.ok(text({ a: "abc", b: null }, CONTAINS));
  assert.not.ok(text({ a: "true", b: true }, CONTAINS));
  assert.not.ok(text({ a: ["abc"], b: "a" }, PREFIX));
  assert.not.ok(text({ a: { c: "abc" }, b: "a" }, PREFIX));
});

test.run();
