/**
 * @fileoverview Renders a compile result's diagnostics for the terminal (compiler-style
 * text with snippet and caret) or as the `--json` summary object.
 */
import type { CompileResult } from "../../compiler/index.js";
import { formatDiagnostic, locate, type LocatedDiagnostic } from "../../compiler/diagnostics/format.js";

export function diagnosticsText(result: CompileResult): string[] {
  return result.diagnostics.map((d) => formatDiagnostic(d, result.sources.get(d.span.file)));
}

export interface BuildSummary {
  readonly compiled: number;
  readonly failed: number;
  readonly diagnostics: readonly LocatedDiagnostic[];
}

export function buildSummary(result: CompileResult): BuildSummary {
  return {
    compiled: result.ruleSet.rules.length,
    failed: result.filesFailed + result.unmatched.length,
    diagnostics: result.diagnostics.map((d) => locate(d, result.sources.get(d.span.file))),
  };
}
