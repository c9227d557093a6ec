/**
 * @fileoverview Typing rules: one MatchValue against one schema field becomes one IR
 * leaf, or a located K1202/K1206/K1307. Shared by the Sigma and JSON frontends so both
 * read values the same way:
 * - strings on text fields: eq / prefix / suffix / contains when the wildcards allow,
 *   else wildcard; case-insensitive (lowercased) unless cased;
 * - integers on numeric fields → int (float on f64 fields); on text fields → their text;
 * - strings on numeric fields when they spell a number; other strings are K1202, or with
 *   `textOnNumeric` (Sigma, whose values are text) match the number's JSON text;
 * - booleans on bool fields; `true`/`false` text on bool fields; null → not(exists).
 */
import type { DiagnosticBag } from "../../diagnostics/diagnostic.js";
import type { Span } from "../../source/span.js";
import type { CmpOp, FieldRef, IrExpr } from "../../ir/nodes.js";
import { elementType, isNumericType, isTextType } from "../../ir/types.js";
import { asciiLower } from "../../ir/validate.js";
import { assertNever } from "../../util/assert-never.js";
import { toEcmaRegex } from "./regex.js";
import { hasWildcards, plainText, wildcardText, type MatchValue, type StrPart } from "./values.js";

export interface ValueEnv {
  readonly bag: DiagnosticBag;
  readonly context: readonly string[];
  /** A string that is not a number still matches a numeric field, as text. */
  readonly textOnNumeric?: boolean;
  /** Resolves the field a `fieldref` value names (undefined after reporting why). */
  readonly resolveField?: (name: string, span: Span) => FieldRef | undefined;
}

export function valueToIr(field: FieldRef, v: MatchValue, cased: boolean, env: ValueEnv): IrExpr | undefined {
  const elem = elementType(field.type);
  const numeric = isNumericType(field.type);
  const text = isTextType(field.type);
  const mismatch = (what: string): undefined => {
    env.bag.error("K1202", v.span, [field.path, field.type, what], env.context);
    return undefined;
  };
  const unsupportedOp = (op: string): undefined => {
    env.bag.error("K1206", v.span, [op, field.type, field.path], env.context);
    return undefined;
  };
  switch (v.kind) {
    case "str":
      if (v.binary) {
        env.bag.error("K1307", v.span, [field.path, "'wide'/'utf16' must be followed by 'base64' or 'base64offset'"], env.context);
        return undefined;
      }
      if (text) return strLeaf(field, v.parts, !(cased || v.cased));
      if (!hasWildcards(v.parts)) {
        const s = plainText(v.parts);
        if (numeric && /^[+-]?\d+$/.test(s)) return numberLeaf(field, "eq", BigInt(s), Number(s));
        if (numeric && elem === "f64" && Number.isFinite(Number(s)) && s.trim() !== "") return numberLeaf(field, "eq", undefined, Number(s));
        if (elem === "bool" && /^(true|false)$/i.test(s)) return { kind: "bool", field, value: s.toLowerCase() === "true" };
      }
      if (numeric && env.textOnNumeric === true) {
        env.bag.warning("K1209", v.span, [JSON.stringify(plainText(v.parts)), field.type, field.path], env.context);
        return strLeaf(field, v.parts, !(cased || v.cased));
      }
      return mismatch(`string ${JSON.stringify(plainText(v.parts))}`);
    case "num":
      if (numeric) return numberLeaf(field, "eq", v.int, v.float);
      if (text) return strLeaf(field, [{ kind: "text", text: v.text }], true);
      return mismatch(`number ${v.text}`);
    case "bool":
      if (elem === "bool") return { kind: "bool", field, value: v.value };
      if (text) return strLeaf(field, [{ kind: "text", text: String(v.value) }], true);
      return mismatch(`boolean ${String(v.value)}`);
    case "null":
      return { kind: "not", term: { kind: "exists", field } };
    case "exists":
      return v.value ? { kind: "exists", field } : { kind: "not", term: { kind: "exists", field } };
    case "regex": {
      if (!text) return unsupportedOp("re");
      const r = toEcmaRegex(v.pattern, v.flags);
      if (!r.ok) {
        env.bag.error("K1010", v.span, [v.pattern, r.error], env.context);
        return undefined;
      }
      return { kind: "regex", field, pattern: r.pattern, caseInsensitive: r.caseInsensitive };
    }
    case "cidr":
      return text ? { kind: "cidr", field, cidr: v.cidr } : unsupportedOp("cidr");
    case "fieldref": {
      const other = env.resolveField?.(v.field, v.span);
      if (other === undefined) return undefined;
      if (other.id === field.id) return { kind: "exists", field };
      return { kind: "fieldcmp", op: "eq", field, other, caseInsensitive: !cased };
    }
    case "cmp":
      return numeric ? numberLeaf(field, v.op, v.int, v.float) : unsupportedOp(v.label);
    default:
      return assertNever(v);
  }
}

function numberLeaf(field: FieldRef, op: CmpOp, int: bigint | undefined, float: number): IrExpr {
  if (int !== undefined && elementType(field.type) !== "f64") return { kind: "int", op, field, value: int.toString() };
  return { kind: "float", op, field, value: float };
}

/** The narrowest string leaf for a pattern: eq, prefix, suffix, contains, else wildcard. */
export function strLeaf(field: FieldRef, parts: readonly StrPart[], caseInsensitive: boolean): IrExpr {
  const fold = (s: string): string => (caseInsensitive ? asciiLower(s) : s);
  const leaf = (op: "eq" | "prefix" | "suffix" | "contains" | "wildcard", value: string): IrExpr => ({
    kind: "str",
    op,
    field,
    value: fold(value),
    caseInsensitive,
  });
  const first = parts[0];
  const last = parts[parts.length - 1];
  const lead = first?.kind === "any";
  const trail = last?.kind === "any" && parts.length > 1;
  const middle = parts.slice(lead ? 1 : 0, trail ? -1 : undefined);
  if (hasWildcards(middle)) return leaf("wildcard", wildcardText(parts));
  const s = plainText(middle);
  if (lead && trail) return s === "" ? leaf("wildcard", "*") : leaf("contains", s);
  if (lead) return s === "" ? leaf("wildcard", "*") : leaf("suffix", s);
  if (trail) return leaf("prefix", s);
  return leaf("eq", s);
}

