/**
 * @fileoverview What the pipelines make of one rule: the event paths each of its field
 * names stands for, the log-source variants it also matches, and the conditions added to
 * it. Frontends ask through these functions; the schema then resolves the paths.
 */
import type { Language } from "../ir/nodes.js";
import type { Clause } from "../schema/schema.js";
import { assertNever } from "../util/assert-never.js";
import type { FieldMapping, ItemScope, LogsourcePattern, ProcessingPipeline } from "./pipeline.js";

const logsourceKeys = ["category", "product", "service"] as const;

/** Each key the pattern gives equals the rule's, ignoring case. */
export function logsourceMatches(pattern: LogsourcePattern, ls: LogsourcePattern | undefined): boolean {
  return logsourceKeys.every((k) => pattern[k] === undefined || pattern[k].toLowerCase() === ls?.[k]?.toLowerCase());
}

/** The rule a name is resolved for: its language and, for Sigma, its log source. */
export interface RuleScope {
  readonly language: Language;
  readonly logsource?: LogsourcePattern;
}

function inScope(scope: ItemScope, rule: RuleScope): boolean {
  if (scope.languages !== undefined && !scope.languages.includes(rule.language)) return false;
  return scope.logsource === undefined || (rule.logsource !== undefined && logsourceMatches(scope.logsource, rule.logsource));
}

function isBareName(path: string): boolean {
  return !path.includes(".");
}

/** One pipeline step a name went through, for messages ("mapped from 'Image' by windows/4688"). */
export interface Mapped {
  readonly paths: readonly string[];
  /** The pipeline/transformation ids that renamed it, in order; empty when unchanged. */
  readonly by: readonly string[];
}

/** Maps a rule's field names to event paths: the log-source variant's mapping first, then each pipeline's field mappings in scope, in order. */
export class FieldNames {
  constructor(
    private readonly pipelines: readonly ProcessingPipeline[],
    private readonly rule: RuleScope,
    private readonly variant?: { readonly id: string; readonly mapping: FieldMapping },
  ) {}

  /** The same pipelines for a Sigma rule's log source. */
  forLogsource(logsource: LogsourcePattern): FieldNames {
    return new FieldNames(this.pipelines, { ...this.rule, logsource });
  }

  /** The same, inside one log-source variant, whose mapping applies first. */
  withVariant(id: string, mapping: FieldMapping): FieldNames {
    return new FieldNames(this.pipelines, this.rule, { id, mapping });
  }

  /** A placeholder's values for this rule (`expand`). */
  placeholder(name: string): readonly string[] | undefined {
    return placeholderValues(this.pipelines, this.rule, name);
  }

  map(name: string): Mapped {
    let paths: readonly string[] = [name];
    const by: string[] = [];
    const apply = (id: string, mapping: FieldMapping): void => {
      if (!paths.some((p) => mapping.has(p))) return;
      paths = [...new Set(paths.flatMap((p) => mapping.get(p) ?? [p]))];
      by.push(id);
    };
    if (this.variant !== undefined) apply(this.variant.id, this.variant.mapping);
    for (const p of this.pipelines) {
      for (const item of p.items) {
        if (item.kind === "field_mapping" && inScope(item.scope, this.rule)) apply(`${p.name}/${item.id}`, item.mapping);
        if (item.kind === "field_prefix" && inScope(item.scope, this.rule) && paths.some(isBareName)) {
          paths = [...new Set(paths.map((path) => (isBareName(path) ? item.prefix + path : path)))];
          by.push(`${p.name}/${item.id}`);
        }
      }
    }
    return { paths, by };
  }
}

export interface LogsourceVariant {
  /** pipeline/transformation */
  readonly id: string;
  readonly where: readonly Clause[];
  readonly mapping: FieldMapping;
}

/** The pipelines' variants of a Sigma log source, in pipeline order. */
export function logsourceVariants(pipelines: readonly ProcessingPipeline[], ls: LogsourcePattern): LogsourceVariant[] {
  return pipelines.flatMap((p) =>
    p.items.flatMap((item) => (item.kind === "logsource_variant" && logsourceMatches(item.logsource, ls) ? [{ id: `${p.name}/${item.id}`, where: item.where, mapping: item.mapping }] : [])),
  );
}

/** A placeholder's values for a rule (`expand`): the last definition in scope wins, so a user pipeline overrides a shipped one. */
export function placeholderValues(pipelines: readonly ProcessingPipeline[], rule: RuleScope, name: string): readonly string[] | undefined {
  let found: readonly string[] | undefined;
  for (const p of pipelines) for (const item of p.items) if (item.kind === "value_placeholders" && inScope(item.scope, rule)) found = item.values.get(name) ?? found;
  return found;
}

/** The pipeline/transformation that lets an unknown Sigma log source match every event, if one is in scope. */
export function logsourceFallback(pipelines: readonly ProcessingPipeline[], rule: RuleScope): string | undefined {
  for (const p of pipelines) for (const item of p.items) if (item.kind === "logsource_fallback" && inScope(item.scope, rule)) return `${p.name}/${item.id}`;
  return undefined;
}

/** The conditions the pipelines add to a rule: one list of clauses per add_condition in scope. */
export function addedConditions(pipelines: readonly ProcessingPipeline[], rule: RuleScope): (readonly Clause[])[] {
  return pipelines.flatMap((p) => p.items.flatMap((item) => (item.kind === "add_condition" && inScope(item.scope, rule) ? [item.where] : [])));
}

/** Every field a pipeline's conditions name, with where it is named, so a build can check them against its schema up front. */
export function conditionFields(p: ProcessingPipeline): { field: string; item: string }[] {
  return p.items.flatMap((item) => {
    switch (item.kind) {
      case "field_mapping":
      case "field_prefix":
      case "value_placeholders":
      case "logsource_fallback":
        return [];
      case "logsource_variant":
      case "add_condition":
        return item.where.map((c) => ({ field: c.field, item: item.id }));
      default:
        return assertNever(item);
    }
  });
}
