/**
 * @fileoverview Plans what a package reports with each match (package ABI "Emit table"):
 * one emit per (rule, step), each with the field values it captures, and the field the
 * scanner reads event time from. A threshold rule captures its group-by fields, a
 * sequence step its join fields, a correlation step its group-by fields (named as the
 * correlation names them, aliases included) and the field it aggregates; every other rule captures the schema's entity key,
 * which the runtime partitions work by.
 * Time and entity fields that the schema does not declare are read as open string fields.
 */
import type { FieldRef, IrExpr, IrRule, IrRuleSet } from "../ir/nodes.js";
import { pipeFields, queryPredicates, stepsOf } from "../ir/visit.js";
import { openFieldId } from "../schema/lookup.js";
import type { EventSchema, TimestampFormat } from "../schema/schema.js";
import { assertNever } from "../util/assert-never.js";

/** `value`: the field a correlation aggregates (value_count, value_sum, …). */
export type CaptureRole = "entity" | "group" | "join" | "pipe" | "value";

export interface CaptureSpec {
  /** The field path, as alerts name the value. */
  readonly name: string;
  readonly field: FieldRef;
  readonly role: CaptureRole;
  /** Hash with ASCII case folded (case-insensitive keys). */
  readonly foldCase: boolean;
  /** A join value that may be missing or null (the step's `nullable`). */
  readonly nullable?: boolean;
}

export interface EmitSpec {
  readonly rule: number;
  readonly step: number;
  readonly captures: readonly CaptureSpec[];
}

export interface PlannedTime {
  readonly field: FieldRef;
  readonly format: TimestampFormat;
}

export interface PackagePlan {
  /** The primary time source, then the fallbacks in order. */
  readonly time: readonly PlannedTime[];
  readonly emits: readonly EmitSpec[];
}

/** The subset of an event schema the plan needs (a package manifest carries the same). */
export type PlanSchema = Pick<EventSchema, "timestamp" | "entityKey" | "byPath">;

function systemField(schema: PlanSchema, path: string): FieldRef {
  const def = schema.byPath.get(path);
  return def === undefined ? { id: openFieldId(path), path, type: "string" } : { id: def.id, path: def.path, type: def.type };
}

function capturesOf(rule: IrRule, step: number, entity: readonly CaptureSpec[]): readonly CaptureSpec[] {
  const query = rule.query;
  switch (query.kind) {
    case "match":
      // Pipes read fields of the result's (only) event: captured with it, so no JSON is re-read.
      // One rule's pipes share its dialect, so a field's fold flag is the same for all of them.
      return [...entity, ...pipeFields(rule).map((field): CaptureSpec => ({ name: field.path, field, role: "pipe", foldCase: foldsPipes(rule) }))];
    case "threshold":
      return query.groupBy.map((field) => ({ name: field.path, field, role: "group", foldCase: false }));
    case "sequence":
    case "join": {
      const s = stepsOf(query)[step];
      return (s?.by ?? []).map((field, i): CaptureSpec => ({ name: field.path, field, role: "join", foldCase: false, ...(s?.nullable?.[i] === true ? { nullable: true } : {}) }));
    }
    case "correlation": {
      const by = query.steps[step]?.by ?? [];
      const group = by.map((field, i): CaptureSpec => ({ name: query.groupBy[i] ?? field.path, field, role: "group", foldCase: false }));
      return query.field === undefined ? group : [...group, { name: query.field.path, field: query.field, role: "value", foldCase: false }];
    }
    default:
      return assertNever(query);
  }
}

export function planPackage(set: IrRuleSet, schema: PlanSchema): PackagePlan {
  const entity = schema.entityKey.map((path): CaptureSpec => ({ name: path, field: systemField(schema, path), role: "entity", foldCase: false }));
  return {
    time: [schema.timestamp, ...(schema.timestamp.fallbacks ?? [])].map((t) => ({ field: systemField(schema, t.field), format: t.format })),
    emits: set.rules.flatMap((rule, index) => stepsOf(rule.query).map((_, step) => ({ rule: index, step, captures: capturesOf(rule, step, entity) }))),
  };
}

function foldsPipes(rule: IrRule): boolean {
  return (rule.pipes ?? []).some((p) => "caseInsensitive" in p && p.caseInsensitive);
}

/** The predicate each emit reports, by emit index. */
export function emitPredicates(set: IrRuleSet, plan: PackagePlan): IrExpr[] {
  return plan.emits.map((e) => {
    const rule = set.rules[e.rule];
    const predicate = rule === undefined ? undefined : queryPredicates(rule.query)[e.step];
    if (predicate === undefined) throw new Error(`internal: no step ${e.step} of rule ${e.rule}`);
    return predicate;
  });
}

/** Every field the plan reads, for slot assignment. */
export function planFields(plan: PackagePlan): FieldRef[] {
  return [...plan.time.map((t) => t.field), ...plan.emits.flatMap((e) => e.captures.map((c) => c.field))];
}
