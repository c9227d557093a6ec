/**
 * @fileoverview Builds the EQL AST from the CST with a Chevrotain visitor (checked by
 * validateVisitor() against the grammar's rules). Each rule method takes the node's
 * children and its location, and returns a typed AST piece. Only called on a CST
 * without syntax errors. Decodes literals: string escapes (K1006 on a bad one),
 * `-` folded into number literals, backtick-quoted field names unquoted. A
 * parenthesized expression keeps no node of its own; its span takes in the parentheses.
 */
import type { CstNodeLocation, IToken, TokenType } from "chevrotain";
import type { DiagnosticBag } from "../../diagnostics/diagnostic.js";
import { span, type Span } from "../../source/span.js";
import type {
  ArithOp,
  CompareOp,
  EqlExpr,
  EqlEventQuery,
  EqlFile,
  EqlMetadata,
  EqlMultiQuery,
  EqlPipe,
  EqlQuery,
  EqlSubquery,
  EqlWith,
  MatchOp,
} from "./ast.js";
import type * as cst from "./cst.js";
import { eqlParser } from "./parser.js";
import { decodeQuotedName, decodeString } from "./strings.js";
import * as t from "./tokens.js";

const BaseVisitor = eqlParser.getBaseCstVisitorConstructor<CstNodeLocation, unknown>();

const compareOps = new Map<TokenType, CompareOp>([
  [t.EqEq, "=="],
  [t.Assign, "=="],
  [t.NotEq, "!="],
  [t.Lt, "<"],
  [t.LtEq, "<="],
  [t.Gt, ">"],
  [t.GtEq, ">="],
]);
const matchOps = new Map<TokenType, { op: MatchOp; ci: boolean }>([
  [t.Colon, { op: ":", ci: true }],
  [t.Like, { op: "like", ci: false }],
  [t.LikeCI, { op: "like", ci: true }],
  [t.Regex, { op: "regex", ci: false }],
  [t.RegexCI, { op: "regex", ci: true }],
]);
const arithOps = new Map<TokenType, ArithOp>([
  [t.Plus, "+"],
  [t.Minus, "-"],
  [t.Star, "*"],
  [t.Slash, "/"],
  [t.Percent, "%"],
]);
const multiKinds = new Map<TokenType, EqlMultiQuery["kind"]>([
  [t.Sequence, "sequence"],
  [t.Join, "join"],
  [t.Sample, "sample"],
]);

/** The AST of a statement CST; string escape errors go to `bag`. */
export function toAst(node: cst.StatementCstNode, path: string, metadata: EqlMetadata, bag: DiagnosticBag): EqlFile {
  const query = new AstBuilder(path, bag).statement(node.children, node.location);
  return { kind: "file", path, metadata, query: query.query, pipes: query.pipes, span: query.span };
}

/** The single element a grammar rule guarantees; a missing one is a bug, not bad input. */
function one<T>(items: readonly T[] | undefined): T {
  const item = items?.[0];
  if (item === undefined) throw new Error("internal: CST node is missing a required child");
  return item;
}

function lookup<V>(map: ReadonlyMap<TokenType, V>, token: IToken): V {
  const v = map.get(token.tokenType);
  if (v === undefined) throw new Error(`internal: unexpected token ${token.tokenType.name}`);
  return v;
}

class AstBuilder extends BaseVisitor implements cst.EqlCstVisitor<CstNodeLocation, unknown> {
  constructor(
    private readonly path: string,
    private readonly bag: DiagnosticBag,
  ) {
    super();
    this.validateVisitor();
  }

  private at(loc: CstNodeLocation | undefined): Span {
    if (loc === undefined) throw new Error("internal: CST node without location");
    return span(this.path, loc.startOffset, (loc.endOffset ?? loc.startOffset) + 1);
  }

  private tokenSpan(token: IToken): Span {
    return span(this.path, token.startOffset, (token.endOffset ?? token.startOffset) + 1);
  }

  private join(a: Span, b: Span): Span {
    return span(this.path, a.start, b.end);
  }

  statement(ctx: cst.StatementCstChildren, loc?: CstNodeLocation): { query: EqlQuery; pipes: EqlPipe[]; span: Span } {
    const event = ctx.eventQuery?.[0];
    const query = event !== undefined ? this.eventQuery(event.children, event.location) : this.multi(ctx.multiQuery);
    const pipes = (ctx.pipe ?? []).map((p) => this.pipe(p.children, p.location));
    return { query, pipes, span: this.at(loc) };
  }

  private multi(nodes: cst.MultiQueryCstNode[] | undefined): EqlMultiQuery {
    const n = one(nodes);
    return this.multiQuery(n.children, n.location);
  }

  eventQuery(ctx: cst.EventQueryCstChildren, loc?: CstNodeLocation): EqlEventQuery {
    const token = one(ctx.category);
    const name = token.tokenType === t.Identifier ? token.image : decodeString(token, this.path, this.bag);
    return {
      kind: "event",
      category: { value: name, span: this.tokenSpan(token) },
      condition: this.expr(ctx.expression),
      span: this.at(loc),
    };
  }

