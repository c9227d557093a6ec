/**
 * @fileoverview EQL conditions → IR predicates: boolean structure, comparisons
 * (`==` case-sensitive and wildcard-aware, literal-first comparisons flipped),
 * the match operators (`:`, `in`, `in~`, `not in`, `like`, `like~`, `regex`,
 * `regex~`, each with one value or a list) and function calls. Keeps going after an
 * error so one rule reports all of its problems; returns undefined if there was any.
 */
import { allOf, anyOf, nary, not } from "../../ir/build.js";
import type { CmpOp, IrExpr } from "../../ir/nodes.js";
import { isTextType } from "../../ir/types.js";
import { fieldsOfExpr } from "../../ir/visit.js";
import type { Span } from "../../source/span.js";
import { assertNever } from "../../util/assert-never.js";
import { defined } from "../common/defined.js";
import type { LowerContext } from "../frontend.js";
import type { CompareOp, EqlExpr } from "./ast.js";
import { lowerCallCondition, lowerLength } from "./functions.js";
import { cmpOps, fieldLeaf, stringLeaf } from "./leaf.js";
import { classify, describeLiteral, isLiteral, type FieldOperand, type LiteralExpr } from "./operand.js";
import { isValueFunction, lowerValueCondition, negatedValue } from "./lower-value.js";

type CompareExpr = Extract<EqlExpr, { kind: "compare" }>;
type MatchExpr = Extract<EqlExpr, { kind: "match" }>;

const flipped: Readonly<Record<CompareOp, CompareOp>> = { "==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<=" };

function unsupported(span: Span, what: string, ctx: LowerContext): undefined {
  ctx.bag.error("K1601", span, [what]);
  return undefined;
}

export function lowerCondition(e: EqlExpr, ctx: LowerContext): IrExpr | undefined {
  switch (e.kind) {
    case "and":
    case "or": {
      const terms = defined(e.terms.map((t) => lowerCondition(t, ctx)));
      return terms === undefined ? undefined : nary(e.kind, terms);
    }
    case "not":
      return lowerFalsity(e.term, ctx);
    case "compare":
      return lowerCompare(e, ctx);
    case "match":
      return lowerMatch(e, ctx);
    case "call":
      return fastCall(e) ? lowerCallCondition(e, ctx) : lowerValueCondition(e, ctx);
    case "bool":
      return { kind: "const", value: e.value };
    case "field":
      return bareField(e, ctx);
    case "arith":
    case "neg":
      return lowerValueCondition(e, ctx);
    case "string":
    case "int":
    case "float":
    case "null":
      return unsupported(e.span, `${describeLiteral(e)} used as a condition`, ctx);
    default:
      return assertNever(e);
  }
}

/**
 * When an EQL condition is false, as opposed to null. EQL logic is three-valued: a
 * comparison on a missing or null field is null, `not null` is null, and a rule
 * matches only when its condition is true. The IR is two-valued (a leaf on a missing
 * field is false), so `not` pushes inward (De Morgan) and each negated comparison
 * also requires its fields to be present. `== null` and `!= null` are never null.
 */
function lowerFalsity(e: EqlExpr, ctx: LowerContext): IrExpr | undefined {
  switch (e.kind) {
    case "and":
    case "or": {
      const terms = defined(e.terms.map((t) => lowerFalsity(t, ctx)));
      return terms === undefined ? undefined : nary(e.kind === "and" ? "or" : "and", terms);
    }
    case "not":
      return lowerCondition(e.term, ctx);
    case "bool":
      return { kind: "const", value: !e.value };
    case "compare":
    case "match":
    case "call":
    case "field":
    case "arith":
    case "neg":
    case "string":
    case "int":
    case "float":
    case "null":
      return leafFalsity(e, ctx);
    default:
      return assertNever(e);
  }
}

