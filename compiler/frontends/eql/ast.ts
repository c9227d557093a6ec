/**
 * @fileoverview The EQL AST: plain, readonly, kind-tagged data with spans, built from
 * the CST by to-ast.ts and printed by print-ast.ts. It keeps everything the parser
 * accepts (sequences, pipes, arithmetic…) so lowering can reject unsupported
 * features with a located diagnostic instead of a syntax error.
 */
import type { RuleAction, Severity } from "../../ir/nodes.js";
import type { Span } from "../../source/span.js";

/** A value with the span of the text it came from. */
export interface Located<T> {
  readonly value: T;
  readonly span: Span;
}

/** The leading comment block's `key: value` lines, already checked. */
export interface EqlMetadata {
  readonly id?: Located<string>;
  readonly name?: Located<string>;
  readonly severity?: Located<Severity>;
  readonly author: readonly string[];
  readonly tags: readonly string[];
  readonly references: readonly string[];
  readonly falsePositives: readonly string[];
  readonly action?: Located<RuleAction>;
  readonly description?: Located<string>;
}

/** One `.eql` file: metadata, exactly one query, and its pipes. */
export interface EqlFile {
  readonly kind: "file";
  readonly path: string;
  readonly metadata: EqlMetadata;
  readonly query: EqlQuery;
  readonly pipes: readonly EqlPipe[];
  readonly span: Span;
}

export type EqlQuery = EqlEventQuery | EqlMultiQuery;

/** `process where …`; `category` is "any" for `any where …`. */
export interface EqlEventQuery {
  readonly kind: "event";
  readonly category: Located<string>;
  readonly condition: EqlExpr;
  readonly span: Span;
}

/** `sequence`, `join` and `sample`: parsed, not lowered yet. */
export interface EqlMultiQuery {
  readonly kind: "sequence" | "join" | "sample";
  /** Span of the leading keyword. */
  readonly keyword: Span;
  readonly by: readonly EqlExpr[];
  readonly with: readonly EqlWith[];
  readonly terms: readonly EqlSubquery[];
  readonly until?: EqlSubquery;
  readonly span: Span;
}

/** `[process where …] by x with runs=2`, or `![…]` for a missing event. */
export interface EqlSubquery {
  readonly kind: "subquery";
  readonly missing: boolean;
  readonly query: EqlEventQuery;
  readonly by: readonly EqlExpr[];
  readonly with?: EqlWith;
  readonly span: Span;
}

/** `with maxspan=5m`, `with runs=3`: number kept as text, unit optional. */
export interface EqlWith {
  readonly kind: "with";
  readonly key: string;
  readonly value: string;
  readonly unit?: string;
  readonly span: Span;
}

/** `| head 5`, `| filter …`, `| unique a, b`. */
export interface EqlPipe {
  readonly kind: "pipe";
  readonly name: string;
  readonly args: readonly EqlExpr[];
  readonly span: Span;
}

export type CompareOp = "==" | "!=" | "<" | "<=" | ">" | ">=";
/** `in` covers `not in` (negated); the rest take one value or a list. */
export type MatchOp = ":" | "like" | "regex" | "in";
export type ArithOp = "+" | "-" | "*" | "/" | "%";

export type EqlExpr =
  | { readonly kind: "and"; readonly terms: readonly EqlExpr[]; readonly span: Span }
  | { readonly kind: "or"; readonly terms: readonly EqlExpr[]; readonly span: Span }
  | { readonly kind: "not"; readonly term: EqlExpr; readonly span: Span }
  | { readonly kind: "compare"; readonly op: CompareOp; readonly left: EqlExpr; readonly right: EqlExpr; readonly span: Span }
  | {
      readonly kind: "match";
      readonly op: MatchOp;
      /** The `~` form (`in~`, `like~`, `regex~`); always true for `:`. */
      readonly caseInsensitive: boolean;
      /** `not in`. */
      readonly negated: boolean;
      readonly left: EqlExpr;
      readonly values: readonly EqlExpr[];
      /** The values were written as a parenthesized list. */
      readonly list: boolean;
      readonly span: Span;
    }
  | { readonly kind: "arith"; readonly op: ArithOp; readonly left: EqlExpr; readonly right: EqlExpr; readonly span: Span }
  | { readonly kind: "neg"; readonly term: EqlExpr; readonly span: Span }
  /** `startsWith~(…)`: `name` is as written, without the `~`. */
  | { readonly kind: "call"; readonly name: Located<string>; readonly caseInsensitive: boolean; readonly args: readonly EqlExpr[]; readonly span: Span }
  /** `path` joins the dotted parts; backtick-quoted parts are unquoted. `?field` is optional. */
  | { readonly kind: "field"; readonly path: string; readonly optional: boolean; readonly span: Span }
  | { readonly kind: "string"; readonly value: string; readonly span: Span }
  /** Integers keep their exact decimal text (i64 never passes through a JS number). */
  | { readonly kind: "int"; readonly text: string; readonly span: Span }
  | { readonly kind: "float"; readonly text: string; readonly span: Span }
  | { readonly kind: "bool"; readonly value: boolean; readonly span: Span }
  | { readonly kind: "null"; readonly span: Span };

export type EqlExprKind = EqlExpr["kind"];
