/**
 * @fileoverview Sinks through the real CLI: `--sink` combinations, file rotation, and the
 * webhook plugin linked (and installed from its packed tarball) with `kestrel plugins`
 * into scratch data folders, posting to a local receiver that fails the first requests in
 * every way it retries (503 + Retry-After seconds, 500, 429 + Retry-After date, a
 * response slower than the timeout), always fails (dead-letter), or refuses (400). Every
 * alert set is compared by id with what `--sink stdout` prints for the same events.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { alerts, isolatedEnv, kestrel, kestrelAsync, scratchDir } from "./helpers.js";
import { webhookServer, type WebhookServer } from "./webhook-server.js";

const plugin = resolve("plugins/sink-webhook");
const dir = scratchDir();
/** oclif folders under a scratch home, and error lines left unwrapped for matching. */
const home = (name: string): Record<string, string> => ({ ...isolatedEnv(join(dir, name)), OCLIF_COLUMNS: "1000" });
const plain = home("plain-home");
const linked = home("linked-home");
const pkg = join(dir, "build", "rules.kpkg");
const copies = 30;
let baseline: string[] = [];

/** Copies of the bundled sample events, each line made distinct so every alert id is. */
function writeCopies(path: string, from: number, to: number): string {
  const sample = readFileSync("examples/sample-events.ndjson", "utf8").split("\n").filter((l) => l.startsWith("{"));
  writeFileSync(path, Array.from({ length: to - from }, (_, i) => sample.map((l) => `{"test_copy":${from + i},${l.slice(1)}\n`).join("")).join(""));
  return path;
}
/** Two inputs, so the run hands the sinks at least two batches. */
const events = [writeCopies(join(dir, "a.ndjson"), 0, copies / 2), writeCopies(join(dir, "b.ndjson"), copies / 2, copies)];

/** --ordered: these tests compare sinks by alert order, which is input order only when ordered. */
const runArgs = (...args: string[]): string[] => ["run", ...events, "--rules", pkg, "--ordered", ...args];
const idsIn = (path: string): string[] => alerts(readFileSync(path, "utf8")).map((a) => a.id);
/** Ids of the alerts written so far, while the run may still be mid-line: a partial last line is left out. */
const idsWrittenSoFar = (path: string): string[] => {
  const text = readFileSync(path, "utf8");
  return alerts(text.slice(0, text.lastIndexOf("\n") + 1)).map((a) => a.id);
};
const sorted = (ids: readonly string[]): string[] => [...ids].sort();
const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");
const webhookOpts = (server: WebhookServer, ...opts: string[]): string[] =>
  ["--sink", "webhook", "--sink-opt", `url=${server.url}`, ...opts.flatMap((o) => ["--sink-opt", o])];

/** The bundled rules, built once so each run below only loads them. */
test.before(() => {
  const build = kestrel(["build", "rules/", "--out", join(dir, "build")]);
  assert.is(build.code, 0, build.stderr);
  const r = kestrel(runArgs("-q"));
  assert.is(r.code, 0, r.stderr);
  baseline = alerts(r.stdout).map((a) => a.id);
});

test("stdout is the default sink; the baseline has one distinct id per alert", () => {
  assert.is(baseline.length, 9 * copies);
  assert.is(new Set(baseline).size, baseline.length);
});

test("--sink stdout --sink file: both get every alert, in order", () => {
  const file = join(dir, "both.ndjson");
  const r = kestrel(runArgs("-q", "--sink", "stdout", "--sink", "file", "--sink-opt", `path=${file}`));
  assert.is(r.code, 0, r.stderr);
  assert.equal(alerts(r.stdout).map((a) => a.id), baseline);
  assert.equal(idsIn(file), baseline);
});

test("file rotation: small max-bytes makes path, path.1 … each within the limit, every alert once across them", () => {
  const base = join(dir, "rot");
  const file = join(base, "alerts.ndjson");
  mkdirSync(base);
  const r = kestrel(runArgs("-q", "--sink", "file", "--sink-opt", `path=${file}`, "--sink-opt", "max-bytes=20000", "--sink-opt", "keep=1000"));
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, "", "no stdout sink when --sink names others");
  const numbers = readdirSync(base).filter((f) => f !== "alerts.ndjson").map((f) => Number(f.split(".").at(-1)));
  assert.ok(numbers.length >= 5, `rotated files: ${numbers.length}`);
  assert.equal(sorted(numbers.map(String)), sorted(numbers.map((_, i) => String(i + 1))), "numbered 1..n without gaps");
  const oldestFirst = [...numbers.sort((a, b) => b - a).map((n) => `${file}.${n}`), file];
  for (const f of oldestFirst) assert.ok(statSync(f).size <= 20000, f);
  assert.equal(oldestFirst.flatMap(idsIn), baseline);
});

