/**
 * @fileoverview Prints an EqlFile as stable, indented S-expressions for the parser
 * golden files (`*.ast.txt`). Every node shows its span as `@start..end` offsets,
 * so a golden also pins down where diagnostics would point.
 */
import { assertNever } from "../../util/assert-never.js";
import type { Span } from "../../source/span.js";
import type { EqlExpr, EqlFile, EqlMetadata, EqlPipe, EqlQuery, EqlSubquery, EqlWith } from "./ast.js";

export function printEqlAst(file: EqlFile): string {
  const parts = [printMeta(file.metadata), printQuery(file.query), ...file.pipes.map(printPipe)];
  return `(file ${q(file.path)} ${at(file.span)}\n${parts.map(indent).join("\n")})\n`;
}

function printMeta(m: EqlMetadata): string {
  const fields: string[] = [];
  if (m.id !== undefined) fields.push(`id=${q(m.id.value)}`);
  if (m.name !== undefined) fields.push(`name=${q(m.name.value)}`);
  if (m.severity !== undefined) fields.push(`severity=${m.severity.value}`);
  if (m.author.length > 0) fields.push(`author=[${m.author.map(q).join(" ")}]`);
  if (m.tags.length > 0) fields.push(`tags=[${m.tags.map(q).join(" ")}]`);
  if (m.action !== undefined) fields.push(`action=${q(m.action.value)}`);
  if (m.description !== undefined) fields.push(`description=${q(m.description.value)}`);
  return fields.length === 0 ? "(meta)" : `(meta ${fields.join(" ")})`;
}

function printQuery(query: EqlQuery): string {
  switch (query.kind) {
    case "event":
      return node(`event ${q(query.category.value)} ${at(query.span)}`, [printExpr(query.condition)]);
    case "sequence":
    case "join":
    case "sample": {
      const kids = [
        ...(query.by.length > 0 ? [node("by", query.by.map(printExpr))] : []),
        ...query.with.map(printWith),
        ...query.terms.map(printSubquery),
        ...(query.until !== undefined ? [node("until", [printSubquery(query.until)])] : []),
      ];
      return node(`${query.kind} ${at(query.span)}`, kids);
    }
    default:
      return assertNever(query);
  }
}

function printSubquery(s: EqlSubquery): string {
  const kids = [
    printQuery(s.query),
    ...(s.by.length > 0 ? [node("by", s.by.map(printExpr))] : []),
    ...(s.with !== undefined ? [printWith(s.with)] : []),
  ];
  return node(`subquery${s.missing ? " missing" : ""} ${at(s.span)}`, kids);
}

function printWith(w: EqlWith): string {
  return `(with ${w.key}=${w.value}${w.unit ?? ""} ${at(w.span)})`;
}

function printPipe(p: EqlPipe): string {
  return node(`pipe ${p.name} ${at(p.span)}`, p.args.map(printExpr));
}

export function printExpr(e: EqlExpr): string {
  switch (e.kind) {
    case "and":
    case "or":
      return node(`${e.kind} ${at(e.span)}`, e.terms.map(printExpr));
    case "not":
      return node(`not ${at(e.span)}`, [printExpr(e.term)]);
    case "compare":
      return node(`compare ${e.op} ${at(e.span)}`, [printExpr(e.left), printExpr(e.right)]);
    case "match": {
      const op = `${e.negated ? "not " : ""}${e.op}${e.caseInsensitive && e.op !== ":" ? "~" : ""}`;
      const values = e.list ? [node("list", e.values.map(printExpr))] : e.values.map(printExpr);
      return node(`match ${op} ${at(e.span)}`, [printExpr(e.left), ...values]);
    }
    case "arith":
      return node(`arith ${e.op} ${at(e.span)}`, [printExpr(e.left), printExpr(e.right)]);
    case "neg":
      return node(`neg ${at(e.span)}`, [printExpr(e.term)]);
    case "call":
      return node(`call ${e.name.value}${e.caseInsensitive ? "~" : ""} ${at(e.span)}`, e.args.map(printExpr));
    case "field":
      return `(field ${e.optional ? "?" : ""}${/^[\w@.]+$/.test(e.path) ? e.path : q(e.path)} ${at(e.span)})`;
    case "string":
      return `(string ${q(e.value)} ${at(e.span)})`;
    case "int":
    case "float":
      return `(${e.kind} ${e.text} ${at(e.span)})`;
    case "bool":
      return `(bool ${e.value} ${at(e.span)})`;
    case "null":
      return `(null ${at(e.span)})`;
    default:
      return assertNever(e);
  }
}

function node(head: string, kids: readonly string[]): string {
  return kids.length === 0 ? `(${head})` : `(${head}\n${kids.map(indent).join("\n")})`;
}

function at(s: Span): string {
  return `@${s.start}..${s.end}`;
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
