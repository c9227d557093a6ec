/**
 * @fileoverview Name and type resolution shared by all frontends: field lookup with a
 * located K1201, and the schema's category / log-source clauses turned into IR.
 */
import { allOf, anyOf } from "../../ir/build.js";
import type { FieldRef, IrExpr } from "../../ir/nodes.js";
import { elementType, isNumericType } from "../../ir/types.js";
import { asciiLower } from "../../ir/validate.js";
import { findField } from "../../schema/lookup.js";
import type { Clause } from "../../schema/schema.js";
import type { Span } from "../../source/span.js";
import type { LowerContext } from "../frontend.js";

/**
 * The schema field a rule's field name stands for, or undefined after reporting why: the
 * pipelines map the name (see compiler/pipeline/), then the schema resolves the path. A
 * name the pipelines map to several paths is K1213 here; use resolveFields where "any of
 * these paths" can be matched.
 */
export function resolveField(name: string, span: Span, ctx: LowerContext, context?: readonly string[]): FieldRef | undefined {
  const refs = resolveFields(name, span, ctx, context);
  if (refs === undefined) return undefined;
  if (refs.length > 1) {
    ctx.bag.error("K1213", span, [name, refs.map((r) => r.path).join(", ")], context);
    return undefined;
  }
  return refs[0];
}

/** Every schema field a name stands for (one, or several by a one-to-many mapping); undefined after reporting an unknown one. */
export function resolveFields(name: string, span: Span, ctx: LowerContext, context?: readonly string[]): FieldRef[] | undefined {
  const mapped = ctx.names?.map(name) ?? { paths: [name], by: [] };
  const where = mapped.by.length === 0 ? context : [...(context ?? []), `field '${name}' mapped to ${mapped.paths.map((p) => `'${p}'`).join(", ")} by pipeline ${mapped.by.join(", ")}`];
  const refs: FieldRef[] = [];
  for (const path of mapped.paths) {
    const ref = schemaField(path, span, ctx, where);
    if (ref === undefined) return undefined;
    refs.push(ref);
  }
  return refs;
}

/**
 * The schema field at `path`, or undefined after reporting K1201 at `span`. An open
 * schema accepts an undeclared path with warning K1208, so a typo still shows.
 */
function schemaField(path: string, span: Span, ctx: LowerContext, context?: readonly string[]): FieldRef | undefined {
  const found = findField(ctx.schema, path);
  if (found === undefined) {
    ctx.bag.error("K1201", span, [path, ctx.schema.id], context);
    return undefined;
  }
  if (found.open) ctx.bag.warning("K1208", span, [path, ctx.schema.id, found.def.type], context);
  return { id: found.def.id, path: found.def.path, type: found.def.type };
}

/** Clauses (all must hold; each field equals any of its values) as an IR predicate. */
export function clausesToIr(clauses: readonly Clause[], ctx: LowerContext): IrExpr {
  const terms = clauses.map((c): IrExpr => {
    const def = ctx.schema.byPath.get(c.field);
    if (def === undefined) throw new Error(`internal: schema clause names unknown field '${c.field}'`);
    const field: FieldRef = { id: def.id, path: def.path, type: def.type };
    return anyOf(c.anyOf.map((v) => equalsConstant(field, v)));
  });
  return allOf(terms);
}

/** field == constant, choosing the IR leaf by the field's type (schema clauses only). */
function equalsConstant(field: FieldRef, v: string | number | boolean): IrExpr {
  if (typeof v === "boolean") return { kind: "bool", field, value: v };
  if (typeof v === "number" && isNumericType(field.type)) {
    return Number.isInteger(v) && elementType(field.type) !== "f64"
      ? { kind: "int", op: "eq", field, value: String(v) }
      : { kind: "float", op: "eq", field, value: v };
  }
  return { kind: "str", op: "eq", field, value: asciiLower(String(v)), caseInsensitive: true };
}

/** The predicate of an EQL event category; undefined (after K1203) when the schema lacks it. */
export function categoryPredicate(name: string, span: Span, ctx: LowerContext): IrExpr | undefined {
  if (name === "any") return { kind: "const", value: true };
  const clauses = ctx.schema.categories[name];
  if (clauses !== undefined) return clausesToIr(clauses, ctx);
  const field = ctx.schema.categoryField;
  if (field === undefined) {
    ctx.bag.error("K1203", span, [name, ctx.schema.id]);
    return undefined;
  }
  ctx.bag.warning("K1210", span, [name, ctx.schema.id, field]);
  return clausesToIr([{ field, anyOf: [name] }], ctx);
}
