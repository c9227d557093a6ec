/**
 * @fileoverview Classifies one side of an EQL comparison for lowering: a schema
 * field, an optional `?field` the schema lacks (which behaves as null), a literal,
 * or something else (a call, arithmetic, a nested condition). Unknown non-optional
 * fields are reported here (K1201) through the shared resolveField.
 */
import type { FieldRef } from "../../ir/nodes.js";
import { findField } from "../../schema/lookup.js";
import { assertNever } from "../../util/assert-never.js";
import { resolveField } from "../common/fields.js";
import type { LowerContext } from "../frontend.js";
import type { EqlExpr } from "./ast.js";

export type FieldExpr = Extract<EqlExpr, { kind: "field" }>;
export type LiteralExpr = Extract<EqlExpr, { kind: "string" | "int" | "float" | "bool" | "null" }>;

/** A field operand: `field` is undefined for an optional field absent from the schema. */
export interface FieldOperand {
  readonly kind: "field";
  readonly expr: FieldExpr;
  readonly field: FieldRef | undefined;
}

export type Operand =
  | FieldOperand
  | { readonly kind: "literal"; readonly expr: LiteralExpr }
  | { readonly kind: "other"; readonly expr: EqlExpr };

export function isLiteral(e: EqlExpr): e is LiteralExpr {
  return e.kind === "string" || e.kind === "int" || e.kind === "float" || e.kind === "bool" || e.kind === "null";
}

/** The operand, or undefined after K1201 for an unknown field. */
export function classify(e: EqlExpr, ctx: LowerContext): Operand | undefined {
  if (isLiteral(e)) return { kind: "literal", expr: e };
  if (e.kind !== "field") return { kind: "other", expr: e };
  if (e.optional && findField(ctx.schema, e.path) === undefined) return { kind: "field", expr: e, field: undefined };
  const field = resolveField(e.path, e.span, ctx);
  return field === undefined ? undefined : { kind: "field", expr: e, field };
}

/** How a literal reads in a type-mismatch message: "a string", "an integer"… */
export function describeLiteral(lit: LiteralExpr): string {
  switch (lit.kind) {
    case "string":
      return "a string";
    case "int":
      return "an integer";
    case "float":
      return "a float";
    case "bool":
      return "a boolean";
    case "null":
      return "null";
    default:
      return assertNever(lit);
  }
}
