/**
 * @fileoverview EqlFile → IrRule: metadata with defaults (id from the file name,
 * title from the id, severity "medium", action "alert"), an event query as a `match`,
 * a sequence or join as lower-sequence.ts says, pipes as lower-pipes.ts says, and a located
 * K1601 for what is parsed but not compiled yet (sample). A file with any error yields no rule.
 */
import type { IrQuery, IrRule } from "../../ir/nodes.js";
import { assertNever } from "../../util/assert-never.js";
import { idFromPath, readMore, titleFromId } from "../common/metadata.js";
import type { LowerContext } from "../frontend.js";
import type { EqlFile } from "./ast.js";
import { lowerEventQuery } from "./lower-event.js";
import { lowerPipes } from "./lower-pipes.js";
import { lowerSequence } from "./lower-sequence.js";

export function lowerEql(ast: EqlFile, ctx: LowerContext): IrRule[] {
  const errorsBefore = ctx.bag.errorCount;
  const lowered = lowerQuery(ast, ctx);
  const piped = lowered === undefined ? undefined : lowerPipes(lowered, ast.pipes, ctx);
  if (piped === undefined || ctx.bag.errorCount !== errorsBefore) return [];
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
      ...readMore(meta),
      query: piped.query,
      ...(piped.pipes.length === 0 ? {} : { pipes: piped.pipes }),
    },
  ];
}

function lowerQuery(ast: EqlFile, ctx: LowerContext): IrQuery | undefined {
  const query = ast.query;
  switch (query.kind) {
    case "event": {
      const predicate = lowerEventQuery(query, ctx);
      return predicate === undefined ? undefined : { kind: "match", predicate };
    }
    case "sequence":
    case "join":
      return lowerSequence({ ...query, kind: query.kind }, ctx);
    case "sample":
      ctx.bag.error("K1601", query.keyword, [`'${query.kind}' queries`]);
      return undefined;
    default:
      return assertNever(query);
  }
}
