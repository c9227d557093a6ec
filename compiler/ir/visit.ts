/**
 * @fileoverview Generic walks over IrExpr built on one exhaustive switch, so passes
 * and analyses do not each re-implement recursion.
 */
import { assertNever } from "../util/assert-never.js";
import type { FieldRef, IrExpr, IrQuery, IrRule, IrStep } from "./nodes.js";
import { valueFields } from "./value.js";

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
    case "fieldtext":
    case "raw":
    case "value":
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
    case "fieldtext":
    case "raw":
    case "value":
      return fn(e);
    default:
      return assertNever(e);
  }
}

/** The fields a leaf reads (none for and/or/not/const). */
export function leafFields(e: IrExpr): readonly FieldRef[] {
  if (e.kind === "fieldcmp" || e.kind === "fieldtext") return [e.field, e.other];
  if (e.kind === "value") return valueFields(e.value);
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

/**
 * A query's per-event predicates in emit order: the one of a single-event kind, or a
 * sequence's steps then its `until`. The Wasm package reports each as step number i.
 */
export function queryPredicates(query: IrQuery): readonly IrExpr[] {
  return stepsOf(query).map((s) => s.predicate);
}

/** A query's steps in emit order; single-event kinds are one step with no join fields. */
export function stepsOf(query: IrQuery): readonly IrStep[] {
  switch (query.kind) {
    case "match":
    case "threshold":
      return [{ predicate: query.predicate, by: [] }];
    case "sequence":
    case "join":
      return query.until === undefined ? query.steps : [...query.steps, query.until];
    case "correlation":
      return query.steps;
    default:
      return assertNever(query);
  }
}

/** The query with every per-event predicate rebuilt by `fn`. */
export function mapPredicates(query: IrQuery, fn: (e: IrExpr) => IrExpr): IrQuery {
  const step = (s: IrStep): IrStep => ({ ...s, predicate: fn(s.predicate) });
  switch (query.kind) {
    case "match":
    case "threshold":
      return { ...query, predicate: fn(query.predicate) };
    case "sequence":
    case "join":
      return { ...query, steps: query.steps.map(step), ...(query.until === undefined ? {} : { until: step(query.until) }) };
    case "correlation":
      return { ...query, steps: query.steps.map(step) };
    default:
      return assertNever(query);
  }
}

/** Every field a rule reads, deduplicated by id, in first-use order. */
export function fieldsOfRule(rule: IrRule): FieldRef[] {
  const query = rule.query;
  const own = [...(query.kind === "threshold" ? query.groupBy : []), ...(query.kind === "correlation" && query.field !== undefined ? [query.field] : []), ...pipeFields(rule)];
  const all = [...stepsOf(query).flatMap((s) => [...fieldsOfExpr(s.predicate), ...s.by]), ...own];
  return [...new Map(all.map((f) => [f.id, f])).values()];
}

/** The fields a rule's pipes read, deduplicated by id. */
export function pipeFields(rule: IrRule): FieldRef[] {
  const all = (rule.pipes ?? []).flatMap((p) => ("fields" in p ? p.fields : []));
  return [...new Map(all.map((f) => [f.id, f])).values()];
}
