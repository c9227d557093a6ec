/**
 * @fileoverview The shared IR: every frontend (EQL, Sigma, JSON) lowers into these
 * plain-data, kind-tagged, readonly nodes. No classes and no cycles, so an IrRuleSet
 * round-trips through JSON.stringify/JSON.parse unchanged.
 *
 * Semantics (the reference evaluator and the Wasm codegen both implement them):
 * - A leaf on a missing or null field is false; `not` is two-valued.
 * - On an array field, a leaf is true when any element satisfies it.
 * - `str` compares UTF-8 text (on a numeric field: the number's JSON text, or a string value); `caseInsensitive` folds ASCII letters only, and its
 *   `value` is already lowercased by the frontend/passes.
 * - `int` compares as signed 64-bit integers (value is decimal text, so i64 survives JSON);
 *   `float` compares as f64. Numeric leaves accept numbers and numeric strings in events.
 */
import type { FieldType } from "./types.js";
import type { IrValue } from "./value.js";

export interface FieldRef {
  /** Stable numeric ID from the schema registry. */
  readonly id: number;
  readonly path: string;
  readonly type: FieldType;
}

export type CmpOp = "eq" | "ne" | "lt" | "le" | "gt" | "ge";
/** `lt`…`ge` order texts by their UTF-8 bytes (code point order), as EQL's `<` on strings does. */
export type StrOp = "eq" | "prefix" | "suffix" | "contains" | "wildcard" | "lt" | "le" | "gt" | "ge";

export type IrExpr =
  | { readonly kind: "const"; readonly value: boolean }
  | { readonly kind: "and"; readonly terms: readonly IrExpr[] }
  | { readonly kind: "or"; readonly terms: readonly IrExpr[] }
  | { readonly kind: "not"; readonly term: IrExpr }
  /** Field is present and not null. */
  | { readonly kind: "exists"; readonly field: FieldRef }
  /** `wildcard` patterns use `*` (any run) and `?` (one character); `\*`, `\?`, `\\` escape them. */
  | { readonly kind: "str"; readonly op: StrOp; readonly field: FieldRef; readonly value: string; readonly caseInsensitive: boolean }
  | { readonly kind: "int"; readonly op: CmpOp; readonly field: FieldRef; readonly value: string }
  | { readonly kind: "float"; readonly op: CmpOp; readonly field: FieldRef; readonly value: number }
  | { readonly kind: "bool"; readonly field: FieldRef; readonly value: boolean }
  /** ECMAScript regex source, unanchored search (frontends anchor it when their language requires). */
  | { readonly kind: "regex"; readonly field: FieldRef; readonly pattern: string; readonly caseInsensitive: boolean }
  /** IPv4 or IPv6 CIDR in canonical text, e.g. "10.0.0.0/8". */
  | { readonly kind: "cidr"; readonly field: FieldRef; readonly cidr: string }
  /** Length in characters of a string (or elements of an array) compared with `value`. */
  | { readonly kind: "len"; readonly op: CmpOp; readonly field: FieldRef; readonly value: number }
  /**
   * `field` compared with `other` in the same event: both present scalars; numbers as
   * numbers, booleans by value (eq/ne), else texts by UTF-8 bytes (folding ASCII when
   * `caseInsensitive`). Arrays and objects never compare.
   */
  | { readonly kind: "fieldcmp"; readonly op: CmpOp; readonly field: FieldRef; readonly other: FieldRef; readonly caseInsensitive: boolean }
  /**
   * `field`'s text starts with, ends with or contains `other`'s text, both fields of one
   * event (EQL `startsWith(a, b)` with a field for b): texts as fieldcmp has them (a
   * string, or a number's JSON text), ASCII folded on both sides when `caseInsensitive`.
   */
  | { readonly kind: "fieldtext"; readonly op: "prefix" | "suffix" | "contains"; readonly field: FieldRef; readonly other: FieldRef; readonly caseInsensitive: boolean }
  /**
   * The event's raw JSON text (the line, keys included) contains `value`, or matches it
   * as a `*`/`?` pattern: Sigma keyword searches. Frontends JSON-escape the keyword.
   */
  | { readonly kind: "raw"; readonly op: "contains" | "wildcard"; readonly value: string; readonly caseInsensitive: boolean }
  /** A computed value (arithmetic, value functions; see value.ts) that is boolean true. */
  | { readonly kind: "value"; readonly value: IrValue };

export type IrExprKind = IrExpr["kind"];

