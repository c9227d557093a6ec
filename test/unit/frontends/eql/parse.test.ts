/**
 * @fileoverview EQL parsing: precedence, syntax and lexical errors located at the
 * offending token, every error reported, the depth limit, and no exception on any
 * prefix of a valid query.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { printExpr } from "../../../../compiler/frontends/eql/print-ast.js";
import type { EqlExpr } from "../../../../compiler/frontends/eql/ast.js";
import { codes, diagnose, parse } from "./helpers.js";

function conditionOf(text: string): EqlExpr {
  const { ast, bag } = parse(text);
  assert.equal(codes(bag), []);
  if (ast?.query.kind !== "event") throw new Error("expected an event query");
  return ast.query.condition;
}

/** The expression tree without spans, one line. */
function shape(e: EqlExpr): string {
  return printExpr(e)
    .replace(/ @\d+\.\.\d+/g, "")
    .replace(/\s*\n\s*/g, " ");
}

test("and binds tighter than or; not binds tighter than and", () => {
  const e = conditionOf("process where not a == 1 and b == 2 or c == 3");
  assert.is(
    shape(e),
    "(or (and (not (compare == (field a) (int 1))) (compare == (field b) (int 2))) (compare == (field c) (int 3)))",
  );
});

test("parentheses override precedence", () => {
  const e = conditionOf("process where a == 1 and (b == 2 or c == 3)");
  assert.is(shape(e), "(and (compare == (field a) (int 1)) (or (compare == (field b) (int 2)) (compare == (field c) (int 3))))");
});

test("legacy '=' is '==', and '-' folds into number literals", () => {
  assert.is(shape(conditionOf("process where pid = -5")), "(compare == (field pid) (int -5))");
  assert.is(shape(conditionOf("process where x > - -2.5")), "(compare > (field x) (float 2.5))");
});

test("arithmetic parses with the usual precedence", () => {
  const e = conditionOf("process where a + b * c - d == 1");
  assert.is(shape(e), "(compare == (arith - (arith + (field a) (arith * (field b) (field c))) (field d)) (int 1))");
});

test("keywords inside dotted names stay names", () => {
  const e = conditionOf("process where event.sequence == 1 and index.in == 2 and notes : \"x\"");
  assert.match(shape(e), "(field event.sequence)");
  assert.match(shape(e), "(field index.in)");
  assert.match(shape(e), "(field notes)");
});

test("a syntax error is K1003 at the offending token", () => {
  assert.equal(diagnose('process where process.name == "a" and'), [
    { code: "K1003", at: "", message: "Syntax error: expected 'not' or a value but found end of input" },
  ]);
  const d = diagnose("process where a == 1 )");
  assert.is(d[0]?.code, "K1003");
  assert.is(d[0]?.at, ")");
});

test("every syntax error in the file is reported", () => {
  const d = diagnose('process where a == and b in ("x" "y") and c == )');
  assert.equal(
    d.map((x) => [x.code, x.at]),
    [
      ["K1003", "and"],
      ["K1003", '"y"'],
      ["K1003", ")"],
    ],
  );
});

test("a second query in the file is a syntax error", () => {
  const d = diagnose("process where true\nfile where true");
  assert.is(d.length, 1);
  assert.is(d[0]?.at, "file");
  assert.match(d[0]?.message ?? "", "a rule holds one query");
});

test("leftover input that does not open a query is not called a second query", () => {
  assert.equal(diagnose("process where a == 1 )"), [
    { code: "K1003", at: ")", message: "Syntax error: unexpected ')' after the end of the query" },
  ]);
  const d = diagnose("process where a in\nfile where b");
  assert.is(d[0]?.message, "Syntax error: expected '(' but found 'file'");
});

test("sequence, join and sample also start a second query", () => {
  const d = diagnose("process where a == 1\nsequence [process where b == 2]");
  assert.is(d[0]?.at, "sequence");
  assert.match(d[0]?.message ?? "", "a rule holds one query");
});