  multiQuery(ctx: cst.MultiQueryCstChildren, loc?: CstNodeLocation): EqlMultiQuery {
    const keyword = one(ctx.keyword);
    const until = ctx.until?.[0];
    const base = {
      kind: lookup(multiKinds, keyword),
      keyword: this.tokenSpan(keyword),
      by: (ctx.byClause ?? []).flatMap((b) => this.byClause(b.children)),
      with: (ctx.withClause ?? []).map((w) => this.withClause(w.children, w.location)),
      terms: ctx.subquery.map((s) => this.subquery(s.children, s.location)),
      span: this.at(loc),
    };
    return until === undefined ? base : { ...base, until: this.subquery(until.children, until.location) };
  }

  subquery(ctx: cst.SubqueryCstChildren, loc?: CstNodeLocation): EqlSubquery {
    const q = one(ctx.eventQuery);
    const w = ctx.withClause?.[0];
    const base = {
      kind: "subquery" as const,
      missing: ctx.Bang !== undefined,
      query: this.eventQuery(q.children, q.location),
      by: ctx.byClause === undefined ? [] : this.byClause(one(ctx.byClause).children),
      span: this.at(loc),
    };
    return w === undefined ? base : { ...base, with: this.withClause(w.children, w.location) };
  }

  byClause(ctx: cst.ByClauseCstChildren): EqlExpr[] {
    return ctx.value.map((v) => this.value(v.children));
  }

  withClause(ctx: cst.WithClauseCstChildren, loc?: CstNodeLocation): EqlWith {
    const unit = ctx.unit?.[0];
    const base = { kind: "with" as const, key: one(ctx.key).image, value: one(ctx.NumberLiteral).image, span: this.at(loc) };
    return unit === undefined ? base : { ...base, unit: unit.image };
  }

  pipe(ctx: cst.PipeCstChildren, loc?: CstNodeLocation): EqlPipe {
    const args = (ctx.expression ?? []).map((e) => this.expression(e.children, e.location));
    return { kind: "pipe", name: one(ctx.name).image, args, span: this.at(loc) };
  }

  private expr(nodes: cst.ExpressionCstNode[] | undefined): EqlExpr {
    const n = one(nodes);
    return this.expression(n.children, n.location);
  }

  /** `a and b or c`: the flat chain regrouped so `and` binds tighter than `or`. */
  expression(ctx: cst.ExpressionCstChildren, loc?: CstNodeLocation): EqlExpr {
    const terms = ctx.notExpr.map((n) => this.notExpr(n.children));
    const ops = [...(ctx.And ?? []), ...(ctx.Or ?? [])].sort((a, b) => a.startOffset - b.startOffset);
    const groups: EqlExpr[][] = [[one(terms)]];
    ops.forEach((op, i) => {
      const term = terms[i + 1];
      if (term === undefined) throw new Error("internal: operator without right operand");
      if (op.tokenType === t.Or) groups.push([term]);
      else groups[groups.length - 1]?.push(term);
    });
    const ands = groups.map((g): EqlExpr => {
      const first = one(g);
      const last = g[g.length - 1] ?? first;
      return g.length === 1 ? first : { kind: "and", terms: g, span: this.join(first.span, last.span) };
    });
    return ands.length === 1 ? one(ands) : { kind: "or", terms: ands, span: this.at(loc) };
  }

  notExpr(ctx: cst.NotExprCstChildren): EqlExpr {
    const p = one(ctx.predicate);
    const nots = ctx.Not ?? [];
    return nots.reduceRight<EqlExpr>(
      (term, not) => ({ kind: "not", term, span: this.join(this.tokenSpan(not), term.span) }),
      this.predicate(p.children, p.location),
    );
  }

  predicate(ctx: cst.PredicateCstChildren, loc?: CstNodeLocation): EqlExpr {
    const l = one(ctx.left);
    const left = this.value(l.children);
    const at = this.at(loc);
    const cmp = ctx.CompareOperator?.[0];
    if (cmp !== undefined) {
      const r = one(ctx.right);
      return { kind: "compare", op: lookup(compareOps, cmp), left, right: this.value(r.children), span: at };
    }
    const inOp = ctx.InOperator?.[0];
    if (inOp !== undefined) {
      const values = this.list(one(ctx.list).children);
      const negated = ctx.Not !== undefined;
      return { kind: "match", op: "in", caseInsensitive: inOp.tokenType === t.InCI, negated, left, values, list: true, span: at };
    }
    const matchOp = ctx.MatchOperator?.[0];
    if (matchOp === undefined) return left;
    const { op, ci } = lookup(matchOps, matchOp);
    const listNode = ctx.list?.[0];
    const values = listNode !== undefined ? this.list(listNode.children) : [this.signedOperand(ctx)];
    return { kind: "match", op, caseInsensitive: ci, negated: false, left, values, list: listNode !== undefined, span: at };
  }

