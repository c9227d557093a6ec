/**
 * @fileoverview The EQL frontend: `.eql` files, one query each, parsed into an
 * EqlFile and lowered into one IR rule; and its variant for Elastic's TOML rule files
 * (elastic-toml/), whose EQL goes through the same parser and lowering.
 */
import { languageExtensions } from "../extensions.js";
import type { Frontend } from "../frontend.js";
import type { EqlFile } from "./ast.js";
import { lowerEql } from "./lower.js";
import { parseEql } from "./parse.js";

export type { EqlFile } from "./ast.js";
export { elasticTomlFrontend } from "./elastic-toml/index.js";
export { printEqlAst } from "./print-ast.js";

export const eqlFrontend: Frontend<EqlFile> = {
  language: "eql",
  extensions: languageExtensions.eql,
  parse: parseEql,
  lower: lowerEql,
};
