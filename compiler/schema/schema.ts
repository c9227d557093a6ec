/**
 * @fileoverview The event schema registry's types: fields with stable numeric IDs and
 * types, the timestamp field and format, the entity key, and the predicates that
 * define EQL event categories and Sigma log sources for this event shape.
 */
import type { FieldType } from "../ir/types.js";

export type TimestampFormat = "filetime" | "epoch_s" | "epoch_ms" | "epoch_ns" | "iso8601";

/** Where event time is read: a field and its format. */
export interface TimeSource {
  readonly field: string;
  readonly format: TimestampFormat;
}

/** The primary time field, and fields tried in order when an event lacks it (or holds null). */
export interface TimestampDef extends TimeSource {
  readonly fallbacks?: readonly TimeSource[];
}

export interface FieldDef {
  readonly id: number;
  readonly path: string;
  readonly type: FieldType;
  readonly description?: string;
}

/** `field` equals one of `anyOf` (strings compare case-insensitively). */
export interface Clause {
  readonly field: string;
  readonly anyOf: readonly (string | number | boolean)[];
}

export interface LogSource {
  readonly category?: string;
  readonly product?: string;
  readonly service?: string;
  /** All clauses must hold. */
  readonly where: readonly Clause[];
}

export interface EventSchemaDoc {
  readonly id: string;
  readonly version: string;
  readonly description: string;
  readonly timestamp: TimestampDef;
  /** Fields whose values, joined, partition events by entity (host, process…). */
  readonly entityKey: readonly string[];
  /** EQL event category name → clauses that all must hold. `any` is implicit. */
  readonly categories: Readonly<Record<string, readonly Clause[]>>;
  readonly logsources: readonly LogSource[];
  readonly fields: readonly FieldDef[];
  /**
   * The field an EQL category names when it is not one of `categories` (Elasticsearch:
   * `info where …` is `event.category == "info"`); without it such a category is an error.
   */
  readonly categoryField?: string;
  /** The shipped processing pipeline that runs first for rules built against this schema (pipelines/<name>.yml). */
  readonly pipeline?: string;
  /**
   * Namespaces whose fields the schema cannot list (integrations' free-form objects such as
   * winlog.event_data): any path under `prefix` is a field of `type`, without a warning.
   */
  readonly openNamespaces?: readonly OpenNamespace[];
}

export interface OpenNamespace {
  /** Ends with "."; a path matches when it starts with it. */
  readonly prefix: string;
  readonly type: FieldType;
}

export interface EventSchema extends EventSchemaDoc {
  /** sha256 of the schema document's canonical JSON. */
  readonly hash: string;
  readonly byPath: ReadonlyMap<string, FieldDef>;
  readonly byId: ReadonlyMap<number, FieldDef>;
  /** Set by `--open-fields`: paths the schema does not declare are fields of this type. */
  readonly openFields?: { readonly type: FieldType };
}
