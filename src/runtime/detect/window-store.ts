/**
 * @fileoverview The one keyed window store that stateful detectors share (thresholds, EQL
 * sequences and joins, Sigma correlations). Per rule and key it keeps a list of entries
 * stamped with event time. Time is event time: each rule has a watermark, the newest time
 * it has seen, and an entry lives while it is within the rule's window of that watermark,
 * whatever order events arrive in; each input starts the clocks afresh. The store is
 * bounded: a cap on keys per rule (the least recently updated key is evicted) and on
 * entries per key (the oldest entry is evicted), with every eviction and expiry counted.
 * Expired keys are swept as the watermark moves.
 */
import { LruMap } from "./lru-map.js";

export interface StoreCaps {
  readonly maxKeysPerRule: number;
  readonly maxEntriesPerKey: number;
}

export const DEFAULT_CAPS: StoreCaps = { maxKeysPerRule: 100_000, maxEntriesPerKey: 10_000 };

export interface StoreCounters {
  evictedKeys: number;
  evictedEntries: number;
  expiredEntries: number;
}

export interface WindowEntry<T> {
  readonly timeNs: bigint;
  readonly value: T;
}

/** A rule's event-time clock: the newest time it has seen. */
interface Clock {
  watermark: bigint | undefined;
}

/**
 * The rules' clocks, shared by the stores of one kind across the detect stage's partitions:
 * a rule has one newest time, whichever partition holds the key, so a run splits its keys
 * over any number of partitions and still judges lateness and expiry alike.
 */
export class RuleClocks {
  private readonly clocks = new Map<string, Clock>();

  of(ruleKey: string): Clock {
    let c = this.clocks.get(ruleKey);
    if (c === undefined) this.clocks.set(ruleKey, (c = { watermark: undefined }));
    return c;
  }

  restart(): void {
    for (const c of this.clocks.values()) c.watermark = undefined;
  }
}

interface RuleState<T> {
  readonly clock: Clock;
  readonly windowNs: bigint;
  /** In update order: the first key is the least recently updated. */
  readonly keys: LruMap<WindowEntry<T>[]>;
  /** Watermark at the last sweep. */
  sweptAt: bigint | undefined;
}

export class KeyedWindowStore<T> {
  private readonly rules = new Map<string, RuleState<T>>();

  constructor(
    private readonly caps: StoreCaps,
    readonly counters: StoreCounters,
    private readonly clocks: RuleClocks = new RuleClocks(),
  ) {}

  private rule(ruleKey: string, windowNs: bigint): RuleState<T> {
    let state = this.rules.get(ruleKey);
    if (state === undefined) this.rules.set(ruleKey, (state = { clock: this.clocks.of(ruleKey), windowNs, keys: new LruMap(), sweptAt: undefined }));
    return state;
  }

  /**
   * Adds an entry under `key` unless it is already out of the window (then returns
   * undefined: a late event); returns the key's live entries, oldest arrival first.
   */
  add(ruleKey: string, windowNs: bigint, key: string, entry: WindowEntry<T>): readonly WindowEntry<T>[] | undefined {
    const state = this.rule(ruleKey, windowNs);
    if (state.clock.watermark === undefined || entry.timeNs > state.clock.watermark) state.clock.watermark = entry.timeNs;
    const horizon = state.clock.watermark - state.windowNs;
    if (entry.timeNs < horizon) return undefined;
    const old = state.keys.get(key);
    const live = old === undefined ? [] : this.expire(old, horizon);
    live.push(entry);
    if (live.length > this.caps.maxEntriesPerKey) {
      const drop = live.length - this.caps.maxEntriesPerKey;
      live.splice(0, drop);
      this.counters.evictedEntries += drop;
    }
    state.keys.set(key, live);
    if (state.keys.size > this.caps.maxKeysPerRule) this.evictOldestKey(state);
    this.maybeSweep(state, horizon);
    return live;
  }

  /** Moves the rule's watermark on to `timeNs` when that is newer (a detector seeing an event). */
  observe(ruleKey: string, windowNs: bigint, timeNs: bigint): void {
    const state = this.rule(ruleKey, windowNs);
    if (state.clock.watermark === undefined || timeNs > state.clock.watermark) state.clock.watermark = timeNs;
  }

