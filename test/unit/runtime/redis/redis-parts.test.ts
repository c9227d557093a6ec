/**
 * @fileoverview The Redis source's pure parts: stream URLs, the stable partition hash
 * over the entity key, the readings of RESP2 and RESP3 stream replies, fair shares,
 * durations, and which stateful rules the partition key splits.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Manifest, ManifestRule } from "../../../../compiler/package/manifest.js";
import { offPartitionRules } from "../../../../src/runtime/sources/redis/key-check.js";
import { fairShare } from "../../../../src/runtime/sources/redis/lease.js";
import { fnv1a, partitionKeyText, partitionOf } from "../../../../src/runtime/sources/redis/partition-key.js";
import { autoclaimReply, groupInfo, pendingSummary, streamsReply } from "../../../../src/runtime/sources/redis/replies.js";
import { parseRedisUrl, RedisUrlError } from "../../../../src/runtime/sources/redis/url.js";
import { parseDurationMs } from "../../../../src/util/duration.js";

test("stream URLs: host, port, prefix; credentials kept out of the display form", () => {
  assert.equal(parseRedisUrl("redis://10.0.0.5:6380/events"), { host: "10.0.0.5", port: 6380, prefix: "events", display: "redis://10.0.0.5:6380/events" });
  const withAuth = parseRedisUrl("redis://u:p%40ss@localhost/a:b");
  assert.is(withAuth.password, "p@ss");
  assert.is(withAuth.port, 6379);
  assert.is(withAuth.prefix, "a:b");
  assert.not.match(withAuth.display, "p@ss");
  assert.throws(() => parseRedisUrl("redis://localhost:6379/"), (e: unknown) => e instanceof RedisUrlError && /no stream prefix/.test(e.message));
  assert.throws(() => parseRedisUrl("kafka://broker/topic"), (e: unknown) => e instanceof RedisUrlError && /only redis/.test(e.message));
});

test("FNV-1a: the published test vectors, so every process agrees on partitions", () => {
  assert.is(fnv1a(""), 0x811c9dc5);
  assert.is(fnv1a("a"), 0xe40c292c);
  assert.is(fnv1a("foobar"), 0xbf9cf968);
});

test("partition key: flat dotted keys, nested objects, missing values as empty; not-JSON lines hash as text", () => {
  assert.is(partitionKeyText('{"host.name":"h1","user":{"name":"bob"}}', ["host.name", "user.name"]), "h1\0bob");
  assert.is(partitionKeyText('{"Hostname":"h1","n":7}', ["Hostname", "ProcessGuid", "n"]), "h1\0\x007");
  assert.is(partitionKeyText("{not json", ["Hostname"]), undefined);
  const a = partitionOf('{"Hostname":"H","x":1}', ["Hostname"], 4);
  assert.is(partitionOf('{"x":2,"Hostname":"H"}', ["Hostname"], 4), a, "same key, same partition, whatever else differs");
  const spread = new Set(Array.from({ length: 64 }, (_, i) => partitionOf(`{"Hostname":"h${i}"}`, ["Hostname"], 4)));
  assert.is(spread.size, 4);
});

test("XREADGROUP replies: RESP2 nested and RESP3 flat maps read alike; trimmed entries keep their id", () => {
  const entries = [["1-0", ["e", "{}"]], ["2-0", null]];
  const resp2 = streamsReply([["s:0", entries], ["s:1", []]]);
  const resp3 = streamsReply(["s:0", entries, "s:1", []]);
  assert.equal(resp2, resp3);
  assert.equal(resp2.get("s:0")?.map((e) => [e.id, e.fields.get("e")]), [["1-0", "{}"], ["2-0", undefined]]);
  assert.equal(streamsReply(null).size, 0);
});

test("XAUTOCLAIM, XPENDING and XINFO GROUPS replies", () => {
  const claimed = autoclaimReply(["5-0", [["3-0", ["e", "x"]]], []]);
  assert.is(claimed.cursor, "5-0");
  assert.equal(claimed.claimed.map((e) => e.id), ["3-0"]);
  const pending = pendingSummary([3, "1-0", "4-0", [["a", "2"], ["b", "1"]]]);
  assert.equal([pending.count, pending.minId, [...pending.byConsumer]], [3, "1-0", [["a", 2], ["b", 1]]]);
  assert.equal(pendingSummary([0, null, null, null]).minId, undefined);
  const groups = [["name", "other", "last-delivered-id", "9-0", "lag", 0], ["name", "g", "consumers", 1, "last-delivered-id", "7-0", "entries-read", 7, "lag", 3]];
  assert.equal(groupInfo(groups, "g"), { lastDelivered: "7-0", lag: 3 });
  assert.is(groupInfo(groups, "none"), undefined);
});

test("fair share: ceil(partitions / live consumers)", () => {
  assert.equal([fairShare(4, 1), fairShare(4, 2), fairShare(4, 3), fairShare(4, 8), fairShare(4, 0)], [4, 2, 2, 1, 4]);
});

test("durations: ms, s, m, h; a bare number is seconds", () => {
  assert.equal(["500ms", "5s", "2m", "1h", "3"].map(parseDurationMs), [500, 5000, 120_000, 3_600_000, 3000]);
  assert.throws(() => parseDurationMs("5 minutes"), /not a duration/);
});

const rule = (id: string, detect: ManifestRule["detect"], captures: readonly { name: string; role: "entity" | "group" | "join" }[], pipes?: boolean): ManifestRule =>
  ({ id, detect, steps: [{ step: 0, captures: captures.map((c) => ({ ...c, nullable: false })) }], ...(pipes === true ? { pipes: [] } : {}) }) as unknown as ManifestRule;

test("off-partition rules: a stateful rule is exact only when the partition key's fields are among its key's", () => {
  const seq = { kind: "sequence", steps: 2, until: false } as unknown as ManifestRule["detect"];
  const manifest = {
    schema: { entityKey: ["Hostname", "ProcessGuid"] },
    rules: [
      rule("stateless", { kind: "match" } as ManifestRule["detect"], [{ name: "Hostname", role: "entity" }]),
      rule("by-host", seq, [{ name: "Hostname", role: "join" }]),
      rule("by-host-user", seq, [{ name: "Hostname", role: "join" }, { name: "User", role: "join" }]),
      rule("by-user", seq, [{ name: "User", role: "join" }]),
      rule("per-entity", seq, [{ name: "Hostname", role: "entity" }]),
      rule("piped", { kind: "match" } as ManifestRule["detect"], [], true),
    ],
  } as unknown as Manifest;
  const ids = (key: string[]): string[] => offPartitionRules([manifest], key).map((r) => r.id);
  assert.equal(ids(["Hostname"]), ["by-user", "piped"]);
  assert.equal(ids(["Hostname", "ProcessGuid"]), ["by-host", "by-host-user", "by-user", "piped"]);
});

test.run();
