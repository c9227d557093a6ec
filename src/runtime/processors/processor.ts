/**
 * @fileoverview The processors stage: an ordered list of alert transforms between detection
 * and the sinks. A processor may drop, change or add alerts; each sees the output of the
 * one before. Lua plugins will be processors.
 */
import type { Alert } from "../alert.js";

export interface Processor {
  readonly name: string;
  process(batch: readonly Alert[]): readonly Alert[] | Promise<readonly Alert[]>;
}

export async function applyProcessors(processors: readonly Processor[], batch: readonly Alert[]): Promise<readonly Alert[]> {
  let out = batch;
  for (const p of processors) {
    if (out.length === 0) break;
    out = await p.process(out);
  }
  return out;
}
