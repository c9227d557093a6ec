/**
 * @fileoverview The oracle for missing steps of EQL sequences (IR `sequence`, `![…]`),
 * written from compiler/ir/nodes.ts and not streaming: each candidate (the positive steps'
 * events, found by sequence.ts) is judged against every event of the input that passed a
 * missing step with its join key, whatever its age or arrival, as Elasticsearch judges
 * them with one query per missing step. Then its delivery point: when it completes, unless
 * it waits on a trailing interval; then before the first later event of the rule whose
 * newest time is past the interval's end, or at the end of the input.
 */
import type { IrQuery } from "../../compiler/ir/nodes.js";

/** A timed event that passed some step of the rule. */
export interface RuleEvent {
  readonly line: number;
  readonly time: bigint;
  /** The rule's newest event time, this event included. */
  readonly newest: bigint;
  /** Per step: the event's join key for it, or undefined when it did not pass it (or has no usable key). */
  readonly keys: readonly (string | undefined)[];
}

/** The positive events of a completed sequence. */
export interface Candidate {
  readonly lines: readonly number[];
  readonly times: readonly bigint[];
  readonly key: string;
  /** Index in the rule's events of the event that completed it. */
  readonly at: number;
}

type Sequence = Extract<IrQuery, { kind: "sequence" }>;

const max = (xs: readonly bigint[]): bigint | undefined => (xs.length === 0 ? undefined : xs.reduce((a, b) => (b > a ? b : a)));
const min = (xs: readonly bigint[]): bigint | undefined => (xs.length === 0 ? undefined : xs.reduce((a, b) => (b < a ? b : a)));

/** An accepted candidate and when it is delivered: at input line `line` (Infinity: the end), before (0) or after (1) that event's steps. */
export interface Delivered {
  readonly lines: readonly number[];
  readonly line: number;
  readonly phase: 0 | 1;
}

/** The accepted candidates, in delivery order (ties: in the order they completed). */
export function judgeMissing(q: Sequence, candidates: readonly Candidate[], events: readonly RuleEvent[]): Delivered[] {
  const span = BigInt(q.maxspanMs ?? 0) * 1_000_000n;
  const delivered: (Delivered & { at: number; order: number })[] = [];
  for (const c of candidates) {
    const due = dueIndex(q, c, events, span);
    if (due !== undefined) delivered.push({ lines: c.lines, ...due, line: events[due.at]?.line ?? Infinity, order: c.at });
  }
  return delivered.sort((a, b) => a.at - b.at || a.phase - b.phase || a.order - b.order);
}

/** Where a candidate is delivered (event index; phase 0 before that event's steps, 1 after), or undefined when rejected. */
function dueIndex(q: Sequence, c: Candidate, events: readonly RuleEvent[], span: bigint): { at: number; phase: 0 | 1 } | undefined {
  const positive = q.steps.flatMap((s, i) => (s.missing === true ? [] : [i]));
  const first = c.times[0] ?? 0n;
  const last = c.times[c.times.length - 1] ?? 0n;
  const hits = (step: number): bigint[] => events.filter((e) => e.keys[step] === c.key).map((e) => e.time);
  const lead: bigint[] = [];
  const trail: bigint[] = [];
  let hasLead = false;
  let hasTrail = false;
  for (const [step, s] of q.steps.entries()) {
    if (s.missing !== true) continue;
    const before = positive.filter((p) => p < step).length;
    if (before === 0) {
      hasLead = true;
      lead.push(...hits(step).filter((t) => t < first));
    } else if (before === positive.length) {
      hasTrail = true;
      trail.push(...hits(step).filter((t) => t > last));
    } else {
      const prev = c.times[before - 1] ?? 0n;
      const next = c.times[before] ?? 0n;
      if (hits(step).some((t) => t > prev && t < next)) return undefined;
    }
  }
  const L = max(lead);
  const X = min(trail);
  if (hasLead && !hasTrail && L !== undefined && last - L <= span) return undefined;
  if (!hasLead && hasTrail && X !== undefined && X - first <= span) return undefined;
  if (hasLead && hasTrail && L !== undefined && X !== undefined && X - L <= span) return undefined;
  if (!hasTrail || (hasLead && L === undefined)) return { at: c.at, phase: 1 };
  const end = (hasLead && L !== undefined ? L : first) + span;
  if (end <= (events[c.at]?.newest ?? last)) return { at: c.at, phase: 1 };
  const later = events.findIndex((e, i) => i > c.at && e.newest > end);
  return { at: later < 0 ? events.length : later, phase: 0 };
}
