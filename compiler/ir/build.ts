/**
 * @fileoverview The IR's n-ary `and`/`or` and its `not`, the one place their shape rules
 * live; every frontend builds with them and the simplify-boolean pass applies them.
 * `and`/`or` flatten nested terms of the same kind, drop neutral constants, return an
 * absorbing constant, unwrap a single term and give the neutral constant for none;
 * `not` cancels a double negation and folds a constant. Meaning never changes, only
 * shape, so printed IR stays flat.
 */
import type { IrExpr } from "./nodes.js";

export function nary(kind: "and" | "or", terms: readonly IrExpr[]): IrExpr {
  const absorbing = kind === "or";
  const flat: IrExpr[] = [];
  const pending = [...terms].reverse();
  for (let t = pending.pop(); t !== undefined; t = pending.pop()) {
    if (t.kind === "const") {
      if (t.value === absorbing) return t;
    } else if (t.kind === kind) pending.push(...[...t.terms].reverse());
    else flat.push(t);
  }
  const only = flat[0];
  if (flat.length === 1 && only !== undefined) return only;
  return flat.length === 0 ? { kind: "const", value: !absorbing } : { kind, terms: flat };
}

export function allOf(terms: readonly IrExpr[]): IrExpr {
  return nary("and", terms);
}

export function anyOf(terms: readonly IrExpr[]): IrExpr {
  return nary("or", terms);
}

export function not(term: IrExpr): IrExpr {
  if (term.kind === "not") return term.term;
  if (term.kind === "const") return { kind: "const", value: !term.value };
  return { kind: "not", term };
}
