/**
 * @fileoverview Elastic detection-rule files (`.toml` with `[metadata]` and `[rule]`
 * tables) as EQL rules: parse = TOML (read.ts) → the rule's metadata and query
 * (rule.ts) → the EQL parser over the TOML text with everything but the query blanked
 * (query-file.ts), so EQL diagnostics land on the TOML file's own lines and columns;
 * lower = the EQL frontend's, always in the elastic dialect. A rule in another language is one warning (K1705) and no
 * rule. EQL diagnostics carry the context "rule '<name>' → rule.query".
 */
import { DiagnosticBag } from "../../../diagnostics/diagnostic.js";
import { assertNever } from "../../../util/assert-never.js";
import { elasticTomlExtensions } from "../../extensions.js";
import type { Frontend } from "../../frontend.js";
import type { EqlFile, EqlMetadata } from "../ast.js";
import { lowerEql } from "../lower.js";
import { parseEqlQuery } from "../parse.js";
import { locateToml } from "./locate.js";
import { queryFile } from "./query-file.js";
import { readToml } from "./read.js";
import { readElasticRule } from "./rule.js";

export const elasticTomlFrontend: Frontend<EqlFile> = {
  language: "eql",
  extensions: elasticTomlExtensions,
  parse(file, bag) {
    const doc = readToml(file, bag);
    if (doc === undefined) return undefined;
    const rule = readElasticRule(doc, locateToml(file), file.path, bag);
    if (rule === undefined) return undefined;
    switch (rule.kind) {
      case "skipped":
        bag.warning("K1705", rule.language.span, [rule.name, rule.language.value]);
        return undefined;
      case "eql": {
        const inner = new DiagnosticBag();
        const ast = parseEqlQuery(queryFile(file, rule.query, rule.queryAt), rule.metadata, inner);
        bag.adopt(inner, queryContext(rule.metadata));
        return ast;
      }
      default:
        return assertNever(rule);
    }
  },
  lower(ast, ctx) {
    const inner = new DiagnosticBag();
    // Elastic's rules are written for Elasticsearch's EQL, whatever --dialect says for .eql files.
    const rules = lowerEql(ast, { ...ctx, bag: inner, dialect: "elastic" });
    ctx.bag.adopt(inner, queryContext(ast.metadata));
    return rules;
  },
};

function queryContext(metadata: EqlMetadata): string[] {
  return [`rule '${metadata.name?.value ?? metadata.id?.value ?? ""}'`, "rule.query"];
}
