/**
 * @fileoverview The AST of Kestrel JSON rules (schemas/rule.schema.json): a file holds
 * rules; a rule's `where` is a tree of all / any / not / field predicates. Built only
 * from documents that passed the schema, so shapes here are guaranteed; names and
 * types are checked when lowering. Every node keeps its span and its JSON path.
 */
import type { RuleAction, Severity } from "../../ir/nodes.js";
import type { Span } from "../../source/span.js";
import type { JNode } from "./read.js";

export interface JsonRuleFile {
  readonly rules: readonly JsonRule[];
}

export interface JsonRule {
  readonly id: string;
  /** The `id` value, where a duplicate id is reported. */
  readonly idSpan: Span;
  readonly title: string;
  readonly severity: Severity;
  readonly author: readonly string[];
  readonly tags: readonly string[];
  readonly references: readonly string[];
  readonly falsePositives: readonly string[];
  readonly action: RuleAction;
  readonly description: string;
  readonly category: { readonly name: string; readonly span: Span } | undefined;
  readonly where: Predicate;
  readonly threshold: Threshold | undefined;
  /** The rule object. */
  readonly span: Span;
}

export interface Threshold {
  readonly by: readonly { readonly name: string; readonly span: Span }[];
  readonly count: number;
  readonly windowMs: number;
  readonly span: Span;
}

export const leafOps = [
  "eq", "ne", "lt", "le", "gt", "ge",
  "startswith", "endswith", "contains", "wildcard", "regex",
  "cidr", "in", "exists",
  "len_eq", "len_ne", "len_lt", "len_le", "len_gt", "len_ge",
] as const;
export type LeafOp = (typeof leafOps)[number];

export type Predicate =
  | { readonly kind: "all"; readonly terms: readonly Predicate[]; readonly path: string }
  | { readonly kind: "any"; readonly terms: readonly Predicate[]; readonly path: string }
  | { readonly kind: "not"; readonly term: Predicate; readonly path: string }
  | {
      readonly kind: "leaf";
      readonly field: string;
      readonly fieldSpan: Span;
      readonly op: LeafOp;
      readonly opSpan: Span;
      /** Absent only for `exists`. */
      readonly value: JNode | undefined;
      readonly caseInsensitive: boolean;
      /** JSON path for diagnostics' context, e.g. `where.all[1]`. */
      readonly path: string;
      readonly span: Span;
    };
