/**
 * @fileoverview The detect stage: turns match records into alerts. Stateless rules pass
 * straight through (one alert per match). Stateful rules run over the keyed window store,
 * partitioned by key: a record goes to the partition owning its key (the rule's group-by
 * captures, or the schema's entity key when the rule has none), so all events of one key
 * meet in one partition, and each partition sees its records in input order. The stage
 * must be fed batches in input order; stateless alerts may be taken out of order.
 * Detectors see one event's records together, in the order eventOrder gives. A rule with
 * pipes has its results passed through them in order (so its single-event results take
 * the in-order path too), and `finish` releases what they hold at the end. Sequences held
 * on a trailing missing step (sequence-missing.ts) are delivered when event time passes
 * their interval, from every partition at once, and at the end of each input.
 */
import type { Manifest, ManifestRule } from "../../../compiler/package/manifest.js";
import { assertNever } from "../../../compiler/util/assert-never.js";
import { makeAlert, type Alert } from "../alert.js";
import { capturedValues, type MatchRecord, type ScannedBatch } from "../records.js";
import { capturesWithRole, CorrelationDetector } from "./correlation.js";
import { observeJoin, type JoinSlots } from "./join.js";
import { PipeChain } from "./pipes.js";
import { stepRank, type DetectorSkips, type Fired } from "./detector.js";
import { holdingSequence, observeSequence, sequenceFired, sequenceWindowNs, type PartialSequence } from "./sequence.js";
import { deliverDue } from "./sequence-missing.js";
import { observeThreshold } from "./threshold.js";
import { DEFAULT_CAPS, KeyedWindowStore, RuleClocks, type StoreCaps, type StoreCounters } from "./window-store.js";

export interface DetectOptions {
  readonly partitions?: number;
  readonly caps?: StoreCaps;
  /** Counters to add to, when several stages report as one (one stage per source partition). */
  readonly counters?: DetectCounters;
}

export function emptyDetectCounters(): DetectCounters {
  return { evictedKeys: 0, evictedEntries: 0, expiredEntries: 0, untimed: 0, ungrouped: 0, late: 0 };
}

export interface DetectCounters extends StoreCounters, DetectorSkips {}

/** One partition's state: the store of each detector (one store class; each instance holds one kind of entry). */
interface Partition {
  readonly threshold: KeyedWindowStore<MatchRecord>;
  readonly sequence: KeyedWindowStore<PartialSequence>;
  readonly join: KeyedWindowStore<JoinSlots>;
  readonly correlation: KeyedWindowStore<MatchRecord>;
}

/** One alert per match, straight through: a single-event rule without pipes. */
function isStateless(rule: ManifestRule): boolean {
  return rule.detect.kind === "match" && rule.pipes === undefined;
}

export class DetectStage {
  readonly counters: DetectCounters;
  private readonly partitions: Partition[];
  /** The input the last batch came from: each input has its own event-time clock. */
  private source: string | undefined;
  private readonly caps: StoreCaps;
  /** Pipe chains by "pkg/rule", in first-result order. */
  private readonly chains = new Map<string, PipeChain>();
  private readonly anyStateful: boolean;
  private readonly correlations = new CorrelationDetector();

  constructor(
    private readonly manifests: readonly Manifest[],
    options: DetectOptions = {},
  ) {
    this.counters = options.counters ?? emptyDetectCounters();
    const n = Math.max(1, options.partitions ?? 1);
    const caps = (this.caps = options.caps ?? DEFAULT_CAPS);
    this.anyStateful = manifests.some((mf) => mf.rules.some((r) => !isStateless(r)));
    // One clock per rule across the partitions, so the partition count never changes what is late.
    const clocks = { threshold: new RuleClocks(), sequence: new RuleClocks(), join: new RuleClocks(), correlation: new RuleClocks() };
    this.partitions = Array.from({ length: n }, () => ({
      threshold: new KeyedWindowStore(caps, this.counters, clocks.threshold),
      sequence: new KeyedWindowStore(caps, this.counters, clocks.sequence),
      join: new KeyedWindowStore(caps, this.counters, clocks.join),
      correlation: new KeyedWindowStore(caps, this.counters, clocks.correlation),
    }));
  }

  private ruleOf(m: MatchRecord): ManifestRule {
    const rule = this.manifests[m.pkg]?.rules[m.rule];
    if (rule === undefined) throw new Error(`internal: no rule ${m.rule} in package ${m.pkg}`);
    return rule;
  }

  /** Alerts of the batch's stateless rules. */
  stateless(batch: ScannedBatch): Alert[] {
    const alerts: Alert[] = [];
    for (const m of batch.matches) {
      const rule = this.ruleOf(m);
      if (isStateless(rule)) alerts.push(this.alert(m.pkg, rule, [m]));
    }
    return alerts;
  }

  /** Alerts of the batch's stateful rules; batches must come in input order. */
  stateful(batch: ScannedBatch): Alert[] {
    const alerts: Alert[] = [];
    // Most packages have no stateful rule: then every record was the stateless half's.
    if (!this.anyStateful) return alerts;
    if (batch.source !== this.source) {
      // The input ended: its held sequences' intervals are closed.
      if (this.source !== undefined) alerts.push(...this.deliverHeld());
      this.source = batch.source;
      for (const p of this.partitions) for (const store of [p.threshold, p.sequence, p.join, p.correlation]) store.restartClocks();
    }
    const matches = batch.matches;
    for (let start = 0; start < matches.length; ) {
      let end = start + 1;
      while (end < matches.length && matches[end]?.line === matches[start]?.line) end++;
      for (const m of this.eventOrder(matches.slice(start, end))) {
        const rule = this.ruleOf(m);
        if (isStateless(rule)) continue;
        for (const due of this.dueBefore(m, rule)) alerts.push(...this.result(m.pkg, m.rule, due.evidence, due.detection));
        // A single-event rule here has pipes: each match is a result for them.
        const fired: Partial<Fired> | undefined = rule.detect.kind === "match" ? { evidence: [m] } : this.observe(m);
        if (fired?.evidence !== undefined) alerts.push(...this.result(m.pkg, m.rule, fired.evidence, fired.detection));
      }
      start = end;
    }
    return alerts;
  }

