/**
 * @fileoverview EQL expressions that compute → an IR `value` leaf (compiler/ir/value.ts):
 * arithmetic, the value functions (`add`, `substring`, `concat`, `number`, `between`,
 * `indexOf`…), comparisons between computed values, and conditions nested in comparisons
 * (`null == (-1 < exit_code)`). lower-expr.ts keeps the plain `field <op> literal` shapes as
 * fast leaves and sends the rest here. Types are checked where they are known (a string
 * field added to a number is K1211); the endgame dialect folds case and divides as Python.
 */
import type { IrExpr } from "../../ir/nodes.js";
import { isNumericType, isTextType, elementType, isArrayType } from "../../ir/types.js";
import { MAX_VALUE_CELLS, valueCells, type IrValue, type ValueFn } from "../../ir/value.js";
import type { Span } from "../../source/span.js";
import { assertNever } from "../../util/assert-never.js";
import { defined } from "../common/defined.js";
import type { LowerContext } from "../frontend.js";
import type { ArithOp, EqlExpr } from "./ast.js";
import { cmpOps } from "./leaf.js";
import { classify } from "./operand.js";
import { isOpenFieldId } from "../../schema/lookup.js";

/** What a value is known to be at compile time; "any" for open fields and mixed results. */
type VType = "number" | "string" | "bool" | "null" | "any";

interface Typed {
  readonly value: IrValue;
  readonly type: VType;
}

type CallExpr = Extract<EqlExpr, { kind: "call" }>;

const typeNames: Readonly<Record<VType, string>> = { number: "a number", string: "a string", bool: "a boolean", null: "null", any: "a value" };

/** A condition computed as a value: its leaf, or undefined after a diagnostic. */
export function lowerValueCondition(e: EqlExpr, ctx: LowerContext): IrExpr | undefined {
  const t = lowerValue(e, ctx);
  if (t === undefined) return undefined;
  if (!accepts("bool", t.type)) return mismatch(e.span, "a condition", "a boolean", t.type, ctx);
  return leaf(t.value, e.span, ctx);
}

/** `not (…)` of a computed condition: true only when the condition is false, not null. */
export function negatedValue(e: Extract<IrExpr, { kind: "value" }>): IrExpr {
  return { kind: "value", value: fn("not", [e.value]) };
}

function leaf(value: IrValue, span: Span, ctx: LowerContext): IrExpr | undefined {
  const cells = valueCells(value);
  if (cells > MAX_VALUE_CELLS) {
    ctx.bag.error("K1212", span, [String(cells), String(MAX_VALUE_CELLS)]);
    return undefined;
  }
  return { kind: "value", value };
}

function fn(name: ValueFn, args: readonly IrValue[], caseInsensitive = false): IrValue {
  return { kind: "call", fn: name, args, caseInsensitive };
}

function accepts(want: VType, got: VType): boolean {
  return got === want || got === "any" || got === "null";
}

function mismatch(span: Span, what: string, wants: string, got: VType | string, ctx: LowerContext): undefined {
  ctx.bag.error("K1211", span, [what, wants, got in typeNames ? typeNames[got as VType] : got]);
  return undefined;
}

