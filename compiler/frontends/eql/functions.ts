/**
 * @fileoverview EQL function calls with fast leaves → IR. Names are case-insensitive, as in
 * Elastic; a `~` suffix selects the case-insensitive form where one exists. Here:
 * startsWith, endsWith, stringContains, wildcard (with `~`) on a field and strings (or two
 * fields), cidrMatch, and length(field) compared with a number. Every other shape of the
 * value functions is computed (lower-value.ts); the reference engine's array and regex
 * functions are K1601, unknown names K1205, bad arity or argument kinds K1204.
 */
import { anyOf } from "../../ir/build.js";
import type { FieldRef, IrExpr } from "../../ir/nodes.js";
import { isArrayType, isTextType } from "../../ir/types.js";
import { assertNever } from "../../util/assert-never.js";
import { canonicalCidr } from "../common/cidr.js";
import type { LowerContext } from "../frontend.js";
import type { CompareOp, EqlExpr } from "./ast.js";
import { cmpOps, stringLeaf } from "./leaf.js";
import { classify, type FieldOperand } from "./operand.js";

type CallExpr = Extract<EqlExpr, { kind: "call" }>;
type StringExpr = Extract<EqlExpr, { kind: "string" }>;
type StringFn = "prefix" | "suffix" | "contains" | "wildcard";

interface FnSpec {
  readonly name: string;
  readonly lowering: StringFn | "cidr" | "length";
  /** Whether `name~` exists. */
  readonly tilde: boolean;
  /** Argument count after the field: exactly 1, or 1 and more. */
  readonly variadic: boolean;
  /** What K1204 says the function expects. */
  readonly expects: string;
}

const specs: readonly FnSpec[] = [
  { name: "startsWith", lowering: "prefix", tilde: true, variadic: false, expects: "2 arguments: a field and a string" },
  { name: "endsWith", lowering: "suffix", tilde: true, variadic: false, expects: "2 arguments: a field and a string" },
  { name: "stringContains", lowering: "contains", tilde: true, variadic: false, expects: "2 arguments: a field and a string" },
  { name: "wildcard", lowering: "wildcard", tilde: true, variadic: true, expects: "a field and one or more string patterns" },
  { name: "cidrMatch", lowering: "cidr", tilde: false, variadic: true, expects: "a field and one or more CIDR strings" },
  { name: "length", lowering: "length", tilde: false, variadic: false, expects: "1 argument, a field, and a comparison with a number" },
];
const byName = new Map(specs.map((s) => [s.name.toLowerCase(), s]));

/** Reference-engine functions that parse but are outside the supported subset (the value functions go to lower-value.ts). */
const unsupported = new Set(["arrayContains", "arrayCount", "arraySearch", "match", "matchLite"].map((n) => n.toLowerCase()));

/** The spec of a supported function, or undefined after K1601/K1205. */
function lookup(call: CallExpr, ctx: LowerContext): FnSpec | undefined {
  const key = call.name.value.toLowerCase();
  const spec = byName.get(key);
  const written = `${call.name.value}${call.caseInsensitive ? "~" : ""}`;
  if (spec !== undefined && (spec.tilde || !call.caseInsensitive)) return spec;
  if (unsupported.has(key)) ctx.bag.error("K1601", call.name.span, [`function '${written}'`]);
  else ctx.bag.error("K1205", call.name.span, [written]);
  return undefined;
}

/** The field argument and the literal arguments after it, or undefined after K1204/K1201. */
function fieldAndStrings(call: CallExpr, spec: FnSpec, ctx: LowerContext): { f: FieldOperand; rest: StringExpr[] } | undefined {
  const [first, ...rest] = call.args;
  const arity = spec.lowering === "length" ? rest.length === 0 : spec.variadic ? rest.length >= 1 : rest.length === 1;
  const literals = rest.filter((a): a is StringExpr => a.kind === "string");
  const otherField = rest.find((a) => a.kind === "field");
  if (first?.kind === "field" && otherField?.kind === "field") {
    ctx.bag.error("K1207", otherField.span, [first.path, otherField.path]);
    return undefined;
  }
  if (first === undefined || !arity || literals.length !== rest.length || first.kind !== "field") {
    ctx.bag.error("K1204", call.span, [call.name.value, spec.expects]);
    return undefined;
  }
  const f = classify(first, ctx);
  return f?.kind === "field" ? { f, rest: literals } : undefined;
}

