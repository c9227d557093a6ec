/**
 * @fileoverview The EQL grammar as a pure Chevrotain CstParser: rules are class
 * properties, no embedded actions; the AST is built by to-ast.ts. One instance,
 * `eqlParser`, is created at module load and reused for every file. Nesting depth
 * is capped before parsing (depth.ts), so the recursion below stays shallow.
 *
 * Grammar (EBNF; UPPERCASE are tokens from tokens.ts):
 *
 *   statement   = ( eventQuery | multiQuery ) { pipe } ;
 *   eventQuery  = ( IDENTIFIER | STRING ) "where" expression ;
 *   multiQuery  = ( "sequence" | "join" | "sample" ) { byClause | withClause }
 *                 subquery { subquery } [ "until" subquery ] ;
 *   subquery    = [ "!" ] "[" eventQuery "]" [ byClause ] [ withClause ] ;
 *   byClause    = "by" value { "," value } ;
 *   withClause  = "with" IDENTIFIER "=" NUMBER [ IDENTIFIER ] ;      (maxspan=5m, runs=3)
 *   pipe        = "|" IDENTIFIER [ expression { [ "," ] expression } ] ;
 *
 *   expression  = notExpr { ( "and" | "or" ) notExpr } ;      ("and" binds tighter)
 *   notExpr     = "not" { "not" } predicate | predicate ;
 *   predicate   = value [ COMPARE value
 *                       | [ "not" ] ( "in" | "in~" ) list
 *                       | ( ":" | "like" | "like~" | "regex" | "regex~" ) ( list | [ "-" ] operand ) ] ;
 *   list        = "(" value { "," value } ")" ;
 *   value       = primary { ( "+" | "-" | "*" | "/" | "%" ) primary } ;  (usual precedence)
 *   primary     = { "-" } ( operand | "(" expression ")" ) ;
 *   operand     = literal | call | field ;
 *   call        = ( IDENTIFIER | TILDE_IDENTIFIER ) "(" [ expression { "," expression } ] ")" ;
 *   field       = [ "?" ] name { "." name } ;        name = IDENTIFIER | QUOTED_IDENTIFIER
 *   literal     = STRING | NUMBER | "true" | "false" | "null" ;
 *
 *   COMPARE     = "==" | "!=" | "<" | "<=" | ">" | ">=" | "=" ;   ("=" is legacy endgame "==")
 *   STRING      = "…" | '…' | """…""" | ?"…" ;   IDENTIFIER may be dotted: process.parent.name
 */
import { CstParser, EOF, type IParserErrorMessageProvider, type IToken, type TokenType } from "chevrotain";
import * as t from "./tokens.js";

/** Syntax error messages in the project's voice: "expected ')' but found 'x'". */
const errorMessages: IParserErrorMessageProvider = {
  // Expecting end of input means the query is complete and something follows it.
  buildMismatchTokenMessage: ({ expected, actual, ruleName }) => {
    if (expected === EOF) return trailingInputMessage(actual);
    // A list or an argument list can go on with ',' as well as close with ')'.
    const what = expected === t.RParen && (ruleName === "list" || ruleName === "call") ? "',' or ')'" : label(expected);
    return `expected ${what} but found ${describe(actual)}`;
  },
  buildNotAllInputParsedMessage: ({ firstRedundant }) => trailingInputMessage(firstRedundant),
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual }) =>
    `expected ${firstTokens(expectedPathsPerAlt.flat())} but found ${describe(actual[0])}`,
  buildEarlyExitMessage: ({ expectedIterationPaths, actual }) =>
    `expected ${firstTokens(expectedIterationPaths)} but found ${describe(actual[0])}`,
};

/**
 * The message for input left over after a complete query. parse.ts compares an
 * error's message with this to tell a second query apart from other leftovers.
 */
export function trailingInputMessage(token: IToken | undefined): string {
  return `unexpected ${describe(token)} after the end of the query`;
}

function label(type: TokenType): string {
  return type === EOF ? "end of input" : (type.LABEL ?? type.name);
}

