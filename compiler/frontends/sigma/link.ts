/**
 * @fileoverview Links Sigma correlations to the rules they reference, once every file of
 * a build is lowered (Falco's collect stage): a reference is a rule id or a Sigma `name`
 * from any file of the build. Each correlation becomes one IR `correlation` rule whose
 * steps are the referenced rules' predicates with the group-by fields lowering resolved
 * for each; the referenced rules stop alerting on their own unless a correlation over
 * them says `generate: true`. Sigma filters are applied first: each one's predicate is
 * ANDed as a NOT onto the rules it names. Located diagnostics: K1308 unknown rule, K1305 a
 * correlation over another correlation or over a stateful rule, K1012 a duplicate id.
 */
import type { DiagnosticBag } from "../../diagnostics/diagnostic.js";
import { allOf, not } from "../../ir/build.js";
import type { CorrelationBound, CorrelationType, FieldRef, IrExpr, IrRule } from "../../ir/nodes.js";
import type { Span } from "../../source/span.js";

export interface DraftStep {
  /** The reference as `rules` writes it. */
  readonly ref: string;
  readonly span: Span;
  readonly by: readonly FieldRef[];
}

/** A lowered correlation whose rule references are not resolved yet. */
export interface CorrelationDraft {
  readonly rule: Omit<IrRule, "query">;
  /** The id (else the title): where K1012 points. */
  readonly span: Span;
  readonly context: readonly string[];
  readonly type: CorrelationType;
  readonly steps: readonly DraftStep[];
  readonly groupBy: readonly string[];
  readonly windowMs: number;
  readonly condition: readonly CorrelationBound[];
  readonly field: FieldRef | undefined;
  readonly generate: boolean;
}

/** A lowered filter: its predicate (log source and condition), and the rules it tunes. */
export interface FilterDraft {
  readonly predicate: IrExpr;
  readonly refs: readonly { readonly ref: string; readonly span: Span }[];
  readonly context: readonly string[];
}

/** What lowering leaves for linking: correlations, filters, and the `name`s of documents (name → rule id). */
export interface LinkSink {
  readonly correlations: CorrelationDraft[];
  readonly filters: FilterDraft[];
  readonly names: Map<string, { readonly id: string; readonly span: Span }>;
  /** The id and name of every document lowered, with errors or not. */
  readonly seen: Set<string>;
}

export function newLinkSink(): LinkSink {
  return { correlations: [], filters: [], names: new Map(), seen: new Set() };
}

/** Notes a failed file's ids and names: a correlation over them is left out without K1308 (their errors are reported). */
export function noteFailed(into: LinkSink, from: LinkSink): void {
  for (const ref of from.seen) into.seen.add(ref);
}

/** Adds one file's sink to the build's, unless it takes a name already taken (K1309; then false). */
export function mergeLinkSink(into: LinkSink, from: LinkSink, bag: DiagnosticBag): boolean {
  const taken = [...from.names].filter(([name]) => into.names.has(name));
  for (const [name, at] of taken) bag.error("K1309", at.span, [name, into.names.get(name)?.span.file ?? "?"]);
  for (const ref of from.seen) into.seen.add(ref);
  if (taken.length > 0) return false;
  into.correlations.push(...from.correlations);
  into.filters.push(...from.filters);
  for (const [name, at] of from.names) into.names.set(name, at);
  return true;
}

export interface Linked {
  /** The rule after the passes (and validated), and as lowered. */
  readonly rule: IrRule;
  readonly lowered: IrRule;
}

/**
 * The build's rules with the correlations linked in (after the other rules, in file
 * order) and the referenced rules without `generate` taken out. `finish` runs the passes
 * and validation on a lowered correlation.
 */
