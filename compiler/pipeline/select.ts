/**
 * @fileoverview The pipelines a build runs: the schema's own (its `pipeline`, a shipped
 * one), then those the user names, in order. Their
 * conditions must name fields the schema declares; that is checked here, once, so a
 * pipeline mistake is one clear error instead of one per rule.
 */
import type { Language } from "../ir/nodes.js";
import type { EventSchema } from "../schema/schema.js";
import { loadPipeline, PipelineError } from "./load.js";
import { conditionFields, FieldNames } from "./names.js";
import type { ProcessingPipeline } from "./pipeline.js";

export function pipelinesFor(schema: EventSchema, named: readonly (string | ProcessingPipeline)[]): ProcessingPipeline[] {
  const own = schema.pipeline === undefined ? [] : [loadPipeline(schema.pipeline)];
  const list: ProcessingPipeline[] = [];
  for (const p of [...own, ...named.map((n) => (typeof n === "string" ? loadPipeline(n) : n))]) {
    if (!list.some((q) => q.origin === p.origin)) list.push(p);
  }
  for (const p of list) {
    for (const { field, item } of conditionFields(p)) {
      if (!schema.byPath.has(field)) throw new PipelineError(`${p.origin}: transformation '${item}' names field '${field}', which schema '${schema.id}' does not declare`);
    }
  }
  return list;
}

/** What lowering a file in `language` takes from the build's pipelines (the LowerContext's `pipelines` and `names`). */
export function pipelineScope(pipelines: readonly ProcessingPipeline[], language: Language): { readonly pipelines: readonly ProcessingPipeline[]; readonly names: FieldNames } {
  return { pipelines, names: new FieldNames(pipelines, { language }) };
}
