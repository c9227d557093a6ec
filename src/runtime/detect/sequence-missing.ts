/**
 * @fileoverview Missing steps of EQL sequences (IR `sequence`, `![…]`; the semantics are
 * in compiler/ir/nodes.ts), over the same keyed window store as sequence.ts. Beside its
 * partials, per rule:
 * - `m<step>|<join key>`: events that passed a leading or middle missing step, kept
 *   within maxspan, so a candidate's intervals can be judged when it completes;
 * - `h|`: candidates waiting on a trailing interval. An entry's time is its interval end
 *   minus maxspan, so it would leave the window exactly when it is due; `deliverDue`
 *   runs before the watermark moves, so none ever expires unseen.
 * A trailing-step event rejects the held candidates of its key whose interval holds it.
 * Cost: each event of a rule with trailing missing steps scans its held list (capped,
 * like every list in the store, by maxEntriesPerKey).
 */
import type { ManifestRule } from "../../../compiler/package/manifest.js";
import type { MatchRecord } from "../records.js";
import { joinKey } from "./detector.js";
import type { KeyedWindowStore, WindowEntry } from "./window-store.js";

type SequenceDetect = Extract<ManifestRule["detect"], { kind: "sequence" }>;
type Store = KeyedWindowStore<readonly MatchRecord[]>;

/** A middle missing step and the positions (among the positive steps) of its neighbours. */
interface Middle {
  readonly step: number;
  readonly prev: number;
  readonly next: number;
}

export interface MissingLayout {
  /** The positive steps, ascending. */
  readonly positive: readonly number[];
  readonly leading: readonly number[];
  readonly middle: readonly Middle[];
  readonly trailing: readonly number[];
}

const HELD = "h|";
const layouts = new WeakMap<SequenceDetect, MissingLayout | undefined>();

/** Where a rule's missing steps sit; undefined when it has none. Cached per manifest entry. */
export function missingLayout(detect: SequenceDetect): MissingLayout | undefined {
  if (layouts.has(detect)) return layouts.get(detect);
  const missing = new Set(detect.missing ?? []);
  const all = Array.from({ length: detect.steps }, (_, i) => i);
  const positive = all.filter((i) => !missing.has(i));
  const first = positive[0] ?? 0;
  const last = positive[positive.length - 1] ?? 0;
  const layout =
    missing.size === 0
      ? undefined
      : {
          positive,
          leading: all.filter((i) => missing.has(i) && i < first),
          trailing: all.filter((i) => missing.has(i) && i > last),
          middle: all
            .filter((i) => missing.has(i) && i > first && i < last)
            .map((step) => ({ step, prev: positive.filter((p) => p < step).length - 1, next: positive.filter((p) => p < step).length })),
        };
  layouts.set(detect, layout);
  return layout;
}

/** The positive step after `step`, or undefined after the last. */
export function nextPositive(layout: MissingLayout | undefined, step: number, steps: number): number | undefined {
  if (layout === undefined) return step + 1 < steps ? step + 1 : undefined;
  return layout.positive.find((p) => p > step);
}

/** An event passing missing step `step`: kept as history (leading, middle), or rejecting held candidates (trailing). */
export function recordMissing(rule: ManifestRule, ruleKey: string, layout: MissingLayout, m: MatchRecord, key: string, store: Store, windowNs: bigint): void {
  const time = m.timeNs ?? 0n;
  if (!layout.trailing.includes(m.step)) {
    store.add(ruleKey, windowNs, `m${m.step}|${key}`, { timeNs: time, value: [m] });
    return;
  }
  store.extract(ruleKey, HELD, (e) => {
    const last = e.value[e.value.length - 1]?.timeNs ?? 0n;
    return last < time && time <= e.timeNs + windowNs && joinKey(rule, e.value[0] ?? m) === key;
  });
}

export type Verdict = { readonly kind: "accept" } | { readonly kind: "reject" } | { readonly kind: "hold"; readonly deadline: bigint };

/** Judges a candidate (its positive events, in step order) when its last positive event arrives. */
export function judge(ruleKey: string, layout: MissingLayout, events: readonly MatchRecord[], key: string, store: Store, windowNs: bigint): Verdict {
  const t = (i: number): bigint => events[i]?.timeNs ?? 0n;
  const first = t(0);
  const last = t(events.length - 1);
  const history = (step: number): readonly bigint[] => store.live(ruleKey, `m${step}|${key}`).map((e) => e.timeNs);
  const reject: Verdict = { kind: "reject" };
  for (const { step, prev, next } of layout.middle) if (history(step).some((x) => x > t(prev) && x < t(next))) return reject;
  // L: the newest leading event before the first positive one (older ones never matter: see nodes.ts).
  const before = layout.leading.flatMap(history).filter((x) => x < first);
  const newest = before.length === 0 ? undefined : before.reduce((a, b) => (b > a ? b : a));
  if (layout.trailing.length === 0) return newest !== undefined && newest >= last - windowNs ? reject : { kind: "accept" };
  if (layout.leading.length > 0 && newest === undefined) return { kind: "accept" };
  const deadline = (newest ?? first) + windowNs;
  const now = store.watermark(ruleKey) ?? last;
  return deadline > (now > last ? now : last) ? { kind: "hold", deadline } : { kind: "accept" };
}

/** Holds a candidate until its trailing interval ends at `deadline`. */
export function hold(ruleKey: string, events: readonly MatchRecord[], deadline: bigint, store: Store, windowNs: bigint): void {
  store.add(ruleKey, windowNs, HELD, { timeNs: deadline - windowNs, value: events });
}

/**
 * Held candidates due at event time `nowNs` (their interval ended before it, or before the
 * store's newest time), from every partition's store, in the order their last events arrived.
 * `nowNs` undefined: all of them (the input ended).
 */
export function deliverDue(ruleKey: string, nowNs: bigint | undefined, stores: readonly Store[], windowNs: bigint): (readonly MatchRecord[])[] {
  const due: WindowEntry<readonly MatchRecord[]>[] = [];
  for (const store of stores) {
    const wm = store.watermark(ruleKey);
    const now = nowNs === undefined ? undefined : wm !== undefined && wm > nowNs ? wm : nowNs;
    due.push(...store.extract(ruleKey, HELD, (e) => now === undefined || e.timeNs + windowNs < now));
  }
  const lastLine = (events: readonly MatchRecord[]): number => events[events.length - 1]?.line ?? 0;
  return due.map((e) => e.value).sort((a, b) => lastLine(a) - lastLine(b));
}
