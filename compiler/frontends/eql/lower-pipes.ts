/**
 * @fileoverview EQL pipes → IR pipes. `head`/`tail` take a count (default 10, as the
 * reference engine has it); `unique`, `unique_count` and `sort` take fields. `filter`
 * conditions that come before every other pipe are folded into an event query's predicate
 * (what `filter` means there); elsewhere, and pipes other than head/tail after a sequence,
 * are reported as unsupported (K1601), as are `count` and pipe arguments that are not
 * fields. Bad counts are K1604.
 */
import { allOf } from "../../ir/build.js";
import type { FieldRef, IrExpr, IrPipe, IrQuery } from "../../ir/nodes.js";
import { resolveField } from "../common/fields.js";
import type { LowerContext } from "../frontend.js";
import type { EqlPipe } from "./ast.js";
import { lowerCondition } from "./lower-expr.js";

const DEFAULT_COUNT = 10;
/** Results a head or tail may keep: tail holds them until the end. */
const MAX_COUNT = 1_000_000;

export interface LoweredPipes {
  readonly query: IrQuery;
  readonly pipes: readonly IrPipe[];
}

export function lowerPipes(query: IrQuery, written: readonly EqlPipe[], ctx: LowerContext): LoweredPipes | undefined {
  const errorsBefore = ctx.bag.errorCount;
  let q = query;
  const pipes: IrPipe[] = [];
  for (const pipe of written) {
    const name = pipe.name.toLowerCase();
    if (name === "filter") {
      const last = pipes[pipes.length - 1];
      if (last !== undefined) ctx.bag.error("K1601", pipe.span, [`'| filter' after '| ${last.kind}'`]);
      else if (q.kind !== "match") ctx.bag.error("K1601", pipe.span, [`'| filter' after a ${q.kind}`]);
      else {
        const folded = foldFilter(q.predicate, pipe, ctx);
        if (folded !== undefined) q = { kind: "match", predicate: folded };
      }
      continue;
    }
    const lowered = lowerPipe(name, pipe, q, ctx);
    if (lowered !== undefined) pipes.push(lowered);
  }
  return ctx.bag.errorCount === errorsBefore ? { query: q, pipes } : undefined;
}

function foldFilter(predicate: IrExpr, pipe: EqlPipe, ctx: LowerContext): IrExpr | undefined {
  const conditions = pipe.args.map((a) => lowerCondition(a, ctx));
  if (conditions.some((c) => c === undefined)) return undefined;
  return allOf([predicate, ...conditions.filter((c): c is IrExpr => c !== undefined)]);
}

function lowerPipe(name: string, pipe: EqlPipe, query: IrQuery, ctx: LowerContext): IrPipe | undefined {
  switch (name) {
    case "head":
    case "tail": {
      const count = countOf(pipe, ctx);
      return count === undefined ? undefined : { kind: name, count };
    }
    case "unique":
    case "unique_count":
    case "sort": {
      if (query.kind !== "match") {
        ctx.bag.error("K1601", pipe.span, [`'| ${name}' after a ${query.kind}`]);
        return undefined;
      }
      const fields = fieldsOf(pipe, ctx);
      return fields === undefined ? undefined : { kind: name, fields, caseInsensitive: ctx.dialect === "endgame" };
    }
    default:
      ctx.bag.error("K1601", pipe.span, [`pipe '| ${pipe.name}'`]);
      return undefined;
  }
}

function countOf(pipe: EqlPipe, ctx: LowerContext): number | undefined {
  const [arg, ...rest] = pipe.args;
  if (arg === undefined) return DEFAULT_COUNT;
  const n = arg.kind === "int" ? Number(arg.text) : NaN;
  if (rest.length > 0 || !Number.isSafeInteger(n) || n < 0 || n > MAX_COUNT) {
    ctx.bag.error("K1604", pipe.span, [`| ${pipe.name}`, `expected one whole number from 0 to ${MAX_COUNT}`]);
    return undefined;
  }
  return n;
}

function fieldsOf(pipe: EqlPipe, ctx: LowerContext): FieldRef[] | undefined {
  if (pipe.args.length === 0) {
    ctx.bag.error("K1604", pipe.span, [`| ${pipe.name}`, "expected one or more fields"]);
    return undefined;
  }
  const fields: FieldRef[] = [];
  for (const arg of pipe.args) {
    if (arg.kind !== "field") {
      ctx.bag.error("K1601", arg.span, [`'| ${pipe.name}' on an expression`]);
      continue;
    }
    const f = resolveField(arg.path, arg.span, ctx);
    if (f !== undefined) fields.push(f);
  }
  return fields.length === pipe.args.length ? fields : undefined;
}
