/**
 * @fileoverview Redis Streams through the real CLI against a real redis-server (started
 * here on a free port): `kestrel ingest` into 4 partitions, then `kestrel run --source`
 * consumers. The alert-id set of two consumers, and of two where one is killed -9
 * mid-run, must equal that of `kestrel run` over the same events file (duplicates only
 * as repeated ids); malformed entries go to the dead-letter stream without blocking;
 * an EQL sequence whose stages straddle a kill still alerts thanks to the replay; stateful
 * rules keyed off the partition key are reported; SIGTERM drains, acks and releases;
 * sink-redis adds each alert id once. Skipped without redis-server unless CI is set.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { alerts, isolatedEnv, kestrel, kestrelChild, scratchDir, type CliResult } from "./helpers.js";
import { redisAvailable, startRedis, type RedisServer } from "./redis-server.js";

const dir = scratchDir();
const pkg = join(dir, "build", "rules.kpkg");
const SEQUENCE_RULE = "kestrel-eql-discovery-then-encoded-powershell";
/** 100k events (7143 copies of the 14 sample events). */
const COPIES = 7143;
let redis: RedisServer;
let bigFile = "";
let empty = "";
let baseline: string[] = [];

const sample = readFileSync("examples/sample-events.ndjson", "utf8").split("\n").filter((l) => l.startsWith("{"));

/** Copy i of the sample: its own host names (so copies spread over partitions) and a distinct field (so every alert id is distinct). */
function copyOf(i: number): string[] {
  return sample.map((l) => `{"test_copy":${i},${l.slice(1).replace(/"Hostname":"([^"]*)"/, `"Hostname":"c${i}-$1"`)}`);
}

function writeEvents(name: string, from: number, to: number): string {
  const path = join(dir, name);
  const lines: string[] = [];
  for (let i = from; i < to; i++) lines.push(...copyOf(i));
  writeFileSync(path, lines.join("\n") + "\n");
  return path;
}

const idsOf = (stdout: string): string[] => alerts(stdout).map((a) => a.id);
/** Complete lines of an alert file that a killed process may have left mid-line. */
const idsInFile = (path: string): string[] => {
  let text = "";
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return [];
  }
  return idsOf(text.slice(0, text.lastIndexOf("\n") + 1));
};
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 50 ms until it holds; fails after `timeoutMs` (a liveness bound, not a performance assertion). */
async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(50);
  }
}

const consumerArgs = (prefix: string, consumer: string, ...more: string[]): string[] => [
  "run", "--rules", pkg, "--source", redis.url(prefix), "--group", "g", "--consumer", consumer,
  "--lease-ttl", "2s", "--claim-idle", "1s", "--json", ...more,
];
const UNTIL_IDLE = ["--until-idle", "4s"];

function consume(prefix: string, consumer: string, alertsFile: string, ...more: string[]): ReturnType<typeof kestrelChild> {
  return kestrelChild([...consumerArgs(prefix, consumer, ...UNTIL_IDLE, ...more), "--sink", "file", "--sink-opt", `path=${alertsFile}`], { timeoutMs: 180_000 });
}

function ingest(files: readonly string[], prefix: string, partitions: number, ...more: string[]): CliResult {
  const r = kestrel(["ingest", ...files, "--to", redis.url(prefix), "--partitions", String(partitions), ...more]);
  assert.is(r.code, 0, r.stderr);
  return r;
}

/** The leases of the group: partition → consumer. */
async function leaseHolders(prefix: string, partitions: number): Promise<(string | null)[]> {
  return Promise.all(Array.from({ length: partitions }, (_, p) => redis.client.get(`${prefix}:g:lease:${p}`)));
}

/** The end-of-run JSON a consumer printed on stderr (its last line that is a JSON object). */
interface SourceJson {
  readonly alerts: number;
  readonly malformed: number;
  readonly source: { readonly partitions: readonly { partition: number; read: number; claimed: number; acked: number; replayed: number; deadLettered: number; rebuildsCut: number; lag: number | null; pending: number | null }[]; readonly offPartitionMatches: number };
}
function summaryOf(r: CliResult): SourceJson {
  const line = r.stderr.split("\n").reverse().find((l) => l.startsWith("{"));
  assert.ok(line, r.stderr);
  return JSON.parse(line ?? "{}") as SourceJson;
}

