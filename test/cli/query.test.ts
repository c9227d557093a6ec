/**
 * @fileoverview `kestrel query` through the real CLI: matching events come out byte for
 * byte as they went in, in input order; a sequence prints its events in step order, and
 * with --json each match is one `{"events": [...]}` line; stdin works; a bad query gets a
 * located diagnostic with a caret (exit 1); no events at all is a usage error (exit 2).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { kestrel, scratchDir } from "./helpers.js";

const SAMPLE = "examples/sample-events.ndjson";
const lines = readFileSync(SAMPLE, "utf8").split("\n").filter((l) => l.startsWith("{"));

test("an event query prints the matching events unchanged, in input order, and a summary", () => {
  const r = kestrel(["query", 'process where Image : ("*\\\\whoami.exe", "*\\\\schtasks.exe")', SAMPLE]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(r.stdout.trimEnd().split("\n"), [lines[0], lines[9], lines[12]]);
  assert.match(r.stderr, "kestrel: 3 match(es) in 14 event(s)");
});

test("a sequence prints its events in step order; --json makes one {events} line per match", () => {
  const q = 'sequence by Hostname with maxspan=30s [process where Image : "*\\\\whoami.exe"] [network where true] [process where Image : "*\\\\schtasks.exe"]';
  const plain = kestrel(["query", q, SAMPLE, "-q"]);
  assert.is(plain.code, 0, plain.stderr);
  assert.equal(plain.stdout.trimEnd().split("\n"), [lines[0], lines[10], lines[12]]);
  const json = kestrel(["query", q, SAMPLE, "-q", "--json"]);
  const matches = json.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as { events: unknown[] });
  assert.equal(matches, [{ events: [0, 10, 12].map((i) => JSON.parse(lines[i] ?? "")) }]);
});

test("pipes apply: unique_count keeps each group's first event and --json adds its count; tail keeps the last", () => {
  const r = kestrel(["query", "any where true | unique_count EventID | tail 2", SAMPLE, "-q", "--json"]);
  assert.is(r.code, 0, r.stderr);
  const got = r.stdout.trimEnd().split("\n").map((l) => JSON.parse(l) as { events: { EventID: number }[]; count: number });
  assert.equal(got.map((m) => [m.events[0]?.EventID, m.count]), [[3, 2], [4624, 1]]);
});

test("--dialect endgame: == folds case as the reference engine does; elastic's does not", () => {
  const q = 'process where Image == "*\\\\WHOAMI.EXE"';
  const elastic = kestrel(["query", q, SAMPLE, "-q"]);
  const endgame = kestrel(["query", q, SAMPLE, "-q", "--dialect", "endgame"]);
  assert.is(elastic.stdout, "");
  assert.equal(endgame.stdout.trimEnd().split("\n"), [lines[0]]);
});

test("--schema auto (query and run) infers the schema from the event files; kestrel schema infer writes it; piped events are refused for auto", () => {
  const dir = scratchDir();
  const events = join(dir, "app.ndjson");
  writeFileSync(events, ['{"ts":1767225600,"kind":"login","user":"a","tries":1}', '{"ts":1767225601,"kind":"login","user":"b","tries":4}', '{"ts":1767225602,"kind":"logout","user":"a"}'].join("\n") + "\n");
  mkdirSync(join(dir, "rules"));
  writeFileSync(join(dir, "rules", "retries.eql"), "login where tries > 2\n");
  const r = kestrel(["query", "login where tries > 2", events, "--schema", "auto", "--category-field", "kind", "-q"]);
  assert.is(r.code, 0, r.stderr);
  assert.equal(r.stdout.trimEnd().split("\n").map((l) => (JSON.parse(l) as { user: string }).user), ["b"]);
  const inferred = kestrel(["schema", "infer", events, "--category-field", "kind", "--out", join(dir, "app.json")]);
  assert.is(inferred.code, 0, inferred.stderr);
  assert.match(inferred.stderr, "4 fields, 2 categories, time from ts (epoch_s)");
  const reused = kestrel(["query", "sequence by user [login where true] [logout where true]", events, "--schema", join(dir, "app.json"), "-q", "--json"]);
  assert.equal(reused.stdout.trimEnd().split("\n").map((l) => (JSON.parse(l) as { events: { user: string }[] }).events.map((e) => e.user)), [["a", "a"]]);
  const run = kestrel(["run", events, "--rules", join(dir, "rules"), "--schema", "auto", "--category-field", "kind", "-q"]);
  assert.is(run.code, 0, run.stderr);
  assert.equal(run.stdout.trimEnd().split("\n").map((l) => (JSON.parse(l) as { rule: { id: string } }).rule.id), ["retries"]);
  const piped = kestrel(["query", "any where true", "--schema", "auto"], { input: readFileSync(events) });
  assert.is(piped.code, 2);
  assert.match(piped.stderr, "needs event files");
});

test("events on stdin", () => {
  const r = kestrel(["query", "any where EventID == 4624", "-q", "--json"], { input: readFileSync(SAMPLE) });
  assert.is(r.code, 0, r.stderr);
  assert.equal(r.stdout, `{"events":[${lines[13] ?? ""}]}\n`);
});

test("a bad query: located diagnostic with a caret, exit 1, nothing run", () => {
  const r = kestrel(["query", "process where Imagee : 'x'", SAMPLE]);
  assert.is(r.code, 1);
  assert.match(r.stderr, "query.eql:1:15: error K1201: Unknown field 'Imagee' in schema 'windows'");
  assert.match(r.stderr, "\nprocess where Imagee : 'x'\n              ^\n");
  assert.is(r.stdout, "");
});

test("no events and nothing piped: usage error", () => {
  const r = kestrel(["query", "any where true"]);
  assert.is(r.code, 2);
  assert.match(r.stderr, "no events");
});

test.run();
