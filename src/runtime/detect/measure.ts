/**
 * @fileoverview What a correlation measures over one key's live records (IR
 * `correlation`): per type, the number its condition bounds, and the evidence an alert
 * would carry. Pure functions over records in arrival order; the newest record is last.
 */
import type { CorrelationBound, CorrelationType } from "../../../compiler/ir/nodes.js";
import { abi } from "../../../compiler/package/abi.js";
import { assertNever } from "../../../compiler/util/assert-never.js";
import type { Capture, MatchRecord } from "../records.js";

export interface Measured {
  readonly value: number;
  readonly evidence: readonly MatchRecord[];
}

const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A value capture as a number: a JSON number, or a string in JSON number grammar. */
export function numericValue(c: Capture | undefined): number | undefined {
  if (c === undefined || c.text === undefined || (c.tag !== abi.TAG_NUMBER && c.tag !== abi.TAG_STRING)) return undefined;
  return JSON_NUMBER.test(c.text) ? Number(c.text) : undefined;
}

/** Whether a record's value capture can be aggregated by `type` (always, for types without a field). */
export function usableValue(type: CorrelationType, c: Capture | undefined): boolean {
  switch (type) {
    case "event_count":
    case "temporal":
    case "temporal_ordered":
      return true;
    case "value_count":
    case "value_percentile":
      return c !== undefined && c.tag !== abi.TAG_MISSING && c.tag !== abi.TAG_NULL && c.tag !== abi.TAG_ARRAY && c.tag !== abi.TAG_OBJECT;
    case "value_sum":
    case "value_avg":
      return numericValue(c) !== undefined;
    default:
      return assertNever(type);
  }
}

export function boundsHold(bounds: readonly CorrelationBound[], v: number): boolean {
  return bounds.every((b) => {
    switch (b.op) {
      case "gt":
        return v > b.value;
      case "gte":
        return v >= b.value;
      case "lt":
        return v < b.value;
      case "lte":
        return v <= b.value;
      case "eq":
        return v === b.value;
      case "neq":
        return v !== b.value;
      default:
        return assertNever(b.op);
    }
  });
}

const eventOf = (m: MatchRecord): string => `${m.source}\0${m.line}`;

export function measureCorrelation(type: CorrelationType, steps: number, live: readonly MatchRecord[], valueOf: (m: MatchRecord) => Capture | undefined): Measured {
  const sum = (): number => live.reduce((s, m) => s + (numericValue(valueOf(m)) ?? 0), 0);
  switch (type) {
    case "event_count":
      return { value: live.length, evidence: live };
    case "value_count":
      return { value: new Set(live.map((m) => valueOf(m)?.hash)).size, evidence: live };
    case "value_sum":
      return { value: sum(), evidence: live };
    case "value_avg":
      return { value: sum() / live.length, evidence: live };
    case "value_percentile": {
      const newest = live[live.length - 1];
      const hash = newest === undefined ? undefined : valueOf(newest)?.hash;
      const same = live.filter((m) => valueOf(m)?.hash === hash);
      return { value: (100 * same.length) / live.length, evidence: same };
    }
    case "temporal": {
      const newest = new Map<number, number>();
      live.forEach((m, i) => newest.set(m.step, i));
      const picked = [...newest.values()].sort((a, b) => a - b).map((i) => live[i]).filter((m): m is MatchRecord => m !== undefined);
      return { value: newest.size, evidence: distinctEvents(picked) };
    }
    case "temporal_ordered": {
      const chain: MatchRecord[] = [];
      for (const m of live) if (chain.length < steps && m.step === chain.length) chain.push(m);
      return { value: chain.length, evidence: chain };
    }
    default:
      return assertNever(type);
  }
}

/** Records of distinct events, the first of each kept. */
function distinctEvents(records: readonly MatchRecord[]): MatchRecord[] {
  const seen = new Set<string>();
  return records.filter((m) => !seen.has(eventOf(m)) && seen.add(eventOf(m)) !== undefined);
}