test("unknown sink names and bad options are usage errors (exit 2) naming what is known", () => {
  const unknown = kestrel(runArgs("--sink", "webhook"), { env: plain });
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, "unknown sink 'webhook'; known sinks: stdout (kestrel), file (kestrel)");
  const badOpt = kestrel(runArgs("--sink", "file", "--sink-opt", "file=x"), { env: plain });
  assert.is(badOpt.code, 2);
  assert.match(badOpt.stderr, "sink file: unknown option 'file' (known: path, max-bytes, keep, dedupe)");
});

test("kestrel plugins link plugins/sink-webhook: listed, recorded in the scratch data folder, and its sink known", () => {
  const r = kestrel(["plugins", "link", plugin], { env: linked });
  assert.is(r.code, 0, r.stderr);
  const list = kestrel(["plugins"], { env: linked });
  assert.match(list.stdout, `kestrel-sink-webhook 0.1.0 (link) ${plugin}`);
  const userPjson = JSON.parse(readFileSync(join(linked.KESTREL_DATA_DIR ?? "", "package.json"), "utf8")) as { oclif: { plugins: unknown[] } };
  assert.equal(userPjson.oclif.plugins, [{ name: "kestrel-sink-webhook", root: plugin, type: "link" }]);
  const unknown = kestrel(runArgs("--sink", "nope"), { env: linked });
  assert.match(unknown.stderr, "known sinks: stdout (kestrel), file (kestrel), webhook (kestrel-sink-webhook)");
  const noUrl = kestrel(runArgs("--sink", "webhook"), { env: linked });
  assert.is(noUrl.code, 2);
  assert.match(noUrl.stderr, "sink webhook: url= is required");
});

test("--sink file --sink webhook, receiver failing the first requests: every alert arrives once by id, and in the file", async () => {
  const retryAt = (): Record<string, string> => ({ "retry-after": new Date(Date.now() + 1000).toUTCString() });
  const server = await webhookServer({
    // The fourth is taken but answered after the client's timeout, so the retry is a duplicate the key lets the receiver drop.
    first: [{ status: 503, headers: () => ({ "retry-after": "1" }) }, { status: 500 }, { status: 429, headers: retryAt }, { status: 200, delayMs: 3000 }],
  });
  const file = join(dir, "with-webhook.ndjson");
  try {
    const args = runArgs("--sink", "file", "--sink-opt", `path=${file}`);
    const opts = ["batch=40", "retries=6", "backoff-ms=50", "timeout-ms=1000", "max-delay-ms=2000", "header.Authorization=Bearer t0ken"];
    const r = await kestrelAsync([...args, ...webhookOpts(server, ...opts)], { env: linked });
    assert.is(r.code, 0, r.stderr);
    assert.not.match(r.stderr, "not delivered");
    assert.equal(sorted(server.accepted), sorted(baseline), "each alert accepted exactly once");
    assert.equal(idsIn(file), baseline);
    const [first, second, third, fourth, fifth] = server.requests;
    assert.ok(fifth !== undefined, `${server.requests.length} requests`);
    assert.equal([second?.key, third?.key, fourth?.key, fifth.key], [first?.key, first?.key, first?.key, first?.key], "one batch, retried");
    assert.ok(server.requests.every((q) => q.ids.length <= 40 && q.key === sha256(q.ids.join("\n"))));
    assert.ok(server.requests.every((q) => q.headers["content-type"] === "application/x-ndjson" && q.headers.authorization === "Bearer t0ken"));
  } finally {
    await server.close();
  }
});

