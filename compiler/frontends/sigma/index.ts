/**
 * @fileoverview The Sigma frontend: `.yml`/`.yaml` files of one or more documents
 * (detection rules and correlations). parse = read YAML with spans (read.ts) → Sigma AST
 * with parsed conditions (to-ast.ts); lower = AST → IR rules against the event schema
 * (lower.ts), correlations left in ctx.link for linking across files (link.ts).
 */
import { languageExtensions } from "../extensions.js";
import type { Frontend } from "../frontend.js";
import type { SigmaFile } from "./ast.js";
import { lowerSigmaFile } from "./lower.js";
import { readYaml } from "./read.js";
import { toSigmaFile } from "./to-ast.js";

export const sigmaFrontend: Frontend<SigmaFile> = {
  language: "sigma",
  extensions: languageExtensions.sigma,
  parse(file, bag) {
    const roots = readYaml(file, bag);
    return roots === undefined ? undefined : toSigmaFile(roots, file, bag);
  },
  lower(ast, ctx) {
    return lowerSigmaFile(ast, ctx);
  },
};

export type { SigmaFile, SigmaRule } from "./ast.js";
export { printSigmaFile } from "./print-ast.js";
