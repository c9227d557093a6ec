/**
 * @fileoverview IR conveniences for tests on single-event rules.
 */
import type { IrExpr, IrRule } from "../../compiler/ir/nodes.js";
import { queryPredicates } from "../../compiler/ir/visit.js";

/** The predicate of a single-event rule (match or threshold); throws on a multi-step rule. */
export function soloPredicate(rule: IrRule | undefined): IrExpr {
  const predicates = rule === undefined ? [] : queryPredicates(rule.query);
  const [only] = predicates;
  if (only === undefined || predicates.length !== 1) throw new Error(`expected one single-event rule, got ${rule === undefined ? "none" : `${predicates.length} step(s)`}`);
  return only;
}