/**
 * `startsWith(a, b)`, `endsWith(a, b)`, `stringContains(a, b)` with two fields: one
 * `fieldtext` leaf (an optional field the schema lacks is null, so false); null when the
 * call is not of that shape.
 */
function fieldTextCall(call: CallExpr, spec: FnSpec, ctx: LowerContext): IrExpr | undefined | null {
  const [a, b, ...more] = call.args;
  const op = spec.lowering;
  if (a?.kind !== "field" || b?.kind !== "field" || more.length > 0 || (op !== "prefix" && op !== "suffix" && op !== "contains")) return null;
  const l = classify(a, ctx);
  const r = classify(b, ctx);
  if (l?.kind !== "field" || r?.kind !== "field") return undefined;
  if (l.field === undefined || r.field === undefined) return { kind: "const", value: false };
  if (!isTextType(l.field.type) || !isTextType(r.field.type)) {
    ctx.bag.error("K1204", call.span, [call.name.value, "two text fields, or a field and strings"]);
    return undefined;
  }
  return { kind: "fieldtext", op, field: l.field, other: r.field, caseInsensitive: call.caseInsensitive || ctx.dialect === "endgame" };
}

/** A call used as a condition: `startsWith~(process.name, "cmd")`. */
export function lowerCallCondition(call: CallExpr, ctx: LowerContext): IrExpr | undefined {
  const spec = lookup(call, ctx);
  if (spec === undefined) return undefined;
  const twoFields = fieldTextCall(call, spec, ctx);
  if (twoFields !== null) return twoFields;
  const args = fieldAndStrings(call, spec, ctx);
  if (args === undefined) return undefined;
  const { f, rest } = args;
  const field = f.field;
  if (field === undefined) return { kind: "const", value: false };
  switch (spec.lowering) {
    case "length":
      ctx.bag.error("K1204", call.span, [call.name.value, spec.expects]);
      return undefined;
    case "cidr": {
      if (!isTextType(field.type)) return mismatch(field, rest[0], "a CIDR string", ctx);
      const cidrs = rest.map((lit) => cidrOf(lit, ctx));
      if (cidrs.some((c) => c === undefined)) return undefined;
      return anyOf(cidrs.map((cidr): IrExpr => ({ kind: "cidr", field, cidr: cidr ?? "" })));
    }
    case "prefix":
    case "suffix":
    case "contains":
    case "wildcard": {
      if (!isTextType(field.type)) return mismatch(field, rest[0], "a string", ctx);
      // The endgame dialect's string functions fold case as if written with `~`.
      const mode = { caseInsensitive: call.caseInsensitive || ctx.dialect === "endgame", wildcards: spec.lowering === "wildcard" };
      const op = spec.lowering;
      return anyOf(rest.map((lit) => stringLeaf(field, op, lit.value, mode)));
    }
    default:
      return assertNever(spec.lowering);
  }
}

function mismatch(field: FieldRef, lit: StringExpr | undefined, what: string, ctx: LowerContext): undefined {
  if (lit !== undefined) ctx.bag.error("K1202", lit.span, [field.path, field.type, what]);
  return undefined;
}

/** `length(field) <op> n`; the caller has put the call on the left. */
export function lowerLength(call: CallExpr, op: CompareOp, right: EqlExpr, ctx: LowerContext): IrExpr | undefined {
  const spec = lookup(call, ctx);
  if (spec === undefined) return undefined;
  if (spec.lowering !== "length") {
    ctx.bag.error("K1601", call.span, [`comparing the result of function '${call.name.value}'`]);
    return undefined;
  }
  const args = fieldAndStrings(call, spec, ctx);
  if (args === undefined) return undefined;
  if (right.kind !== "int" && right.kind !== "float") {
    ctx.bag.error("K1204", right.span, [call.name.value, spec.expects]);
    return undefined;
  }
  const field = args.f.field;
  if (field === undefined) return { kind: "const", value: false };
  if (!isTextType(field.type) && !isArrayType(field.type)) {
    ctx.bag.error("K1206", args.f.expr.span, ["length", field.type, field.path]);
    return undefined;
  }
  return { kind: "len", op: cmpOps[op], field, value: Number(right.text) };
}

/** A `cidrMatch` network in the IR's canonical form, or undefined after K1011. */
function cidrOf(lit: StringExpr, ctx: LowerContext): string | undefined {
  const cidr = canonicalCidr(lit.value);
  if (cidr === undefined) ctx.bag.error("K1011", lit.span, [lit.value]);
  return cidr;
}
