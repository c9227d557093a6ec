/**
 * @fileoverview Small IR constructors used while lowering: n-ary and/or that unwrap
 * single terms and flatten nested terms of the same kind, so printed IR stays flat.
 */
import type { IrExpr } from "../../ir/nodes.js";

function nary(kind: "and" | "or", terms: readonly IrExpr[]): IrExpr {
  const flat = terms.flatMap((t) => (t.kind === kind ? t.terms : [t]));
  const only = flat[0];
  if (flat.length === 1 && only !== undefined) return only;
  if (flat.length === 0) return { kind: "const", value: kind === "and" };
  return { kind, terms: flat };
}

export function allOf(terms: readonly IrExpr[]): IrExpr {
  return nary("and", terms.filter((t) => !(t.kind === "const" && t.value)));
}

export function anyOf(terms: readonly IrExpr[]): IrExpr {
  return nary("or", terms);
}

export function not(term: IrExpr): IrExpr {
  return { kind: "not", term };
}

/** Every element defined, or undefined: lets callers lower all parts (reporting every error) first. */
export function defined<T>(items: readonly (T | undefined)[]): T[] | undefined {
  return items.every((x): x is T => x !== undefined) ? (items as T[]) : undefined;
}
