/**
 * @fileoverview Inline mode's runtime: one verdict per non-blank line, in order, with its
 * line number; block only from a rule whose action is block; a sequence completing on an
 * event blocks it; and an error while judging an event (here a scanner that throws, a
 * malformed line) yields allow when failing open and block when failing closed, never a
 * block from the rules by accident.
 */
import { PassThrough } from "node:stream";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compileSources } from "../../../compiler/index.js";
import type { Scanner } from "../../../src/runtime/bus/scanner.js";
import { FaultLog } from "../../../src/runtime/faults.js";
import { runInline } from "../../../src/runtime/inline/inline.js";
import type { FailMode, Verdict } from "../../../src/runtime/inline/verdict.js";
import type { Sink } from "../../../src/sinks/sink.js";
import { bytesInput, compiledPackage } from "../../helpers/pipeline.js";

const RULES = JSON.stringify([
  { kestrel: "rule/v1", id: "block-4625", title: "failed logon", action: "block", where: { field: "EventID", op: "eq", value: 4625 } },
  { kestrel: "rule/v1", id: "note-4624", title: "logon", where: { field: "EventID", op: "eq", value: 4624 } },
]);
const SEQUENCE = `// id: seq-block\n// action: block\nsequence by TargetUserName\n  [any where EventID == 4624]\n  [any where EventID == 1]\n`;

const result = compileSources(
  [
    { path: "r.json", read: () => RULES },
    { path: "seq.eql", read: () => SEQUENCE },
  ],
  { schema: "windows" },
);
assert.equal(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.message), []);
const packages = [await compiledPackage(result, "inline-test")];

async function judge(lines: string, failMode: FailMode = "open", scanner?: Scanner, inputCapacity?: number): Promise<{ verdicts: Verdict[]; alerts: string[]; faults: string[] }> {
  const out = new PassThrough();
  let text = "";
  out.on("data", (d: Buffer) => (text += d.toString()));
  const alerts: string[] = [];
  const sink: Sink = { name: "test", write: (b) => Promise.resolve(void alerts.push(...b.map((a) => a.rule.id))), close: () => Promise.resolve() };
  const faults: string[] = [];
  await runInline({ packages, input: bytesInput("<stdin>", Buffer.from(lines), 7), out, sink, warn: () => undefined, faults: new FaultLog((m) => faults.push(m)), failMode, ...(scanner === undefined ? {} : { scanner }), ...(inputCapacity === undefined ? {} : { inputCapacity }) });
  const verdicts = text.split("\n").filter((l) => l !== "").map((l) => JSON.parse(l) as Verdict);
  return { verdicts, alerts, faults };
}

const ev = (o: object): string => `${JSON.stringify({ "@timestamp": "2026-01-01T00:00:00Z", ...o })}\n`;

test("one verdict per event, in order, numbered by line; blank lines get none; alerts still reach the sink", async () => {
  const r = await judge(ev({ EventID: 4625 }) + "\n" + ev({ EventID: 4624, TargetUserName: "x" }) + ev({ EventID: 7 }));
  assert.equal(r.verdicts, [
    { seq: 1, verdict: "block", rules: ["block-4625"] },
    { seq: 3, verdict: "allow", rules: ["note-4624"] },
    { seq: 4, verdict: "allow", rules: [] },
  ]);
  assert.equal(r.alerts, ["block-4625", "note-4624"]);
});

test("a block sequence blocks the event that completes it", async () => {
  const r = await judge(ev({ EventID: 4624, TargetUserName: "eve" }) + ev({ EventID: 1, TargetUserName: "eve" }));
  assert.equal(r.verdicts.map((v) => v.verdict), ["allow", "block"]);
  assert.equal(r.verdicts[1]?.rules, ["seq-block"]);
});

const broken: Scanner = { scan: () => Promise.reject(new Error("engine trapped")), close: () => Promise.resolve() };

test("an engine error fails open by default: allow, with the error", async () => {
  const r = await judge(ev({ EventID: 4625 }), "open", broken);
  assert.equal(r.verdicts, [{ seq: 1, verdict: "allow", rules: [], error: "<stdin>:1: engine trapped" }]);
  assert.match(r.faults.join("\n"), /error judging <stdin>:1: engine trapped/);
});

test("an engine error fails closed with failMode closed: block, with the error", async () => {
  const r = await judge(ev({ EventID: 4624 }), "closed", broken);
  assert.equal(r.verdicts, [{ seq: 1, verdict: "block", rules: [], error: "<stdin>:1: engine trapped" }]);
});

test("a malformed line is an error for the verdict: allow failing open, block failing closed", async () => {
  assert.equal((await judge("{not json\n", "open")).verdicts, [{ seq: 1, verdict: "allow", rules: [], error: "malformed event line" }]);
  assert.equal((await judge("{not json\n", "closed")).verdicts, [{ seq: 1, verdict: "block", rules: [], error: "malformed event line" }]);
});

test("an over-long line gets an error verdict and the lines after it are judged as usual", async () => {
  const long = ev({ EventID: 4625, pad: "x".repeat(5000) });
  const r = await judge(long + ev({ EventID: 4625 }), "closed", undefined, 4096);
  assert.equal(r.verdicts, [
    { seq: 1, verdict: "block", rules: [], error: "event line longer than 4096 bytes" },
    { seq: 2, verdict: "block", rules: ["block-4625"] },
  ]);
});

test.run();
