/**
 * @fileoverview Compiles one query or rule text in memory through the public
 * compileSources API and classifies the result: compiled (its rules after the passes
 * and as lowered, each renamed to a caller-chosen unique id), unsupported (the distinct error codes), or threw (the
 * compiler raised an exception, which is always a conformance failure).
 */
import { compileSources } from "../../compiler/index.js";
import type { IrRule } from "../../compiler/ir/nodes.js";
import type { EqlDialect } from "../../compiler/frontends/frontend.js";
import type { EventSchema } from "../../compiler/schema/schema.js";

export type CaseCompile =
  /** `lowered[i]` is `rules[i]` (same id) before the passes. */
  | { readonly kind: "compiled"; readonly rules: readonly IrRule[]; readonly lowered: readonly IrRule[] }
  | { readonly kind: "unsupported"; readonly codes: readonly string[]; readonly first: string }
  | { readonly kind: "threw"; readonly message: string };

/** `path`'s extension picks the frontend; `rename(i)` gives the i-th rule's id. */
export function compileText(path: string, read: () => string, schema: EventSchema, rename: (i: number) => string, dialect: EqlDialect = "elastic", pipelines: readonly string[] = []): CaseCompile {
  try {
    const result = compileSources([{ path, read }], { schema, dialect, pipelines });
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0 || result.ruleSet.rules.length === 0) {
      const codes = [...new Set(errors.map((d) => d.code))];
      return { kind: "unsupported", codes: codes.length > 0 ? codes : ["(no rule)"], first: errors[0]?.message ?? "no rule produced" };
    }
    const renamed = (rules: readonly IrRule[]): IrRule[] => rules.map((r, i) => ({ ...r, id: rename(i) }));
    return { kind: "compiled", rules: renamed(result.ruleSet.rules), lowered: renamed(result.lowered.rules) };
  } catch (e) {
    return { kind: "threw", message: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}
