/**
 * @fileoverview One event query (`process where …`, `any where …`) → its IR predicate:
 * the category's schema predicate AND-ed with the lowered condition.
 */
import { allOf } from "../../ir/build.js";
import type { IrExpr } from "../../ir/nodes.js";
import { categoryPredicate } from "../common/fields.js";
import type { LowerContext } from "../frontend.js";
import type { EqlEventQuery } from "./ast.js";
import { lowerCondition } from "./lower-expr.js";

export function lowerEventQuery(query: EqlEventQuery, ctx: LowerContext): IrExpr | undefined {
  const category = query.category;
  const categoryIr = category.value === "any" ? undefined : categoryPredicate(category.value, category.span, ctx);
  const condition = lowerCondition(query.condition, ctx);
  if (condition === undefined) return undefined;
  if (category.value === "any") return condition;
  return categoryIr === undefined ? undefined : allOf([categoryIr, condition]);
}
