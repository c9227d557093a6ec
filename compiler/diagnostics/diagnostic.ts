/**
 * @fileoverview Diagnostics are values, collected in a bag so one build reports every
 * bad rule. Exceptions are reserved for internal invariant violations.
 */
import type { Span } from "../source/span.js";
import { formatMessage, type DiagnosticCode } from "./messages.js";

export type Severity = "error" | "warning";

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  /** Context chain outermost first, e.g. ["rule 'Whoami'", "detection.condition"]. */
  readonly context?: readonly string[];
}

export class DiagnosticBag {
  readonly items: Diagnostic[] = [];

  error(code: DiagnosticCode, span: Span, args: readonly (string | number)[] = [], context?: readonly string[]): void {
    this.push("error", code, span, args, context);
  }

  warning(code: DiagnosticCode, span: Span, args: readonly (string | number)[] = [], context?: readonly string[]): void {
    this.push("warning", code, span, args, context);
  }

  private push(
    severity: Severity,
    code: DiagnosticCode,
    span: Span,
    args: readonly (string | number)[],
    context: readonly string[] | undefined,
  ): void {
    const message = formatMessage(code, args);
    this.items.push(context === undefined ? { code, severity, message, span } : { code, severity, message, span, context });
  }

  /**
   * Moves `other`'s diagnostics into this bag under `context` (outermost first): how a
   * frontend that hosts another language's text (an EQL query in a TOML rule) names
   * where that text sits.
   */
  adopt(other: DiagnosticBag, context: readonly string[]): void {
    for (const d of other.items) this.items.push({ ...d, context: [...context, ...(d.context ?? [])] });
  }

  /** Moves in `other`'s diagnostics that this bag does not already hold (same code, place and message): a second lowering of the same text. */
  adoptNew(other: DiagnosticBag): void {
    const key = (d: Diagnostic): string => `${d.code}\0${d.span.file}\0${d.span.start}\0${d.span.end}\0${d.message}`;
    const held = new Set(this.items.map(key));
    for (const d of other.items) if (!held.has(key(d))) this.items.push(d);
  }

  get errorCount(): number {
    return this.items.filter((d) => d.severity === "error").length;
  }

  hasErrors(): boolean {
    return this.items.some((d) => d.severity === "error");
  }
}
