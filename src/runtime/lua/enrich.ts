/**
 * @fileoverview The `enrich` hook: each enricher, in order, gets the batch's events as one
 * list (`enrich(events)`) and returns patches (see patches.ts) that add or replace fields.
 * Patches are merged into the events in JS, so the next enricher and `detect` see them.
 * A faulty or malformed answer changes nothing.
 */
import type { BatchEvent } from "./events.js";
import type { JsonValue } from "./marshal.js";
import { mergeInto, patchesOf, type Patch } from "./patches.js";
import type { LuaPlugin } from "./plugin.js";

export function runEnrichers(plugins: readonly LuaPlugin[], events: readonly BatchEvent[]): void {
  const parsed = events.filter((e): e is BatchEvent & { value: Patch } => e.value !== undefined);
  if (parsed.length === 0) return;
  for (const plugin of plugins) {
    const out = plugin.invoke("enrich", parsed.map((e): JsonValue => e.value));
    if (out === undefined) continue;
    const patches = patchesOf(out, parsed.length);
    if (typeof patches === "string") {
      plugin.fault("enrich", patches);
      continue;
    }
    for (const [i, patch] of patches) {
      const e = parsed[i];
      if (e === undefined) continue;
      mergeInto(e.value, patch);
      e.changed = true;
    }
  }
}
