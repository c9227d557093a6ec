/**
 * @fileoverview Typed match values, the currency between the Sigma and JSON frontends
 * and IR leaves (common/value-to-ir.ts): strings as runs of text and wildcards (`*` any
 * run, `?` one character), numbers keeping their spelling, and the special kinds that
 * Sigma's type modifiers produce (regex, cidr, exists, comparisons). Also parses the
 * IR's wildcard syntax, which is Sigma's string escaping: `\*` `\?` `\\` are literal,
 * any other backslash is a plain backslash.
 */
import type { Span } from "../../source/span.js";

export type StrPart = { readonly kind: "text"; readonly text: string } | { readonly kind: "any" } | { readonly kind: "one" };

export interface RegexFlags {
  readonly i: boolean;
  readonly m: boolean;
  readonly s: boolean;
}

export type CmpModifierOp = "lt" | "le" | "gt" | "ge";

export type MatchValue =
  | {
      readonly kind: "str";
      readonly parts: readonly StrPart[];
      /** The string as written, while no modifier has transformed it (`re` needs it). */
      readonly raw: string | undefined;
      /** Match case-sensitively whatever the rule says (e.g. base64 text). */
      readonly cased: boolean;
      /** Holds bytes (one per UTF-16 unit) from utf16 encodings, awaiting base64. */
      readonly binary: boolean;
      readonly span: Span;
    }
  /** `int` is set when the number is integral (`text` is its spelling in the rule). */
  | { readonly kind: "num"; readonly text: string; readonly int: bigint | undefined; readonly float: number; readonly span: Span }
  | { readonly kind: "bool"; readonly value: boolean; readonly span: Span }
  | { readonly kind: "null"; readonly span: Span }
  | { readonly kind: "regex"; readonly pattern: string; readonly flags: RegexFlags; readonly span: Span }
  | { readonly kind: "cidr"; readonly cidr: string; readonly span: Span }
  /** `fieldref`: equals the value of the named field in the same event. */
  | { readonly kind: "fieldref"; readonly field: string; readonly span: Span }
  | { readonly kind: "exists"; readonly value: boolean; readonly span: Span }
  | {
      readonly kind: "cmp";
      readonly op: CmpModifierOp;
      /** The operator as the rule spelled it (`gte`), for messages. */
      readonly label: string;
      readonly int: bigint | undefined;
      readonly float: number;
      readonly span: Span;
    };

export type StrValue = Extract<MatchValue, { kind: "str" }>;

/** A literal string (no wildcards), e.g. a JSON rule's `eq` value. */
export function literal(text: string, span: Span): StrValue {
  return { kind: "str", parts: text === "" ? [] : [{ kind: "text", text }], raw: text, cased: false, binary: false, span };
}

/** Text in the IR's wildcard syntax as parts: `*` any run, `?` one character, `\*` `\?` `\\` literal. */
export function parseWildcard(s: string): StrPart[] {
  const parts: StrPart[] = [];
  let text = "";
  const flush = (): void => {
    if (text !== "") parts.push({ kind: "text", text });
    text = "";
  };
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    const next = s.charAt(i + 1);
    if (c === "\\" && (next === "*" || next === "?" || next === "\\")) {
      text += next;
      i++;
    } else if (c === "*" || c === "?") {
      flush();
      parts.push({ kind: c === "*" ? "any" : "one" });
    } else {
      text += c;
    }
  }
  flush();
  return parts;
}

/** Adjacent texts merged, runs of `*` collapsed. */
export function normalizeParts(parts: readonly StrPart[]): StrPart[] {
  const out: StrPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (p.kind === "text" && p.text === "") continue;
    if (p.kind === "text" && last?.kind === "text") out[out.length - 1] = { kind: "text", text: last.text + p.text };
    else if (p.kind === "any" && last?.kind === "any") continue;
    else out.push(p);
  }
  return out;
}

export function hasWildcards(parts: readonly StrPart[]): boolean {
  return parts.some((p) => p.kind !== "text");
}

/** The plain text of wildcard-free parts. */
export function plainText(parts: readonly StrPart[]): string {
  return parts.map((p) => (p.kind === "text" ? p.text : p.kind === "any" ? "*" : "?")).join("");
}

/** Parts in the IR's wildcard syntax: `*`, `?`, and `\*` `\?` `\\` for literals. */
export function wildcardText(parts: readonly StrPart[]): string {
  return parts.map((p) => (p.kind === "text" ? p.text.replace(/[\\*?]/g, (c) => `\\${c}`) : p.kind === "any" ? "*" : "?")).join("");
}
