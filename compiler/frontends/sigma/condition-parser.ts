/**
 * @fileoverview The Sigma condition grammar as a pure Chevrotain CstParser (no
 * embedded actions; the AST is built in condition-ast.ts). One instance, reused.
 *
 * Grammar (EBNF; precedence from loosest to tightest: or, and, not, x of, parens):
 *
 *   condition  = orExpr EOF ;
 *   orExpr     = andExpr { "or" andExpr } ;
 *   andExpr    = notExpr { "and" notExpr } ;
 *   notExpr    = "not" notExpr | atom ;
 *   atom       = "(" orExpr ")" | quantified | IDENTIFIER ;
 *   quantified = ( "1" | "any" | "all" ) "of" ( "them" | IDENTIFIER ) ;
 *   IDENTIFIER = ( letter | digit | "_" | "-" | "." | "*" )+ ;
 *
 * Nesting is capped at 100 (see condition-ast.ts) before this parser runs, so a
 * hostile `((((…` is a K1007 diagnostic, not a stack overflow.
 */
import { CstParser, type IParserErrorMessageProvider, type IToken, type TokenType } from "chevrotain";
import { All, allTokens, And, Any, Identifier, LParen, Not, Of, One, Or, RParen, Them } from "./condition-tokens.js";

function describe(token: IToken): string {
  return token.tokenType.name === "EOF" ? "the end of the condition" : `'${token.image}'`;
}

function label(t: TokenType): string {
  return t.LABEL ?? t.name;
}

const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) => `expected ${label(expected)} but found ${describe(actual)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => `unexpected ${describe(firstRedundant)}; expected 'and', 'or' or the end`,
  buildNoViableAltMessage: ({ actual }) => {
    const tok = actual[0];
    return `expected a search identifier, 'not', '(' or 'x of' but found ${tok ? describe(tok) : "nothing"}`;
  },
  buildEarlyExitMessage: ({ actual }) => {
    const tok = actual[0];
    return `unexpected ${tok ? describe(tok) : "input"}`;
  },
};

export class ConditionParser extends CstParser {
  constructor() {
    super(allTokens, { errorMessageProvider: messages, maxLookahead: 2 });
    this.performSelfAnalysis();
  }

  public condition = this.RULE("condition", () => {
    this.SUBRULE(this.orExpr);
  });

  public orExpr = this.RULE("orExpr", () => {
    this.SUBRULE(this.andExpr, { LABEL: "terms" });
    this.MANY(() => {
      this.CONSUME(Or);
      this.SUBRULE2(this.andExpr, { LABEL: "terms" });
    });
  });

  public andExpr = this.RULE("andExpr", () => {
    this.SUBRULE(this.notExpr, { LABEL: "terms" });
    this.MANY(() => {
      this.CONSUME(And);
      this.SUBRULE2(this.notExpr, { LABEL: "terms" });
    });
  });

  public notExpr = this.RULE("notExpr", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Not);
          this.SUBRULE(this.notExpr);
        },
      },
      { ALT: () => this.SUBRULE(this.atom) },
    ]);
  });

  public atom = this.RULE("atom", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(LParen);
          this.SUBRULE(this.orExpr);
          this.CONSUME(RParen);
        },
      },
      { ALT: () => this.SUBRULE(this.quantified) },
      { ALT: () => this.CONSUME(Identifier) },
    ]);
  });

  public quantified = this.RULE("quantified", () => {
    this.OR([{ ALT: () => this.CONSUME(One) }, { ALT: () => this.CONSUME(Any) }, { ALT: () => this.CONSUME(All) }]);
    this.CONSUME(Of);
    this.OR2([{ ALT: () => this.CONSUME(Them) }, { ALT: () => this.CONSUME2(Identifier) }]);
  });
}

/** The one shared parser instance (Chevrotain parsers are reusable via `input =`). */
export const conditionParser = new ConditionParser();
