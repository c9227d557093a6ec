/**
 * @fileoverview A `sequence` query → IR `sequence` (and a `join` → IR `join`, the same way
 * without `with`): each `[…]` is a step whose predicate
 * is its event query and whose join fields are the sequence's `by` then the step's own;
 * `with runs=N` repeats a step N times; `with maxspan=N<unit>` bounds it in time (the
 * endgame dialect truncates it to whole seconds, as the reference engine does); `until`
 * becomes the IR's until step. Located errors for what cannot be lowered: too few steps
 * (K1602), join keys of different arity (K1603), a bad `with` (K1604), a `by` that is
 * not a field (K1605). Missing events `![…]` become missing steps (IR `sequence`); they
 * need `maxspan` (K1606) and a positive event beside them (K1607), and are unsupported in
 * a join or an `until` (K1601).
 */
import type { FieldRef, IrQuery, IrSequenceStep } from "../../ir/nodes.js";
import { assertNever } from "../../util/assert-never.js";
import { resolveField } from "../common/fields.js";
import type { LowerContext } from "../frontend.js";
import type { EqlExpr, EqlMultiQuery, EqlSubquery, EqlWith } from "./ast.js";
import { lowerEventQuery } from "./lower-event.js";

/** Milliseconds per `maxspan` unit. */
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** A step repeated more often than this is surely a typo, and each copy costs a state slot per key. */
const MAX_RUNS = 100;

/** A `sequence` or a `join` (the reference engine's: no `with`, steps in any order). */
export function lowerSequence(query: EqlMultiQuery & { kind: "sequence" | "join" }, ctx: LowerContext): IrQuery | undefined {
  const errorsBefore = ctx.bag.errorCount;
  const shared = joinFields(query.by, ctx);
  let maxspanMs: number | undefined;
  for (const w of query.with) {
    if (w.key === "maxspan" && query.kind === "sequence") maxspanMs = maxspanOf(w, ctx);
    else ctx.bag.error("K1604", w.span, [`with ${w.key}`, query.kind === "sequence" ? "a sequence takes 'maxspan'" : "a join takes no 'with'"]);
  }
  // The reference engine counts maxspan in whole seconds (under one second is 0).
  if (maxspanMs !== undefined && ctx.dialect === "endgame") maxspanMs = Math.floor(maxspanMs / 1000) * 1000;
  const steps = query.terms.flatMap((term) => {
    const step = lowerStep(term, shared, query.by, ctx, query.kind === "join" ? "a join" : undefined);
    return step === undefined ? [] : Array.from({ length: runsOf(term, ctx) }, () => step);
  });
  const until = query.until === undefined ? undefined : lowerStep(query.until, shared, query.by, ctx, "'until'");
  if (ctx.bag.errorCount !== errorsBefore) return undefined;
  if (steps.length < 2) {
    ctx.bag.error("K1602", query.keyword, [steps.length]);
    return undefined;
  }
  if (steps.some((s) => s.missing === true) && !checkMissing(query, steps, maxspanMs, ctx)) return undefined;
  const arity = steps[0]?.by.length ?? 0;
  const subqueries = [...query.terms, ...(query.until === undefined ? [] : [query.until])];
  [...steps, ...(until === undefined ? [] : [until])].forEach((s) => {
    if (s.by.length === arity) return;
    const at = subqueries.find((t) => t.by.length + shared.length === s.by.length) ?? query;
    ctx.bag.error("K1603", at.span, [s.by.length, arity]);
  });
  if (ctx.bag.errorCount !== errorsBefore) return undefined;
  if (query.kind === "join") return { kind: "join", steps, ...(until === undefined ? {} : { until }) };
  return { kind: "sequence", steps, ...(until === undefined ? {} : { until }), ...(maxspanMs === undefined ? {} : { maxspanMs }) };
}

/** Missing steps need a positive step (K1607) and a maxspan (K1606); the error sits on the first `![…]`. */
function checkMissing(query: EqlMultiQuery, steps: readonly IrSequenceStep[], maxspanMs: number | undefined, ctx: LowerContext): boolean {
  const first = query.terms.find((t) => t.missing) ?? query;
  if (steps.every((s) => s.missing === true)) ctx.bag.error("K1607", query.keyword, []);
  else if (maxspanMs === undefined) ctx.bag.error("K1606", first.span, []);
  else return true;
  return false;
}

/** A step; `missingIn` names where a missing event `![…]` is unsupported (a join, `until`). */
function lowerStep(term: EqlSubquery, shared: readonly FieldRef[], sharedBy: readonly EqlExpr[], ctx: LowerContext, missingIn: string | undefined): IrSequenceStep | undefined {
  if (term.missing && missingIn !== undefined) {
    ctx.bag.error("K1601", term.span, [`missing events '![…]' in ${missingIn}`]);
    return undefined;
  }
  const predicate = lowerEventQuery(term.query, ctx);
  const own = joinFields(term.by, ctx);
  // Elasticsearch joins a missing or null value only on `?field` keys; the reference engine on any.
  const nullable = [...sharedBy, ...term.by].map((e) => ctx.dialect === "endgame" || (e.kind === "field" && e.optional));
  if (predicate === undefined) return undefined;
  return { predicate, by: [...shared, ...own], ...(nullable.some((n) => n) ? { nullable } : {}), ...(term.missing ? { missing: true as const } : {}) };
}

function joinFields(by: readonly EqlExpr[], ctx: LowerContext): FieldRef[] {
  return by.flatMap((e) => {
    if (e.kind !== "field") {
      ctx.bag.error("K1605", e.span, [describeNonField(e)]);
      return [];
    }
    const f = resolveField(e.path, e.span, ctx);
    return f === undefined ? [] : [f];
  });
}

function maxspanOf(w: EqlWith, ctx: LowerContext): number | undefined {
  const n = Number(w.value);
  const unit = UNIT_MS[w.unit ?? ""];
  if (!Number.isSafeInteger(n) || n < 0 || unit === undefined) {
    ctx.bag.error("K1604", w.span, [`maxspan=${w.value}${w.unit ?? ""}`, "expected a whole number with a unit: ms, s, m, h or d"]);
    return undefined;
  }
  return n * unit;
}

function runsOf(term: EqlSubquery, ctx: LowerContext): number {
  const w = term.with;
  if (w === undefined) return 1;
  const n = Number(w.value);
  if (w.key !== "runs" || w.unit !== undefined || !Number.isInteger(n) || n < 1 || n > MAX_RUNS) {
    ctx.bag.error("K1604", w.span, [`with ${w.key}=${w.value}${w.unit ?? ""}`, `an event takes 'runs' from 1 to ${MAX_RUNS}`]);
    return 1;
  }
  return n;
}

function describeNonField(e: EqlExpr): string {
  switch (e.kind) {
    case "arith":
    case "neg":
      return "arithmetic";
    case "call":
      return "a function call";
    case "string":
    case "int":
    case "float":
    case "bool":
    case "null":
      return "a literal";
    case "and":
    case "or":
    case "not":
    case "compare":
    case "match":
    case "field":
      return "a condition";
    default:
      return assertNever(e);
  }
}