test("backpressure: a slow receiver holds the reader back (one POST at a time), and no alert is lost", async () => {
  const file = join(dir, "paced.ndjson");
  const firstInput = new Set(baseline.slice(0, baseline.length / 2));
  const seen: { readonly firstInputPost: boolean; readonly secondInputInFile: boolean }[] = [];
  const server = await webhookServer({
    then: { status: 200, delayMs: 200 },
    onRequest: (q) => {
      const inFile = existsSync(file) ? idsWrittenSoFar(file) : [];
      seen.push({ firstInputPost: q.ids.every((id) => firstInput.has(id)), secondInputInFile: inFile.some((id) => !firstInput.has(id)) });
    },
  });
  try {
    const r = await kestrelAsync(runArgs("-q", "--sink", "file", "--sink-opt", `path=${file}`, ...webhookOpts(server, "batch=40")), { env: linked });
    assert.is(r.code, 0, r.stderr);
    assert.is(server.maxInFlight(), 1);
    assert.equal(sorted(server.accepted), sorted(baseline));
    assert.equal(idsIn(file), baseline);
    const firstPosts = seen.filter((s) => s.firstInputPost);
    assert.is(firstPosts.length, Math.ceil(firstInput.size / 40));
    assert.ok(firstPosts.every((s) => !s.secondInputInFile), "the second input was not read while the first one's POSTs were pending");
  } finally {
    await server.close();
  }
});

test("dead-letter: a receiver that always fails gets retries+1 attempts per batch; every alert lands in the file once; exit 3", async () => {
  const server = await webhookServer({ then: { status: 503, headers: () => ({ "retry-after": "0" }) } });
  const deadLetter = join(dir, "dead-letter.ndjson");
  try {
    const r = await kestrelAsync(runArgs(...webhookOpts(server, "batch=100", "retries=2", "backoff-ms=10", `dead-letter=${deadLetter}`)), { env: linked });
    assert.is(r.code, 3, r.stderr);
    const batches = new Set(server.requests.map((q) => q.key)).size;
    assert.is(server.requests.length, batches * 3);
    assert.equal(sorted(idsIn(deadLetter)), sorted(baseline));
    assert.match(r.stderr, `kestrel: sink webhook: ${baseline.length} alert(s) in ${batches} batch(es) not delivered to ${new URL(server.url).origin}`);
    assert.match(r.stderr, `(last error: HTTP 503 Service Unavailable); written to dead-letter file ${deadLetter}`);
    assert.match(r.stderr, `${baseline.length} alert(s)`, "the run summary is still printed");
  } finally {
    await server.close();
  }
});

test("a refusal (400) is not retried; without dead-letter= it stops the run with the reason, other sinks flushed", async () => {
  const server = await webhookServer({ then: { status: 400 } });
  try {
    // Few alerts, so the stdout sink still holds them in its buffer when the webhook fails.
    const sample = ["run", "examples/sample-events.ndjson", "--rules", pkg, "-q", "--sink", "stdout"];
    const r = await kestrelAsync([...sample, ...webhookOpts(server, "retries=5")], { env: linked });
    assert.is(r.code, 1, r.stderr);
    assert.is(server.requests.length, 1);
    assert.equal(alerts(r.stdout).map((a) => a.id), server.requests[0]?.ids, "the failed batch still reached stdout");
    assert.match(r.stderr, "could not be delivered");
    assert.match(r.stderr, "HTTP 400 Bad Request");
    assert.match(r.stderr, "dead-letter=PATH");
  } finally {
    await server.close();
  }
});

test("kestrel plugins install <packed tarball>, then a run through the installed plugin", async () => {
  const installed = home("installed-home");
  const npmEnv = { npm_config_cache: join(dir, "npm-cache"), npm_config_offline: "true", npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" };
  const pack = spawnSync("npm", ["pack", "--ignore-scripts", "--pack-destination", dir], { cwd: plugin, encoding: "utf8", env: { ...process.env, ...npmEnv } });
  assert.is(pack.status, 0, pack.stderr);
  const tarball = join(dir, pack.stdout.trim().split("\n").at(-1) ?? "");
  const env = { ...installed, ...npmEnv };
  const install = kestrel(["plugins", "install", `file:${tarball}`], { env });
  assert.is(install.code, 0, install.stderr);
  assert.match(kestrel(["plugins"], { env }).stdout, "kestrel-sink-webhook 0.1.0");
  const server = await webhookServer({});
  try {
    const r = await kestrelAsync(runArgs("-q", ...webhookOpts(server)), { env });
    assert.is(r.code, 0, r.stderr);
    assert.equal(sorted(server.accepted), sorted(baseline));
  } finally {
    await server.close();
  }
});

test.run();
