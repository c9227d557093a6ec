/**
 * @fileoverview Prints IR as stable, indented S-expressions for golden files and
 * `kestrel build --emit ir`. Deterministic: no ids beyond the rule's own, no paths
 * beyond the rule's relative source path.
 */
import { assertNever } from "../util/assert-never.js";
import type { IrExpr, IrRule, IrRuleSet, IrStep } from "./nodes.js";
import type { IrValue } from "./value.js";

export function printRuleSet(set: IrRuleSet): string {
  const head = `(ruleset schema=${set.schema.id}`;
  return [head, ...set.rules.map((r) => indent(printRule(r)))].join("\n") + ")\n";
}

export function printRule(rule: IrRule): string {
  const meta = [
    `id=${q(rule.id)}`,
    `title=${q(rule.title)}`,
    `lang=${rule.language}`,
    `severity=${rule.severity}`,
    `source=${q(`${rule.source.path}:${rule.source.line}`)}`,
  ];
  if (rule.author.length > 0) meta.push(`author=[${rule.author.map(q).join(" ")}]`);
  if (rule.tags.length > 0) meta.push(`tags=[${rule.tags.map(q).join(" ")}]`);
  if (rule.action !== "alert") meta.push(`action=${rule.action}`);
  const pipes = (rule.pipes ?? []).map((p) => ("count" in p ? `(${p.kind} ${p.count})` : `(${p.kind}${p.caseInsensitive ? "~" : ""} ${p.fields.map((f) => f.path).join(" ")})`));
  const body = pipes.length === 0 ? printQuery(rule) : `${printQuery(rule)}\n(pipes ${pipes.join(" ")})`;
  return `(rule ${meta.join(" ")}\n${indent(body)})`;
}

function printStep(name: string, s: IrStep): string {
  return `(${name} by=[${s.by.map((f) => f.path).join(" ")}]\n${indent(printExpr(s.predicate))})`;
}

function printQuery(rule: IrRule): string {
  const query = rule.query;
  switch (query.kind) {
    case "match":
      return `(match\n${indent(printExpr(query.predicate))})`;
    case "threshold":
      return `(threshold by=[${query.groupBy.map((f) => f.path).join(" ")}] count=${query.count} window=${query.windowMs}ms\n${indent(printExpr(query.predicate))})`;
    case "sequence":
    case "join": {
      const parts = [...query.steps.map((s) => printStep("missing" in s ? "missing" : "step", s)), ...(query.until === undefined ? [] : [printStep("until", query.until)])];
      const maxspan = query.kind === "sequence" && query.maxspanMs !== undefined ? ` maxspan=${query.maxspanMs}ms` : "";
      return `(${query.kind}${maxspan}\n${indent(parts.join("\n"))})`;
    }
    case "correlation": {
      const head = [`type=${query.type}`, `group-by=[${query.groupBy.join(" ")}]`, `window=${query.windowMs}ms`, `condition=[${query.condition.map((b) => `${b.op} ${b.value}`).join(" ")}]`];
      if (query.field !== undefined) head.push(`field=${query.field.path}`);
      const steps = query.steps.map((s) => printStep("step", s));
      return `(correlation ${head.join(" ")}\n${indent(steps.join("\n"))})`;
    }
    default:
      return assertNever(query);
  }
}

export function printExpr(e: IrExpr): string {
  switch (e.kind) {
    case "const":
      return String(e.value);
    case "and":
    case "or":
      return `(${e.kind}\n${e.terms.map((t) => indent(printExpr(t))).join("\n")})`;
    case "not":
      return `(not\n${indent(printExpr(e.term))})`;
    case "exists":
      return `(exists ${e.field.path})`;
    case "str":
      return `(str.${e.op}${e.caseInsensitive ? "~" : ""} ${e.field.path} ${q(e.value)})`;
    case "int":
      return `(int.${e.op} ${e.field.path} ${e.value})`;
    case "float":
      return `(float.${e.op} ${e.field.path} ${e.value})`;
    case "bool":
      return `(bool ${e.field.path} ${e.value})`;
    case "regex":
      return `(regex${e.caseInsensitive ? "~" : ""} ${e.field.path} ${q(e.pattern)})`;
    case "cidr":
      return `(cidr ${e.field.path} ${e.cidr})`;
    case "len":
      return `(len.${e.op} ${e.field.path} ${e.value})`;
    case "raw":
      return `(raw.${e.op}${e.caseInsensitive ? "~" : ""} ${q(e.value)})`;
    case "fieldcmp":
    case "fieldtext":
      return `(${e.kind}.${e.op}${e.caseInsensitive ? "~" : ""} ${e.field.path} ${e.other.path})`;
    case "value":
      return `(value ${printValue(e.value)})`;
    default:
      return assertNever(e);
  }
}

/** A value on one line: `(add pid 1)`, `(substring~ name 0 4)`; fields by path, scalars as JSON. */
export function printValue(v: IrValue): string {
  switch (v.kind) {
    case "field":
      return v.field.path;
    case "scalar":
      return v.scalar.type === "null" ? "null" : v.scalar.type === "string" ? q(v.scalar.value) : String(v.scalar.value);
    case "call":
      return `(${v.fn}${v.caseInsensitive ? "~" : ""} ${v.args.map(printValue).join(" ")})`;
    default:
      return assertNever(v);
  }
}

function q(s: string): string {
  return JSON.stringify(s);
}

function indent(s: string): string {
  return s
    .split("\n")
    .map((l) => "  " + l)
    .join("\n");
}
