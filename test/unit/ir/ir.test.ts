/**
 * @fileoverview IR serialization round-trip, validation, and the boolean simplifier.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { FieldRef, IrExpr, IrRule, IrRuleSet } from "../../../compiler/ir/nodes.js";
import { printExpr } from "../../../compiler/ir/print.js";
import { ruleSetFromJson, ruleSetToJson } from "../../../compiler/ir/serialize.js";
import { validateRule } from "../../../compiler/ir/validate.js";
import { simplifyBoolean } from "../../../compiler/passes/simplify-boolean.js";

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

test("simplify-boolean flattens, folds constants and removes double negation", () => {
  const leaf: IrExpr = { kind: "exists", field: name };
  const other: IrExpr = { kind: "exists", field: pid };
  const input: IrExpr = {
    kind: "and",
    terms: [{ kind: "const", value: true }, { kind: "and", terms: [leaf, { kind: "not", term: { kind: "not", term: other } }] }],
  };
  const out = simplifyBoolean.run(rule(input));
  assert.is(printExpr(out.query.predicate), "(and\n  (exists process.name)\n  (exists process.pid))");
  const dead = simplifyBoolean.run(rule({ kind: "or", terms: [leaf, { kind: "const", value: true }] }));
  assert.equal(dead.query.predicate, { kind: "const", value: true });
  const never = simplifyBoolean.run(rule({ kind: "and", terms: [leaf, { kind: "not", term: { kind: "const", value: true } }] }));
  assert.equal(never.query.predicate, { kind: "const", value: false });
});

test.run();
