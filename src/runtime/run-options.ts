/**
 * @fileoverview The options every run mode takes (batch `runPipeline`, `runInline`):
 * packages, delivery, the optional line stage, state caps and the input region.
 */
import type { DeliveryOptions } from "./delivery.js";
import type { StoreCaps } from "./detect/window-store.js";
import type { LineStage } from "./line-stage.js";

export interface StageOptions extends DeliveryOptions {
  /** Sees each line batch before it is scanned (Lua enrich/detect). */
  readonly lineStage?: LineStage;
  readonly caps?: StoreCaps;
  /** The longest line, and the largest batch. */
  readonly inputCapacity?: number;
}
