/**
 * @fileoverview Sigma string escaping (the spec's backslash table), wildcard text in
 * the IR's syntax, and the choice of the narrowest string leaf.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { strLeaf } from "../../../../compiler/frontends/common/value-to-ir.js";
import { parseWildcard, plainText, wildcardText, type StrPart } from "../../../../compiler/frontends/common/values.js";
import { printExpr } from "../../../../compiler/ir/print.js";
import type { FieldRef } from "../../../../compiler/ir/nodes.js";

const t = (text: string): StrPart => ({ kind: "text", text });
const any: StrPart = { kind: "any" };
const one: StrPart = { kind: "one" };

test("plain wildcards and escaped wildcards", () => {
  assert.equal(parseWildcard("a*b?c"), [t("a"), any, t("b"), one, t("c")]);
  assert.equal(parseWildcard("a\\*b\\?"), [t("a*b?")]);
});

test("backslashes follow the spec's table", () => {
  // single or double backslash before a non-wildcard: one backslash each pair / single
  assert.equal(parseWildcard("C:\\Windows"), [t("C:\\Windows")]);
  assert.equal(parseWildcard("C:\\\\Windows"), [t("C:\\Windows")]);
  // \\* = literal backslash then wildcard
  assert.equal(parseWildcard("a\\\\*"), [t("a\\"), any]);
  // \\\* = literal backslash then literal star
  assert.equal(parseWildcard("a\\\\\\*"), [t("a\\*")]);
  // three or four backslashes = two
  assert.equal(parseWildcard("\\\\\\x"), [t("\\\\x")]);
  assert.equal(parseWildcard("\\\\\\\\x"), [t("\\\\x")]);
});

test("wildcardText escapes literal specials, plainText does not", () => {
  const parts = [t("a*\\"), any, t("?")];
  assert.is(wildcardText(parts), "a\\*\\\\*\\?");
  assert.is(plainText([t("x")]), "x");
});

const field: FieldRef = { id: 1, path: "F", type: "string" };
const leaf = (s: string, ci = true): string => printExpr(strLeaf(field, parseWildcard(s), ci));

test("strLeaf picks eq / prefix / suffix / contains / wildcard", () => {
  assert.is(leaf("Abc"), '(str.eq~ F "abc")');
  assert.is(leaf("Abc*"), '(str.prefix~ F "abc")');
  assert.is(leaf("*Abc"), '(str.suffix~ F "abc")');
  assert.is(leaf("*Abc*"), '(str.contains~ F "abc")');
  assert.is(leaf("*"), '(str.wildcard~ F "*")');
  assert.is(leaf("a*b"), '(str.wildcard~ F "a*b")');
  assert.is(leaf("*a?b*"), '(str.wildcard~ F "*a?b*")');
  assert.is(leaf("*a\\*b*"), '(str.contains~ F "a*b")');
  assert.is(leaf("Abc", false), '(str.eq F "Abc")');
  assert.is(leaf(""), '(str.eq~ F "")');
});

test.run();
