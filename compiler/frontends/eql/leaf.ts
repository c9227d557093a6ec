/**
 * @fileoverview `field <op> literal` → typed IR leaf, the heart of EQL's type check.
 * Strings need a text field, numbers a numeric one, booleans a bool one (else K1202
 * at the literal); an operator the field type lacks is K1206. `== null` is
 * not(exists), `!= null` is exists, and `!= v` is and(exists, not(== v)).
 * An optional `?field` the schema lacks compares as null: only `== null` holds.
 *
 * Strings: `<`, `<=`, `>`, `>=` order texts by their UTF-8 bytes, case-sensitively.
 * Case-insensitive values are ASCII-lowercased. With `wildcards`, a value
 * holding `*` or `?` becomes a wildcard pattern; EQL has no way to escape them, so
 * every `*`/`?` is a wildcard and every backslash is literal (escaped as `\\` for
 * the IR's pattern syntax), as `C:\\Windows\\*` must mean "under C:\Windows\".
 */
import type { DiagnosticBag } from "../../diagnostics/diagnostic.js";
import { allOf, not } from "../../ir/build.js";
import type { CmpOp, FieldRef, IrExpr } from "../../ir/nodes.js";
import { elementType, isNumericType, isTextType } from "../../ir/types.js";
import { asciiLower } from "../../ir/validate.js";
import { assertNever } from "../../util/assert-never.js";
import type { CompareOp } from "./ast.js";
import { describeLiteral, type FieldOperand, type LiteralExpr } from "./operand.js";
import { isOpenFieldId } from "../../schema/lookup.js";

export interface StringMode {
  readonly caseInsensitive: boolean;
  /** `*` and `?` in the value are wildcards. */
  readonly wildcards: boolean;
}

export const cmpOps: Readonly<Record<CompareOp, CmpOp>> = { "==": "eq", "!=": "ne", "<": "lt", "<=": "le", ">": "gt", ">=": "ge" };
const orderOps = { "<": "lt", "<=": "le", ">": "gt", ">=": "ge" } as const;
const I64_MIN = -(2n ** 63n);
const I64_MAX = 2n ** 63n - 1n;

/** The IR for `f <op> lit`, or undefined after reporting why it is ill-typed. */
export function fieldLeaf(f: FieldOperand, op: CompareOp, lit: LiteralExpr, mode: StringMode, bag: DiagnosticBag): IrExpr | undefined {
  if (f.field === undefined) return { kind: "const", value: lit.kind === "null" && op === "==" };
  const field = typedByLiteral(f.field, lit);
  const mismatch = (): undefined => {
    bag.error("K1202", lit.span, [field.path, field.type, describeLiteral(lit)]);
    return undefined;
  };
  const unsupported = (): undefined => {
    bag.error("K1206", f.expr.span, [op, field.type, field.path]);
    return undefined;
  };
  const equality = (eq: IrExpr): IrExpr | undefined => {
    if (op === "==") return eq;
    if (op === "!=") return notEqual(field, eq);
    return unsupported();
  };
  switch (lit.kind) {
    case "null":
      if (op === "==") return { kind: "not", term: { kind: "exists", field } };
      if (op === "!=") return { kind: "exists", field };
      return mismatch();
    case "string":
      if (!isTextType(field.type)) return mismatch();
      if (op === "==" || op === "!=") return equality(stringLeaf(field, "eq", lit.value, mode));
      // Ordered string comparison: byte-wise (ASCII folded when the mode folds), `*` and `?` literal.
      return { kind: "str", op: orderOps[op], field, value: mode.caseInsensitive ? asciiLower(lit.value) : lit.value, caseInsensitive: mode.caseInsensitive };
    case "bool":
      if (elementType(field.type) !== "bool") return mismatch();
      return equality({ kind: "bool", field, value: lit.value });
    case "int": {
      if (!isNumericType(field.type)) return mismatch();
      const value = BigInt(lit.text);
      if (value < I64_MIN || value > I64_MAX) {
        bag.error("K1202", lit.span, [field.path, field.type, "an integer outside the signed 64-bit range"]);
        return undefined;
      }
      return numeric(field, op, { kind: "int", op: "eq", field, value: value.toString() });
    }
    case "float": {
      if (!isNumericType(field.type)) return mismatch();
      const value = Number(lit.text);
      if (!Number.isFinite(value)) {
        bag.error("K1202", lit.span, [field.path, field.type, "a float outside the f64 range"]);
        return undefined;
      }
      return numeric(field, op, { kind: "float", op: "eq", field, value });
    }
    default:
      return assertNever(lit);
  }
}

/**
 * An open field (undeclared, or in an open namespace) is only guessed to be a string: compared
 * with a number or a boolean, it is read as one (numeric leaves also take numeric strings).
 */
function typedByLiteral(field: FieldRef, lit: LiteralExpr): FieldRef {
  if (!isOpenFieldId(field.id) || field.type !== "string") return field;
  switch (lit.kind) {
    case "int":
      return { ...field, type: "i64" };
    case "float":
      return { ...field, type: "f64" };
    case "bool":
      return { ...field, type: "bool" };
    case "string":
    case "null":
      return field;
    default:
      return assertNever(lit);
  }
}

/** An ordered comparison as one leaf; `!=` as and(exists, not(==)). */
function numeric(field: FieldRef, op: CompareOp, eq: Extract<IrExpr, { kind: "int" | "float" }>): IrExpr {
  return op === "!=" ? notEqual(field, eq) : { ...eq, op: cmpOps[op] };
}

function notEqual(field: FieldRef, eq: IrExpr): IrExpr {
  return allOf([{ kind: "exists", field }, not(eq)]);
}

/**
 * A string leaf. `op: "eq"` turns into a wildcard match when `mode.wildcards` and the
 * value holds `*` or `?`; a "wildcard" without either is a plain equality.
 */
export function stringLeaf(field: FieldRef, op: "eq" | "prefix" | "suffix" | "contains" | "wildcard", value: string, mode: StringMode): IrExpr {
  const v = mode.caseInsensitive ? asciiLower(value) : value;
  const wild = /[*?]/.test(v) && (op === "wildcard" || (op === "eq" && mode.wildcards));
  if (wild) return { kind: "str", op: "wildcard", field, value: v.replace(/\\/g, "\\\\"), caseInsensitive: mode.caseInsensitive };
  return { kind: "str", op: op === "wildcard" ? "eq" : op, field, value: v, caseInsensitive: mode.caseInsensitive };
}
