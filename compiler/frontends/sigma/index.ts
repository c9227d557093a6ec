/**
 * @fileoverview The Sigma frontend: `.yml`/`.yaml` files, one rule each. parse = read
 * YAML with spans (read.ts) → SigmaRule AST with parsed conditions (to-ast.ts);
 * lower = AST → IR against the event schema (lower.ts).
 */
import { languageExtensions } from "../extensions.js";
import type { Frontend } from "../frontend.js";
import type { SigmaRule } from "./ast.js";
import { lowerSigmaRule } from "./lower.js";
import { readYaml } from "./read.js";
import { toSigmaRule } from "./to-ast.js";

export const sigmaFrontend: Frontend<SigmaRule> = {
  language: "sigma",
  extensions: languageExtensions.sigma,
  parse(file, bag) {
    const root = readYaml(file, bag);
    return root === undefined ? undefined : toSigmaRule(root, file, bag);
  },
  lower(ast, ctx) {
    return lowerSigmaRule(ast, ctx);
  },
};

export type { SigmaRule } from "./ast.js";
export { printSigmaRule } from "./print-ast.js";
