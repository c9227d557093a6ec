/**
 * @fileoverview Links a compiled corpus into Wasm packages through linkRuleSet, in
 * batches so no single module grows unwieldy, and checks every package's bytes with
 * WebAssembly.validate. Rule ids are renumbered per batch (corpora repeat ids).
 */
import { linkRuleSet } from "../../compiler/index.js";
import type { IrRule } from "../../compiler/ir/nodes.js";
import type { EventSchema } from "../../compiler/schema/schema.js";
import { ruleSetOf } from "./run-engines.js";

export const LINK_BATCH = 600;

export interface LinkReport {
  readonly batches: number;
  readonly bytes: number;
  /** One line per batch that threw or failed validation. */
  readonly problems: readonly string[];
}

export async function linkInBatches(rules: readonly IrRule[], schema: EventSchema, label: string): Promise<LinkReport> {
  const problems: string[] = [];
  let bytes = 0;
  let batches = 0;
  for (let at = 0; at < rules.length; at += LINK_BATCH) {
    batches++;
    const batch = rules.slice(at, at + LINK_BATCH).map((r, i) => ({ ...r, id: `r${at + i}` }));
    const what = `${label} batch ${batches} (rules ${at}..${at + batch.length - 1})`;
    const set = ruleSetOf(batch, schema);
    try {
      const built = await linkRuleSet(set, label);
      bytes += built.wasm.length;
      if (!WebAssembly.validate(built.wasm as Uint8Array<ArrayBuffer>)) problems.push(`${what}: WebAssembly.validate rejected the package`);
    } catch (e) {
      problems.push(`${what}: linkRuleSet threw: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return { batches, bytes, problems };
}
