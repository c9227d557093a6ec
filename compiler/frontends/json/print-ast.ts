/**
 * @fileoverview Prints a JsonRuleFile AST as stable, indented S-expressions for the
 * parser golden files (test/parser/json/*.ast.txt). Spans are left out; each
 * predicate keeps its JSON path, the context its diagnostics name.
 */
import { assertNever } from "../../util/assert-never.js";
import type { JsonRule, JsonRuleFile, Predicate } from "./ast.js";
import type { JNode } from "./read.js";

export function printJsonRuleFile(file: JsonRuleFile): string {
  return `(json-rules\n${file.rules.map((r) => indent(printRule(r))).join("\n")})\n`;
}

function printRule(r: JsonRule): string {
  const meta = [`id=${q(r.id)}`, `title=${q(r.title)}`, `severity=${r.severity}`, `action=${r.action}`];
  if (r.author.length > 0) meta.push(`author=[${r.author.map(q).join(" ")}]`);
  if (r.tags.length > 0) meta.push(`tags=[${r.tags.map(q).join(" ")}]`);
  const lines = r.category === undefined ? [] : [`(category ${r.category.name})`];
  lines.push(printPredicate(r.where));
  if (r.threshold !== undefined) lines.push(`(threshold by=[${r.threshold.by.map((b) => b.name).join(" ")}] count=${r.threshold.count} window=${r.threshold.windowMs}ms)`);
  return `(rule ${meta.join(" ")}\n${lines.map(indent).join("\n")})`;
}

function printPredicate(p: Predicate): string {
  switch (p.kind) {
    case "all":
    case "any":
      return `(${p.kind} ${p.path}\n${p.terms.map((t) => indent(printPredicate(t))).join("\n")})`;
    case "not":
      return `(not ${p.path}\n${indent(printPredicate(p.term))})`;
    case "leaf": {
      const value = p.value === undefined ? "" : ` ${printValue(p.value)}`;
      return `(${p.op}${p.caseInsensitive ? "~" : ""} ${p.field}${value} ${p.path})`;
    }
    default:
      return assertNever(p);
  }
}

function printValue(v: JNode): string {
  switch (v.kind) {
    case "string":
      return q(v.value);
    case "number":
      return v.text;
    case "bool":
      return String(v.value);
    case "null":
      return "null";
    case "array":
      return `[${v.items.map(printValue).join(" ")}]`;
    case "object":
      return `{${v.members.map((m) => `${q(m.key)}: ${printValue(m.value)}`).join(" ")}}`;
    default:
      return assertNever(v);
  }
}

const q = (s: string): string => JSON.stringify(s);
const indent = (s: string): string => s.replace(/^/gm, "  ");