async function groupPendingAndLag(prefix: string, partitions: number): Promise<{ pending: number; lag: number }> {
  let pending = 0;
  let lag = 0;
  for (let p = 0; p < partitions; p++) {
    const summary = (await redis.client.xpending(`${prefix}:${p}`, "g")) as [number, ...unknown[]];
    pending += Number(summary[0]);
    const groups = (await redis.client.call("XINFO", "GROUPS", `${prefix}:${p}`)) as unknown[][];
    const g = groups[0] ?? [];
    lag += Number(g[g.indexOf("lag") + 1] ?? 0);
  }
  return { pending, lag };
}

const available = redisAvailable();
const redisTest = available ? test : test.skip;

test.before(async () => {
  if (!available) return;
  redis = await startRedis();
  const build = kestrel(["build", "rules/", "--out", join(dir, "build")]);
  assert.is(build.code, 0, build.stderr);
  bigFile = writeEvents("big.ndjson", 0, COPIES);
  empty = join(dir, "empty.ndjson");
  writeFileSync(empty, "");
  // To a file: 64k alerts overflow a child's stdout buffer.
  const out = join(dir, "baseline.ndjson");
  const r = kestrel(["run", bigFile, "--rules", pkg, "-q", "--sink", "file", "--sink-opt", `path=${out}`]);
  assert.is(r.code, 0, r.stderr);
  baseline = idsInFile(out);
});

test.after(async () => {
  if (available) await redis.stop();
});

redisTest("the baseline: 100k events, one distinct id per alert, sequences included", () => {
  assert.is(sample.length * COPIES >= 100_000, true);
  assert.is(new Set(baseline).size, baseline.length);
  assert.is(baseline.length, 9 * COPIES);
});

redisTest("two consumers over 4 partitions raise exactly the alert ids of `kestrel run` over the file, each entry acked once", async () => {
  const fileA = join(dir, "two-a.ndjson");
  const fileB = join(dir, "two-b.ndjson");
  // The stream exists (its topology recorded) before the consumers join it.
  ingest([empty], "two", 4, "--partition-key", "Hostname", "--quiet");
  const a = consume("two", "a", fileA);
  const b = consume("two", "b", fileB);
  // Ingest only once the two have split the partitions between them, so both consume.
  await until("the two consumers hold two leases each", async () => {
    const holders = await leaseHolders("two", 4);
    return holders.filter((h) => h === "a").length === 2 && holders.filter((h) => h === "b").length === 2;
  });
  const ing = ingest([bigFile], "two", 4, "--partition-key", "Hostname");
  assert.match(ing.stderr, /ingested 100002 event\(s\)/);
  const [ra, rb] = await Promise.all([a.result, b.result]);
  assert.is(ra.code, 0, ra.stderr);
  assert.is(rb.code, 0, rb.stderr);
  const got = [...idsInFile(fileA), ...idsInFile(fileB)];
  assert.equal([...new Set(got)].sort(), [...baseline].sort());
  assert.is(got.length, baseline.length, "no duplicates without a crash");
  const parts = [...summaryOf(ra).source.partitions, ...summaryOf(rb).source.partitions];
  assert.is(parts.reduce((n, p) => n + p.acked, 0), 100_002);
  assert.ok(summaryOf(ra).alerts > 0 && summaryOf(rb).alerts > 0, "both consumers alerted");
  assert.equal(await groupPendingAndLag("two", 4), { pending: 0, lag: 0 });
});

redisTest("a consumer killed -9 mid-run: the survivor takes its partitions over, and no alert id is missing", async () => {
  const fileA = join(dir, "kill-a.ndjson");
  const fileB = join(dir, "kill-b.ndjson");
  // A small read batch keeps a few batches in flight when the kill lands.
  // The stream exists (its topology recorded) before the consumers join it.
  ingest([empty], "kill", 4, "--partition-key", "Hostname", "--quiet");
  const a = consume("kill", "a", fileA, "--read-batch", "100");
  const b = consume("kill", "b", fileB, "--read-batch", "100");
  await until("the two consumers hold two leases each", async () => {
    const holders = await leaseHolders("kill", 4);
    return holders.filter((h) => h === "a").length === 2 && holders.filter((h) => h === "b").length === 2;
  });
  const ingesting = kestrelChild(["ingest", bigFile, "--to", redis.url("kill"), "--partitions", "4", "--partition-key", "Hostname"], { timeoutMs: 120_000 });
  await until("consumer a has written 3000 alerts", () => idsInFile(fileA).length >= 3000);
  a.child.kill("SIGKILL");
  const killedA = await a.result;
  assert.match(killedA.stderr, /killed by SIGKILL/);
  assert.is((await ingesting.result).code, 0);
  const rb = await b.result;
  assert.is(rb.code, 0, rb.stderr);
  const got = [...idsInFile(fileA), ...idsInFile(fileB)];
  const found = new Set(got);
  const missing = baseline.filter((id) => !found.has(id));
  const extra = [...found].filter((id) => !baseline.includes(id));
  const summary = summaryOf(rb);
  const claimed = summary.source.partitions.reduce((n, p) => n + p.claimed, 0);
  console.log(`  crash test: ${baseline.length} alerts expected, ${found.size} distinct found, ${got.length - found.size} duplicated; survivor claimed ${claimed} pending entries`);
  assert.is(missing.length, 0, `${missing.length} alert id(s) missing`);
  assert.is(extra.length, 0);
  assert.ok(summary.source.partitions.length === 4, "the survivor took over all four partitions");
  assert.equal(await groupPendingAndLag("kill", 4), { pending: 0, lag: 0 });
});

