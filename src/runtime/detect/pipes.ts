/**
 * @fileoverview A rule's pipes (IR `IrPipe`, manifest `rules[].pipes`) over its results in
 * order: each result is an alert and the record of its first event, whose "pipe" captures
 * (hashes and exact text, from the Wasm; hashed with case folded when the pipes fold case)
 * are the values unique, unique_count and sort read.
 * head passes the first n; tail, sort and unique_count hold results until `finish` (the
 * end of the run). What they hold is capped (the store's key cap); results dropped for it
 * are counted as evicted entries, and unique's forgotten keys as evicted keys.
 */
import type { ManifestPipe, ManifestRule } from "../../../compiler/package/manifest.js";
import { abi } from "../../../compiler/package/abi.js";
import { asciiLower } from "../../../compiler/ir/validate.js";
import { assertNever } from "../../../compiler/util/assert-never.js";
import type { Alert } from "../alert.js";
import type { Capture, MatchRecord } from "../records.js";
import { LruMap } from "./lru-map.js";
import type { StoreCaps, StoreCounters } from "./window-store.js";

export interface Result {
  readonly alert: Alert;
  readonly first: MatchRecord;
}

interface Stage {
  push(r: Result): Result[];
  finish(): Result[];
}

export class PipeChain {
  private readonly stages: Stage[];

  constructor(rule: ManifestRule, caps: StoreCaps, counters: StoreCounters) {
    const step0 = rule.steps.find((s) => s.step === 0)?.captures ?? [];
    const valuesOf = (fields: readonly string[]) => {
      const at = fields.map((f) => step0.findIndex((c) => c.role === "pipe" && c.name === f));
      if (at.some((i) => i < 0)) throw new Error(`internal: rule ${rule.id} pipes read fields it does not capture`);
      return (r: Result): Capture[] => at.map((i) => r.first.captures[i] ?? MISSING);
    };
    this.stages = (rule.pipes ?? []).map((p) => stageOf(p, valuesOf, caps.maxKeysPerRule, counters));
  }

  push(r: Result): Result[] {
    let out = [r];
    for (const stage of this.stages) out = out.flatMap((x) => stage.push(x));
    return out;
  }

  /** Results held until the end (tail, sort, unique_count), each through the stages after its own. */
  finish(): Result[] {
    let out: Result[] = [];
    for (const stage of this.stages) out = [...out.flatMap((x) => stage.push(x)), ...stage.finish()];
    return out;
  }
}

const MISSING: Capture = { hash: 0n, tag: abi.TAG_MISSING, text: undefined };

type Values = (r: Result) => Capture[];

function stageOf(p: ManifestPipe, valuesOf: (fields: readonly string[]) => Values, cap: number, counters: StoreCounters): Stage {
  switch (p.kind) {
    case "head":
      return head(p.count);
    case "tail":
      return tail(p.count);
    case "unique":
      return unique(valuesOf(p.fields), cap, counters);
    case "unique_count":
      return uniqueCount(valuesOf(p.fields), cap, counters);
    case "sort":
      return sort(valuesOf(p.fields), p.caseInsensitive, cap, counters);
    default:
      return assertNever(p);
  }
}

function head(n: number): Stage {
  let passed = 0;
  return { push: (r) => (passed < n ? (passed++, [r]) : []), finish: () => [] };
}

function tail(n: number): Stage {
  const kept: Result[] = [];
  return {
    push(r) {
      kept.push(r);
      if (kept.length > n) kept.shift();
      return [];
    },
    finish: () => kept.splice(0),
  };
}

const keyOf = (values: readonly Capture[]): string => values.map((c) => `${c.tag}:${c.hash.toString(16)}`).join("|");

function unique(values: Values, cap: number, counters: StoreCounters): Stage {
  const seen = new LruMap<true>();
  return {
    push(r) {
      const key = keyOf(values(r));
      if (seen.get(key) !== undefined) return [];
      seen.set(key, true);
      if (seen.size > cap) {
        seen.shift();
        counters.evictedKeys++;
      }
      return [r];
    },
    finish: () => [],
  };
}

function uniqueCount(values: Values, cap: number, counters: StoreCounters): Stage {
  const groups = new Map<string, { first: Result; count: number }>();
  return {
    push(r) {
      const key = keyOf(values(r));
      const g = groups.get(key);
      if (g !== undefined) g.count++;
      else if (groups.size < cap) groups.set(key, { first: r, count: 1 });
      else counters.evictedEntries++;
      return [];
    },
    finish: () =>
      [...groups.values()].map(({ first, count }) => ({
        first: first.first,
        alert: { ...first.alert, detection: { kind: "unique_count", key: first.alert.detection?.key ?? {}, count, windowNs: 0n } },
      })),
  };
}

/** Missing and null first, then numbers, then strings (code point order), then the rest. */
function rank(c: Capture): number {
  switch (c.tag) {
    case abi.TAG_MISSING:
    case abi.TAG_NULL:
      return 0;
    case abi.TAG_NUMBER:
      return 1;
    case abi.TAG_STRING:
      return 2;
    default:
      return 3;
  }
}

function compareValues(a: Capture, b: Capture, fold: boolean): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 1) return Number(a.text) - Number(b.text);
  const ta = fold ? asciiLower(a.text ?? "") : (a.text ?? "");
  const tb = fold ? asciiLower(b.text ?? "") : (b.text ?? "");
  return ta < tb ? -1 : ta > tb ? 1 : 0;
}

function sort(values: Values, fold: boolean, cap: number, counters: StoreCounters): Stage {
  const held: { r: Result; v: Capture[] }[] = [];
  return {
    push(r) {
      if (held.length < cap) held.push({ r, v: values(r) });
      else counters.evictedEntries++;
      return [];
    },
    finish() {
      // Array.prototype.sort is stable: ties keep their arrival order.
      held.sort((x, y) => {
        for (let i = 0; i < x.v.length; i++) {
          const c = compareValues(x.v[i] ?? MISSING, y.v[i] ?? MISSING, fold);
          if (c !== 0) return c;
        }
        return 0;
      });
      return held.splice(0).map((h) => h.r);
    },
  };
}
