/**
 * @fileoverview Shared helpers for the EQL frontend tests: a small event schema built
 * with indexSchema (so unit tests do not move when schemas/*.json change), and
 * parse / lower shortcuts that return the diagnostics alongside the result.
 */
import * as assert from "uvu/assert";
import { DiagnosticBag } from "../../../../compiler/diagnostics/diagnostic.js";
import { eqlFrontend, type EqlFile } from "../../../../compiler/frontends/eql/index.js";
import type { EqlDialect } from "../../../../compiler/frontends/frontend.js";
import type { IrExpr, IrRule } from "../../../../compiler/ir/nodes.js";
import { printExpr } from "../../../../compiler/ir/print.js";
import { validateRule } from "../../../../compiler/ir/validate.js";
import { indexSchema } from "../../../../compiler/schema/load.js";
import type { EventSchema } from "../../../../compiler/schema/schema.js";
import { SourceFile } from "../../../../compiler/source/source-file.js";
import { soloPredicate } from "../../../helpers/ir.js";

const fields: [string, string][] = [
  ["@timestamp", "string"],
  ["event.category", "string"],
  ["process.name", "string"],
  ["process.command_line", "string"],
  ["process.pid", "i64"],
  ["process.args", "array<string>"],
  ["process.args_count", "i64"],
  ["process.parent.name", "string"],
  ["file.size", "u64"],
  ["file.path", "string"],
  ["event.risk_score", "f64"],
  ["dll.code_signature.trusted", "bool"],
  ["source.ip", "ip"],
  ["user.name", "string"],
  ["odd field", "string"],
];

export const testSchema: EventSchema = indexSchema(
  {
    id: "eqltest",
    version: "1",
    description: "EQL frontend unit tests",
    timestamp: { field: "@timestamp", format: "iso8601" },
    entityKey: [],
    categories: {
      process: [{ field: "event.category", anyOf: ["process"] }],
      file: [{ field: "event.category", anyOf: ["file"] }],
    },
    logsources: [],
    fields: fields.map(([path, type], i) => ({ id: i + 1, path, type })),
  },
  "eql-test-schema",
);

export interface Parsed {
  readonly ast: EqlFile | undefined;
  readonly bag: DiagnosticBag;
  readonly file: SourceFile;
}

export function parse(text: string, path = "rules/test_rule.eql"): Parsed {
  const file = new SourceFile(path, text);
  const bag = new DiagnosticBag();
  return { ast: eqlFrontend.parse(file, bag), bag, file };
}

export interface Lowered extends Parsed {
  readonly rules: IrRule[];
}

/** Parse and lower; every rule produced must pass validateRule against the schema. */
export function lower(text: string, schema: EventSchema = testSchema, path = "rules/test_rule.eql", dialect: EqlDialect = "elastic"): Lowered {
  const p = parse(text, path);
  const rules = p.ast === undefined ? [] : eqlFrontend.lower(p.ast, { schema, bag: p.bag, file: p.file, dialect });
  for (const r of rules) assert.equal(validateRule(r, schema), [], `IR of ${JSON.stringify(text)} validates`);
  return { ...p, rules };
}

/** The codes of all diagnostics, in report order. */
export function codes(bag: DiagnosticBag): string[] {
  return bag.items.map((d) => d.code);
}

/** The predicate of `process where <condition>` without the category clause. */
export function condition(cond: string, schema: EventSchema = testSchema): IrExpr {
  const { rules, bag } = lower(`any where ${cond}`, schema);
  assert.equal(codes(bag), [], `no diagnostics for ${cond}: ${bag.items.map((d) => d.message).join("; ")}`);
  return soloPredicate(rules[0]);
}

/** The printed IR of a condition, for compact assertions. */
export function conditionText(cond: string, schema: EventSchema = testSchema): string {
  return printExpr(condition(cond, schema)).replace(/\s*\n\s*/g, " ");
}

/** The single diagnostic a bad condition produces: code and the text its span covers. */
export function diagnose(text: string, schema: EventSchema = testSchema): { code: string; at: string; message: string }[] {
  const { bag, file } = lower(text, schema);
  return bag.items.map((d) => ({ code: d.code, at: file.text.slice(d.span.start, d.span.end), message: d.message }));
}
