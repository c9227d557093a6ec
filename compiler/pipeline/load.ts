/**
 * @fileoverview Loads a processing pipeline by shipped name (`pipelines/<name>.yml`) or
 * file path, checks it against `schemas/pipeline.schema.json`, and turns it into typed
 * items. A YAML error is reported at its line:col; a structural one at its JSON path.
 */
import { existsSync, readFileSync } from "node:fs";
import { parse, YAMLParseError } from "yaml";
import type { Language } from "../ir/nodes.js";
import type { Clause } from "../schema/schema.js";
import { assertNever } from "../util/assert-never.js";
import { sha256 } from "../util/hash.js";
import { shippedValidator } from "../util/json-schema.js";
import { describeErrors } from "../util/schema-errors.js";
import { pipelineFile, shippedPipelines } from "./locate.js";
import type { FieldMapping, ItemScope, LogsourcePattern, PipelineItem, ProcessingPipeline } from "./pipeline.js";

export class PipelineError extends Error {}

const loaded = new Map<string, ProcessingPipeline>();

export function loadPipeline(nameOrPath: string): ProcessingPipeline {
  const file = pipelineFile(nameOrPath);
  const cached = loaded.get(file);
  if (cached !== undefined) return cached;
  if (!existsSync(file)) throw new PipelineError(`Unknown pipeline '${nameOrPath}' (expected ${shippedPipelines().join(", ")} or a pipeline file).`);
  const text = readFileSync(file, "utf8");
  const pipeline = parsePipeline(text, file);
  loaded.set(file, pipeline);
  return pipeline;
}

interface ItemDoc {
  readonly id: string;
  readonly type: PipelineItem["kind"];
  readonly languages?: readonly Language[];
  readonly logsource?: LogsourcePattern;
  readonly mapping?: Readonly<Record<string, string | readonly string[]>>;
  readonly prefix?: string;
  readonly values?: Readonly<Record<string, string | number | readonly (string | number)[]>>;
  readonly conditions?: Readonly<Record<string, string | number | boolean | readonly (string | number | boolean)[]>>;
}

export function parsePipeline(text: string, origin: string): ProcessingPipeline {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (e) {
    if (e instanceof YAMLParseError) {
      const at = e.linePos?.[0];
      throw new PipelineError(`${origin}${at === undefined ? "" : `:${at.line}:${at.col}`}: invalid pipeline YAML: ${e.message.split("\n")[0] ?? ""}`);
    }
    throw e;
  }
  const validate = shippedValidator("pipeline");
  if (!validate(doc)) throw new PipelineError(`${origin}: invalid pipeline: ${describeErrors(validate.errors)}`);
  const d = doc as { name: string; transformations: readonly ItemDoc[] };
  const seen = new Set<string>();
  for (const t of d.transformations) {
    if (seen.has(t.id)) throw new PipelineError(`${origin}: invalid pipeline: two transformations have the id '${t.id}'`);
    seen.add(t.id);
  }
  return { name: d.name, origin, hash: sha256(text), items: d.transformations.map(toItem) };
}

function toItem(t: ItemDoc): PipelineItem {
  const scope: ItemScope = { ...(t.languages === undefined ? {} : { languages: t.languages }), ...(t.logsource === undefined ? {} : { logsource: t.logsource }) };
  switch (t.type) {
    case "field_mapping":
      return { kind: "field_mapping", id: t.id, scope, mapping: toMapping(t.mapping) };
    case "logsource_variant":
      return { kind: "logsource_variant", id: t.id, logsource: t.logsource ?? {}, where: toClauses(t.conditions), mapping: toMapping(t.mapping) };
    case "field_prefix":
      return { kind: "field_prefix", id: t.id, scope, prefix: t.prefix ?? "" };
    case "value_placeholders":
      return { kind: "value_placeholders", id: t.id, scope, values: new Map(Object.entries(t.values ?? {}).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map(String)])) };
    case "logsource_fallback":
      return { kind: "logsource_fallback", id: t.id, scope };
    case "add_condition":
      return { kind: "add_condition", id: t.id, scope, where: toClauses(t.conditions) };
    default:
      return assertNever(t.type);
  }
}

function toMapping(m: ItemDoc["mapping"]): FieldMapping {
  return new Map(Object.entries(m ?? {}).map(([k, v]) => [k, typeof v === "string" ? [v] : [...v]]));
}

function toClauses(c: ItemDoc["conditions"]): Clause[] {
  return Object.entries(c ?? {}).map(([field, v]) => ({ field, anyOf: Array.isArray(v) ? [...(v as readonly (string | number | boolean)[])] : [v as string | number | boolean] }));
}