export type Language = "eql" | "sigma" | "json";
export type Severity = "informational" | "low" | "medium" | "high" | "critical";
export const severities: readonly Severity[] = ["informational", "low", "medium", "high", "critical"];
/** What the runner does with a rule's alert: deliver it, or also block the event (`kestrel run --inline`). */
export type RuleAction = "alert" | "block";
export const ruleActions: readonly RuleAction[] = ["alert", "block"];

/**
 * What a rule matches. Every kind has per-event predicates (one, or one per step), which
 * the Wasm package evaluates; stateful kinds add what the runtime's detect stage does
 * with the events that pass them.
 * - `match`: every event that passes is an alert.
 * - `threshold`: alert when `count` events that pass, with equal values of every
 *   `groupBy` field, fall within `windowMs` of event time (Elastic's threshold rules; a
 *   Sigma event_count correlation is a `correlation`). Events without a parseable time are not counted.
 * - `sequence`: EQL sequences. Per join key (the values of each step's `by` fields), at
 *   most one pending partial sequence waits at each step; an event passing step i moves
 *   the one waiting there on (step 0 starts one, replacing any), and completing the last
 *   step raises an alert whose evidence is the steps' events in order. One event is
 *   offered to the later steps first, so it never fills two steps of one sequence. An
 *   event passing `until` (with the same join key) then drops that key's partial sequences
 *   (after its own steps, as in Elasticsearch: it may still complete one).
 *   With `maxspanMs`, a partial sequence whose first event is older than the rule's
 *   newest event time minus maxspan is dropped (the keyed window store's window), and
 *   events without a parseable time are not used.
 *   Missing steps (`missing`, EQL `![…]`; Elasticsearch 8.x semantics, inferred from its
 *   test_missing_events suite): the positive steps alone make candidate sequences as
 *   above (at least one positive step; `maxspanMs` is required). A candidate is a result
 *   unless events passing its missing steps, each with the candidate's join key (read
 *   through that step's own `by`), fall as follows, in event time (first/last: the
 *   candidate's first and last positive events):
 *   - middle step (positive steps on both sides): any event strictly between the
 *     neighbouring positive events' times rejects it;
 *   - leading steps only: any leading event in [last - maxspan, first) rejects it;
 *   - trailing steps only: any trailing event in (last, first + maxspan] rejects it;
 *   - both: with L the newest leading event before first and X the oldest trailing
 *     event after last, it is rejected when both exist and X - L <= maxspan.
 *   A candidate waiting on a trailing interval is held until the rule's newest event
 *   time passes its end, then delivered (before that event's own steps); at the end of
 *   an input, what is still held is delivered. Several at once: in the order their last
 *   events arrived. `until` does not touch held candidates. Evidence holds the positive
 *   events only; the step order says where the missing slots are. Intervals are judged
 *   on the events seen so far: on input in time order, all of them.
 * - `join`: the reference engine's joins. Per join key, the first event passing each step
 *   fills that step's slot, in any order (one event may fill several); when every slot is
 *   filled, an alert whose evidence is the slots in step order, and the key starts afresh.
 *   `until` (after the event's steps) empties the key's slots. No time bound.
 * - `correlation`: Sigma correlation rules. Each step is one referenced rule's predicate,
 *   `by` its group-by fields (the correlation's `groupBy`, aliases resolved for that rule).
 *   Per group key (the `by` values' canonical hashes; a missing or null one, or no
 *   parseable event time, leaves the event out) the events that passed a step are kept
 *   in arrival order within `windowMs` of event time (the keyed window store's window:
 *   an event older than the rule's newest time minus the window is late and unused).
 *   An event that passes several steps counts once per key for the aggregating types,
 *   and once per step for `temporal`/`temporal_ordered`. After each event is added, its
 *   key's live events are measured and `condition` (every bound must hold) decides:
 *   - `event_count`: the number of events; `value_count`: of distinct `field` values;
 *     `value_sum`/`value_avg`: the sum/mean of the numeric `field` values (a number, or
 *     a string in JSON number grammar); `temporal`: of distinct steps (lowering makes
 *     the default condition "all steps").
 *   - `value_percentile`: the percentage (0-100) of the key's events whose `field`
 *     value equals the new event's: "this value is rare (or common) in its group".
 *   - `temporal_ordered`: fires when the live events hold the steps in order (one
 *     event per step, in arrival order; one event never fills two steps).
 *   When it holds: one alert, evidence in arrival order (for event_count and
 *   value_count/sum/avg the live events; for value_percentile those with the new
 *   event's value; for temporal the newest event of each step; for temporal_ordered
 *   the earliest ordered chain), and the key starts afresh (except value_percentile,
 *   whose window is its baseline). For the value types, an event whose `field` value is
 *   missing, null, an array or an object (for sum/avg: not a number) is not used.
 *   Conditions are tested as each event arrives, so `lt`/`lte` bounds fire early.
 */
