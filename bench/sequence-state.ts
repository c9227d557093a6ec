/**
 * @fileoverview The case Elasticsearch users report as sequences timing out: every event
 * passes the first stages, so each key always has a partial sequence, and nothing
 * completes. `sequence by host.name [any where true] [any where true] [process where
 * false]` (ECS schema) over generated events from 300,000 hosts, as a whole `kestrel run`
 * process at 100k and at 1M events: time, peak RSS, live state and evictions, to show that
 * the state stays at its cap while the input grows tenfold; and 1M again under a small V8
 * heap limit, to show that the RSS growth without one is V8 collecting lazily, not held state.
 */
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const HOSTS = 300_000;
const RULE = "sequence by host.name [any where true] [any where true] [process where false]\n";

export interface StateRun {
  readonly events: number;
  /** V8 old-space limit in MB, when the run sets one. */
  readonly heapLimitMB: number | undefined;
  readonly seconds: number;
  readonly peakRssMB: number | undefined;
  readonly heldKeys: number;
  readonly evictedKeys: number;
  readonly alerts: number;
}

async function writeEvents(path: string, n: number): Promise<void> {
  const out = createWriteStream(path);
  const base = Date.UTC(2026, 0, 1);
  for (let i = 0; i < n; i++) {
    const line = `{"@timestamp":"${new Date(base + i).toISOString()}","host":{"name":"h${(i * 7919) % HOSTS}"},"event":{"category":["network"]},"destination":{"port":${i % 65536}}}\n`;
    if (!out.write(line)) await new Promise<void>((r) => out.once("drain", r));
  }
  await new Promise<void>((r) => out.end(r));
}

/** Each run: events, and optionally a V8 heap limit (a run that finishes under it shows the live set is bounded). */
export async function timeSequenceState(runsWanted: readonly { readonly events: number; readonly heapLimitMB?: number }[]): Promise<StateRun[]> {
  const dir = mkdtempSync(join(tmpdir(), "kestrel-bench-seq-"));
  const rules = join(dir, "rules");
  spawnSync("mkdir", [rules]);
  writeFileSync(join(rules, "stuck_sequence.eql"), RULE);
  const runs: StateRun[] = [];
  const written = new Set<number>();
  for (const { events: n, heapLimitMB } of runsWanted) {
    const events = join(dir, `events-${n}.ndjson`);
    if (!written.has(n)) await writeEvents(events, n);
    written.add(n);
    const t0 = process.hrtime.bigint();
    const limit = heapLimitMB === undefined ? [] : [`--max-old-space-size=${heapLimitMB}`];
    const r = spawnSync(process.execPath, [...limit, resolve("bin/run.js"), "run", events, "--rules", rules, "--schema", "ecs", "--workers", "1", "--no-cache", "--json"], { encoding: "utf8", maxBuffer: 1 << 26 });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) throw new Error(`kestrel run failed: ${r.stderr}`);
    const m = JSON.parse(r.stderr.trim().split("\n").at(-1) ?? "{}") as { peakRssMB?: number; alerts: number; state: { heldKeys: number; evictedKeys: number } };
    runs.push({ events: n, heapLimitMB, seconds, peakRssMB: m.peakRssMB, heldKeys: m.state.heldKeys, evictedKeys: m.state.evictedKeys, alerts: m.alerts });
  }
  return runs;
}
