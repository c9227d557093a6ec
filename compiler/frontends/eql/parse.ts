/**
 * @fileoverview Text → EqlFile: metadata comment block, lexing (K1004 stray
 * characters, K1005/K1013 unterminated literals), the depth guard (K1007), parsing
 * with Chevrotain's error recovery so every syntax error is reported (K1003; a
 * second query in the file gets its own message), then the AST builder. Never throws on
 * bad input; returns undefined when it reported any error, so a broken rule never
 * reaches lowering.
 */
import { EOF, tokenMatcher, type IRecognitionException, type IToken } from "chevrotain";
import type { DiagnosticBag } from "../../diagnostics/diagnostic.js";
import type { SourceFile } from "../../source/source-file.js";
import { span, type Span } from "../../source/span.js";
import type { EqlFile, EqlMetadata } from "./ast.js";
import type { StatementCstNode } from "./cst.js";
import { MAX_RULE_DEPTH } from "../../util/limits.js";
import { findTooDeep } from "./depth.js";
import { readMetadata } from "./metadata.js";
import { eqlParser, trailingInputMessage } from "./parser.js";
import { toAst } from "./to-ast.js";
import * as t from "./tokens.js";

export function parseEql(file: SourceFile, bag: DiagnosticBag): EqlFile | undefined {
  const errorsBefore = bag.errorCount;
  const ast = parseEqlQuery(file, readMetadata(file, bag), bag);
  return bag.errorCount === errorsBefore ? ast : undefined;
}

/**
 * The query in `file` with metadata read elsewhere (an Elastic TOML rule's tables). The
 * text may be blank around the query: whitespace is skipped, so offsets stay the file's.
 */
export function parseEqlQuery(file: SourceFile, metadata: EqlMetadata, bag: DiagnosticBag): EqlFile | undefined {
  const errorsBefore = bag.errorCount;
  const tokens = lex(file, bag);
  if (tokens === undefined) return undefined;
  const first = tokens[0];
  if (first === undefined) {
    bag.error("K1009", span(file.path, 0, 0));
    return undefined;
  }
  const tooDeep = findTooDeep(tokens);
  if (tooDeep !== undefined) {
    bag.error("K1007", tokenSpan(file, tooDeep, tokens), [MAX_RULE_DEPTH]);
    return undefined;
  }
  const cst = parseTokens(tokens);
  if (cst === undefined) {
    // The depth guard keeps recursion far below Node's default stack; this only
    // triggers when the caller itself runs on an unusually deep or small stack.
    bag.error("K1007", tokenSpan(file, first, tokens), [MAX_RULE_DEPTH]);
    return undefined;
  }
  const seen = new Set<string>();
  for (const e of eqlParser.errors) {
    const at = tokenSpan(file, e.token, tokens);
    const message = startsSecondQuery(e, tokens) ? secondQueryMessage(e.token) : e.message;
    const key = `${at.start}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    bag.error("K1003", at, [message]);
  }
  if (seen.size > 0) return undefined;
  const ast = toAst(cst, file.path, metadata, bag);
  return bag.errorCount === errorsBefore ? ast : undefined;
}

/** The CST, or undefined when the parser ran out of stack. */
function parseTokens(tokens: IToken[]): StatementCstNode | undefined {
  eqlParser.input = tokens;
  try {
    return eqlParser.statement() as StatementCstNode;
  } catch (e) {
    if (e instanceof RangeError) return undefined;
    throw e;
  }
}

/**
 * Whether a syntax error is input after a complete query that itself opens a query:
 * `sequence`, `join` or `sample`, or a category followed by `where`.
 */
function startsSecondQuery(e: IRecognitionException, tokens: readonly IToken[]): boolean {
  if (e.message !== trailingInputMessage(e.token)) return false;
  const token = e.token;
  if ([t.Sequence, t.Join, t.Sample].some((k) => tokenMatcher(token, k))) return true;
  const next = tokens[tokens.indexOf(token) + 1];
  const category = tokenMatcher(token, t.Identifier) || tokenMatcher(token, t.StringLiteral);
  return category && next !== undefined && tokenMatcher(next, t.Where);
}

function secondQueryMessage(token: IToken): string {
  return `a second query starts at '${token.image}', but a rule holds one query`;
}

const unterminated = new Map([
  [t.UnterminatedString, "string literal"],
  [t.UnterminatedTripleQuotedString, 'raw string literal (missing closing """)'],
  [t.UnterminatedQuotedIdentifier, "quoted field name (missing closing `)"],
  [t.UnterminatedComment, "block comment (missing closing */)"],
]);

/** The tokens, or undefined after reporting lexical errors. */
function lex(file: SourceFile, bag: DiagnosticBag): IToken[] | undefined {
  const result = t.eqlLexer.tokenize(file.text);
  for (const e of result.errors) {
    const char = file.text.charAt(e.offset);
    bag.error("K1004", span(file.path, e.offset, e.offset + 1), [JSON.stringify(char)]);
  }
  for (const token of result.groups[t.UNTERMINATED_GROUP] ?? []) {
    const what = unterminated.get(token.tokenType) ?? "literal";
    const at = span(file.path, token.startOffset, token.startOffset + 1);
    if (token.tokenType === t.UnterminatedString) bag.error("K1005", at);
    else bag.error("K1013", at, [what]);
  }
  return result.errors.length === 0 && (result.groups[t.UNTERMINATED_GROUP] ?? []).length === 0 ? result.tokens : undefined;
}

/** A token's span; end of input points just past the last real token. */
function tokenSpan(file: SourceFile, token: IToken, tokens: readonly IToken[]): Span {
  if (token.tokenType !== EOF && Number.isFinite(token.startOffset)) {
    return span(file.path, token.startOffset, (token.endOffset ?? token.startOffset) + 1);
  }
  const last = tokens[tokens.length - 1];
  const end = last === undefined ? file.text.length : (last.endOffset ?? last.startOffset) + 1;
  return span(file.path, end, end);
}