export function lowerValue(e: EqlExpr, ctx: LowerContext): Typed | undefined {
  const fold = ctx.dialect === "endgame";
  switch (e.kind) {
    case "string":
      return { value: { kind: "scalar", scalar: { type: "string", value: e.value } }, type: "string" };
    case "int":
      return intLiteral(e.text, e.span, ctx);
    case "float":
      return { value: { kind: "scalar", scalar: { type: "float", value: Number(e.text) } }, type: "number" };
    case "bool":
      return { value: { kind: "scalar", scalar: { type: "bool", value: e.value } }, type: "bool" };
    case "null":
      return { value: { kind: "scalar", scalar: { type: "null" } }, type: "null" };
    case "field":
      return fieldValue(e, ctx);
    case "arith":
      return arith(e.op, e.left, e.right, ctx);
    case "neg": {
      const t = numbers([e.term], "'-'", ctx);
      return t === undefined ? undefined : { value: fn("negate", t), type: "number" };
    }
    case "and":
    case "or": {
      const terms = defined(e.terms.map((t) => lowerBool(t, ctx)));
      return terms === undefined ? undefined : { value: fn(e.kind, terms), type: "bool" };
    }
    case "not": {
      const t = lowerBool(e.term, ctx);
      return t === undefined ? undefined : { value: fn("not", [t]), type: "bool" };
    }
    case "compare":
      return compare(e, fold, ctx);
    case "match":
      return match(e, fold, ctx);
    case "call":
      return call(e, fold, ctx);
    default:
      return assertNever(e);
  }
}

function intLiteral(text: string, span: Span, ctx: LowerContext): Typed | undefined {
  const v = BigInt(text);
  if (BigInt.asIntN(64, v) !== v) {
    ctx.bag.error("K1211", span, ["an integer", "a value in the signed 64-bit range", text]);
    return undefined;
  }
  return { value: { kind: "scalar", scalar: { type: "int", value: v.toString() } }, type: "number" };
}

function fieldValue(e: Extract<EqlExpr, { kind: "field" }>, ctx: LowerContext): Typed | undefined {
  const f = classify(e, ctx);
  if (f?.kind !== "field") return undefined;
  if (f.field === undefined) return { value: { kind: "scalar", scalar: { type: "null" } }, type: "null" };
  const t = f.field.type;
  // Arrays read as null in a computed value; their elements are for the plain comparisons.
  const type: VType = isArrayType(t) ? "any" : isNumericType(t) ? "number" : isTextType(t) ? "string" : elementType(t) === "bool" ? "bool" : "any";
  // An open field is only guessed to be text.
  return { value: { kind: "field", field: f.field }, type: isOpenFieldId(f.field.id) ? "any" : type };
}

function lowerBool(e: EqlExpr, ctx: LowerContext): IrValue | undefined {
  const t = lowerValue(e, ctx);
  if (t === undefined) return undefined;
  return accepts("bool", t.type) ? t.value : mismatch(e.span, "a condition", "a boolean", t.type, ctx);
}

/** Each argument, checked to be a number. */
function numbers(args: readonly EqlExpr[], what: string, ctx: LowerContext): IrValue[] | undefined {
  const out = defined(args.map((a) => lowerValue(a, ctx)));
  if (out === undefined) return undefined;
  let ok = true;
  out.forEach((t, i) => {
    if (!accepts("number", t.type)) ok = mismatch((args[i] as EqlExpr).span, what, "a number", t.type, ctx) ?? false;
  });
  return ok ? out.map((t) => t.value) : undefined;
}

const arithFns: Readonly<Record<ArithOp, ValueFn>> = { "+": "add", "-": "subtract", "*": "multiply", "/": "divide", "%": "modulo" };

/**
 * The reference engine is Python 2: `/` floors two ints, `divide()` converts to floats
 * first, and `%` takes the divisor's sign. Elasticsearch truncates as Java does.
 */
function arithFn(name: ValueFn, fold: boolean, operator: boolean): ValueFn {
  if (fold && name === "divide") return operator ? "floor_divide" : "true_divide";
  if (fold && name === "modulo") return "floor_modulo";
  return name;
}

function arith(op: ArithOp, left: EqlExpr, right: EqlExpr, ctx: LowerContext): Typed | undefined {
  const args = numbers([left, right], `'${op}'`, ctx);
  return args === undefined ? undefined : { value: fn(arithFn(arithFns[op], ctx.dialect === "endgame", true), args), type: "number" };
}

