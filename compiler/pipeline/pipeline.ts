/**
 * @fileoverview Processing pipelines, as pySigma has them: ordered, data-driven
 * transformations that run between lowering and field resolution. A frontend names
 * fields as its rule wrote them; the pipelines decide which event paths those names
 * stand for, and which extra conditions a Sigma log source brings, before the schema
 * resolves the paths to field ids. Shipped pipelines live in `pipelines/<name>.yml`; the
 * schema's own (same name as the schema, when there is one) runs first.
 */
import type { Language } from "../ir/nodes.js";
import type { Clause } from "../schema/schema.js";

/** A Sigma log source pattern: each key given must equal the rule's (case-insensitively). */
export interface LogsourcePattern {
  readonly category?: string | undefined;
  readonly product?: string | undefined;
  readonly service?: string | undefined;
}

/** When an item applies: to rules in these languages, with a log source matching this pattern. Absent parts match every rule. */
export interface ItemScope {
  readonly languages?: readonly Language[];
  readonly logsource?: LogsourcePattern;
}

/** Field name → the event paths it stands for, in order (one-to-many: "any of these paths"). */
export type FieldMapping = ReadonlyMap<string, readonly string[]>;

export type PipelineItem =
  /** Renames fields; a name mapped to several paths matches when any of them does. */
  | { readonly kind: "field_mapping"; readonly id: string; readonly scope: ItemScope; readonly mapping: FieldMapping }
  /**
   * Another shape of event that a Sigma log source also stands for: its own conditions
   * and field names. A rule on that log source matches the schema's events for it, or
   * this variant's events with the rule's fields renamed by `mapping` (e.g. Security
   * 4688 for process_creation, with Image read from NewProcessName).
   */
  | { readonly kind: "logsource_variant"; readonly id: string; readonly logsource: LogsourcePattern; readonly where: readonly Clause[]; readonly mapping: FieldMapping }
  /** Puts `prefix` before every path that is still a bare name (no dot): the rest of a taxonomy's fields, under one object (EVTX's Event.EventData.). */
  | { readonly kind: "field_prefix"; readonly id: string; readonly scope: ItemScope; readonly prefix: string }
  /** What Sigma's `expand` modifier puts in place of each `%name%` placeholder: any of these values. */
  | { readonly kind: "value_placeholders"; readonly id: string; readonly scope: ItemScope; readonly values: ReadonlyMap<string, readonly string[]> }
  /**
   * A Sigma log source that neither the schema nor a variant knows matches every event:
   * the rule's detection alone decides, as pySigma does without a pipeline. For logs in
   * their product's own JSON shape (CloudTrail, Okta, GitHub audit…), whose field names
   * are the ones the rules use.
   */
  | { readonly kind: "logsource_fallback"; readonly id: string; readonly scope: ItemScope }
  /** Conditions (all must hold) AND'ed into every rule in scope. */
  | { readonly kind: "add_condition"; readonly id: string; readonly scope: ItemScope; readonly where: readonly Clause[] };

export type PipelineItemKind = PipelineItem["kind"];

export interface ProcessingPipeline {
  readonly name: string;
  /** The file it was read from (for messages and the package cache key). */
  readonly origin: string;
  /** sha256 of the file's text. */
  readonly hash: string;
  readonly items: readonly PipelineItem[];
}
