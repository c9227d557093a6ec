/**
 * @fileoverview Loads the compiler on demand. oclif's explicit command map imports
 * every command at start-up; the compiler (Chevrotain parsers, schemas) costs about
 * half a second to load, which `kestrel run` over a built package never needs.
 */
export type Compiler = typeof import("../../compiler/index.js");

export function loadCompiler(): Promise<Compiler> {
  return import("../../compiler/index.js");
}
