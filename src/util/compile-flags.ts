/**
 * @fileoverview The flags every command that compiles rules shares (`--schema`,
 * `--dialect`, `--open-fields`), declared once, and their translation into compile options.
 */
import { Flags } from "@oclif/core";
import { eqlDialects, type EqlDialect } from "../../compiler/frontends/frontend.js";
import { DEFAULT_SCHEMA } from "./bundled.js";

export const compileFlags = {
  schema: Flags.string({ char: "s", summary: "Event schema for rule sources: ecs, windows, evtx, endgame, a schema file, or (run, query) auto.", default: DEFAULT_SCHEMA }),
  dialect: Flags.option({
    options: eqlDialects,
    default: "elastic" as const,
    summary: "EQL dialect: elastic (== exact and case-sensitive) or endgame (the reference engine: == and in fold case).",
  })(),
  pipeline: Flags.string({
    char: "p",
    summary: "A processing pipeline (shipped: ecs, evtx-json, native, windows-flat; or a pipeline YAML file) to run after the schema's own; repeat for more.",
    description:
      "Pipelines map rule field names to event paths (one-to-many: any of these paths), give Sigma log sources more event shapes (Security 4688 for process_creation) and add conditions. The schema's own pipeline (pipelines/<schema>.yml, when shipped) always runs first. See docs/pipelines.md.",
    multiple: true,
    multipleNonGreedy: true,
  }),
  "open-fields": Flags.boolean({
    summary: "Accept fields the schema does not declare, as strings; each one gets warning K1208.",
    description: "For event logs whose field names cannot all be listed, such as Windows EventData. Without it an undeclared field is error K1201.",
  }),
};

export interface CompileFlagValues {
  readonly schema: string;
  readonly dialect: EqlDialect;
  readonly "open-fields": boolean;
  readonly pipeline?: readonly string[] | undefined;
}

export function compileOptions(flags: CompileFlagValues): { schema: string; openFields: boolean; dialect: EqlDialect; pipelines: readonly string[] } {
  return { schema: flags.schema, openFields: flags["open-fields"], dialect: flags.dialect, pipelines: flags.pipeline ?? [] };
}
