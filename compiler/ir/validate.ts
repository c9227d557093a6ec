/**
 * @fileoverview Structural and type check of IR. Runs after lowering and passes, and on
 * IR read back from JSON, so codegen may trust what it is given. Returns problems as
 * text: an invalid IR is a compiler bug or a corrupt file, not a user diagnostic.
 */
import { assertNever } from "../util/assert-never.js";
import { findField, isOpenFieldId } from "../schema/lookup.js";
import type { EventSchema } from "../schema/schema.js";
import type { FieldRef, IrExpr, IrQuery, IrRule, IrRuleSet } from "./nodes.js";
import { boundOps, correlationTypes, ruleActions, severities, valueCorrelationTypes } from "./nodes.js";
import { queryPredicates, stepsOf } from "./visit.js";
import { isValueFn, MAX_VALUE_CELLS, valueCells, valueFns, type IrScalar, type IrValue } from "./value.js";
import { elementType, isArrayType, isFieldType, isNumericType, isTextType } from "./types.js";

const cmpOps = new Set(["eq", "ne", "lt", "le", "gt", "ge"]);
const strOps = new Set(["eq", "prefix", "suffix", "contains", "wildcard", "lt", "le", "gt", "ge"]);

export function validateRuleSet(set: IrRuleSet, schema?: EventSchema): string[] {
  const problems: string[] = [];
  if (set.version !== 1) problems.push(`unsupported IR version ${String(set.version)}`);
  const ids = new Set<string>();
  for (const rule of set.rules) {
    if (ids.has(rule.id)) problems.push(`duplicate rule id '${rule.id}'`);
    ids.add(rule.id);
    problems.push(...validateRule(rule, schema).map((p) => `rule '${rule.id}': ${p}`));
  }
  return problems;
}

export function validateRule(rule: IrRule, schema?: EventSchema): string[] {
  const problems: string[] = [];
  if (rule.id === "") problems.push("empty id");
  if (!severities.includes(rule.severity)) problems.push(`bad severity '${String(rule.severity)}'`);
  if (!ruleActions.includes(rule.action)) problems.push(`bad action '${String(rule.action)}'`);
  const query = rule.query;
  switch (query.kind) {
    case "match":
      break;
    case "threshold":
      for (const f of query.groupBy) validateField(f, schema, problems);
      if (!Number.isInteger(query.count) || query.count < 1) problems.push(`threshold count ${query.count} is not a positive integer`);
      if (!Number.isInteger(query.windowMs) || query.windowMs < 1) problems.push(`threshold window ${query.windowMs} ms is not a positive integer`);
      break;
    case "sequence":
    case "join": {
      const arity = query.steps[0]?.by.length ?? 0;
      if (query.steps.length < 2) problems.push(`a ${query.kind} has ${query.steps.length} step(s); it needs two or more`);
      for (const s of stepsOf(query)) {
        if (s.by.length !== arity) problems.push(`sequence steps join on ${s.by.length} and ${arity} fields`);
        for (const f of s.by) validateField(f, schema, problems);
      }
      if (query.kind === "sequence" && query.maxspanMs !== undefined && (!Number.isInteger(query.maxspanMs) || query.maxspanMs < 0)) problems.push(`sequence maxspan ${query.maxspanMs} ms is not a whole number`);
      if (query.kind === "sequence") validateMissing(query, problems);
      else if (query.steps.some((s) => "missing" in s)) problems.push("a join has a missing step");
      break;
    }
    case "correlation":
      validateCorrelation(query, schema, problems);
      break;
    default:
      problems.push(`unknown query kind '${String((query as { kind: unknown }).kind)}'`);
      return problems;
  }
  for (const predicate of queryPredicates(query)) validateExpr(predicate, schema, problems);
  for (const pipe of rule.pipes ?? []) {
    if ("count" in pipe) expect(Number.isSafeInteger(pipe.count) && pipe.count >= 0, `| ${pipe.kind} ${pipe.count} is not a whole number`, problems);
    else for (const f of pipe.fields) validateField(f, schema, problems);
  }
  return problems;
}

/** Missing steps need a positive step and a maxspan to bound their intervals. */
function validateMissing(query: Extract<IrQuery, { kind: "sequence" }>, problems: string[]): void {
  const missing = query.steps.filter((s) => s.missing !== undefined);
  if (missing.some((s) => s.missing !== true)) problems.push("a step's missing flag is not true");
  if (missing.length === 0) return;
  if (missing.length === query.steps.length) problems.push("a sequence has only missing steps");
  if (query.maxspanMs === undefined) problems.push("a sequence with missing steps has no maxspan");
}

function validateCorrelation(query: Extract<IrQuery, { kind: "correlation" }>, schema: EventSchema | undefined, problems: string[]): void {
  expect(correlationTypes.includes(query.type), `bad correlation type '${query.type}'`, problems);
  expect(query.steps.length > 0, "a correlation needs one or more steps", problems);
  for (const s of query.steps) {
    expect(s.by.length === query.groupBy.length, `correlation step groups by ${s.by.length} fields, not ${query.groupBy.length}`, problems);
    for (const f of s.by) validateField(f, schema, problems);
  }
  expect(Number.isInteger(query.windowMs) && query.windowMs >= 1, `correlation window ${query.windowMs} ms is not a positive integer`, problems);
  for (const b of query.condition) expect(boundOps.includes(b.op) && Number.isFinite(b.value), `bad correlation bound ${b.op} ${b.value}`, problems);
  expect(valueCorrelationTypes.includes(query.type) === (query.field !== undefined), `a ${query.type} correlation ${query.field === undefined ? "needs" : "takes no"} field`, problems);
  if (query.field !== undefined) validateField(query.field, schema, problems);
}