export type IrQuery =
  | { readonly kind: "match"; readonly predicate: IrExpr }
  | {
      readonly kind: "threshold";
      readonly predicate: IrExpr;
      readonly groupBy: readonly FieldRef[];
      readonly count: number;
      readonly windowMs: number;
    }
  | {
      readonly kind: "sequence";
      /** Two or more, at least one not missing; every step's `by` has the same length (the join key's arity). */
      readonly steps: readonly IrSequenceStep[];
      readonly until?: IrStep;
      readonly maxspanMs?: number;
    }
  | {
      readonly kind: "join";
      /** Two or more, as for sequence. */
      readonly steps: readonly IrStep[];
      readonly until?: IrStep;
    }
  | {
      readonly kind: "correlation";
      readonly type: CorrelationType;
      /** One or more, one per referenced rule in order; every step's `by` has `groupBy`'s length. */
      readonly steps: readonly IrStep[];
      /** The group-by names as the correlation writes them (fields or aliases): the alert key's names. */
      readonly groupBy: readonly string[];
      readonly windowMs: number;
      /** Bounds on the measured value; all must hold. */
      readonly condition: readonly CorrelationBound[];
      /** The aggregated field: present exactly for value_count, value_sum, value_avg and value_percentile. */
      readonly field?: FieldRef;
    };

export type CorrelationType = "event_count" | "value_count" | "temporal" | "temporal_ordered" | "value_sum" | "value_avg" | "value_percentile";
export const correlationTypes: readonly CorrelationType[] = ["event_count", "value_count", "temporal", "temporal_ordered", "value_sum", "value_avg", "value_percentile"];
/** The types that aggregate a `field`. */
export const valueCorrelationTypes: readonly CorrelationType[] = ["value_count", "value_sum", "value_avg", "value_percentile"];

export type BoundOp = "gt" | "gte" | "lt" | "lte" | "eq" | "neq";
export const boundOps: readonly BoundOp[] = ["gt", "gte", "lt", "lte", "eq", "neq"];
export interface CorrelationBound {
  readonly op: BoundOp;
  readonly value: number;
}

/** One event of a multi-event query: what it must pass, and the fields whose values join it to the others. */
export interface IrStep {
  readonly predicate: IrExpr;
  readonly by: readonly FieldRef[];
  /**
   * Per `by` field: whether a missing or null value joins (as the value null), as EQL's
   * `?field` keys do in Elasticsearch and every key in the reference engine; otherwise
   * such an event is not used. Absent: none do.
   */
  readonly nullable?: readonly boolean[];
}

/** A sequence step; `missing` marks an EQL missing event `![…]` (see `sequence`). */
export interface IrSequenceStep extends IrStep {
  readonly missing?: true;
}

/**
 * What happens to a rule's results (its alerts, in order) before they leave the detect
 * stage: EQL pipes. `head`/`tail` keep the first/last `count`; `unique` keeps the first
 * result per distinct values of `fields`; `unique_count` keeps the first per distinct
 * values and reports how many there were (at the end); `sort` orders the results by
 * `fields` (at the end; missing values first, numbers before strings, ties in arrival
 * order); `caseInsensitive` folds ASCII case in texts for grouping and ordering. Fields
 * are read from a result's first event. `filter` never reaches the IR: the
 * EQL frontend folds it into the predicate.
 */
export type IrPipe =
  | { readonly kind: "head" | "tail"; readonly count: number }
  | { readonly kind: "unique" | "unique_count" | "sort"; readonly fields: readonly FieldRef[]; readonly caseInsensitive: boolean };

export interface IrRule {
  readonly id: string;
  readonly title: string;
  readonly language: Language;
  /** Source path relative to the build's working directory, and the rule's first line. */
  readonly source: { readonly path: string; readonly line: number };
  readonly severity: Severity;
  readonly author: readonly string[];
  readonly tags: readonly string[];
  /** What the runner does with a match: always alert; `block` also blocks the event in inline mode. */
  readonly action: RuleAction;
  readonly description: string;
  /** Where to read more (Sigma `references`, Elastic `references`); absent when none. */
  readonly references?: readonly string[];
  /** Known benign causes (Sigma `falsepositives`, Elastic `false_positives`); absent when none. */
  readonly falsePositives?: readonly string[];
  readonly query: IrQuery;
  /** Applied in order to the rule's results; absent when there are none. */
  readonly pipes?: readonly IrPipe[];
}

export interface IrRuleSet {
  readonly version: 1;
  readonly schema: { readonly id: string; readonly hash: string };
  readonly rules: readonly IrRule[];
}
