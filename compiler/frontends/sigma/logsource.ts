/**
 * @fileoverview A rule's `logsource` → the event shapes it stands for. The schema's entry:
 * an entry of the schema's `logsources` matches when each of its category/product/service
 * keys equals the rule's (case-insensitively); entries with fewer keys match rules with
 * more; the most specific matches win (most keys), and ties are OR'ed. Then each
 * processing-pipeline variant of the log source (compiler/pipeline/), with its own
 * conditions and field names. Neither is K1306 at the `logsource` key, unless a pipeline's
 * logsource_fallback lets it match every event.
 */
import { anyOf } from "../../ir/build.js";
import type { IrExpr } from "../../ir/nodes.js";
import { logsourceFallback, logsourceMatches, logsourceVariants, type LogsourceVariant } from "../../pipeline/names.js";
import type { LogSource } from "../../schema/schema.js";
import { clausesToIr } from "../common/fields.js";
import type { LowerContext } from "../frontend.js";
import type { Logsource } from "./ast.js";

/** One event shape a log source stands for: its predicate, and the variant whose field names its events use (absent: the rule's own names). */
export interface LogsourceAlternative {
  readonly predicate: IrExpr;
  readonly variant?: LogsourceVariant;
}

function specificity(entry: LogSource): number {
  return (["category", "product", "service"] as const).filter((k) => entry[k] !== undefined).length;
}

export function logsourceAlternatives(ls: Logsource, ctx: LowerContext, context: readonly string[]): LogsourceAlternative[] | undefined {
  const out: LogsourceAlternative[] = [];
  const candidates = ctx.schema.logsources.filter((e) => logsourceMatches(e, ls));
  if (candidates.length > 0) {
    const best = Math.max(...candidates.map(specificity));
    const preds = candidates
      .filter((e) => specificity(e) === best)
      .map((e): IrExpr => (e.where.length === 0 ? { kind: "const", value: true } : clausesToIr(e.where, ctx)));
    out.push({ predicate: anyOf(preds) });
  }
  for (const variant of logsourceVariants(ctx.pipelines ?? [], ls)) out.push({ predicate: clausesToIr(variant.where, ctx), variant });
  if (out.length === 0 && logsourceFallback(ctx.pipelines ?? [], { language: "sigma", logsource: ls }) !== undefined) out.push({ predicate: { kind: "const", value: true } });
  if (out.length === 0) {
    ctx.bag.error("K1306", ls.span, [ls.category ?? "-", ls.product ?? "-", ls.service ?? "-", ctx.schema.id], context);
    return undefined;
  }
  return out;
}