function leafFalsity(e: EqlExpr, ctx: LowerContext): IrExpr | undefined {
  const truth = lowerCondition(e, ctx);
  if (truth === undefined) return undefined;
  if (truth.kind === "value") return negatedValue(truth);
  const comparesWithNull = e.kind === "compare" && (e.left.kind === "null" || e.right.kind === "null");
  if (comparesWithNull) return { kind: "not", term: truth };
  const fields = fieldsOfExpr(truth);
  // No field read: an optional field the schema lacks, which is null.
  if (fields.length === 0) return { kind: "const", value: false };
  return allOf([...fields.map((field): IrExpr => ({ kind: "exists", field })), not(truth)]);
}

/** A bare boolean field is `field == true`; any other type cannot be a condition. */
function bareField(e: Extract<EqlExpr, { kind: "field" }>, ctx: LowerContext): IrExpr | undefined {
  const f = classify(e, ctx);
  if (f?.kind !== "field") return undefined;
  if (f.field === undefined) return { kind: "const", value: false };
  if (f.field.type === "bool" || f.field.type === "array<bool>") return { kind: "bool", field: f.field, value: true };
  return unsupported(e.span, `a ${f.field.type} field used as a condition`, ctx);
}

function lowerCompare(e: CompareExpr, ctx: LowerContext): IrExpr | undefined {
  const swap = isLiteral(e.left) && !isLiteral(e.right);
  const op = swap ? flipped[e.op] : e.op;
  const left = swap ? e.right : e.left;
  const right = swap ? e.left : e.right;
  if (left.kind === "call" && fastCompareCall(left, op, right)) return compareCall(left, op, right, ctx);
  // Anything but `field <op> field|literal` is computed.
  if (left.kind !== "field" || (right.kind !== "field" && !isLiteral(right))) return lowerValueCondition(e, ctx);
  const l = classify(left, ctx);
  const r = classify(right, ctx);
  if (l?.kind !== "field" || r === undefined) return undefined;
  // The endgame dialect's == folds case; Elasticsearch's is exact.
  const fold = ctx.dialect === "endgame";
  if (r.kind === "field") return fieldCompare(l, r, cmpOps[op], fold);
  if (r.kind === "literal") return fieldLeaf(l, op, r.expr, { caseInsensitive: fold, wildcards: true }, ctx.bag);
  return lowerValueCondition(e, ctx);
}

/** Functions with fast leaves: `startsWith(field, "a", …)`, `cidrMatch(field, …)`, two-field text tests; unknown names (for their diagnostics). */
function fastCall(call: Extract<EqlExpr, { kind: "call" }>): boolean {
  const name = call.name.value.toLowerCase();
  // length() is a number: only `length(field) <op> n` is a fast leaf (fastCompareCall).
  if (name === "length") return false;
  if (name === "cidrmatch" || !isValueFunction(name)) return true;
  const [first, ...rest] = call.args;
  return first?.kind === "field" && rest.length > 0 && rest.every((a) => a.kind === "string" || (a.kind === "field" && rest.length === 1));
}

/** `length(field) <op> number`, and a fast boolean call `== true|false`. */
function fastCompareCall(call: Extract<EqlExpr, { kind: "call" }>, op: CompareOp, right: EqlExpr): boolean {
  if (call.name.value.toLowerCase() === "length") return call.args.length === 1 && call.args[0]?.kind === "field" && (right.kind === "int" || right.kind === "float");
  return right.kind === "bool" && (op === "==" || op === "!=") && fastCall(call);
}

/** What fastCompareCall accepts: `length(f) > 3`, or a boolean function `== true|false`. */
function compareCall(call: Extract<EqlExpr, { kind: "call" }>, op: CompareOp, right: EqlExpr, ctx: LowerContext): IrExpr | undefined {
  if (right.kind === "bool") {
    const c = lowerCallCondition(call, ctx);
    if (c === undefined) return undefined;
    return right.value === (op === "==") ? c : { kind: "not", term: c };
  }
  return lowerLength(call, op, right, ctx);
}

