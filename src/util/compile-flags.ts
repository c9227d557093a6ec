/**
 * @fileoverview The flags every command that compiles rules shares (`--schema`,
 * `--open-fields`), declared once, and their translation into compile options.
 */
import { Flags } from "@oclif/core";
import { DEFAULT_SCHEMA } from "./bundled.js";

export const compileFlags = {
  schema: Flags.string({ char: "s", summary: "Event schema for rule sources: ecs, windows, endgame, or a schema file.", default: DEFAULT_SCHEMA }),
  "open-fields": Flags.boolean({
    summary: "Accept fields the schema does not declare, as strings; each one gets warning K1208.",
    description: "For event logs whose field names cannot all be listed, such as Windows EventData. Without it an undeclared field is error K1201.",
  }),
};

export interface CompileFlagValues {
  readonly schema: string;
  readonly "open-fields": boolean;
}

export function compileOptions(flags: CompileFlagValues): { schema: string; openFields: boolean } {
  return { schema: flags.schema, openFields: flags["open-fields"] };
}