/** `==`/`!=` with a null literal test nullness; a string literal with `*`/`?` after `==` is a wildcard, as for fields. */
function compare(e: Extract<EqlExpr, { kind: "compare" }>, fold: boolean, ctx: LowerContext): Typed | undefined {
  const l = lowerValue(e.left, ctx);
  const r = lowerValue(e.right, ctx);
  if (l === undefined || r === undefined) return undefined;
  if ((e.op === "==" || e.op === "!=") && (l.type === "null" || r.type === "null")) {
    const other = l.type === "null" && e.left.kind === "null" ? r : l;
    const isNull = fn("is_null", [other.value]);
    return { value: e.op === "==" ? isNull : fn("not", [isNull]), type: "bool" };
  }
  const known = [l.type, r.type].filter((t) => t !== "any" && t !== "null");
  const [a, b] = known;
  if (a !== undefined && b !== undefined && a !== b) return mismatch(e.span, `'${e.op}'`, "values of one type", `${typeNames[a]} and ${typeNames[b]}`, ctx);
  if ((e.op === "==" || e.op === "!=") && e.right.kind === "string" && /[*?]/.test(e.right.value)) {
    const w = fn("wildcard", [l.value, pattern(e.right.value)], fold);
    return { value: e.op === "==" ? w : fn("not", [w]), type: "bool" };
  }
  return { value: fn(cmpOps[e.op], [l.value, r.value], fold), type: "bool" };
}

/** An EQL string as a wildcard pattern: every `*`/`?` is a wildcard and backslashes are literal. */
function pattern(text: string): IrValue {
  return { kind: "scalar", scalar: { type: "string", value: text.replace(/\\/g, "\\\\") } };
}

/** `:`, `like`, `in` (and `~`, `not in`) on a computed value: any of the values. */
function match(e: Extract<EqlExpr, { kind: "match" }>, fold: boolean, ctx: LowerContext): Typed | undefined {
  const l = lowerValue(e.left, ctx);
  if (l === undefined) return undefined;
  if (e.op === "regex") {
    ctx.bag.error("K1601", e.span, ["'regex' on a computed value"]);
    return undefined;
  }
  const ci = e.op === ":" || e.caseInsensitive || fold;
  const tests = defined(
    e.values.map((v): IrValue | undefined => {
      if (v.kind === "string" && e.op !== "in") return fn("wildcard", [l.value, pattern(v.value)], ci);
      const r = lowerValue(v, ctx);
      return r === undefined ? undefined : fn("eq", [l.value, r.value], ci);
    }),
  );
  if (tests === undefined) return undefined;
  const any = tests.length === 1 ? (tests[0] as IrValue) : fn("or", tests);
  if (!e.negated) return { value: any, type: "bool" };
  // `not in` is null when the value is null, as every comparison is.
  return { value: fn("and", [fn("not", [fn("is_null", [l.value])]), fn("not", [any])]), type: "bool" };
}

interface FnSpec {
  /** The IR function; "wildcard" takes several patterns. */
  readonly fn: ValueFn;
  readonly min: number;
  readonly max: number;
  /** Argument types, the last repeating; the result type. */
  readonly args: readonly VType[];
  readonly result: VType;
  /** Has a `~` form (case-insensitive). */
  readonly tilde: boolean;
}

