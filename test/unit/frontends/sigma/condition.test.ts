/**
 * @fileoverview The Sigma condition grammar: precedence, quantifiers, and errors that
 * point inside the condition string (also inside quoted YAML scalars), the depth cap
 * and unsupported aggregation pipes.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DiagnosticBag } from "../../../../compiler/diagnostics/diagnostic.js";
import { parseCondition } from "../../../../compiler/frontends/sigma/condition-ast.js";
import { printCondition } from "../../../../compiler/frontends/sigma/print-ast.js";
import { sigmaFrontend } from "../../../../compiler/frontends/sigma/index.js";
import { codes, compileWith } from "./compile.js";
import { soloPredicate } from "../../../helpers/ir.js";

function parse(text: string): { printed: string | undefined; bag: DiagnosticBag } {
  const bag = new DiagnosticBag();
  const offsets = [...Array(text.length + 1).keys()];
  const e = parseCondition({ text, file: "c", offsets, context: [] }, bag);
  return { printed: e === undefined ? undefined : printCondition(e).replace(/\n\s*/g, " "), bag };
}

test("precedence: not binds tighter than and, and tighter than or", () => {
  assert.is(parse("a or b and not c").printed, "(or a (and b (not c)))");
  assert.is(parse("(a or b) and c").printed, "(and (or a b) c)");
  assert.is(parse("not not a").printed, "(not (not a))");
});

test("quantifiers: 1 / any / all of pattern or them", () => {
  assert.is(parse("1 of sel* and not all of filter_*").printed, "(and (any-of sel*) (not (all-of filter_*)))");
  assert.is(parse("any of them").printed, "(any-of them)");
  assert.is(parse("all of them").printed, "(all-of them)");
});

test("identifiers may hold - . and digits; keywords are whole words", () => {
  assert.is(parse("sel-1.a or order and nota").printed, "(or sel-1.a (and order nota))");
});

test("spans of nodes are offsets within the condition", () => {
  const bag = new DiagnosticBag();
  const text = "a and  not bb";
  const e = parseCondition({ text, file: "c", offsets: [...Array(text.length + 1).keys()], context: [] }, bag);
  assert.equal(e?.span, { file: "c", start: 0, end: 13 });
  assert.ok(e?.kind === "and");
  if (e?.kind === "and") assert.equal(e.terms[1]?.span, { file: "c", start: 7, end: 13 });
});

test("syntax errors name what was expected", () => {
  const r = parse("a and");
  assert.is(r.printed, undefined);
  assert.is(r.bag.items[0]?.code, "K1003");
  assert.is(r.bag.items[0]?.message, "Syntax error: expected a search identifier, 'not', '(' or 'x of' but found the end of the condition");
  assert.is(parse("a b").bag.items[0]?.message, "Syntax error: unexpected 'b'; expected 'and', 'or' or the end");
  assert.is(parse("(a").bag.items[0]?.message, "Syntax error: expected ')' but found the end of the condition");
  assert.is(parse("1 of").bag.items[0]?.code, "K1003");
  assert.is(parse("a & b").bag.items[0]?.code, "K1004");
});

test("nesting deeper than 100 is K1007, 100 is fine", () => {
  const ok = parse(`${"(".repeat(100)}a${")".repeat(100)}`);
  assert.is(ok.printed, "a");
  const deep = parse(`${"(".repeat(101)}a${")".repeat(101)}`);
  assert.is(deep.bag.items[0]?.message, "Exceeded max depth limit of 100.");
  assert.equal(deep.bag.items[0]?.span, { file: "c", start: 100, end: 101 });
  assert.is(parse(`${"not ".repeat(5000)}a`).bag.items[0]?.code, "K1007");
});

test("aggregation pipes are unsupported", () => {
  const r = parse("sel | count() by User > 5");
  assert.is(r.bag.items[0]?.code, "K1305");
  assert.equal(r.bag.items[0]?.span, { file: "c", start: 4, end: 25 });
});

test("errors point inside quoted and escaped YAML condition scalars", () => {
  const rule = (cond: string): string =>
    compileWith(sigmaFrontend, "q.yml", `title: Q\nlogsource: {category: anything}\ndetection:\n  sel: {Image: x}\n  condition: ${cond}\n`).diagnostics;
  assert.match(rule("'sel and nope'"), "q.yml:5:23: error K1303: Condition names 'nope'");
  assert.match(rule('"sel and \\"nope\\""'), 'q.yml:5:24: error K1004: Unexpected character "\\"".');
  assert.match(rule("sel and nope"), "q.yml:5:22: error K1303");
  assert.match(rule("'it''s and sel'"), "q.yml:5:17: error K1004: Unexpected character \"'\".");
});

test("a list of conditions is OR'ed", () => {
  const c = compileWith(
    sigmaFrontend,
    "l.yml",
    "title: L\nlogsource: {category: anything}\ndetection:\n  a: {Image: x}\n  b: {Image: y}\n  condition:\n    - a\n    - b\n",
  );
  assert.equal(codes(c), []);
  assert.is(soloPredicate(c.rules[0]).kind, "or");
});

test.run();
