/**
 * @fileoverview EQL token definitions and the one shared lexer. Keywords are
 * lowercase and use `longer_alt: Identifier`, so `index`, `notes` or `a.sequence`
 * stay identifiers. Dotted names (`process.parent.name`) are one Identifier token.
 * Unterminated strings, quoted names and block comments go to the "unterminated"
 * token group so the caller can report them as such instead of as stray characters.
 * Labels (`label`) are what syntax error messages show for each token type.
 */
import { createToken, Lexer, type TokenType } from "chevrotain";

export const UNTERMINATED_GROUP = "unterminated";

// ---- trivia ------------------------------------------------------------------
export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n\f\v]+/, group: Lexer.SKIPPED });
export const LineComment = createToken({ name: "LineComment", pattern: /\/\/[^\n]*/, group: Lexer.SKIPPED });
export const BlockComment = createToken({ name: "BlockComment", pattern: /\/\*[\s\S]*?\*\//, group: Lexer.SKIPPED });
export const UnterminatedComment = createToken({
  name: "UnterminatedComment",
  pattern: /\/\*[\s\S]*/,
  group: UNTERMINATED_GROUP,
});

// ---- names -------------------------------------------------------------------
export const Identifier = createToken({
  name: "Identifier",
  pattern: /[A-Za-z_@][A-Za-z0-9_@]*(?:\.[A-Za-z0-9_@]+)*/,
  label: "identifier",
});
/** A function name with the case-insensitive suffix, e.g. `startsWith~`. */
export const TildeIdentifier = createToken({
  name: "TildeIdentifier",
  pattern: /[A-Za-z_][A-Za-z0-9_]*~/,
  label: "function name",
});
export const QuotedIdentifier = createToken({
  name: "QuotedIdentifier",
  pattern: /`(?:[^`\r\n]|``)*`/,
  label: "quoted field name",
});
export const UnterminatedQuotedIdentifier = createToken({
  name: "UnterminatedQuotedIdentifier",
  pattern: /`(?:[^`\r\n]|``)*/,
  group: UNTERMINATED_GROUP,
});

function keyword(word: string): TokenType {
  const name = word.charAt(0).toUpperCase() + word.slice(1);
  return createToken({ name, pattern: new RegExp(word), longer_alt: Identifier, label: `'${word}'` });
}

export const Where = keyword("where");
export const And = keyword("and");
export const Or = keyword("or");
export const Not = keyword("not");
export const Sequence = keyword("sequence");
export const Join = keyword("join");
export const Sample = keyword("sample");
export const Until = keyword("until");
export const By = keyword("by");
export const With = keyword("with");
export const True = keyword("true");
export const False = keyword("false");
export const Null = keyword("null");

// ---- operators with a case-insensitive `~` form --------------------------------
export const MatchOperator = createToken({ name: "MatchOperator", pattern: Lexer.NA, label: "match operator" });
export const InOperator = createToken({ name: "InOperator", pattern: Lexer.NA, label: "'in'" });
export const InCI = createToken({ name: "InCI", pattern: /in~/, categories: [InOperator], label: "'in~'" });
export const In = createToken({ name: "In", pattern: /in/, longer_alt: Identifier, categories: [InOperator], label: "'in'" });
export const LikeCI = createToken({ name: "LikeCI", pattern: /like~/, categories: [MatchOperator], label: "'like~'" });
export const Like = createToken({
  name: "Like",
  pattern: /like/,
  longer_alt: Identifier,
  categories: [MatchOperator],
  label: "'like'",
});
export const RegexCI = createToken({ name: "RegexCI", pattern: /regex~/, categories: [MatchOperator], label: "'regex~'" });
export const Regex = createToken({
  name: "Regex",
  pattern: /regex/,
  longer_alt: Identifier,
  categories: [MatchOperator],
  label: "'regex'",
});
export const Colon = createToken({ name: "Colon", pattern: /:/, categories: [MatchOperator], label: "':'" });

// ---- literals ----------------------------------------------------------------
export const StringLiteral = createToken({ name: "StringLiteral", pattern: Lexer.NA, label: "string" });
export const TripleQuotedString = createToken({
  name: "TripleQuotedString",
  pattern: /"""[\s\S]*?"""/,
  categories: [StringLiteral],
  label: "string",
});
export const UnterminatedTripleQuotedString = createToken({
  name: "UnterminatedTripleQuotedString",
  pattern: /"""[\s\S]*/,
  group: UNTERMINATED_GROUP,
});
export const DoubleQuotedString = createToken({
  name: "DoubleQuotedString",
  pattern: /"(?:[^"\\\r\n]|\\.)*"/,
  categories: [StringLiteral],
  label: "string",
});
export const SingleQuotedString = createToken({
  name: "SingleQuotedString",
  pattern: /'(?:[^'\\\r\n]|\\.)*'/,
  categories: [StringLiteral],
  label: "string",
});
/** Endgame raw strings `?"C:\path"`: no escape processing. */
export const RawString = createToken({
  name: "RawString",
  pattern: /\?"(?:[^"\\\r\n]|\\.)*"|\?'(?:[^'\\\r\n]|\\.)*'/,
  categories: [StringLiteral],
  label: "string",
});
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: /\??"(?:[^"\\\r\n]|\\.)*\\?|\??'(?:[^'\\\r\n]|\\.)*\\?/,
  group: UNTERMINATED_GROUP,
});
export const NumberLiteral = createToken({
  name: "NumberLiteral",
  pattern: /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/,
  label: "number",
});

// ---- punctuation ---------------------------------------------------------------
export const CompareOperator = createToken({ name: "CompareOperator", pattern: Lexer.NA, label: "comparison operator" });
export const EqEq = createToken({ name: "EqEq", pattern: /==/, categories: [CompareOperator], label: "'=='" });
export const NotEq = createToken({ name: "NotEq", pattern: /!=/, categories: [CompareOperator], label: "'!='" });
export const LtEq = createToken({ name: "LtEq", pattern: /<=/, categories: [CompareOperator], label: "'<='" });
export const GtEq = createToken({ name: "GtEq", pattern: />=/, categories: [CompareOperator], label: "'>='" });
export const Lt = createToken({ name: "Lt", pattern: /</, categories: [CompareOperator], label: "'<'" });
export const Gt = createToken({ name: "Gt", pattern: />/, categories: [CompareOperator], label: "'>'" });
/** Legacy endgame equality; also the `=` of `with maxspan=5m`. */
export const Assign = createToken({ name: "Assign", pattern: /=/, categories: [CompareOperator], label: "'='" });

export const ArithOperator = createToken({ name: "ArithOperator", pattern: Lexer.NA, label: "arithmetic operator" });
export const Plus = createToken({ name: "Plus", pattern: /\+/, categories: [ArithOperator], label: "'+'" });
export const Minus = createToken({ name: "Minus", pattern: /-/, categories: [ArithOperator], label: "'-'" });
export const Star = createToken({ name: "Star", pattern: /\*/, categories: [ArithOperator], label: "'*'" });
export const Slash = createToken({ name: "Slash", pattern: /\//, categories: [ArithOperator], label: "'/'" });
export const Percent = createToken({ name: "Percent", pattern: /%/, categories: [ArithOperator], label: "'%'" });

export const LParen = createToken({ name: "LParen", pattern: /\(/, label: "'('" });
export const RParen = createToken({ name: "RParen", pattern: /\)/, label: "')'" });
export const LBracket = createToken({ name: "LBracket", pattern: /\[/, label: "'['" });
export const RBracket = createToken({ name: "RBracket", pattern: /\]/, label: "']'" });
export const Comma = createToken({ name: "Comma", pattern: /,/, label: "','" });
export const Pipe = createToken({ name: "Pipe", pattern: /\|/, label: "'|'" });
export const Bang = createToken({ name: "Bang", pattern: /!/, label: "'!'" });
export const Question = createToken({ name: "Question", pattern: /\?/, label: "'?'" });
export const Dot = createToken({ name: "Dot", pattern: /\./, label: "'.'" });

/** Lexing order matters: longer and more specific patterns first. */
export const allTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedComment,
  TripleQuotedString,
  UnterminatedTripleQuotedString,
  DoubleQuotedString,
  SingleQuotedString,
  RawString,
  UnterminatedString,
  QuotedIdentifier,
  UnterminatedQuotedIdentifier,
  InCI,
  LikeCI,
  RegexCI,
  TildeIdentifier,
  Where,
  And,
  Or,
  Not,
  In,
  Like,
  Regex,
  Sequence,
  Join,
  Sample,
  Until,
  By,
  With,
  True,
  False,
  Null,
  Identifier,
  NumberLiteral,
  EqEq,
  NotEq,
  LtEq,
  GtEq,
  Lt,
  Gt,
  Assign,
  Colon,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Pipe,
  Bang,
  Question,
  Dot,
  StringLiteral,
  MatchOperator,
  InOperator,
  CompareOperator,
  ArithOperator,
];

/** The one EQL lexer, built once. */
export const eqlLexer = new Lexer(allTokens, { ensureOptimizations: false });