function validateField(f: FieldRef, schema: EventSchema | undefined, problems: string[]): void {
  if (!isFieldType(f.type)) problems.push(`field '${f.path}' has bad type '${String(f.type)}'`);
  if (schema === undefined) return;
  const def = findField(schema, f.path)?.def;
  if (def === undefined) problems.push(`field '${f.path}' is not in schema '${schema.id}'`);
  // An open field's type is a guess that a comparison may refine (frontends/eql/leaf.ts).
  else if (def.id !== f.id || (def.type !== f.type && !isOpenFieldId(f.id))) problems.push(`field '${f.path}' disagrees with schema '${schema.id}'`);
}

function expect(ok: boolean, what: string, problems: string[]): void {
  if (!ok) problems.push(what);
}

function validateExpr(e: IrExpr, schema: EventSchema | undefined, problems: string[]): void {
  switch (e.kind) {
    case "const":
      expect(typeof e.value === "boolean", "const must be boolean", problems);
      return;
    case "and":
    case "or":
      expect(Array.isArray(e.terms) && e.terms.length > 0, `${e.kind} needs terms`, problems);
      for (const t of e.terms) validateExpr(t, schema, problems);
      return;
    case "not":
      validateExpr(e.term, schema, problems);
      return;
    case "exists":
      validateField(e.field, schema, problems);
      return;
    case "str":
      validateField(e.field, schema, problems);
      expect(strOps.has(e.op), `bad str op '${e.op}'`, problems);
      expect(isTextType(e.field.type) || isNumericType(e.field.type), `str on field '${e.field.path}' of type ${e.field.type}`, problems);
      expect(!e.caseInsensitive || e.value === asciiLower(e.value), "case-insensitive value not lowercased", problems);
      return;
    case "int":
      validateField(e.field, schema, problems);
      expect(cmpOps.has(e.op), `bad op '${e.op}'`, problems);
      expect(/^-?\d+$/.test(e.value), `int value '${e.value}' is not decimal`, problems);
      expect(isNumericType(e.field.type), `int on non-numeric field '${e.field.path}'`, problems);
      return;
    case "float":
      validateField(e.field, schema, problems);
      expect(cmpOps.has(e.op), `bad op '${e.op}'`, problems);
      expect(Number.isFinite(e.value), "float value must be finite", problems);
      expect(isNumericType(e.field.type), `float on non-numeric field '${e.field.path}'`, problems);
      return;
    case "bool":
      validateField(e.field, schema, problems);
      expect(elementType(e.field.type) === "bool", `bool on non-bool field '${e.field.path}'`, problems);
      return;
    case "regex":
      validateField(e.field, schema, problems);
      expect(isTextType(e.field.type), `regex on non-text field '${e.field.path}'`, problems);
      return;
    case "cidr":
      validateField(e.field, schema, problems);
      expect(/^[0-9a-fA-F:.]+\/\d+$/.test(e.cidr), `bad cidr '${e.cidr}'`, problems);
      return;
    case "len":
      validateField(e.field, schema, problems);
      expect(cmpOps.has(e.op), `bad op '${e.op}'`, problems);
      expect(isTextType(e.field.type) || isArrayType(e.field.type), `len on field '${e.field.path}'`, problems);
      return;
    case "raw":
      expect(e.op === "contains" || e.op === "wildcard", `bad raw op '${e.op}'`, problems);
      expect(!e.caseInsensitive || e.value === asciiLower(e.value), "case-insensitive value not lowercased", problems);
      return;
    case "fieldcmp":
      validateField(e.field, schema, problems);
      validateField(e.other, schema, problems);
      expect(cmpOps.has(e.op), `bad op '${e.op}'`, problems);
      expect(e.field.id !== e.other.id, `field '${e.field.path}' compared with itself`, problems);
      return;
    case "fieldtext":
      validateField(e.field, schema, problems);
      validateField(e.other, schema, problems);
      expect(["prefix", "suffix", "contains"].includes(e.op), `bad op '${e.op}'`, problems);
      return;
    case "value":
      validateValue(e.value, schema, problems);
      expect(valueCells(e.value) <= MAX_VALUE_CELLS, `a value needs ${valueCells(e.value)} cells (at most ${MAX_VALUE_CELLS})`, problems);
      return;
    default:
      assertNever(e);
  }
}

function validateValue(v: IrValue, schema: EventSchema | undefined, problems: string[]): void {
  switch (v.kind) {
    case "field":
      validateField(v.field, schema, problems);
      return;
    case "scalar":
      validateScalar(v.scalar, problems);
      return;
    case "call": {
      if (!isValueFn(v.fn)) {
        problems.push(`unknown value function '${String(v.fn)}'`);
        return;
      }
      const [min, max] = valueFns[v.fn];
      const n = v.args.length;
      expect(n >= min && (max === undefined || n <= max), `${v.fn} takes ${min}${max === min ? "" : max === undefined ? " or more" : `-${max}`} arguments, not ${n}`, problems);
      for (const a of v.args) validateValue(a, schema, problems);
      return;
    }
    default:
      assertNever(v);
  }
}

function validateScalar(s: IrScalar, problems: string[]): void {
  switch (s.type) {
    case "null":
      return;
    case "bool":
      expect(typeof s.value === "boolean", "bool scalar must be boolean", problems);
      return;
    case "int":
      expect(/^-?\d+$/.test(s.value) && BigInt.asIntN(64, BigInt(s.value)) === BigInt(s.value), `int scalar '${s.value}' is not a decimal i64`, problems);
      return;
    case "float":
      expect(Number.isFinite(s.value), "float scalar must be finite", problems);
      return;
    case "string":
      expect(typeof s.value === "string", "string scalar must be a string", problems);
      return;
    default:
      assertNever(s);
  }
}

export function asciiLower(s: string): string {
  return s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}