  /** Makes `entry` the key's only entry (a slot rather than a list: sequences' partial matches). */
  put(ruleKey: string, windowNs: bigint, key: string, entry: WindowEntry<T>): void {
    const state = this.rule(ruleKey, windowNs);
    state.keys.set(key, [entry]);
    if (state.keys.size > this.caps.maxKeysPerRule) this.evictOldestKey(state);
    if (state.clock.watermark !== undefined) this.maybeSweep(state, state.clock.watermark - state.windowNs);
  }

  /** Removes the key's first entry and returns it, unless it is out of the window (then counted as expired). */
  take(ruleKey: string, key: string): WindowEntry<T> | undefined {
    const state = this.rules.get(ruleKey);
    const list = state?.keys.get(key);
    if (state === undefined || list === undefined) return undefined;
    state.keys.delete(key);
    const horizon = state.clock.watermark === undefined ? undefined : state.clock.watermark - state.windowNs;
    const live = horizon === undefined ? list : this.expire(list, horizon);
    return live[0];
  }

  /** The key's live entries, oldest arrival first, without removing them (expired ones are dropped and counted). */
  live(ruleKey: string, key: string): readonly WindowEntry<T>[] {
    const state = this.rules.get(ruleKey);
    const list = state?.keys.get(key);
    if (state === undefined || list === undefined) return [];
    if (state.clock.watermark === undefined) return list;
    const live = this.expire(list, state.clock.watermark - state.windowNs);
    if (live.length === 0) state.keys.delete(key);
    else if (live.length !== list.length) state.keys.replace(key, live);
    return live;
  }

  /**
   * Removes the key's entries that `pick` selects and returns them in order (not counted
   * as expired: the caller consumes them, e.g. delivers or rejects held sequences).
   */
  extract(ruleKey: string, key: string, pick: (e: WindowEntry<T>) => boolean): WindowEntry<T>[] {
    const state = this.rules.get(ruleKey);
    const list = state?.keys.get(key);
    if (state === undefined || list === undefined) return [];
    const picked: WindowEntry<T>[] = [];
    const rest: WindowEntry<T>[] = [];
    for (const e of list) (pick(e) ? picked : rest).push(e);
    if (picked.length === 0) return picked;
    if (rest.length === 0) state.keys.delete(key);
    else state.keys.replace(key, rest);
    return picked;
  }

  /** The rule's newest event time on this input's clock, if any. */
  watermark(ruleKey: string): bigint | undefined {
    return this.rules.get(ruleKey)?.clock.watermark;
  }

  /**
   * Starts every rule's clock afresh (a new input: files often cover different periods, and
   * one file's newest time must not expire the next one's events). Held entries stay.
   */
  restartClocks(): void {
    this.clocks.restart();
    for (const state of this.rules.values()) state.sweptAt = undefined;
  }

  /** Forgets a key's entries (a detector that fired consumes them). */
  clear(ruleKey: string, key: string): void {
    this.rules.get(ruleKey)?.keys.delete(key);
  }

  /** Keys and entries held now. */
  size(): { keys: number; entries: number } {
    let keys = 0;
    let entries = 0;
    for (const state of this.rules.values()) {
      keys += state.keys.size;
      for (const list of state.keys.values()) entries += list.length;
    }
    return { keys, entries };
  }

  private expire(list: WindowEntry<T>[], horizon: bigint): WindowEntry<T>[] {
    const live = list.filter((e) => e.timeNs >= horizon);
    this.counters.expiredEntries += list.length - live.length;
    return live;
  }

  private evictOldestKey(state: RuleState<T>): void {
    const oldest = state.keys.shift();
    if (oldest === undefined) return;
    this.counters.evictedEntries += oldest[1].length;
    this.counters.evictedKeys++;
  }

  /** Once the watermark has moved a window since the last sweep, drops expired entries of every key. */
  private maybeSweep(state: RuleState<T>, horizon: bigint): void {
    if (state.sweptAt !== undefined && horizon - state.sweptAt < state.windowNs) return;
    state.sweptAt = horizon;
    for (const [key, list] of state.keys.entries()) {
      const live = this.expire(list, horizon);
      if (live.length === 0) state.keys.delete(key);
      else if (live.length !== list.length) state.keys.replace(key, live);
    }
  }
}
