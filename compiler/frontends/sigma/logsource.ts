/**
 * @fileoverview A rule's `logsource` → the schema's predicate for it. An entry of the
 * schema's `logsources` matches when each of its category/product/service keys equals
 * the rule's (case-insensitively); entries with fewer keys match rules with more. The
 * most specific matches win (most keys); if several tie, their predicates are OR'ed.
 * No match is K1306 at the `logsource` key.
 */
import { anyOf } from "../../ir/build.js";
import type { IrExpr } from "../../ir/nodes.js";
import type { LogSource } from "../../schema/schema.js";
import { clausesToIr } from "../common/fields.js";
import type { LowerContext } from "../frontend.js";
import type { Logsource } from "./ast.js";

const keys = ["category", "product", "service"] as const;

function matches(entry: LogSource, ls: Logsource): boolean {
  return keys.every((k) => entry[k] === undefined || entry[k].toLowerCase() === ls[k]?.toLowerCase());
}

function specificity(entry: LogSource): number {
  return keys.filter((k) => entry[k] !== undefined).length;
}

export function logsourceToIr(ls: Logsource, ctx: LowerContext, context: readonly string[]): IrExpr | undefined {
  const candidates = ctx.schema.logsources.filter((e) => matches(e, ls));
  if (candidates.length === 0) {
    ctx.bag.error("K1306", ls.span, [ls.category ?? "-", ls.product ?? "-", ls.service ?? "-", ctx.schema.id], context);
    return undefined;
  }
  const best = Math.max(...candidates.map(specificity));
  const preds = candidates
    .filter((e) => specificity(e) === best)
    .map((e): IrExpr => (e.where.length === 0 ? { kind: "const", value: true } : clausesToIr(e.where, ctx)));
  return anyOf(preds);
}
