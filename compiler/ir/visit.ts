/**
 * @fileoverview Generic walks over IrExpr built on one exhaustive switch, so passes
 * and analyses do not each re-implement recursion.
 */
import { assertNever } from "../util/assert-never.js";
import type { FieldRef, IrExpr, IrRule } from "./nodes.js";

/** Children of a node, in order. */
export function children(e: IrExpr): readonly IrExpr[] {
  switch (e.kind) {
    case "and":
    case "or":
      return e.terms;
    case "not":
      return [e.term];
    case "const":
    case "exists":
    case "str":
    case "int":
    case "float":
    case "bool":
    case "regex":
    case "cidr":
    case "len":
    case "fieldcmp":
    case "raw":
      return [];
    default:
      return assertNever(e);
  }
}

/** Pre-order visit of every node. */
export function forEachExpr(e: IrExpr, fn: (node: IrExpr) => void): void {
  fn(e);
  for (const c of children(e)) forEachExpr(c, fn);
}

/** Bottom-up rebuild: children are mapped first, then `fn` sees the rebuilt node. */
export function mapExpr(e: IrExpr, fn: (node: IrExpr) => IrExpr): IrExpr {
  switch (e.kind) {
    case "and":
    case "or":
      return fn({ kind: e.kind, terms: e.terms.map((t) => mapExpr(t, fn)) });
    case "not":
      return fn({ kind: "not", term: mapExpr(e.term, fn) });
    case "const":
    case "exists":
    case "str":
    case "int":
    case "float":
    case "bool":
    case "regex":
    case "cidr":
    case "len":
    case "fieldcmp":
    case "raw":
      return fn(e);
    default:
      return assertNever(e);
  }
}

/** The fields a leaf reads (none for and/or/not/const). */
export function leafFields(e: IrExpr): readonly FieldRef[] {
  if (e.kind === "fieldcmp") return [e.field, e.other];
  return "field" in e ? [e.field] : [];
}

/** Every field an expression reads, deduplicated by id, in first-use order. */
export function fieldsOfExpr(e: IrExpr): FieldRef[] {
  const seen = new Map<number, FieldRef>();
  forEachExpr(e, (n) => {
    for (const f of leafFields(n)) if (!seen.has(f.id)) seen.set(f.id, f);
  });
  return [...seen.values()];
}

/** Every field a rule reads, deduplicated by id, in first-use order. */
export function fieldsOfRule(rule: IrRule): FieldRef[] {
  const query = rule.query;
  switch (query.kind) {
    case "match":
      return fieldsOfExpr(query.predicate);
    case "threshold":
      return [...fieldsOfExpr(query.predicate), ...query.groupBy];
    default:
      return assertNever(query);
  }
}
