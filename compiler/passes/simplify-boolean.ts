/**
 * @fileoverview Boolean simplification: rebuilds every and/or/not bottom-up with the IR
 * builders (compiler/ir/build.ts), which flatten nested and/or, drop neutral constants,
 * short-circuit absorbing ones, remove double negation and collapse single-term and/or.
 * Leaves are untouched, so matching semantics do not change.
 */
import { nary, not } from "../ir/build.js";
import type { IrExpr, IrRule } from "../ir/nodes.js";
import { mapExpr, mapPredicates } from "../ir/visit.js";
import type { Pass } from "./pass.js";

function simplifyNode(e: IrExpr): IrExpr {
  switch (e.kind) {
    case "and":
    case "or":
      return nary(e.kind, e.terms);
    case "not":
      return not(e.term);
    default:
      return e;
  }
}

export const simplifyBoolean: Pass = {
  name: "simplify-boolean",
  run(rule: IrRule): IrRule {
    return { ...rule, query: mapPredicates(rule.query, (e) => mapExpr(e, simplifyNode)) };
  },
};
