/**
 * @fileoverview Which file extensions each rule language claims, kept apart from the
 * frontends themselves so that finding rule files (and hashing them for the package
 * cache) does not load a parser.
 */
import type { Language } from "../ir/nodes.js";

export const languageExtensions = {
  eql: [".eql"],
  sigma: [".yml", ".yaml"],
  json: [".json"],
} as const satisfies Record<Language, readonly string[]>;

/** Elastic detection-rule files: TOML whose `[rule]` table holds an EQL query (or another language's, which is skipped). */
export const elasticTomlExtensions = [".toml"] as const;

export const ruleExtensions: readonly string[] = [...Object.values(languageExtensions).flat(), ...elasticTomlExtensions];
