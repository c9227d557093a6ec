/**
 * @fileoverview Turns one Sigma condition string into a CondExpr: lex, cap nesting at
 * MAX_RULE_DEPTH, parse with the shared ConditionParser, then build the AST in a CST visitor.
 * Every diagnostic points inside the condition string: `offsets` maps each character
 * of the condition's value to its offset in the file (quotes and escapes accounted).
 */
import type { IToken } from "chevrotain";
import type { DiagnosticBag } from "../../diagnostics/diagnostic.js";
import type { Span } from "../../source/span.js";
import type { CondExpr, Quantifier } from "./ast.js";
import type {
  AndExprCstChildren,
  AtomCstChildren,
  ConditionCstChildren,
  ConditionCstVisitor,
  NotExprCstChildren,
  OrExprCstChildren,
  QuantifiedCstChildren,
} from "./condition-cst.js";
import { MAX_RULE_DEPTH } from "../../util/limits.js";
import { conditionParser } from "./condition-parser.js";
import { conditionLexer, LParen, Not, Pipe, RParen } from "./condition-tokens.js";

/** Maps offsets within the condition text to file spans. */
type ToSpan = (start: number, end: number) => Span;

const BaseVisitor = conditionParser.getBaseCstVisitorConstructor<ToSpan, CondExpr>();

class AstBuilder extends BaseVisitor implements ConditionCstVisitor<ToSpan, CondExpr> {
  constructor() {
    super();
    this.validateVisitor();
  }

  condition(c: ConditionCstChildren, at: ToSpan): CondExpr {
    return this.visit(c.orExpr, at) as CondExpr;
  }

  orExpr(c: OrExprCstChildren, at: ToSpan): CondExpr {
    return this.binary("or", c.terms.map((t) => this.visit(t, at) as CondExpr));
  }

  andExpr(c: AndExprCstChildren, at: ToSpan): CondExpr {
    return this.binary("and", c.terms.map((t) => this.visit(t, at) as CondExpr));
  }

  notExpr(c: NotExprCstChildren, at: ToSpan): CondExpr {
    const not = c.Not?.[0];
    if (not !== undefined && c.notExpr !== undefined) {
      const term = this.visit(c.notExpr, at) as CondExpr;
      return { kind: "not", term, span: { ...term.span, start: at(not.startOffset, not.startOffset + 1).start } };
    }
    return this.visit(c.atom ?? [], at) as CondExpr;
  }

  atom(c: AtomCstChildren, at: ToSpan): CondExpr {
    if (c.orExpr !== undefined) return this.visit(c.orExpr, at) as CondExpr;
    if (c.quantified !== undefined) return this.visit(c.quantified, at) as CondExpr;
    const id = c.Identifier?.[0];
    if (id === undefined) throw new Error("internal: empty condition atom");
    return { kind: "ref", name: id.image, span: tokenSpan(id, at) };
  }

  quantified(c: QuantifiedCstChildren, at: ToSpan): CondExpr {
    const q = c.One?.[0] ?? c.Any?.[0] ?? c.All?.[0];
    const target = c.Them?.[0] ?? c.Identifier?.[0];
    if (q === undefined || target === undefined) throw new Error("internal: incomplete 'x of' node");
    const quantifier: Quantifier = c.All !== undefined ? "all" : "any";
    const span = { ...tokenSpan(q, at), end: tokenSpan(target, at).end };
    return c.Them !== undefined ? { kind: "ofThem", quantifier, span } : { kind: "ofPattern", quantifier, pattern: target.image, span };
  }

  private binary(kind: "and" | "or", terms: CondExpr[]): CondExpr {
    const first = terms[0];
    const last = terms[terms.length - 1];
    if (first === undefined || last === undefined) throw new Error(`internal: empty ${kind}`);
    if (terms.length === 1) return first;
    return { kind, terms, span: { ...first.span, end: last.span.end } };
  }
}

function tokenSpan(t: IToken, at: ToSpan): Span {
  return at(t.startOffset, t.startOffset + t.image.length);
}

const builder = new AstBuilder();

export interface ConditionInput {
  readonly text: string;
  readonly file: string;
  /** File offset of each character of `text`, plus one for its end. */
  readonly offsets: readonly number[];
  readonly context: readonly string[];
}

export function parseCondition(input: ConditionInput, bag: DiagnosticBag): CondExpr | undefined {
  const { text, file, offsets, context } = input;
  const at: ToSpan = (start, end) => {
    const s = offsets[Math.min(start, offsets.length - 1)] ?? 0;
    const e = end > start ? (offsets[Math.min(end - 1, offsets.length - 1)] ?? s) + 1 : s + 1;
    return { file, start: s, end: Math.max(e, s + 1) };
  };
  const lexed = conditionLexer.tokenize(text);
  const lexErr = lexed.errors[0];
  const pipe = lexed.tokens.find((t) => t.tokenType === Pipe);
  if (pipe !== undefined && (lexErr === undefined || pipe.startOffset < lexErr.offset)) {
    bag.error("K1305", at(pipe.startOffset, text.length), ["aggregation expressions ('| count() …'); use correlation rules"], context);
    return undefined;
  }
  if (lexErr !== undefined) {
    bag.error("K1004", at(lexErr.offset, lexErr.offset + 1), [JSON.stringify(text.charAt(lexErr.offset))], context);
    return undefined;
  }
  if (lexed.tokens.length === 0) {
    bag.error("K1003", at(0, text.length), ["empty condition"], context);
    return undefined;
  }
  const deep = tooDeep(lexed.tokens);
  if (deep !== undefined) {
    bag.error("K1007", tokenSpan(deep, at), [MAX_RULE_DEPTH], context);
    return undefined;
  }
  conditionParser.input = lexed.tokens;
  const cst = conditionParser.condition();
  const err = conditionParser.errors[0];
  if (err !== undefined) {
    const tok = err.token;
    const span = Number.isNaN(tok.startOffset) || tok.tokenType.name === "EOF" ? at(text.length, text.length) : tokenSpan(tok, at);
    bag.error("K1003", span, [err.message], context);
    return undefined;
  }
  return builder.visit(cst, at) as CondExpr;
}

/** The first token nested deeper than MAX_RULE_DEPTH (open parens plus a run of `not`s). */
function tooDeep(tokens: readonly IToken[]): IToken | undefined {
  let parens = 0;
  let nots = 0;
  for (const t of tokens) {
    if (t.tokenType === LParen) parens++;
    else if (t.tokenType === RParen) parens--;
    if (t.tokenType === Not) nots++;
    else if (t.tokenType !== LParen) nots = 0;
    if (parens + nots > MAX_RULE_DEPTH) return t;
  }
  return undefined;
}