function describe(token: IToken | undefined): string {
  if (token === undefined || token.tokenType === EOF) return "end of input";
  const image = token.image.length > 40 ? `${token.image.slice(0, 40)}…` : token.image;
  return `'${image}'`;
}

/** Tokens that can start a value; listed together they read as "a value". */
const valueStarts = new Set<TokenType>([
  t.Minus,
  t.StringLiteral,
  t.NumberLiteral,
  t.True,
  t.False,
  t.Null,
  t.Identifier,
  t.TildeIdentifier,
  t.Question,
  t.QuotedIdentifier,
  t.LParen,
]);

function firstTokens(paths: readonly (readonly TokenType[])[]): string {
  const firsts = new Set(paths.map((p) => p[0] ?? EOF));
  const isValue = firsts.has(t.StringLiteral) && firsts.has(t.Identifier);
  const labels = [...firsts].filter((f) => !isValue || !valueStarts.has(f)).map(label);
  if (isValue) labels.push("a value");
  if (labels.length <= 1) return labels[0] ?? "end of input";
  if (labels.length === 2) return `${labels[0]} or ${labels[1]}`;
  return `one of ${labels.slice(0, -1).join(", ")} or ${labels[labels.length - 1]}`;
}

export class EqlParser extends CstParser {
  constructor() {
    super(t.allTokens, {
      nodeLocationTracking: "onlyOffset",
      errorMessageProvider: errorMessages,
      maxLookahead: 3,
      // Recovery lets one parse report every syntax error; the CST is discarded when there are any.
      recoveryEnabled: true,
    });
    this.performSelfAnalysis();
  }

  statement = this.RULE("statement", () => {
    this.OR([{ ALT: () => this.SUBRULE(this.eventQuery) }, { ALT: () => this.SUBRULE(this.multiQuery) }]);
    this.MANY(() => this.SUBRULE(this.pipe));
  });