  private signedOperand(ctx: cst.PredicateCstChildren): EqlExpr {
    const o = one(ctx.operand);
    const value = this.operand(o.children);
    const minus = ctx.Minus?.[0];
    return minus === undefined ? value : this.negate(minus, value);
  }

  list(ctx: cst.ListCstChildren): EqlExpr[] {
    return ctx.value.map((v) => this.value(v.children));
  }

  /** `a + b * c`: the flat chain regrouped so `* / %` bind tighter than `+ -`. */
  value(ctx: cst.ValueCstChildren): EqlExpr {
    const terms = ctx.primary.map((p) => this.primary(p.children));
    // Products first: each entry is a `+`/`-` operand, extended in place by `* / %`.
    const sums: { op: IToken | undefined; term: EqlExpr }[] = [{ op: undefined, term: one(terms) }];
    (ctx.ArithOperator ?? []).forEach((op, i) => {
      const right = terms[i + 1];
      const last = sums[sums.length - 1];
      if (right === undefined || last === undefined) throw new Error("internal: operator without operand");
      if (op.tokenType === t.Plus || op.tokenType === t.Minus) sums.push({ op, term: right });
      else last.term = this.arith(op, last.term, right);
    });
    let acc = one(sums).term;
    for (const { op, term } of sums.slice(1)) acc = op === undefined ? term : this.arith(op, acc, term);
    return acc;
  }

  private arith(op: IToken, left: EqlExpr, right: EqlExpr): EqlExpr {
    return { kind: "arith", op: lookup(arithOps, op), left, right, span: this.join(left.span, right.span) };
  }

  primary(ctx: cst.PrimaryCstChildren): EqlExpr {
    const o = ctx.operand?.[0];
    const base = o !== undefined ? this.operand(o.children) : this.parenthesized(ctx);
    return (ctx.Minus ?? []).reduceRight((e, minus) => this.negate(minus, e), base);
  }

  /** `( e )` is `e` with a span that takes in the parentheses, so enclosing spans end at `)`. */
  private parenthesized(ctx: cst.PrimaryCstChildren): EqlExpr {
    const e = this.expr(ctx.expression);
    return { ...e, span: this.join(this.tokenSpan(one(ctx.LParen)), this.tokenSpan(one(ctx.RParen))) };
  }

  /** `-5` and `-2.5` become literals; `-x` stays a (later unsupported) negation. */
  private negate(minus: IToken, e: EqlExpr): EqlExpr {
    const at = this.join(this.tokenSpan(minus), e.span);
    if (e.kind === "int" || e.kind === "float") {
      const text = e.text.startsWith("-") ? e.text.slice(1) : `-${e.text}`;
      return { kind: e.kind, text, span: at };
    }
    return { kind: "neg", term: e, span: at };
  }

  operand(ctx: cst.OperandCstChildren): EqlExpr {
    const lit = ctx.literal?.[0];
    if (lit !== undefined) return this.literal(lit.children, lit.location);
    const c = ctx.call?.[0];
    if (c !== undefined) return this.call(c.children, c.location);
    const f = one(ctx.field);
    return this.field(f.children, f.location);
  }

  call(ctx: cst.CallCstChildren, loc?: CstNodeLocation): EqlExpr {
    const token = one(ctx.name);
    const ci = token.tokenType === t.TildeIdentifier;
    const name = { value: ci ? token.image.slice(0, -1) : token.image, span: this.tokenSpan(token) };
    const args = (ctx.expression ?? []).map((e) => this.expression(e.children, e.location));
    return { kind: "call", name, caseInsensitive: ci, args, span: this.at(loc) };
  }

  field(ctx: cst.FieldCstChildren, loc?: CstNodeLocation): EqlExpr {
    const parts = ctx.name.map((n) => this.name(n.children));
    return { kind: "field", path: parts.join("."), optional: ctx.Question !== undefined, span: this.at(loc) };
  }

  name(ctx: cst.NameCstChildren): string {
    const id = ctx.Identifier?.[0];
    return id !== undefined ? id.image : decodeQuotedName(one(ctx.QuotedIdentifier));
  }

  literal(ctx: cst.LiteralCstChildren, loc?: CstNodeLocation): EqlExpr {
    const at = this.at(loc);
    const str = ctx.StringLiteral?.[0];
    if (str !== undefined) return { kind: "string", value: decodeString(str, this.path, this.bag), span: at };
    const num = ctx.NumberLiteral?.[0];
    if (num !== undefined) return { kind: /^\d+$/.test(num.image) ? "int" : "float", text: num.image, span: at };
    if (ctx.True !== undefined) return { kind: "bool", value: true, span: at };
    if (ctx.False !== undefined) return { kind: "bool", value: false, span: at };
    return { kind: "null", span: at };
  }
}
