/**
 * @fileoverview The Sigma AST: a file's documents (detection rules and correlations),
 * their metadata, log sources, search identifiers and parsed conditions, every node
 * with a file span. Plain data, kind-tagged; values are
 * kept as written (modifiers unapplied) so lowering owns all semantics.
 */
import type { CorrelationBound, CorrelationType } from "../../ir/nodes.js";
import type { Span } from "../../source/span.js";

export interface Located<T> {
  readonly value: T;
  readonly span: Span;
}

/** A Sigma file: one YAML document, or several separated by `---` (rules and correlations). */
export interface SigmaFile {
  readonly docs: readonly SigmaDoc[];
}

export type SigmaDoc = SigmaRule | SigmaCorrelation | SigmaFilter;

/** What every Sigma document says about itself. */
export interface SigmaMeta {
  readonly title: Located<string>;
  readonly id: Located<string> | undefined;
  /** The spec's `name`: how correlations refer to a rule besides its id. */
  readonly name: Located<string> | undefined;
  readonly level: Located<string> | undefined;
  readonly status: string | undefined;
  readonly description: string;
  readonly author: readonly string[];
  readonly tags: readonly string[];
  readonly references: readonly string[];
  readonly falsepositives: readonly string[];
  /** The custom field `kestrel_action` (Sigma's own `action` is a rule-collection directive). */
  readonly action: Located<string> | undefined;
}

export interface SigmaRule extends SigmaMeta {
  readonly kind: "rule";
  readonly logsource: Logsource;
  readonly detection: Detection;
}

/** A correlation document (`correlation:`); its semantics are the IR's `correlation` query's. */
export interface SigmaCorrelation extends SigmaMeta {
  readonly kind: "correlation";
  readonly type: Located<CorrelationType>;
  /** Referenced rules, by id or name, in order. */
  readonly rules: readonly Located<string>[];
  readonly groupBy: readonly Located<string>[];
  readonly timespanMs: number;
  /** Empty when the document has none. */
  readonly condition: readonly CorrelationBound[];
  readonly field: Located<string> | undefined;
  readonly aliases: readonly CorrelationAlias[];
  /** Whether the referenced rules also alert on their own. */
  readonly generate: boolean;
  /** The `correlation` key. */
  readonly span: Span;
}

/**
 * A filter document (`filter:`): its log source and detection (the search identifiers and
 * condition inside `filter`) are ANDed as a NOT onto every referenced rule.
 */
export interface SigmaFilter extends SigmaMeta {
  readonly kind: "filter";
  readonly logsource: Logsource;
  readonly detection: Detection;
  /** Referenced rules, by id or name. */
  readonly rules: readonly Located<string>[];
}

/** An alias of `group-by`: per referenced rule (as `rules` names it), the field it stands for. */
export interface CorrelationAlias {
  readonly alias: Located<string>;
  readonly fields: readonly { readonly rule: Located<string>; readonly field: Located<string> }[];
}

export interface Logsource {
  readonly category: string | undefined;
  readonly product: string | undefined;
  readonly service: string | undefined;
  /** The `logsource` key. */
  readonly span: Span;
}

export interface Detection {
  readonly identifiers: readonly SearchIdentifier[];
  /** One or more conditions (a YAML list of conditions is OR'ed). */
  readonly conditions: readonly Condition[];
}

export interface SearchIdentifier {
  readonly name: string;
  readonly nameSpan: Span;
  readonly body: SearchBody;
}

export type SearchBody =
  /** A map: every field match must hold. */
  | { readonly kind: "fields"; readonly matches: readonly FieldMatch[]; readonly span: Span }
  /** A list of maps: any of them. */
  | { readonly kind: "anyOf"; readonly bodies: readonly SearchBody[]; readonly span: Span }
  /** Values without a field (full-text keyword search). */
  | { readonly kind: "keywords"; readonly values: readonly SigmaValue[]; readonly modifiers: readonly Modifier[]; readonly span: Span };

export interface Modifier {
  readonly name: string;
  readonly span: Span;
}

export interface FieldMatch {
  readonly field: string;
  readonly fieldSpan: Span;
  /** The whole key, `Field|mod1|mod2`. */
  readonly keySpan: Span;
  readonly modifiers: readonly Modifier[];
  readonly values: readonly SigmaValue[];
  /** Whether the values were written as a YAML list. */
  readonly list: boolean;
}

export type SigmaValue =
  | { readonly kind: "string"; readonly value: string; readonly span: Span }
  /** `text` is the spelling in the file (`0x17`), `value` its exact integer. */
  | { readonly kind: "int"; readonly value: bigint; readonly text: string; readonly span: Span }
  | { readonly kind: "float"; readonly value: number; readonly text: string; readonly span: Span }
  | { readonly kind: "bool"; readonly value: boolean; readonly span: Span }
  | { readonly kind: "null"; readonly span: Span };

export interface Condition {
  readonly expr: CondExpr;
  readonly span: Span;
}

export type Quantifier = "any" | "all";

export type CondExpr =
  | { readonly kind: "or"; readonly terms: readonly CondExpr[]; readonly span: Span }
  | { readonly kind: "and"; readonly terms: readonly CondExpr[]; readonly span: Span }
  | { readonly kind: "not"; readonly term: CondExpr; readonly span: Span }
  | { readonly kind: "ref"; readonly name: string; readonly span: Span }
  /** `1 of them` / `all of them`: every identifier not starting with `_`. */
  | { readonly kind: "ofThem"; readonly quantifier: Quantifier; readonly span: Span }
  /** `1 of sel*` / `all of sel*`: identifiers matching a `*` pattern. */
  | { readonly kind: "ofPattern"; readonly quantifier: Quantifier; readonly pattern: string; readonly span: Span };