redisTest("malformed entries are counted, dead-lettered, acked, and do not block their partition", async () => {
  const first = writeEvents("bad-1.ndjson", 0, 1);
  const second = writeEvents("bad-2.ndjson", 1, 2);
  ingest([first], "bad", 1);
  await redis.client.xadd("bad:0", "*", "e", "{not json");
  await redis.client.xadd("bad:0", "*", "other", "no event field");
  await redis.client.xadd("bad:0", "*", "e", '{"a":1}\n{"b":2}');
  ingest([second], "bad", 1);
  const expected = idsOf(kestrel(["run", first, second, "--rules", pkg, "-q"]).stdout);
  const out = join(dir, "bad-alerts.ndjson");
  const r = await consume("bad", "solo", out).result;
  assert.is(r.code, 0, r.stderr);
  assert.equal(idsInFile(out).sort(), expected.sort());
  assert.match(r.stderr, /bad:0:\d+:\d+: malformed event line/);
  const summary = summaryOf(r);
  assert.is(summary.malformed, 1);
  assert.is(summary.source.partitions[0]?.deadLettered, 3);
  const dead = (await redis.client.xrange("bad:dead", "-", "+")).map(([, fields]) => fields);
  assert.is(dead.length, 3);
  const reasons = dead.map((f) => f[f.indexOf("reason") + 1]).sort();
  assert.equal(reasons, ["entry has no 'e' field", "event text contains a line break", "malformed event line"]);
  assert.ok(dead.some((f) => f[f.indexOf("e") + 1] === "{not json"));
  assert.equal(await groupPendingAndLag("bad", 1), { pending: 0, lag: 0 });
});

/** Runs the straddle scenario under `prefix`: stage 1 acked by a consumer killed -9, stage 2 read by its successor. */
async function straddle(prefix: string, ...successorFlags: string[]): Promise<{ ids: string[]; expected: string[]; stderr: string }> {
  const [whoami, , powershell] = copyOf(900_000);
  assert.ok(whoami?.includes("whoami") && powershell?.includes("-Enc"));
  const stage1 = join(dir, `${prefix}-1.ndjson`);
  const stage2 = join(dir, `${prefix}-2.ndjson`);
  writeFileSync(stage1, `${whoami}\n`);
  writeFileSync(stage2, `${powershell}\n`);
  const expected = idsOf(kestrel(["run", stage1, stage2, "--rules", pkg, "-q"]).stdout);
  ingest([stage1], prefix, 1, "--partition-key", "Hostname");
  const first = kestrelChild(consumerArgs(prefix, "first"), { timeoutMs: 60_000 });
  await until("the first consumer has acked stage 1", async () => {
    const groups = (await redis.client.call("XINFO", "GROUPS", `${prefix}:0`).catch(() => [])) as unknown[][];
    const g = groups[0] ?? [];
    return Number(g[g.indexOf("entries-read") + 1] ?? 0) === 1 && Number(g[g.indexOf("pending") + 1] ?? 1) === 0;
  });
  first.child.kill("SIGKILL");
  await first.result;
  ingest([stage2], prefix, 1, "--partition-key", "Hostname");
  const r = await kestrelChild(consumerArgs(prefix, "second", ...UNTIL_IDLE, ...successorFlags), { timeoutMs: 60_000 }).result;
  assert.is(r.code, 0, r.stderr);
  return { ids: idsOf(r.stdout), expected, stderr: r.stderr };
}

