/**
 * @fileoverview The cost of one JS→Lua call per batch: an `enrich` that returns nothing,
 * called with batches of 1, 100 and 1,000 events (the events copied into Lua each time),
 * and a call with an empty batch (the fixed cost). Figures only.
 */
import { LuaSandbox } from "../src/runtime/lua/sandbox.js";

export interface LuaCallTiming {
  readonly batch: number;
  readonly perCallUs: number;
  readonly perEventUs: number;
}

export async function timeLuaCalls(events: readonly object[], sizes: readonly number[] = [0, 1, 100, 1000]): Promise<LuaCallTiming[]> {
  const sandbox = await LuaSandbox.create({ instructions: 50_000_000, memoryBytes: 64 << 20 });
  sandbox.load("function enrich(events) local n = 0 for i, e in ipairs(events) do n = n + 1 end end", "=bench");
  const out: LuaCallTiming[] = [];
  for (const size of sizes) {
    const batch = Array.from({ length: size }, (_, i) => events[i % events.length]);
    const calls = Math.max(20, Math.floor(20_000 / Math.max(1, size)));
    for (let i = 0; i < 5; i++) sandbox.call("enrich", batch);
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) sandbox.call("enrich", batch);
    const us = Number(process.hrtime.bigint() - t0) / 1000 / calls;
    out.push({ batch: size, perCallUs: us, perEventUs: size === 0 ? 0 : us / size });
  }
  sandbox.close();
  return out;
}
