/**
 * @fileoverview Test helpers for the Sigma and JSON frontends (not a test file):
 * a small event schema, and compile(text) → {rules, diagnostics as formatted text,
 * printed IR}, checking every lowered rule with validateRule.
 */
import * as assert from "uvu/assert";
import { DiagnosticBag } from "../../../../compiler/diagnostics/diagnostic.js";
import { formatDiagnostic } from "../../../../compiler/diagnostics/format.js";
import type { Frontend } from "../../../../compiler/frontends/frontend.js";
import type { IrExpr, IrRule } from "../../../../compiler/ir/nodes.js";
import { printExpr, printRule } from "../../../../compiler/ir/print.js";
import { validateRule } from "../../../../compiler/ir/validate.js";
import { indexSchema } from "../../../../compiler/schema/load.js";
import type { EventSchema } from "../../../../compiler/schema/schema.js";
import { SourceFile } from "../../../../compiler/source/source-file.js";
import { soloPredicate } from "../../../helpers/ir.js";

const fieldList: [string, string][] = [
  ["Channel", "string"],
  ["EventID", "i64"],
  ["Image", "string"],
  ["CommandLine", "string"],
  ["ParentImage", "string"],
  ["User", "string"],
  ["DestinationIp", "ip"],
  ["DestinationPort", "i64"],
  ["Ratio", "f64"],
  ["Enabled", "bool"],
  ["Tags", "array<string>"],
  ["process.name", "string"],
];

export const testSchema: EventSchema = indexSchema(
  {
    id: "test",
    version: "1",
    description: "unit-test schema",
    timestamp: { field: "EventID", format: "epoch_ms" },
    entityKey: [],
    categories: { process: [{ field: "EventID", anyOf: [1, 5] }] },
    logsources: [
      { category: "process_creation", product: "windows", where: [{ field: "EventID", anyOf: [1] }] },
      { product: "windows", service: "security", where: [{ field: "Channel", anyOf: ["Security"] }] },
      { category: "network_connection", where: [{ field: "EventID", anyOf: [3] }] },
      { category: "anything", where: [] },
    ],
    fields: fieldList.map(([path, type], i) => ({ id: i + 1, path, type })),
  },
  "test-schema",
);

export interface Compiled {
  readonly rules: IrRule[];
  readonly diagnostics: string;
  readonly parsed: boolean;
}

export function compileWith<Ast>(frontend: Frontend<Ast>, path: string, text: string, schema: EventSchema = testSchema): Compiled {
  const file = new SourceFile(path, text);
  const bag = new DiagnosticBag();
  const ast = frontend.parse(file, bag);
  const rules = ast === undefined ? [] : frontend.lower(ast, { schema, bag, file });
  for (const r of rules) assert.equal(validateRule(r, schema), [], `rule '${r.id}' fails validateRule`);
  return { rules, parsed: ast !== undefined, diagnostics: bag.items.map((d) => formatDiagnostic(d, file)).join("\n\n") };
}

/** The one rule's predicate, printed; fails the test on any diagnostic. */
export function predicateOf(c: Compiled): string {
  assert.is(c.diagnostics, "", "expected no diagnostics");
  assert.is(c.rules.length, 1);
  const rule = c.rules[0] as IrRule;
  return printExpr(soloPredicate(rule));
}

export function printed(c: Compiled): string {
  return c.rules.map(printRule).join("\n") + "\n";
}

/** Diagnostic codes in order. */
export function codes(c: Compiled): string[] {
  return [...c.diagnostics.matchAll(/ (?:error|warning) (K\d{4}):/g)].map((m) => m[1] as string);
}
