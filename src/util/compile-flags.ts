/**
 * @fileoverview The flags every command that compiles rules shares (`--schema`,
 * `--dialect`, `--open-fields`), declared once, and their translation into compile options.
 */
import { Flags } from "@oclif/core";
import { eqlDialects, type EqlDialect } from "../../compiler/frontends/frontend.js";
import { DEFAULT_SCHEMA } from "./bundled.js";

export const compileFlags = {
  schema: Flags.string({ char: "s", summary: "Event schema for rule sources: ecs, windows, endgame, a schema file, or (run, query) auto.", default: DEFAULT_SCHEMA }),
  dialect: Flags.option({
    options: eqlDialects,
    default: "elastic" as const,
    summary: "EQL dialect: elastic (== exact and case-sensitive) or endgame (the reference engine: == and in fold case).",
  })(),
  "open-fields": Flags.boolean({
    summary: "Accept fields the schema does not declare, as strings; each one gets warning K1208.",
    description: "For event logs whose field names cannot all be listed, such as Windows EventData. Without it an undeclared field is error K1201.",
  }),
};

export interface CompileFlagValues {
  readonly schema: string;
  readonly dialect: EqlDialect;
  readonly "open-fields": boolean;
}

export function compileOptions(flags: CompileFlagValues): { schema: string; openFields: boolean; dialect: EqlDialect } {
  return { schema: flags.schema, openFields: flags["open-fields"], dialect: flags.dialect };
}
