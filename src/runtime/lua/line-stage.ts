/**
 * @fileoverview Lua's line stage: parse the batch's lines once, run the enrichers, run the
 * detectors over the enriched events, and hand the engine the batch with only the changed
 * lines re-serialised. Exists only when a plugin defines enrich or detect, so runs
 * without them never parse lines in JS.
 */
import type { FaultLog } from "../faults.js";
import type { LineBatch } from "../framing.js";
import type { LineStage, StagedBatch } from "../line-stage.js";
import { runDetectors } from "./detect.js";
import { runEnrichers } from "./enrich.js";
import { batchEvents, rebuild } from "./events.js";
import type { LuaPlugin } from "./plugin.js";

export class LuaLineStage implements LineStage {
  private readonly enrichers: readonly LuaPlugin[];
  private readonly detectors: readonly LuaPlugin[];

  constructor(
    plugins: readonly LuaPlugin[],
    /** The engine's input region: an enriched batch must still fit. */
    private readonly capacity: number,
    private readonly log: FaultLog,
  ) {
    this.enrichers = plugins.filter((p) => p.hooks.has("enrich"));
    this.detectors = plugins.filter((p) => p.hooks.has("detect"));
  }

  static wanted(plugins: readonly LuaPlugin[]): boolean {
    return plugins.some((p) => p.hooks.has("enrich") || p.hooks.has("detect"));
  }

  run(batch: LineBatch): Promise<StagedBatch> {
    const events = batchEvents(batch);
    runEnrichers(this.enrichers, events);
    const alerts = runDetectors(this.detectors, events, batch.source);
    let out = rebuild(batch, events);
    if (out.bytes.length > this.capacity) {
      this.log.report(`kestrel: ${batch.source}:${batch.firstLine}: enriched batch exceeds the ${this.capacity}-byte input region; scanned without enrichment`);
      out = batch;
    }
    return Promise.resolve({ batch: out, alerts });
  }
}
