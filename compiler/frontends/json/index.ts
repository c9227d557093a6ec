/**
 * @fileoverview The Kestrel JSON rule frontend: `.json` files holding one rule object
 * or an array of them (schemas/rule.schema.json). parse = strict JSON with spans
 * (read.ts) → schema check → JsonRuleFile (to-ast.ts); lower = IR (lower.ts).
 */
import { languageExtensions } from "../extensions.js";
import type { Frontend } from "../frontend.js";
import type { JsonRuleFile } from "./ast.js";
import { lowerJsonRules } from "./lower.js";
import { readJson } from "./read.js";
import { toJsonRuleFile } from "./to-ast.js";

export const jsonFrontend: Frontend<JsonRuleFile> = {
  language: "json",
  extensions: languageExtensions.json,
  parse(file, bag) {
    const root = readJson(file, bag);
    return root === undefined ? undefined : toJsonRuleFile(root, bag);
  },
  lower(ast, ctx) {
    return lowerJsonRules(ast, ctx);
  },
};

export type { JsonRuleFile } from "./ast.js";
export { printJsonRuleFile } from "./print-ast.js";
