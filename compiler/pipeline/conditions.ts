/**
 * @fileoverview A pipeline's add_condition items for EQL and JSON rules: their clauses
 * AND'ed into every per-event predicate (each step of a sequence). Sigma rules get
 * theirs while lowering, where their log source is known.
 */
import { allOf } from "../ir/build.js";
import type { IrExpr, IrRule } from "../ir/nodes.js";
import { mapPredicates } from "../ir/visit.js";
import type { Clause } from "../schema/schema.js";
import { addedConditions } from "./names.js";
import type { ProcessingPipeline } from "./pipeline.js";

export function withAddedConditions(rule: IrRule, pipelines: readonly ProcessingPipeline[], toIr: (clauses: readonly Clause[]) => IrExpr): IrRule {
  if (rule.language === "sigma") return rule;
  const added = addedConditions(pipelines, { language: rule.language }).map(toIr);
  if (added.length === 0) return rule;
  return { ...rule, query: mapPredicates(rule.query, (p) => allOf([...added, p])) };
}
