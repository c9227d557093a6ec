/**
 * @fileoverview EqlFile → IrRule: metadata with defaults (id from the file name,
 * title from the id, severity "medium", action "alert"), the event category's schema
 * predicate AND-ed with the lowered condition, and a located K1601 for what is
 * parsed but not compiled yet (sequence, join, sample, pipes). A file with any
 * error yields no rule.
 */
import { allOf } from "../../ir/build.js";
import type { IrExpr, IrRule } from "../../ir/nodes.js";
import { assertNever } from "../../util/assert-never.js";
import { categoryPredicate } from "../common/fields.js";
import { idFromPath, titleFromId } from "../common/metadata.js";
import type { LowerContext } from "../frontend.js";
import type { EqlFile } from "./ast.js";
import { lowerCondition } from "./lower-expr.js";

export function lowerEql(ast: EqlFile, ctx: LowerContext): IrRule[] {
  const errorsBefore = ctx.bag.errorCount;
  const predicate = lowerQuery(ast, ctx);
  for (const pipe of ast.pipes) ctx.bag.error("K1601", pipe.span, [`pipe '| ${pipe.name}'`]);
  if (predicate === undefined || ctx.bag.errorCount !== errorsBefore) return [];
  const meta = ast.metadata;
  const id = meta.id?.value ?? idFromPath(ast.path);
  return [
    {
      id,
      title: meta.name?.value ?? titleFromId(id),
      language: "eql",
      source: { path: ast.path, line: ctx.file.lineColAt(ast.query.span.start).line },
      severity: meta.severity?.value ?? "medium",
      author: meta.author,
      tags: meta.tags,
      action: meta.action?.value ?? "alert",
      description: meta.description?.value ?? "",
      query: { kind: "match", predicate },
    },
  ];
}

function lowerQuery(ast: EqlFile, ctx: LowerContext): IrExpr | undefined {
  const query = ast.query;
  switch (query.kind) {
    case "event": {
      const category = query.category;
      const categoryIr = category.value === "any" ? undefined : categoryPredicate(category.value, category.span, ctx);
      const condition = lowerCondition(query.condition, ctx);
      if (condition === undefined) return undefined;
      if (category.value === "any") return condition;
      return categoryIr === undefined ? undefined : allOf([categoryIr, condition]);
    }
    case "sequence":
    case "join":
    case "sample":
      ctx.bag.error("K1601", query.keyword, [`'${query.kind}' queries`]);
      return undefined;
    default:
      return assertNever(query);
  }
}