redisTest("an EQL sequence whose stages straddle a kill -9 still alerts: the successor rebuilds state from replayed entries", async () => {
  const { ids, expected, stderr } = await straddle("seq");
  const sequenceAlerts = alerts(kestrel(["run", join(dir, "seq-1.ndjson"), join(dir, "seq-2.ndjson"), "--rules", pkg, "-q"]).stdout).filter((a) => a.rule.id === SEQUENCE_RULE);
  assert.is(sequenceAlerts.length, 1);
  assert.ok(ids.includes(sequenceAlerts[0]?.id ?? ""), stderr);
  // The replayed stage-1 event rebuilt state only: its own alerts are not raised again.
  assert.equal(ids.sort(), expected.filter((id) => !idsOf(kestrel(["run", join(dir, "seq-1.ndjson"), "--rules", pkg, "-q"]).stdout).includes(id)).sort());
  assert.is(summaryOf({ code: 0, stdout: "", stderr }).source.partitions[0]?.replayed, 1);
});

redisTest("without the replay (--rebuild-entries 0) the same straddling sequence is lost, and the loss is reported", async () => {
  const { ids, stderr } = await straddle("noreplay", "--rebuild-entries", "0");
  assert.match(stderr, "noreplay:0: taken over without rebuilding its detection state (--rebuild-entries 0); partial sequences and windows that began before are lost");
  assert.is(summaryOf({ code: 0, stdout: "", stderr }).source.partitions[0]?.rebuildsCut, 1);
  const sequence = alerts(kestrel(["run", join(dir, "noreplay-1.ndjson"), join(dir, "noreplay-2.ndjson"), "--rules", pkg, "-q"]).stdout).find((a) => a.rule.id === SEQUENCE_RULE);
  assert.ok(sequence !== undefined);
  assert.not.ok(ids.includes(sequence?.id ?? ""));
});

redisTest("a stateful rule keyed off the partition key (the default entity key) is named and its matches counted", async () => {
  ingest(["examples/sample-events.ndjson"], "ent", 4);
  const r = await kestrelChild(consumerArgs("ent", "solo", "--until-idle", "1s"), { timeoutMs: 60_000 }).result;
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, `warning: stateful rule ${SEQUENCE_RULE} is keyed by [Hostname], not by the stream's partition key [Hostname, ProcessGuid]`);
  assert.ok(summaryOf(r).source.offPartitionMatches >= 2);
});

redisTest("SIGTERM stops reading, drains, acks, releases the leases and exits 0", async () => {
  ingest([writeEvents("term.ndjson", 0, 200)], "term", 2, "--partition-key", "Hostname");
  const c = kestrelChild(consumerArgs("term", "solo"), { timeoutMs: 60_000 });
  await until("everything is read and acked", async () => (await leaseHolders("term", 2)).every((h) => h === "solo") && (await groupPendingAndLag("term", 2)).lag === 0);
  c.child.kill("SIGTERM");
  const r = await c.result;
  assert.is(r.code, 0, r.stderr);
  assert.is(alerts(r.stdout).length, 9 * 200);
  assert.equal(await leaseHolders("term", 2), [null, null]);
  assert.equal(await groupPendingAndLag("term", 2), { pending: 0, lag: 0 });
});

redisTest("sink-redis (linked plugin): XADDs alerts, adding each alert id once within the dedupe window", async () => {
  const env = { ...isolatedEnv(join(dir, "sink-home")), OCLIF_COLUMNS: "1000" };
  const link = kestrel(["plugins", "link", resolve("plugins/sink-redis")], { env });
  assert.is(link.code, 0, link.stderr);
  const url = `redis://127.0.0.1:${redis.port}`;
  const run = (...opts: string[]): CliResult => kestrel(["run", "examples/sample-events.ndjson", "--rules", pkg, "-q", "--sink", "redis", "--sink-opt", `url=${url}`, "--sink-opt", "stream=alerts", ...opts.flatMap((o) => ["--sink-opt", o])], { env });
  const expected = idsOf(kestrel(["run", "examples/sample-events.ndjson", "--rules", pkg, "-q"]).stdout).sort();
  const r1 = run();
  assert.is(r1.code, 0, r1.stderr);
  assert.match(r1.stderr, "added 9 alert(s) to alerts, skipped 0");
  const r2 = run();
  assert.match(r2.stderr, "added 0 alert(s) to alerts, skipped 9");
  const entries = await redis.client.xrange("alerts", "-", "+");
  assert.equal(entries.map(([, f]) => f[f.indexOf("id") + 1]).sort(), expected);
  const r3 = run("dedupe-window=0");
  assert.match(r3.stderr, "added 9 alert(s) to alerts, skipped 0");
  assert.is(await redis.client.xlen("alerts"), 18);
  const bad = run("nope=1");
  assert.is(bad.code, 2);
  assert.match(bad.stderr, "sink redis: unknown option 'nope'");
});

test.run();
