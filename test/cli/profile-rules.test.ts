/**
 * @fileoverview `kestrel run --profile-rules`: every rule is listed with its timing over a
 * sample of the file inputs; with --json the profile joins the metrics object; stdin is
 * left out of the sample with a notice. The sample reader keeps whole lines only.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readSample } from "../../src/runtime/profile/sample.js";
import type { EventInput } from "../../src/runtime/source.js";
import { kestrel } from "./helpers.js";

const rules = "test/fixtures/three-rules";
const events = "test/fixtures/three-rules-events.ndjson";
const ids = ["1d0c7f5e-2222-4b7a-9c1d-5e6f7a8b9c0d", "fixture-eql-net-tool", "fixture-json-rdp-logon"];

test("--profile-rules lists every rule after the summary, slowest first", () => {
  const r = kestrel(["run", events, "--rules", rules, "--profile-rules", "--no-cache"]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stderr, /kestrel: rule profile: each rule built alone, its Wasm scan timed over the first \d+ B \(\d+ events\) of the input, best of 5/);
  const listed = r.stderr.split("kestrel: slowest rules:\n")[1]?.split("\n").slice(1, 4) ?? [];
  assert.equal(listed.map((l) => l.trim().split(/\s+/)[4]).sort(), ids);
  const scanMs = listed.map((l) => Number(l.trim().split(/\s+/)[0]));
  assert.equal(scanMs, [...scanMs].sort((a, b) => b - a));
});

test("--profile-rules --json: the profile is part of the one metrics object", () => {
  const r = kestrel(["run", events, "--rules", rules, "--profile-rules", "--json", "--no-cache"]);
  assert.is(r.code, 0, r.stderr);
  const j = JSON.parse(r.stderr.trimEnd().split("\n").pop() ?? "") as { profile: { events: number; rules: { id: string; matches: number }[] } };
  assert.equal(j.profile.rules.map((x) => x.id).sort(), ids);
  assert.is(j.profile.events, 6, "the sample's lines, the malformed one included");
  assert.equal(j.profile.rules.map((x) => x.matches).sort(), [1, 1, 1]);
});

const memoryInput = (name: string, text: string, sized: boolean): EventInput => ({
  name,
  open: async function* () {
    yield Buffer.from(text);
  },
  size: () => (sized ? text.length : undefined),
});

test("sample: whole lines only, files kept apart, streams left out", async () => {
  const s = await readSample([memoryInput("a", '{"a":1}\n{"a":2}', true), memoryInput("<stdin>", '{"s":1}\n', false), memoryInput("b", '{"b":1}\n{"b":2}\n', true)], 24);
  assert.is(Buffer.from(s.bytes).toString(), '{"a":1}\n{"a":2}\n{"b":1}\n');
  assert.is(s.lines, 3);
  assert.equal(s.skipped, ["<stdin>"]);
});

test.run();
