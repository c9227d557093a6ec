/**
 * @fileoverview Prints a Sigma file's documents (rules, filters, correlations) as stable, indented S-expressions for the
 * parser golden files (test/parser/sigma/*.ast.txt). Spans are left out; the
 * condition prints with explicit structure so precedence is visible.
 */
import { assertNever } from "../../util/assert-never.js";
import type { CondExpr, SearchBody, SigmaCorrelation, SigmaDoc, SigmaFile, SigmaFilter, SigmaMeta, SigmaRule, SigmaValue } from "./ast.js";

/** Every document of the file, in order. */
export function printSigmaFile(file: SigmaFile): string {
  return file.docs.map(printDoc).join("");
}

function printDoc(d: SigmaDoc): string {
  switch (d.kind) {
    case "rule":
      return printSigmaRule(d, "sigma-rule", []);
    case "filter":
      return printSigmaRule(d, "sigma-filter", [`(rules ${d.rules.map((r) => q(r.value)).join(" ")})`]);
    case "correlation":
      return printCorrelation(d);
    default:
      return assertNever(d);
  }
}

function printMeta(rule: SigmaMeta): string[] {
  const meta = [`title=${q(rule.title.value)}`];
  if (rule.id !== undefined) meta.push(`id=${q(rule.id.value)}`);
  if (rule.name !== undefined) meta.push(`name=${q(rule.name.value)}`);
  if (rule.level !== undefined) meta.push(`level=${q(rule.level.value)}`);
  if (rule.status !== undefined) meta.push(`status=${q(rule.status)}`);
  if (rule.author.length > 0) meta.push(`author=[${rule.author.map(q).join(" ")}]`);
  if (rule.tags.length > 0) meta.push(`tags=[${rule.tags.map(q).join(" ")}]`);
  if (rule.action !== undefined) meta.push(`action=${q(rule.action.value)}`);
  return meta;
}

function printCorrelation(c: SigmaCorrelation): string {
  const lines = [
    `(type ${c.type.value})`,
    `(rules ${c.rules.map((r) => q(r.value)).join(" ")})`,
    `(group-by ${c.groupBy.map((g) => q(g.value)).join(" ")})`,
    `(timespan ${c.timespanMs}ms)`,
    `(condition ${c.condition.map((b) => `${b.op} ${b.value}`).join(" ")}${c.field === undefined ? "" : ` field ${q(c.field.value)}`})`,
    ...c.aliases.map((a) => `(alias ${q(a.alias.value)} ${a.fields.map((f) => `${q(f.rule.value)}=${q(f.field.value)}`).join(" ")})`),
  ];
  if (c.generate) lines.push("(generate)");
  return `(sigma-correlation ${printMeta(c).join(" ")}\n${lines.map(indent).join("\n")})\n`;
}

function printSigmaRule(rule: SigmaRule | SigmaFilter, head: string, extra: readonly string[]): string {
  const meta = printMeta(rule);
  const ls = rule.logsource;
  const lsParts = (["category", "product", "service"] as const).flatMap((k) => (ls[k] === undefined ? [] : [`${k}=${q(ls[k])}`]));
  const lines = [...extra, `(logsource ${lsParts.join(" ")})`];
  for (const id of rule.detection.identifiers) lines.push(`(search ${id.name}\n${indent(printBody(id.body))})`);
  for (const c of rule.detection.conditions) lines.push(`(condition\n${indent(printCondition(c.expr))})`);
  return `(${head} ${meta.join(" ")}\n${lines.map(indent).join("\n")})\n`;
}

function printBody(b: SearchBody): string {
  switch (b.kind) {
    case "fields":
      return `(fields\n${b.matches
        .map((m) => {
          const mods = m.modifiers.length > 0 ? ` |${m.modifiers.map((x) => x.name).join("|")}` : "";
          const vals = m.values.map(printValue).join(" ");
          return indent(`(field ${m.field}${mods} ${m.list ? `[${vals}]` : vals})`);
        })
        .join("\n")})`;
    case "anyOf":
      return `(any-of\n${b.bodies.map((x) => indent(printBody(x))).join("\n")})`;
    case "keywords":
      return `(keywords${b.modifiers.map((m) => ` |${m.name}`).join("")} ${b.values.map(printValue).join(" ")})`;
    default:
      return assertNever(b);
  }
}

function printValue(v: SigmaValue): string {
  switch (v.kind) {
    case "string":
      return q(v.value);
    case "int":
      return `int:${v.text}`;
    case "float":
      return `float:${v.text}`;
    case "bool":
      return String(v.value);
    case "null":
      return "null";
    default:
      return assertNever(v);
  }
}

export function printCondition(e: CondExpr): string {
  switch (e.kind) {
    case "or":
    case "and":
      return `(${e.kind}\n${e.terms.map((t) => indent(printCondition(t))).join("\n")})`;
    case "not":
      return `(not ${printCondition(e.term)})`;
    case "ref":
      return e.name;
    case "ofThem":
      return `(${e.quantifier}-of them)`;
    case "ofPattern":
      return `(${e.quantifier}-of ${e.pattern})`;
    default:
      return assertNever(e);
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
