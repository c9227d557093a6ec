/**
 * @fileoverview Inline verdict latency: events fed to `runInline` one line at a time (in
 * this process, no pipes), each timed from the moment its line is handed over to the
 * moment its verdict is written; p50/p99 over the events, with 1 rule and with N
 * generated JSON rules (one of them a block rule). Figures only: nothing asserts a timing.
 */
import { Writable } from "node:stream";
import { compileSources, linkRuleSet } from "../compiler/index.js";
import { FaultLog } from "../src/runtime/faults.js";
import { runInline } from "../src/runtime/inline/inline.js";

export interface LatencyTiming {
  readonly rules: number;
  readonly events: number;
  readonly p50us: number;
  readonly p99us: number;
  readonly blocked: number;
}

/** `count` rules on Windows process fields; rule 0 blocks whoami. */
function rules(count: number): string {
  const fields = ["CommandLine", "Image", "ParentImage", "User", "OriginalFileName"];
  return JSON.stringify(
    Array.from({ length: count }, (_, i) =>
      i === 0
        ? { kestrel: "rule/v1", id: "block-whoami", title: "whoami", action: "block", where: { field: "Image", op: "endswith", value: "\\whoami.exe" } }
        : { kestrel: "rule/v1", id: `r${i}`, title: `r${i}`, where: { field: fields[i % fields.length], op: i % 2 === 0 ? "contains" : "endswith", value: `needle-${i}.exe` } },
    ),
  );
}

export async function timeInlineLatency(ruleCount: number, lines: readonly string[]): Promise<LatencyTiming> {
  const result = compileSources([{ path: "bench-rules.json", read: () => rules(ruleCount) }], { schema: "windows" });
  const built = await linkRuleSet(result, "bench-inline");
  const packages = [{ manifest: built.manifest, module: await WebAssembly.compile(built.wasm as Uint8Array<ArrayBuffer>) }];
  const sent: bigint[] = [];
  const took: number[] = [];
  let blocked = 0;
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      const t = process.hrtime.bigint();
      took.push(Number(t - (sent[took.length] ?? t)) / 1000);
      if (chunk.includes('"block"')) blocked++;
      done();
    },
  });
  const input = {
    name: "<bench>",
    size: () => undefined,
    open: async function* () {
      for (const line of lines) {
        sent.push(process.hrtime.bigint());
        yield Buffer.from(`${line}\n`);
      }
    },
  };
  await runInline({ packages, input, out, sink: { name: "none", write: () => Promise.resolve(), close: () => Promise.resolve() }, warn: () => undefined, faults: new FaultLog(() => undefined), failMode: "open" });
  // The first events pay for tiering up the Wasm; leave them out.
  const steady = took.slice(Math.min(200, took.length >> 2)).sort((a, b) => a - b);
  const at = (q: number): number => steady[Math.min(steady.length - 1, Math.floor(q * steady.length))] ?? 0;
  return { rules: result.ruleSet.rules.length, events: steady.length, p50us: at(0.5), p99us: at(0.99), blocked };
}
