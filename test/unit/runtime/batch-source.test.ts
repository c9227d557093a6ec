/**
 * @fileoverview The pipeline over an acknowledging batch source, in process and without
 * Redis: a batch is accepted only after the sink took its alerts, and in order; a replay
 * batch rebuilds sequence state without alerting again or being accepted; `fresh` drops
 * a partition's state; state and clocks are per partition; a malformed line comes back
 * to the source to be set aside, with its per-partition line number.
 */
import { readFileSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { runPipeline } from "../../../src/runtime/pipeline.js";
import type { BatchSource, RejectedLine, SourceBatch } from "../../../src/runtime/sources/batch-source.js";
import { inlineRules } from "../../helpers/rule-texts.js";

const rules = {
  "seq.eql": readFileSync("rules/eql/discovery_then_encoded_powershell.eql", "utf8"),
  "whoami.eql": readFileSync("rules/eql/discovery_whoami.eql", "utf8"),
};
const SEQ = "kestrel-eql-discovery-then-encoded-powershell";
const WHOAMI = "kestrel-eql-discovery-whoami";

const event = (host: string, second: number, image: string, cmd: string): string =>
  JSON.stringify({ "@timestamp": `2026-11-20T09:00:${String(second).padStart(2, "0")}.000Z`, Channel: "Microsoft-Windows-Sysmon/Operational", Hostname: host, EventID: 1, ProcessGuid: `{${host}-${second}}`, Image: image, CommandLine: cmd });
const whoami = (host: string, s: number): string => event(host, s, "C:\\Windows\\System32\\whoami.exe", "whoami /all");
const encoded = (host: string, s: number): string => event(host, s, "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "powershell.exe -NoP -Enc SQBFAFgA");

interface Planned {
  readonly source: string;
  readonly lines: readonly string[];
  readonly mode?: SourceBatch["mode"];
  readonly fresh?: boolean;
}

/** A source handing out the planned batches, logging acceptances and set-aside lines into `log`. */
function plannedSource(plan: readonly Planned[], log: string[]): BatchSource {
  return {
    name: "planned",
    batches: async function* () {
      for (const [i, p] of plan.entries()) {
        yield { source: p.source, lines: Buffer.from(p.lines.map((l) => `${l}\n`).join("")), mode: p.mode ?? "live", fresh: p.fresh ?? false, accepted: async () => void log.push(`accepted ${i}`) };
      }
    },
    setAside: async (bad: RejectedLine) => void log.push(`set aside ${bad.source}:${bad.line} ${Buffer.from(bad.bytes).toString()}`),
    stop: () => undefined,
    close: async () => undefined,
    report: () => ({ lines: [], json: {} }),
  };
}

async function run(plan: readonly Planned[], workers: number): Promise<string[]> {
  const { packages } = await inlineRules(rules, "windows");
  const log: string[] = [];
  await runPipeline({
    packages,
    inputs: [],
    batchSource: plannedSource(plan, log),
    workers,
    sink: { name: "log", write: async (batch) => void log.push(...batch.map((a) => `alert ${a.rule.id === SEQ ? "seq" : "whoami"} ${a.evidence.map((e) => JSON.parse(e.raw).Hostname as string).join(",")}`)), close: async () => undefined },
    warn: () => undefined,
  });
  return log;
}

const plan: Planned[] = [
  // A partition taken over: its last acked entry replayed (whoami on h1), state only.
  { source: "p0", lines: [whoami("h1", 1)], mode: "replay", fresh: true },
  { source: "p0", lines: [encoded("h1", 5)] },
  { source: "p1", lines: [whoami("h2", 50), "{not json", encoded("h2", 52)] },
  // p0 changes hands again: a stage 1 seen before the fresh start no longer counts.
  { source: "p0", lines: [whoami("h3", 6)] },
  { source: "p0", lines: [encoded("h3", 7)], fresh: true },
];

/** What each live batch raises (or sets aside); batch 4 raises nothing: its stage 1 came before the fresh start. */
const raised: Readonly<Record<number, readonly string[]>> = {
  1: ["alert seq h1,h1"],
  2: ["set aside p1:2 {not json", "alert whoami h2", "alert seq h2,h2"],
  3: ["alert whoami h3"],
  4: [],
};

test("accepted after the sink took the batch's alerts, in order; replay rebuilds state silently; fresh drops it", async () => {
  const log = await run(plan, 1);
  assert.equal(log, [...(raised[1] ?? []), "accepted 1", ...(raised[2] ?? []), "accepted 2", ...(raised[3] ?? []), "accepted 3", "accepted 4"]);
});

test("the same with two scanning threads: stateless alerts may come early, but never after their batch is accepted", async () => {
  const log = await run(plan, 2);
  assert.equal([...log].sort(), Object.entries(raised).flatMap(([i, lines]) => [...lines, `accepted ${i}`]).sort());
  assert.equal(log.filter((l) => l.startsWith("accepted")), ["accepted 1", "accepted 2", "accepted 3", "accepted 4"]);
  for (const [i, lines] of Object.entries(raised)) for (const l of lines) assert.ok(log.indexOf(l) < log.indexOf(`accepted ${i}`), `${l} before accepted ${i}`);
});

test.run();