function matchOpText(e: MatchExpr): string {
  return `${e.negated ? "not " : ""}${e.op}${e.caseInsensitive && e.op !== ":" ? "~" : ""}`;
}

function lowerMatch(e: MatchExpr, ctx: LowerContext): IrExpr | undefined {
  if (e.left.kind !== "field" || e.values.some((v) => v.kind !== "field" && !isLiteral(v))) return lowerValueCondition(e, ctx);
  const l = classify(e.left, ctx);
  if (l === undefined) return undefined;
  if (l.kind !== "field") return unsupported(e.left.span, `operator '${matchOpText(e)}' on something other than a field`, ctx);
  const leaves = defined(e.values.map((v) => matchValue(e, l, v, ctx)));
  if (leaves === undefined) return undefined;
  const any = anyOf(leaves);
  if (!e.negated) return any;
  if (l.field === undefined) return { kind: "const", value: false };
  return allOf([{ kind: "exists", field: l.field }, not(any)]);
}

/** Two fields of one event; an optional field the schema lacks is null, so false. */
function fieldCompare(l: FieldOperand, r: FieldOperand, op: CmpOp, caseInsensitive: boolean): IrExpr {
  if (l.field === undefined || r.field === undefined) return { kind: "const", value: false };
  if (l.field.id === r.field.id) return op === "eq" || op === "le" || op === "ge" ? { kind: "exists", field: l.field } : { kind: "const", value: false };
  return { kind: "fieldcmp", op, field: l.field, other: r.field, caseInsensitive };
}

function matchValue(e: MatchExpr, l: FieldOperand, v: EqlExpr, ctx: LowerContext): IrExpr | undefined {
  if (v.kind === "field") {
    if (e.op === "like" || e.op === "regex") {
      ctx.bag.error("K1207", v.span, [l.expr.path, v.path]);
      return undefined;
    }
    const r = classify(v, ctx);
    if (r?.kind !== "field") return undefined;
    return fieldCompare(l, r, "eq", e.op === ":" || e.caseInsensitive || ctx.dialect === "endgame");
  }
  if (!isLiteral(v)) return unsupported(v.span, `a computed value after '${matchOpText(e)}'`, ctx);
  switch (e.op) {
    case ":":
      return fieldLeaf(l, "==", v, { caseInsensitive: true, wildcards: true }, ctx.bag);
    case "in":
      return fieldLeaf(l, "==", v, { caseInsensitive: e.caseInsensitive || ctx.dialect === "endgame", wildcards: false }, ctx.bag);
    case "like":
    case "regex":
      return patternLeaf(e, l, v, ctx);
    default:
      return assertNever(e.op);
  }
}

/** `like` / `regex` need a text field and a string pattern. */
function patternLeaf(e: MatchExpr, l: FieldOperand, v: LiteralExpr, ctx: LowerContext): IrExpr | undefined {
  const field = l.field;
  if (field === undefined) return { kind: "const", value: false };
  if (v.kind !== "string") {
    ctx.bag.error("K1202", v.span, [field.path, field.type, describeLiteral(v)]);
    return undefined;
  }
  if (!isTextType(field.type)) {
    ctx.bag.error("K1206", l.expr.span, [matchOpText(e), field.type, field.path]);
    return undefined;
  }
  const caseInsensitive = e.caseInsensitive;
  if (e.op === "like") return stringLeaf(field, "wildcard", v.value, { caseInsensitive, wildcards: true });
  // Elastic regexes match the whole value; the IR's are unanchored searches.
  const pattern = `^(?:${v.value})$`;
  try {
    new RegExp(pattern);
  } catch (err) {
    const reason = /: ([^:]+)$/.exec((err as Error).message)?.[1] ?? (err as Error).message;
    ctx.bag.error("K1010", v.span, [v.value, reason]);
    return undefined;
  }
  return { kind: "regex", field, pattern, caseInsensitive };
}
