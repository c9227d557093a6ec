/**
 * @fileoverview IR serialization round-trip, validation, the and/or/not builders and the
 * boolean simplifier that applies them.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { allOf, anyOf, not } from "../../../compiler/ir/build.js";
import type { FieldRef, IrExpr, IrQuery, IrRule, IrRuleSet } from "../../../compiler/ir/nodes.js";
import { printExpr } from "../../../compiler/ir/print.js";
import { ruleSetFromJson, ruleSetToJson } from "../../../compiler/ir/serialize.js";
import { validateRule } from "../../../compiler/ir/validate.js";
import { simplifyBoolean } from "../../../compiler/passes/simplify-boolean.js";
import { soloPredicate } from "../../helpers/ir.js";

const name: FieldRef = { id: 7, path: "process.name", type: "string" };
const pid: FieldRef = { id: 9, path: "process.pid", type: "i64" };

function rule(predicate: IrExpr): IrRule {
  return {
    id: "r1",
    title: "R1",
    language: "json",
    source: { path: "r1.json", line: 1 },
    severity: "low",
    author: ["me"],
    tags: [],
    action: "alert",
    description: "",
    query: { kind: "match", predicate },
  };
}

test("a rule set survives JSON round-trip unchanged, i64 values included", () => {
  const set: IrRuleSet = {
    version: 1,
    schema: { id: "ecs", hash: "x" },
    rules: [rule({ kind: "and", terms: [{ kind: "int", op: "ge", field: pid, value: "9223372036854775807" }, { kind: "str", op: "wildcard", field: name, value: "cmd*.exe", caseInsensitive: true }] })],
  };
  assert.equal(ruleSetFromJson(ruleSetToJson(set)), set);
});

test("fromJson refuses IR that does not validate", () => {
  const bad = ruleSetToJson({ version: 1, schema: { id: "ecs", hash: "x" }, rules: [rule({ kind: "int", op: "eq", field: name, value: "1" })] });
  assert.throws(() => ruleSetFromJson(bad), /int on non-numeric field/);
});

test("validate rejects empty and/or, non-lowercased ci values, and non-decimal ints", () => {
  assert.ok(validateRule(rule({ kind: "and", terms: [] })).some((p) => p.includes("needs terms")));
  assert.ok(validateRule(rule({ kind: "str", op: "eq", field: name, value: "CMD", caseInsensitive: true })).length > 0);
  assert.ok(validateRule(rule({ kind: "int", op: "eq", field: pid, value: "1.5" })).length > 0);
  assert.equal(validateRule(rule({ kind: "str", op: "eq", field: name, value: "CMD", caseInsensitive: false })), []);
});

test("validate checks correlations: group-by arity, window, bounds, and a field exactly for the value types", () => {
  const step = { predicate: { kind: "const", value: true } as IrExpr, by: [name] };
  const correlation = (q: Partial<Extract<IrQuery, { kind: "correlation" }>>): IrRule => ({
    ...rule({ kind: "const", value: true }),
    query: { kind: "correlation", type: "event_count", steps: [step], groupBy: ["process.name"], windowMs: 1000, condition: [{ op: "gte", value: 2 }], ...q },
  });
  assert.equal(validateRule(correlation({})), []);
  assert.equal(validateRule(correlation({ type: "value_sum", field: pid })), []);
  assert.ok(validateRule(correlation({ type: "value_sum" })).some((p) => p.includes("needs field")));
  assert.ok(validateRule(correlation({ field: pid })).some((p) => p.includes("takes no field")));
  assert.ok(validateRule(correlation({ groupBy: [] })).some((p) => p.includes("groups by 1 fields, not 0")));
  assert.ok(validateRule(correlation({ windowMs: 0 })).some((p) => p.includes("window")));
  assert.ok(validateRule(correlation({ steps: [] })).some((p) => p.includes("one or more steps")));
  assert.ok(validateRule(correlation({ condition: [{ op: "gte", value: Number.NaN }] })).some((p) => p.includes("bad correlation bound")));
});

test("simplify-boolean flattens, folds constants and removes double negation", () => {
  const leaf: IrExpr = { kind: "exists", field: name };
  const other: IrExpr = { kind: "exists", field: pid };
  const input: IrExpr = {
    kind: "and",
    terms: [{ kind: "const", value: true }, { kind: "and", terms: [leaf, { kind: "not", term: { kind: "not", term: other } }] }],
  };
  const out = simplifyBoolean.run(rule(input));
  assert.is(printExpr(soloPredicate(out)), "(and\n  (exists process.name)\n  (exists process.pid))");
  const dead = simplifyBoolean.run(rule({ kind: "or", terms: [leaf, { kind: "const", value: true }] }));
  assert.equal(soloPredicate(dead), { kind: "const", value: true });
  const never = simplifyBoolean.run(rule({ kind: "and", terms: [leaf, { kind: "not", term: { kind: "const", value: true } }] }));
  assert.equal(soloPredicate(never), { kind: "const", value: false });
});

test("builders: flatten nested same-kind terms at any depth, fold constants, unwrap one term", () => {
  const a: IrExpr = { kind: "exists", field: name };
  const b: IrExpr = { kind: "exists", field: pid };
  const t: IrExpr = { kind: "const", value: true };
  const f: IrExpr = { kind: "const", value: false };
  const raw: IrExpr = { kind: "and", terms: [t, { kind: "and", terms: [b, t] }] };
  assert.equal(allOf([a, raw]), { kind: "and", terms: [a, b] });
  assert.equal(anyOf([f, a, { kind: "or", terms: [b] }]), { kind: "or", terms: [a, b] });
  assert.equal(allOf([a, f]), f);
  assert.equal(anyOf([a, t]), t);
  assert.equal(allOf([t]), t);
  assert.equal(anyOf([]), f);
  assert.equal(anyOf([a]), a);
  assert.equal(anyOf([allOf([a, b])]), { kind: "and", terms: [a, b] });
  assert.equal(not(not(a)), a);
  assert.equal(not(t), f);
  assert.equal(not(a), { kind: "not", term: a });
});

test.run();
