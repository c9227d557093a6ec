/**
 * @fileoverview The keyed store's update-ordered map: set refreshes a key's place, replace
 * keeps it, shift takes the least recently updated, entries survive deletion while
 * iterating; and a million updates through a 100k cap keep exactly the newest 100k (the
 * churn that took 50 s on a plain Map used as a queue; `npm run bench` times it).
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { LruMap } from "../../../src/runtime/detect/lru-map.js";

test("update order: set refreshes, replace keeps, shift takes the oldest", () => {
  const m = new LruMap<number>();
  for (const k of ["a", "b", "c"]) m.set(k, 1);
  m.set("a", 2);
  m.replace("b", 3);
  assert.equal([...m.entries()], [["b", 3], ["c", 1], ["a", 2]]);
  assert.equal(m.shift(), ["b", 3]);
  assert.is(m.delete("c"), true);
  assert.is(m.delete("c"), false);
  assert.equal([...m.entries()], [["a", 2]]);
  assert.is(m.size, 1);
  m.shift();
  assert.is(m.shift(), undefined);
  assert.is(m.size, 0);
});

test("deleting the current entry while iterating visits every other entry once", () => {
  const m = new LruMap<number>();
  for (let i = 0; i < 10; i++) m.set(String(i), i);
  const seen: number[] = [];
  for (const [k, v] of m.entries()) {
    seen.push(v);
    if (v % 2 === 0) m.delete(k);
  }
  assert.equal(seen, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.equal([...m.values()], [1, 3, 5, 7, 9]);
});

test("a capped churn keeps exactly the cap, the most recently updated keys", () => {
  const m = new LruMap<number>();
  let evicted = 0;
  for (let i = 0; i < 1_000_000; i++) {
    m.set(`h${(i * 7919) % 300_000}`, i);
    if (m.size > 100_000 && m.shift() !== undefined) evicted++;
  }
  assert.is(m.size, 100_000);
  assert.is(evicted, 900_000);
  assert.ok([...m.values()].every((v) => v >= 900_000), "only the last 100k updates survive");
});

test.run();
