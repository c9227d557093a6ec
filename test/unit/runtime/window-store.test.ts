/**
 * @fileoverview The keyed window store: event-time expiry against each rule's watermark,
 * late entries refused, the caps on keys per rule and entries per key with oldest-first
 * eviction, and every eviction and expiry counted.
 */
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { KeyedWindowStore, type StoreCounters } from "../../../src/runtime/detect/window-store.js";

const test = suite("runtime: keyed window store");
const W = 10n;
const fresh = (maxKeysPerRule = 100, maxEntriesPerKey = 100): { store: KeyedWindowStore<string>; counters: StoreCounters } => {
  const counters = { evictedKeys: 0, evictedEntries: 0, expiredEntries: 0 };
  return { store: new KeyedWindowStore<string>({ maxKeysPerRule, maxEntriesPerKey }, counters), counters };
};
const values = (list: readonly { value: string }[] | undefined): string[] | undefined => list?.map((e) => e.value);

test("entries older than the rule's watermark minus the window expire, whatever the key", () => {
  const { store, counters } = fresh();
  assert.equal(values(store.add("r", W, "k", { timeNs: 100n, value: "a" })), ["a"]);
  assert.equal(values(store.add("r", W, "k", { timeNs: 105n, value: "b" })), ["a", "b"]);
  // Another key moves the watermark to 112: "a" (100) is now out of [102, 112].
  store.add("r", W, "other", { timeNs: 112n, value: "x" });
  assert.equal(values(store.add("r", W, "k", { timeNs: 103n, value: "c" })), ["b", "c"]);
  assert.is(counters.expiredEntries, 1);
});

test("an entry already out of the window is late and refused", () => {
  const { store } = fresh();
  store.add("r", W, "k", { timeNs: 100n, value: "a" });
  assert.is(store.add("r", W, "k", { timeNs: 89n, value: "late" }), undefined);
  assert.equal(values(store.add("r", W, "k", { timeNs: 90n, value: "edge" })), ["a", "edge"]);
});

test("live reads a key's entries without taking them, expiring (and counting) old ones", () => {
  const { store, counters } = fresh();
  store.add("r", W, "k", { timeNs: 100n, value: "a" });
  store.add("r", W, "k", { timeNs: 105n, value: "b" });
  assert.equal(values(store.live("r", "k")), ["a", "b"]);
  store.observe("r", W, 111n);
  assert.equal(values(store.live("r", "k")), ["b"]);
  assert.equal(values(store.live("r", "k")), ["b"]);
  assert.is(counters.expiredEntries, 1);
  assert.equal(store.live("r", "none"), []);
  assert.is(store.watermark("r"), 111n);
  assert.is(store.watermark("other"), undefined);
});

test("extract removes the entries picked, in order, uncounted, and drops an emptied key", () => {
  const { store, counters } = fresh();
  for (const [t, v] of [[100n, "a"], [101n, "b"], [102n, "c"]] as const) store.add("r", W, "k", { timeNs: t, value: v });
  assert.equal(values(store.extract("r", "k", (e) => e.value !== "b")), ["a", "c"]);
  assert.equal(values(store.live("r", "k")), ["b"]);
  assert.equal(values(store.extract("r", "k", () => true)), ["b"]);
  assert.equal(store.size(), { keys: 0, entries: 0 });
  assert.is(counters.expiredEntries + counters.evictedEntries, 0);
});

test("rules keep separate watermarks", () => {
  const { store } = fresh();
  store.add("r1", W, "k", { timeNs: 1000n, value: "a" });
  assert.equal(values(store.add("r2", W, "k", { timeNs: 5n, value: "b" })), ["b"]);
});

test("per-key cap: the oldest entries are evicted and counted", () => {
  const { store, counters } = fresh(100, 2);
  for (const [t, v] of [[1n, "a"], [2n, "b"], [3n, "c"]] as const) store.add("r", 100n, "k", { timeNs: t, value: v });
  assert.equal(values(store.add("r", 100n, "k", { timeNs: 4n, value: "d" })), ["c", "d"]);
  assert.is(counters.evictedEntries, 2);
});

test("per-rule key cap: the least recently updated key is evicted with its entries", () => {
  const { store, counters } = fresh(2, 100);
  store.add("r", 100n, "k1", { timeNs: 1n, value: "a" });
  store.add("r", 100n, "k2", { timeNs: 2n, value: "b" });
  store.add("r", 100n, "k1", { timeNs: 3n, value: "c" });
  store.add("r", 100n, "k3", { timeNs: 4n, value: "d" });
  assert.equal([counters.evictedKeys, counters.evictedEntries], [1, 1]);
  assert.equal(values(store.add("r", 100n, "k2", { timeNs: 5n, value: "e" })), ["e"], "k2 was evicted");
  assert.equal(store.size(), { keys: 2, entries: 2 });
});

test("sweeping keeps memory flat: keys whose entries all expired are dropped", () => {
  const { store, counters } = fresh(1_000_000, 100);
  for (let i = 0; i < 10_000; i++) store.add("r", W, `k${i}`, { timeNs: BigInt(i * 5), value: "v" });
  assert.ok(store.size().keys <= 5, `keys held: ${store.size().keys}`);
  assert.ok(counters.expiredEntries >= 9_990);
});

test("clear forgets a key", () => {
  const { store } = fresh();
  store.add("r", W, "k", { timeNs: 1n, value: "a" });
  store.clear("r", "k");
  assert.equal(values(store.add("r", W, "k", { timeNs: 2n, value: "b" })), ["b"]);
});

test.run();