  /** A rule's result as alerts: itself, or what its pipes let through now. */
  private result(pkg: number, index: number, evidence: readonly MatchRecord[], detection: Alert["detection"]): Alert[] {
    const rule = this.manifests[pkg]?.rules[index];
    if (rule === undefined) throw new Error(`internal: no rule ${index} in package ${pkg}`);
    const alert = this.alert(pkg, rule, evidence, detection);
    const first = evidence[0];
    const chain = this.pipesOf(pkg, index);
    if (chain === undefined || first === undefined) return [alert];
    return chain.push({ alert, first }).map((r) => r.alert);
  }

  /** Held sequences of the record's rule that are due at its time, before its own steps run. */
  private dueBefore(m: MatchRecord, rule: ManifestRule): Fired[] {
    const seq = holdingSequence(rule);
    if (seq === undefined || m.timeNs === undefined) return [];
    const stores = this.partitions.map((p) => p.sequence);
    return deliverDue(`${m.pkg}/${m.rule}`, m.timeNs, stores, sequenceWindowNs(seq)).map((events) => sequenceFired(seq, events));
  }

  /** Every held sequence (an input ended), rule by rule. */
  private deliverHeld(): Alert[] {
    const stores = this.partitions.map((p) => p.sequence);
    return this.manifests.flatMap((mf, pkg) =>
      mf.rules.flatMap((rule, index) => {
        const seq = holdingSequence(rule);
        if (seq === undefined) return [];
        const fired = deliverDue(`${pkg}/${index}`, undefined, stores, sequenceWindowNs(seq)).map((events) => sequenceFired(seq, events));
        return fired.flatMap((f) => this.result(pkg, index, f.evidence, f.detection));
      }),
    );
  }

  /** One event's records in the order detectors take them: by rule, and each sequence's steps as stepRank says. */
  private eventOrder(records: readonly MatchRecord[]): readonly MatchRecord[] {
    if (records.length < 2) return records;
    const rank = (m: MatchRecord): number => stepRank(this.ruleOf(m), m.step);
    return [...records].sort((a, b) => a.pkg - b.pkg || a.rule - b.rule || rank(a) - rank(b));
  }

  private observe(m: MatchRecord): Fired | undefined {
    const rule = this.ruleOf(m);
    const detect = rule.detect;
    const ruleKey = `${m.pkg}/${m.rule}`;
    switch (detect.kind) {
      case "match":
        return undefined;
      case "threshold":
        return observeThreshold({ ...rule, detect }, ruleKey, m, this.partitionOf(m).threshold, this.counters);
      case "sequence":
        return observeSequence({ ...rule, detect }, ruleKey, m, this.partitionOf(m).sequence, this.counters);
      case "join":
        return observeJoin({ ...rule, detect }, ruleKey, m, this.partitionOf(m).join, this.counters);
      case "correlation":
        return this.correlations.observe({ ...rule, detect }, ruleKey, m, this.partitionOf(m).correlation, this.counters);
      default:
        return assertNever(detect);
    }
  }

  /** At the end of the run: what pipes held back (tail, sort, unique_count), rule by rule. */
  finish(): Alert[] {
    const held = this.deliverHeld();
    return [...held, ...[...this.chains.values()].flatMap((c) => c.finish().map((r) => r.alert))];
  }

  /** The rule's pipe chain (made on first use), or undefined when it has no pipes. */
  private pipesOf(pkg: number, index: number): PipeChain | undefined {
    const key = `${pkg}/${index}`;
    let chain = this.chains.get(key);
    const rule = this.manifests[pkg]?.rules[index];
    if (chain === undefined && rule?.pipes !== undefined) this.chains.set(key, (chain = new PipeChain(rule, this.caps, this.counters)));
    return chain;
  }

  /** Keys and entries held now, over all partitions. */
  held(): { keys: number; entries: number } {
    return this.partitions.flatMap((p) => [p.threshold.size(), p.sequence.size(), p.join.size(), p.correlation.size()]).reduce((a, b) => ({ keys: a.keys + b.keys, entries: a.entries + b.entries }), { keys: 0, entries: 0 });
  }

  /** The partition of a record's key: its captures, but not a correlation's aggregated value. */
  private partitionOf(m: MatchRecord): Partition {
    const rule = this.ruleOf(m);
    const keyed = rule.detect.kind === "correlation" ? capturesWithRole(rule, m, "group") : m.captures;
    let h = 0n;
    for (const c of keyed) h ^= c.hash;
    const store = this.partitions[Number(h % BigInt(this.partitions.length))];
    if (store === undefined) throw new Error("internal: no partition");
    return store;
  }

  private alert(pkg: number, rule: ManifestRule, evidence: readonly MatchRecord[], detection?: Alert["detection"]): Alert {
    const manifest = this.manifests[pkg];
    if (manifest === undefined) throw new Error(`internal: no package ${pkg}`);
    const last = evidence[evidence.length - 1];
    const entity = last === undefined ? undefined : capturedValues(rule, last, "entity");
    return makeAlert(manifest, rule, evidence.map((m) => ({ raw: m.raw, origin: { file: m.source, line: m.line }, ...(m.timeNs === undefined ? {} : { timeNs: m.timeNs }) })), detection, entity);
  }
}
