/**
 * @fileoverview `--schema auto`: the schema inferred (compiler/schema/infer.ts) from the first
 * events of the event files, read once more from the start. Piped stdin can be read only
 * once, so auto needs files; `kestrel schema infer` on a sample serves stdin users.
 */
import { Flags } from "@oclif/core";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { DEFAULT_INFER_EVENTS, inferSchema } from "../../compiler/schema/infer.js";
import type { EventSchema, EventSchemaDoc } from "../../compiler/schema/schema.js";
import type { EventInput } from "../runtime/source.js";

const AUTO_SCHEMA = "auto";

/** Why `--schema auto` cannot be used here (a usage error). */
export class AutoSchemaError extends Error {}

export const inferFlags = {
  "infer-events": Flags.integer({ summary: `Events read to infer a schema (--schema auto; default ${DEFAULT_INFER_EVENTS}).`, min: 1 }),
  "category-field": Flags.string({ summary: "The field whose values are EQL event categories (default: event.category if present, else event_type)." }),
};

export interface InferFlagValues {
  readonly "infer-events"?: number | undefined;
  readonly "category-field"?: string | undefined;
}

/** The first `limit` JSON-object lines of the inputs, in order; other lines are skipped. */
export async function sampleEvents(inputs: readonly EventInput[], limit: number): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const input of inputs) {
    if (out.length >= limit) break;
    const stream = Readable.from(input.open());
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    for await (const line of lines) {
      try {
        const v: unknown = JSON.parse(line);
        if (typeof v === "object" && v !== null && !Array.isArray(v)) out.push(v as Record<string, unknown>);
      } catch {
        // Not an event; the run reports it in its place.
      }
      if (out.length >= limit) break;
    }
    lines.close();
    stream.destroy();
  }
  return out;
}

export async function inferDoc(inputs: readonly EventInput[], flags: InferFlagValues): Promise<EventSchemaDoc> {
  const events = await sampleEvents(inputs, flags["infer-events"] ?? DEFAULT_INFER_EVENTS);
  return inferSchema(events, flags["category-field"] === undefined ? {} : { categoryField: flags["category-field"] });
}

/** The `--schema` value as compile options take it: a name or path unchanged, or `auto` inferred from the inputs (AutoSchemaError when they are piped). */
export async function schemaFor(schema: string, inputs: readonly EventInput[], flags: InferFlagValues): Promise<string | EventSchema> {
  return schema === AUTO_SCHEMA ? autoSchema(inputs, flags) : schema;
}

async function autoSchema(inputs: readonly EventInput[], flags: InferFlagValues): Promise<EventSchema> {
  if (inputs.some((i) => i.size() === undefined)) throw new AutoSchemaError("--schema auto reads the events twice, so it needs event files, not piped input; infer a schema from a sample with `kestrel schema infer` and pass it with --schema <file>");
  // Loaded here, not at start-up (every command's imports load with the CLI): it brings the schema validator.
  const { indexSchema } = await import("../../compiler/schema/load.js");
  return indexSchema(await inferDoc(inputs, flags), "auto (inferred)");
}
