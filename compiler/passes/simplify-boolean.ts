/**
 * @fileoverview Boolean simplification: flattens nested and/or, drops neutral
 * constants, short-circuits absorbing ones, removes double negation, and collapses
 * single-term and/or. Leaves are untouched, so matching semantics do not change.
 */
import type { IrExpr, IrRule } from "../ir/nodes.js";
import { mapExpr } from "../ir/visit.js";
import type { Pass } from "./pass.js";

function simplifyNode(e: IrExpr): IrExpr {
  switch (e.kind) {
    case "and":
    case "or": {
      const absorbing = e.kind === "or";
      const terms: IrExpr[] = [];
      for (const t of e.terms) {
        if (t.kind === "const") {
          if (t.value === absorbing) return t;
          continue;
        }
        if (t.kind === e.kind) terms.push(...t.terms);
        else terms.push(t);
      }
      if (terms.length === 0) return { kind: "const", value: !absorbing };
      return terms.length === 1 ? (terms[0] as IrExpr) : { kind: e.kind, terms };
    }
    case "not":
      if (e.term.kind === "not") return e.term.term;
      if (e.term.kind === "const") return { kind: "const", value: !e.term.value };
      return e;
    default:
      return e;
  }
}

export const simplifyBoolean: Pass = {
  name: "simplify-boolean",
  run(rule: IrRule): IrRule {
    return { ...rule, query: { ...rule.query, predicate: mapExpr(rule.query.predicate, simplifyNode) } };
  },
};