export function linkCorrelations(all: readonly Linked[], sink: LinkSink, bag: DiagnosticBag, finish: (lowered: IrRule, span: Span) => IrRule): Linked[] {
  const correlationRefs = new Set(sink.correlations.flatMap((d) => [d.rule.id, ...[...sink.names].filter(([, v]) => v.id === d.rule.id).map(([n]) => n)]));
  const entries = applyFilters(all, sink, correlationRefs, bag, finish);
  const byId = new Map(entries.map((e) => [e.rule.id, e]));
  const hidden = new Set<string>();
  const shown = new Set<string>();
  const linked: Linked[] = [];
  for (const draft of sink.correlations) {
    if (byId.has(draft.rule.id)) {
      bag.error("K1012", draft.span, [draft.rule.id, byId.get(draft.rule.id)?.rule.source.path ?? "?"], draft.context);
      continue;
    }
    const targets = draft.steps.map((s) => target(s, draft, byId, sink, correlationRefs, bag));
    if (!targets.every((t): t is Linked => t !== undefined)) continue;
    for (const t of targets) (draft.generate ? shown : hidden).add(t.rule.id);
    const steps = draft.steps.map((s, i) => ({ predicate: predicateOf(targets[i]?.lowered), by: s.by }));
    const lowered: IrRule = {
      ...draft.rule,
      query: { kind: "correlation", type: draft.type, steps, groupBy: draft.groupBy, windowMs: draft.windowMs, condition: draft.condition, ...(draft.field === undefined ? {} : { field: draft.field }) },
    };
    const entry = { rule: finish(lowered, draft.span), lowered };
    byId.set(draft.rule.id, entry);
    linked.push(entry);
  }
  return [...entries.filter((e) => shown.has(e.rule.id) || !hidden.has(e.rule.id)), ...linked];
}

/**
 * Each filter ANDed as a NOT onto the rules it names (before correlations take their
 * predicates, so a correlation over a filtered rule sees the filter). A filter naming an
 * unknown rule is K1308, one naming a stateful rule K1305.
 */
function applyFilters(entries: readonly Linked[], sink: LinkSink, correlations: ReadonlySet<string>, bag: DiagnosticBag, finish: (lowered: IrRule, span: Span) => IrRule): Linked[] {
  const byId = new Map(entries.map((e) => [e.rule.id, e]));
  const extra = new Map<string, { exprs: IrExpr[]; span: Span }>();
  for (const f of sink.filters) {
    for (const r of f.refs) {
      const found = byId.get(r.ref) ?? byId.get(sink.names.get(r.ref)?.id ?? "");
      if (correlations.has(r.ref)) bag.error("K1305", r.span, ["a filter on a correlation"], f.context);
      else if (found === undefined) {
        if (!sink.seen.has(r.ref)) bag.error("K1308", r.span, [r.ref], f.context);
      } else if (found.rule.query.kind !== "match") bag.error("K1305", r.span, [`a filter on a ${found.rule.query.kind} rule`], f.context);
      else extra.set(found.rule.id, { exprs: [...(extra.get(found.rule.id)?.exprs ?? []), f.predicate], span: r.span });
    }
  }
  return entries.map((e) => {
    const x = extra.get(e.rule.id);
    if (x === undefined || e.lowered.query.kind !== "match") return e;
    const lowered: IrRule = { ...e.lowered, query: { kind: "match", predicate: allOf([e.lowered.query.predicate, ...x.exprs.map(not)]) } };
    return { rule: finish(lowered, x.span), lowered };
  });
}

function target(s: DraftStep, draft: CorrelationDraft, byId: ReadonlyMap<string, Linked>, sink: LinkSink, correlations: ReadonlySet<string>, bag: DiagnosticBag): Linked | undefined {
  const found = byId.get(s.ref) ?? byId.get(sink.names.get(s.ref)?.id ?? "");
  if (found === undefined || correlations.has(s.ref)) {
    const failed = found === undefined && sink.seen.has(s.ref);
    if (failed) return undefined;
    if (correlations.has(s.ref)) bag.error("K1305", s.span, ["a correlation over another correlation (chained correlations)"], draft.context);
    else bag.error("K1308", s.span, [s.ref], draft.context);
    return undefined;
  }
  if (found.rule.query.kind !== "match" || found.rule.pipes !== undefined) {
    bag.error("K1305", s.span, [`a correlation over a ${found.rule.query.kind}${found.rule.pipes === undefined ? "" : " with pipes"} rule`], draft.context);
    return undefined;
  }
  return found;
}

function predicateOf(rule: IrRule | undefined): Extract<IrRule["query"], { kind: "match" }>["predicate"] {
  if (rule?.query.kind !== "match") throw new Error("internal: a correlation step is not a match rule");
  return rule.query.predicate;
}
