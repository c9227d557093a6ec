/**
 * @fileoverview GENERATED from condition-parser.ts by test/unit/frontends/sigma/condition-cst.test.ts
 * (UPDATE_GOLDEN=1 npm test -- condition-cst). Do not edit by hand.
 */
import type { CstNode, ICstVisitor, IToken } from "chevrotain";

export interface ConditionCstNode extends CstNode {
  name: "condition";
  children: ConditionCstChildren;
}

export type ConditionCstChildren = {
  orExpr: OrExprCstNode[];
};

export interface OrExprCstNode extends CstNode {
  name: "orExpr";
  children: OrExprCstChildren;
}

export type OrExprCstChildren = {
  terms: (AndExprCstNode)[];
  Or?: IToken[];
};

export interface AndExprCstNode extends CstNode {
  name: "andExpr";
  children: AndExprCstChildren;
}

export type AndExprCstChildren = {
  terms: (NotExprCstNode)[];
  And?: IToken[];
};

export interface NotExprCstNode extends CstNode {
  name: "notExpr";
  children: NotExprCstChildren;
}

export type NotExprCstChildren = {
  Not?: IToken[];
  notExpr?: NotExprCstNode[];
  atom?: AtomCstNode[];
};

export interface AtomCstNode extends CstNode {
  name: "atom";
  children: AtomCstChildren;
}

export type AtomCstChildren = {
  LParen?: IToken[];
  orExpr?: OrExprCstNode[];
  RParen?: IToken[];
  quantified?: QuantifiedCstNode[];
  Identifier?: IToken[];
};

export interface QuantifiedCstNode extends CstNode {
  name: "quantified";
  children: QuantifiedCstChildren;
}

export type QuantifiedCstChildren = {
  One?: IToken[];
  Any?: IToken[];
  All?: IToken[];
  Of: IToken[];
  Them?: IToken[];
  Identifier?: IToken[];
};

export interface ConditionCstVisitor<IN, OUT> extends ICstVisitor<IN, OUT> {
  condition(children: ConditionCstChildren, param?: IN): OUT;
  orExpr(children: OrExprCstChildren, param?: IN): OUT;
  andExpr(children: AndExprCstChildren, param?: IN): OUT;
  notExpr(children: NotExprCstChildren, param?: IN): OUT;
  atom(children: AtomCstChildren, param?: IN): OUT;
  quantified(children: QuantifiedCstChildren, param?: IN): OUT;
}