  eventQuery = this.RULE("eventQuery", () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Identifier, { LABEL: "category" }) },
      { ALT: () => this.CONSUME(t.StringLiteral, { LABEL: "category" }) },
    ]);
    this.CONSUME(t.Where);
    this.SUBRULE(this.expression);
  });

  multiQuery = this.RULE("multiQuery", () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Sequence, { LABEL: "keyword" }) },
      { ALT: () => this.CONSUME(t.Join, { LABEL: "keyword" }) },
      { ALT: () => this.CONSUME(t.Sample, { LABEL: "keyword" }) },
    ]);
    this.MANY(() =>
      this.OR2([{ ALT: () => this.SUBRULE(this.byClause) }, { ALT: () => this.SUBRULE(this.withClause) }]),
    );
    this.AT_LEAST_ONE(() => this.SUBRULE(this.subquery));
    this.OPTION(() => {
      this.CONSUME(t.Until);
      this.SUBRULE2(this.subquery, { LABEL: "until" });
    });
  });

  subquery = this.RULE("subquery", () => {
    this.OPTION(() => this.CONSUME(t.Bang));
    this.CONSUME(t.LBracket);
    this.SUBRULE(this.eventQuery);
    this.CONSUME(t.RBracket);
    this.OPTION2(() => this.SUBRULE(this.byClause));
    this.OPTION3(() => this.SUBRULE(this.withClause));
  });

  byClause = this.RULE("byClause", () => {
    this.CONSUME(t.By);
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.value) });
  });

  withClause = this.RULE("withClause", () => {
    this.CONSUME(t.With);
    this.CONSUME(t.Identifier, { LABEL: "key" });
    this.CONSUME(t.Assign);
    this.CONSUME(t.NumberLiteral);
    this.OPTION(() => this.CONSUME2(t.Identifier, { LABEL: "unit" }));
  });

  pipe = this.RULE("pipe", () => {
    this.CONSUME(t.Pipe);
    this.CONSUME(t.Identifier, { LABEL: "name" });
    // Arguments are separated by commas or only by spaces (`| sort a b`), as the reference engine allows.
    this.OPTION(() => {
      this.SUBRULE(this.expression);
      this.MANY(() => {
        this.OPTION2(() => this.CONSUME(t.Comma));
        this.SUBRULE2(this.expression);
      });
    });
  });

  // Flat rules (no rule per precedence level) keep the recursion per nesting level
  // short; to-ast.ts applies precedence: `and` over `or`, `* / %` over `+ -`.
  expression = this.RULE("expression", () => {
    this.SUBRULE(this.notExpr);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(t.And) }, { ALT: () => this.CONSUME(t.Or) }]);
      this.SUBRULE2(this.notExpr);
    });
  });

  // Written as a choice rather than `MANY(not) predicate` so that a missing operand
  // reports both ways to go on: "expected 'not' or a value".
  notExpr = this.RULE("notExpr", () => {
    this.OR([
      {
        ALT: () => {
          this.AT_LEAST_ONE(() => this.CONSUME(t.Not));
          this.SUBRULE(this.predicate);
        },
      },
      { ALT: () => this.SUBRULE2(this.predicate) },
    ]);
  });

  predicate = this.RULE("predicate", () => {
    this.SUBRULE(this.value, { LABEL: "left" });
    this.OPTION(() =>
      this.OR([
        {
          ALT: () => {
            this.CONSUME(t.CompareOperator);
            this.SUBRULE2(this.value, { LABEL: "right" });
          },
        },
        {
          ALT: () => {
            this.OPTION2(() => this.CONSUME(t.Not));
            this.CONSUME(t.InOperator);
            this.SUBRULE(this.list);
          },
        },
        {
          ALT: () => {
            this.CONSUME(t.MatchOperator);
            this.OR2([
              { ALT: () => this.SUBRULE2(this.list) },
              {
                ALT: () => {
                  this.OPTION3(() => this.CONSUME(t.Minus));
                  this.SUBRULE(this.operand);
                },
              },
            ]);
          },
        },
      ]),
    );
  });

  list = this.RULE("list", () => {
    this.CONSUME(t.LParen);
    this.AT_LEAST_ONE_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.value) });
    this.CONSUME(t.RParen);
  });

  value = this.RULE("value", () => {
    this.SUBRULE(this.primary);
    this.MANY(() => {
      this.CONSUME(t.ArithOperator);
      this.SUBRULE2(this.primary);
    });
  });

  primary = this.RULE("primary", () => {
    this.MANY(() => this.CONSUME(t.Minus));
    this.OR([
      { ALT: () => this.SUBRULE(this.operand) },
      {
        ALT: () => {
          this.CONSUME(t.LParen);
          this.SUBRULE(this.expression);
          this.CONSUME(t.RParen);
        },
      },
    ]);
  });

  operand = this.RULE("operand", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.literal) },
      { ALT: () => this.SUBRULE(this.call) },
      { ALT: () => this.SUBRULE(this.field) },
    ]);
  });

  call = this.RULE("call", () => {
    this.OR([
      { ALT: () => this.CONSUME(t.Identifier, { LABEL: "name" }) },
      { ALT: () => this.CONSUME(t.TildeIdentifier, { LABEL: "name" }) },
    ]);
    this.CONSUME(t.LParen);
    this.MANY_SEP({ SEP: t.Comma, DEF: () => this.SUBRULE(this.expression) });
    this.CONSUME(t.RParen);
  });

  field = this.RULE("field", () => {
    this.OPTION(() => this.CONSUME(t.Question));
    this.SUBRULE(this.name);
    this.MANY(() => {
      this.CONSUME(t.Dot);
      this.SUBRULE2(this.name);
    });
  });

  name = this.RULE("name", () => {
    this.OR([{ ALT: () => this.CONSUME(t.Identifier) }, { ALT: () => this.CONSUME(t.QuotedIdentifier) }]);
  });

  literal = this.RULE("literal", () => {
    this.OR([
      { ALT: () => this.CONSUME(t.StringLiteral) },
      { ALT: () => this.CONSUME(t.NumberLiteral) },
      { ALT: () => this.CONSUME(t.True) },
      { ALT: () => this.CONSUME(t.False) },
      { ALT: () => this.CONSUME(t.Null) },
    ]);
  });
}

/** The one EQL parser instance; set `.input` and call `.statement()`. */
export const eqlParser = new EqlParser();
