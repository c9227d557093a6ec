/**
 * @fileoverview An optional stage between framing and the engine that sees whole line
 * batches: it may rewrite a batch's lines (same count, same numbers) before they are
 * scanned, and raise alerts of its own, which are delivered with that batch's rule alerts.
 * Lua plugins' `enrich` and `detect` hooks are one (src/runtime/lua/line-stage.ts).
 */
import type { Alert } from "./alert.js";
import type { LineBatch } from "./framing.js";

export interface StagedBatch {
  /** What to scan: the batch itself or a copy with rewritten lines. */
  readonly batch: LineBatch;
  readonly alerts: readonly Alert[];
}

export interface LineStage {
  run(batch: LineBatch): Promise<StagedBatch>;
}
