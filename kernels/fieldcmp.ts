/**
 * @fileoverview k_fieldcmp: one field compared with another in the same event (EQL
 * `a == b`, Sigma `fieldref`). Both must be present scalars: two NUMBERs compare as
 * numbers (i64 when both are integers, else f64), two booleans by value, and otherwise
 * two texts (STRING, or a NUMBER's raw text) by UTF-8 bytes, folding ASCII when ci.
 * Arrays, objects, MISSING and NULL never compare. Ops as k_int: 0 eq … 5 ge.
 * k_fieldtext: one field's text starts with (op 1), ends with (2) or contains (3) the
 * other's, texts as above, folding ASCII on both sides when ci (the pattern is a field's
 * value, so it is not lowercased ahead as k_str's constants are).
 */
import { TAG_NUMBER, TAG_TRUE, TAG_FALSE, slotAt, tagOf, ptrOf, lenOf, isInt, f64Of, i64Of, hasText } from "./slots";
import { cmpI64, cmpF64 } from "./number";
import { compareTexts } from "./text";

export function k_fieldcmp(slotA: u32, slotB: u32, op: u32, ci: u32): i32 {
  const a = slotAt(slotA);
  const b = slotAt(slotB);
  const ta = tagOf(a);
  const tb = tagOf(b);
  if (ta == TAG_NUMBER && tb == TAG_NUMBER) {
    if (isInt(a) && isInt(b)) return <i32>cmpI64(i64Of(a), op, i64Of(b));
    return <i32>cmpF64(f64Of(a), op, f64Of(b));
  }
  const boolA = ta == TAG_TRUE || ta == TAG_FALSE;
  const boolB = tb == TAG_TRUE || tb == TAG_FALSE;
  if (boolA || boolB) {
    if (!(boolA && boolB) || op > 1) return 0;
    return <i32>((ta == tb) == (op == 0));
  }
  if (!hasText(ta) || !hasText(tb)) return 0;
  return <i32>cmpI64(<i64>compareTexts(ptrOf(a), lenOf(a), ptrOf(b), lenOf(b), ci != 0), op, 0);
}

/** n bytes at a and b equal, folding ASCII on both sides when ci. */
function sameBytes(a: usize, b: usize, n: usize, ci: bool): bool {
  return compareTexts(a, n, b, n, ci) == 0;
}

export function k_fieldtext(slotA: u32, slotB: u32, op: u32, ci: u32): i32 {
  const a = slotAt(slotA);
  const b = slotAt(slotB);
  if (!hasText(tagOf(a)) || !hasText(tagOf(b))) return 0;
  const v = ptrOf(a);
  const n = lenOf(a);
  const p = ptrOf(b);
  const m = lenOf(b);
  if (m > n) return 0;
  const folds = ci != 0;
  if (op == 1) return <i32>sameBytes(v, p, m, folds);
  if (op == 2) return <i32>sameBytes(v + n - m, p, m, folds);
  if (op != 3) return 0;
  for (let i: usize = 0; i + m <= n; i++) if (sameBytes(v + i, p, m, folds)) return 1;
  return 0;
}
