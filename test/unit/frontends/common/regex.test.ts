/**
 * @fileoverview PCRE-flavoured Sigma regexes → ECMAScript: inline flags, folding of
 * `m` and `s`, rejection of PCRE-only syntax, and syntax errors.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { toEcmaRegex } from "../../../../compiler/frontends/common/regex.js";

const none = { i: false, m: false, s: false };

test("plain patterns pass through unchanged", () => {
  assert.equal(toEcmaRegex("a.b[.^$]\\.", none), { ok: true, pattern: "a.b[.^$]\\.", caseInsensitive: false });
});

test("leading (?i) becomes caseInsensitive", () => {
  assert.equal(toEcmaRegex("(?i)abc", none), { ok: true, pattern: "abc", caseInsensitive: true });
  assert.equal(toEcmaRegex("(?is)a.c", none), { ok: true, pattern: "a[\\s\\S]c", caseInsensitive: true });
});

test("s folds dots outside classes and escapes", () => {
  const r = toEcmaRegex("a.\\.[.]", { ...none, s: true });
  assert.equal(r, { ok: true, pattern: "a[\\s\\S]\\.[.]", caseInsensitive: false });
  if (r.ok) assert.ok(new RegExp(r.pattern).test("a\n.."));
});

test("m folds anchors to line boundaries", () => {
  const r = toEcmaRegex("^b$", { ...none, m: true });
  assert.ok(r.ok);
  if (r.ok) {
    assert.ok(new RegExp(r.pattern).test("a\nb\nc"));
    assert.not.ok(new RegExp(r.pattern).test("ab"));
  }
});

test("PCRE-only constructs and syntax errors are reported", () => {
  assert.equal(toEcmaRegex("\\Aabc", none), { ok: false, error: "'\\A' is PCRE-only and not supported" });
  assert.equal(toEcmaRegex("a++", none), { ok: false, error: "'++' is PCRE-only and not supported" });
  assert.ok(toEcmaRegex("\\++", none).ok, "escaped plus followed by a quantifier is fine");
  const bad = toEcmaRegex("a(b", none);
  assert.equal(bad, { ok: false, error: "Unterminated group" });
});

test.run();
