/**
 * @fileoverview The nesting-depth guard, run on the token stream before parsing so a
 * hostile `((((…` or `not not not …` gets K1007 instead of overflowing the stack in
 * the recursive-descent parser, the AST builder or lowering. Depth counts open
 * brackets plus prefix `not` and `-` still in effect (an `and`, `or`, `,` or `|`
 * ends a prefix operator's operand), which bounds every recursion that follows.
 */
import type { IToken, TokenType } from "chevrotain";
import { tokenMatcher } from "chevrotain";
import { MAX_RULE_DEPTH } from "../../util/limits.js";
import * as t from "./tokens.js";

const opens: readonly TokenType[] = [t.LParen, t.LBracket];
const closes: readonly TokenType[] = [t.RParen, t.RBracket];
const operandEnds: readonly TokenType[] = [t.And, t.Or, t.Comma, t.Pipe];
/** After these, `not` means `not in` and `-` is binary minus, not a prefix operator. */
const valueEnds: readonly TokenType[] = [
  t.Identifier,
  t.QuotedIdentifier,
  t.StringLiteral,
  t.NumberLiteral,
  t.True,
  t.False,
  t.Null,
  t.RParen,
  t.RBracket,
];

function isOneOf(token: IToken | undefined, types: readonly TokenType[]): boolean {
  return token !== undefined && types.some((type) => tokenMatcher(token, type));
}

/** The first token nested deeper than `max`, or undefined when the input stays within it. */
export function findTooDeep(tokens: readonly IToken[], max = MAX_RULE_DEPTH): IToken | undefined {
  // One entry per open bracket level: how many prefix operators are pending at that level.
  const prefixes: number[] = [0];
  let depth = 0;
  let prev: IToken | undefined;
  for (const token of tokens) {
    const level = prefixes.length - 1;
    if (isOneOf(token, opens)) {
      prefixes.push(0);
      depth++;
    } else if (isOneOf(token, closes) && level > 0) {
      depth -= 1 + (prefixes.pop() ?? 0);
    } else if ((tokenMatcher(token, t.Not) || tokenMatcher(token, t.Minus)) && !isOneOf(prev, valueEnds)) {
      prefixes[level] = (prefixes[level] ?? 0) + 1;
      depth++;
    } else if (isOneOf(token, operandEnds)) {
      depth -= prefixes[level] ?? 0;
      prefixes[level] = 0;
    }
    if (depth > max) return token;
    prev = token;
  }
  return undefined;
}
