/**
 * @fileoverview Renders diagnostics like a compiler: `file:line:col: error K1201: msg`,
 * then the source line and a tab-aware caret. Long lines are cut around the caret.
 */
import type { SourceFile } from "../source/source-file.js";
import type { Diagnostic } from "./diagnostic.js";

const MAX_LINE = 160;

export interface LocatedDiagnostic {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  readonly context?: readonly string[];
}

export function locate(d: Diagnostic, source: SourceFile | undefined): LocatedDiagnostic {
  const { line, col } = source ? source.lineColAt(d.span.start) : { line: 1, col: 1 };
  const base = { file: d.span.file, line, col, code: d.code, severity: d.severity, message: d.message };
  return d.context === undefined ? base : { ...base, context: d.context };
}

export function formatDiagnostic(d: Diagnostic, source: SourceFile | undefined): string {
  const loc = locate(d, source);
  const head = `${loc.file}:${loc.line}:${loc.col}: ${loc.severity} ${loc.code}: ${loc.message}`;
  const lines = [head];
  if (d.context !== undefined && d.context.length > 0) lines.push(`  in ${d.context.join(" → ")}`);
  if (source !== undefined) {
    const text = source.lineText(loc.line);
    const width = Math.max(1, Math.min(d.span.end, source.offsetAt(loc.line + 1, 1)) - d.span.start);
    lines.push(...snippet(text, loc.col - 1, width));
  }
  return lines.join("\n");
}

/** The source line (cut to MAX_LINE around the caret) and a caret line that copies its tabs. */
function snippet(text: string, col0: number, width: number): string[] {
  let from = 0;
  let shown = text;
  if (text.length > MAX_LINE) {
    from = Math.max(0, Math.min(col0 - MAX_LINE / 2, text.length - MAX_LINE));
    shown = (from > 0 ? "..." : "") + text.slice(from, from + MAX_LINE) + (from + MAX_LINE < text.length ? "..." : "");
  }
  const prefix = (from > 0 ? "..." : "") + text.slice(from, col0);
  const pad = prefix.replace(/[^\t]/g, " ");
  const carets = "^".repeat(Math.max(1, Math.min(width, MAX_LINE - (col0 - from))));
  return [shown, pad + carets];
}
