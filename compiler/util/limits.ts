/**
 * @fileoverview How deep rule sources may nest, written down once: EQL queries, Sigma
 * conditions and JSON rule files deeper than this get K1007 "Exceeded max depth limit of
 * 100." instead of overflowing a recursive parser. (Event lines have their own limit,
 * a package ABI number: `abi.MAX_DEPTH` in compiler/package/abi.ts.)
 */
export const MAX_RULE_DEPTH = 100;