test("an unclosed list or argument list expects ',' or ')'", () => {
  assert.is(diagnose('process where a in ("x" "y")')[0]?.message, "Syntax error: expected ',' or ')' but found '\"y\"'");
  assert.is(diagnose('process where f(a "y")')[0]?.message, "Syntax error: expected ',' or ')' but found '\"y\"'");
  assert.is(diagnose("process where (a == 1")[0]?.message, "Syntax error: expected ')' but found end of input");
});

test("a parenthesized term's span takes in its parentheses", () => {
  const text = "process where not (a == 1 or b == 2) and c == 3";
  const e = conditionOf(text);
  if (e.kind !== "and") throw new Error("expected an and");
  assert.equal(
    e.terms.map((t) => text.slice(t.span.start, t.span.end)),
    ["not (a == 1 or b == 2)", "c == 3"],
  );
});

test("stray characters are K1004; lexer errors stop before parsing", () => {
  assert.equal(diagnose("process where a # b == 1 $"), [
    { code: "K1004", at: "#", message: 'Unexpected character "#".' },
    { code: "K1004", at: "$", message: 'Unexpected character "$".' },
  ]);
});

test("unterminated literals are K1005 / K1013 at their start", () => {
  assert.equal(diagnose('process where a == "abc\n'), [{ code: "K1005", at: '"', message: "Unterminated string literal." }]);
  assert.equal(diagnose("process where a == 'abc"), [{ code: "K1005", at: "'", message: "Unterminated string literal." }]);
  assert.is(diagnose('process where a == """abc')[0]?.code, "K1013");
  assert.is(diagnose("process where `odd == 1")[0]?.code, "K1013");
  assert.is(diagnose("process where a == 1 /* never closed")[0]?.code, "K1013");
});

test("a file with only comments is K1009", () => {
  assert.equal(codes(parse("// id: x\n/* nothing */\n").bag), ["K1009"]);
  assert.equal(codes(parse("").bag), ["K1009"]);
});

test("150 nested parentheses are K1007, not a stack overflow", () => {
  const text = `process where ${"(".repeat(150)}a == 1${")".repeat(150)}`;
  const d = diagnose(text);
  assert.equal(d, [{ code: "K1007", at: "(", message: "Exceeded max depth limit of 100." }]);
  const { bag } = parse(text);
  assert.is(bag.items[0]?.span.start, "process where ".length + 100);
});

test("150 nested nots are K1007, not a stack overflow", () => {
  const d = diagnose(`process where ${"not ".repeat(150)}a == 1`);
  assert.equal(d, [{ code: "K1007", at: "not", message: "Exceeded max depth limit of 100." }]);
});

test("nesting right at the limit parses", () => {
  assert.equal(codes(parse(`process where ${"(".repeat(99)}a == 1${")".repeat(99)}`).bag), []);
  assert.equal(codes(parse(`process where ${"not ".repeat(100)}a == 1`).bag), []);
  assert.equal(codes(parse(`process where ${"f(".repeat(99)}a${")".repeat(99)}`).bag), []);
});

test("flat chains are not nesting", () => {
  const many = Array.from({ length: 2000 }, (_, i) => `not a == ${i}`).join(" and ");
  assert.equal(codes(parse(`process where ${many}`).bag), []);
});

test("no prefix of a valid query makes the parser throw", () => {
  const text =
    'sequence by host.id with maxspan=5m [process where not ?a.b : ("x*", "y") and length(c) > -3] ' +
    '![file where startsWith~(`odd field`, """r""") or d in~ (1, 2.5, null) and e like "\\u{41}*"] until [any where f] | head 5';
  for (let end = 0; end <= text.length; end++) {
    const { bag } = parse(text.slice(0, end));
    if (end === text.length) assert.equal(codes(bag), []);
    else assert.ok(bag.items.every((d) => /^K10\d\d$/.test(d.code)), `prefix ${end}: ${codes(bag).join(",")}`);
  }
});

test("the parser instance is reused without leaking state between files", () => {
  assert.is(parse("process where (").bag.items.length, 1);
  assert.equal(codes(parse("process where a == 1").bag), []);
});

test.run();
