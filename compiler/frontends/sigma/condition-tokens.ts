/**
 * @fileoverview Chevrotain tokens of the Sigma `condition:` language. Keywords are
 * lowercase (as in pySigma) and fall back to Identifier through `longer_alt`, so
 * `selection_and` or `1_sel` stay identifiers. Identifiers may hold letters, digits,
 * `_`, `-`, `.` and `*` (the last only makes sense in `1 of sel*` patterns). `|`
 * exists only so aggregation pipes (`| count() > 5`) get a clear "unsupported" error.
 */
import { createToken, Lexer, type TokenType } from "chevrotain";

export const Identifier = createToken({ name: "Identifier", pattern: /[A-Za-z0-9_.*-]+/, label: "a search identifier" });

function keyword(name: string, word: string): TokenType {
  return createToken({ name, pattern: new RegExp(word), longer_alt: Identifier, label: `'${word}'` });
}

export const And = keyword("And", "and");
export const Or = keyword("Or", "or");
export const Not = keyword("Not", "not");
export const Of = keyword("Of", "of");
export const Them = keyword("Them", "them");
export const All = keyword("All", "all");
export const Any = keyword("Any", "any");
export const One = keyword("One", "1");
export const LParen = createToken({ name: "LParen", pattern: /\(/, label: "'('" });
export const RParen = createToken({ name: "RParen", pattern: /\)/, label: "')'" });
export const Pipe = createToken({ name: "Pipe", pattern: /\|/, label: "'|'" });
export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /\s+/, group: Lexer.SKIPPED });

/** Order matters: keywords before Identifier. */
export const allTokens: TokenType[] = [WhiteSpace, LParen, RParen, Pipe, And, Or, Not, Of, Them, All, Any, One, Identifier];

export const conditionLexer = new Lexer(allTokens, { positionTracking: "onlyOffset", ensureOptimizations: false });
