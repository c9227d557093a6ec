/**
 * @fileoverview The contract every rule language implements: parse text into its own
 * AST (collecting diagnostics, never throwing on bad input), then lower that AST into
 * shared IR rules, type-checked against the event schema.
 */
import type { DiagnosticBag } from "../diagnostics/diagnostic.js";
import type { IrRule, Language } from "../ir/nodes.js";
import type { FieldNames } from "../pipeline/names.js";
import type { ProcessingPipeline } from "../pipeline/pipeline.js";
import type { EventSchema } from "../schema/schema.js";
import type { SourceFile } from "../source/source-file.js";
import type { LinkSink } from "./sigma/link.js";

/**
 * EQL's two dialects: `elastic` (Elasticsearch: `==` is exact and case-sensitive, `:` folds
 * case) and `endgame` (the reference engine: `==`, `in` and the string functions fold case;
 * a maxspan under one second is 0). Both lower into the same IR.
 */
export type EqlDialect = "elastic" | "endgame";
export const eqlDialects: readonly EqlDialect[] = ["elastic", "endgame"];

export interface LowerContext {
  readonly schema: EventSchema;
  readonly bag: DiagnosticBag;
  readonly file: SourceFile;
  /** For EQL; elastic when absent. */
  readonly dialect?: EqlDialect;
  /** The processing pipelines, in order (none when absent). */
  readonly pipelines?: readonly ProcessingPipeline[];
  /** How the pipelines map this rule's field names (identity when absent). */
  readonly names?: FieldNames;
  /** Where Sigma leaves what only the whole build resolves (correlations, rule names); dropped when absent. */
  readonly link?: LinkSink;
}

export interface Frontend<Ast> {
  readonly language: Language;
  /** File extensions this frontend claims, with the dot. */
  readonly extensions: readonly string[];
  /** undefined when there is nothing to lower: the text could not be parsed, or holds a rule the frontend skips; the reasons (errors, or a warning) are in `bag`. */
  parse(file: SourceFile, bag: DiagnosticBag): Ast | undefined;
  /** Rules lowered from the AST; rules with errors are left out and reported in ctx.bag. */
  lower(ast: Ast, ctx: LowerContext): IrRule[];
}