const specs: Readonly<Record<string, FnSpec>> = {
  add: { fn: "add", min: 2, max: 2, args: ["number"], result: "number", tilde: false },
  subtract: { fn: "subtract", min: 2, max: 2, args: ["number"], result: "number", tilde: false },
  multiply: { fn: "multiply", min: 2, max: 2, args: ["number"], result: "number", tilde: false },
  divide: { fn: "divide", min: 2, max: 2, args: ["number"], result: "number", tilde: false },
  modulo: { fn: "modulo", min: 2, max: 2, args: ["number"], result: "number", tilde: false },
  concat: { fn: "concat", min: 1, max: Infinity, args: ["any"], result: "string", tilde: false },
  string: { fn: "string", min: 1, max: 1, args: ["any"], result: "string", tilde: false },
  number: { fn: "number", min: 1, max: 2, args: ["any", "number"], result: "number", tilde: false },
  length: { fn: "length", min: 1, max: 1, args: ["string"], result: "number", tilde: false },
  substring: { fn: "substring", min: 1, max: 3, args: ["string", "number"], result: "string", tilde: false },
  between: { fn: "between", min: 3, max: 5, args: ["string", "string", "string", "bool"], result: "string", tilde: true },
  indexof: { fn: "index_of", min: 2, max: 3, args: ["string", "string", "number"], result: "number", tilde: true },
  startswith: { fn: "starts_with", min: 2, max: 2, args: ["string"], result: "bool", tilde: true },
  endswith: { fn: "ends_with", min: 2, max: 2, args: ["string"], result: "bool", tilde: true },
  stringcontains: { fn: "contains", min: 2, max: 2, args: ["string"], result: "bool", tilde: true },
  wildcard: { fn: "wildcard", min: 2, max: Infinity, args: ["string"], result: "bool", tilde: true },
};

/** Whether lower-value.ts computes this function (as opposed to the fast leaves only). */
export function isValueFunction(name: string): boolean {
  return Object.hasOwn(specs, name.toLowerCase()) || name.toLowerCase() === "safe";
}

function call(e: CallExpr, fold: boolean, ctx: LowerContext): Typed | undefined {
  const name = e.name.value;
  // The reference engine's safe(x) turns x's errors into null; computed values never raise.
  if (name.toLowerCase() === "safe" && e.args.length === 1 && !e.caseInsensitive) return lowerValue(e.args[0] as EqlExpr, ctx);
  const spec = specs[name.toLowerCase()];
  if (spec === undefined) {
    ctx.bag.error("K1601", e.name.span, [`function '${name}' inside a computed expression`]);
    return undefined;
  }
  if (e.caseInsensitive && !spec.tilde) {
    ctx.bag.error("K1205", e.name.span, [`${name}~`]);
    return undefined;
  }
  const n = e.args.length;
  if (n < spec.min || n > spec.max) {
    const range = spec.max === Infinity ? `${spec.min} or more arguments` : spec.min === spec.max ? `${spec.min} argument${spec.min === 1 ? "" : "s"}` : `${spec.min} to ${spec.max} arguments`;
    ctx.bag.error("K1204", e.span, [name, range]);
    return undefined;
  }
  const typed = defined(e.args.map((a) => lowerValue(a, ctx)));
  if (typed === undefined) return undefined;
  let ok = true;
  typed.forEach((t, i) => {
    const want = spec.args[Math.min(i, spec.args.length - 1)] ?? "any";
    if (want !== "any" && !accepts(want, t.type)) ok = mismatch((e.args[i] as EqlExpr).span, `'${name}'`, typeNames[want], t.type, ctx) ?? false;
  });
  if (!ok) return undefined;
  const args = typed.map((t) => t.value);
  const ci = e.caseInsensitive || fold;
  switch (spec.fn) {
    case "wildcard": {
      const [source, ...patterns] = args;
      const tests = patterns.map((p) => fn("wildcard", [source as IrValue, p], ci));
      return { value: tests.length === 1 ? (tests[0] as IrValue) : fn("or", tests), type: "bool" };
    }
    case "between": {
      // The reference engine's fifth argument is case_sensitive; Elasticsearch writes `between~`.
      const [s, l, r, greedy, caseSensitive] = args;
      const sensitive = caseSensitive?.kind === "scalar" && caseSensitive.scalar.type === "bool" && caseSensitive.scalar.value;
      const base = [s, l, r, ...(greedy === undefined ? [] : [greedy])] as IrValue[];
      return { value: fn("between", base, caseSensitive === undefined ? ci : !sensitive), type: "string" };
    }
    default:
      return { value: fn(arithFn(spec.fn, fold, false), args, spec.tilde && ci), type: spec.result };
  }
}
