/**
 * @fileoverview SigmaCorrelation → CorrelationDraft (link.ts resolves its references once
 * the whole build is lowered). Resolves, for each referenced rule, every `group-by` name
 * to a schema field: an alias's field for that rule, or the name itself as a Sigma
 * field; and the aggregated `field`. Temporal correlations without a condition need
 * every rule (`gte` the number of rules).
 */
import type { CorrelationBound, FieldRef, IrRule } from "../../ir/nodes.js";
import { resolveField } from "../common/fields.js";
import type { LowerContext } from "../frontend.js";
import type { Located, SigmaCorrelation } from "./ast.js";
import type { CorrelationDraft, DraftStep } from "./link.js";

export function lowerCorrelation(c: SigmaCorrelation, meta: Omit<IrRule, "query">, ctx: LowerContext): CorrelationDraft | undefined {
  const context = [`correlation '${c.title.value}'`, "correlation"];
  const errors = ctx.bag.errorCount;
  const resolved = new Map<string, FieldRef | undefined>();
  const resolve = (name: Located<string>): FieldRef | undefined => {
    const key = `${name.value}\0${name.span.start}`;
    if (!resolved.has(key)) resolved.set(key, resolveField(name.value, name.span, ctx, context));
    return resolved.get(key);
  };
  const refs = new Set(c.rules.map((r) => r.value));
  const aliases = new Map(c.aliases.map((a) => [a.alias.value, new Map(a.fields.map((f) => [f.rule.value, f.field]))]));
  for (const a of c.aliases) for (const f of a.fields) if (!refs.has(f.rule.value)) ctx.bag.error("K1311", f.rule.span, [a.alias.value, f.rule.value], context);
  const steps = c.rules.map((ref): DraftStep => {
    const by = c.groupBy.map((g) => {
      const alias = aliases.get(g.value);
      if (alias === undefined) return resolve(g);
      const field = alias.get(ref.value);
      if (field === undefined) ctx.bag.error("K1310", g.span, [g.value, ref.value], context);
      return field === undefined ? undefined : resolve(field);
    });
    return { ref: ref.value, span: ref.span, by: by.filter((f): f is FieldRef => f !== undefined) };
  });
  const field = c.field === undefined ? undefined : resolve(c.field);
  if (ctx.bag.errorCount > errors) return undefined;
  const all: CorrelationBound[] = [{ op: "gte", value: c.rules.length }];
  const condition = c.condition.length === 0 && (c.type.value === "temporal" || c.type.value === "temporal_ordered") ? all : c.condition;
  return { rule: meta, span: c.id?.span ?? c.title.span, context, type: c.type.value, steps, groupBy: c.groupBy.map((g) => g.value), windowMs: c.timespanMs, condition, field, generate: c.generate };
}
