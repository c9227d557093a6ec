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
import { compareTexts, textOpBothFolded } from "./text";

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

export function k_fieldtext(slotA: u32, slotB: u32, op: u32, ci: u32): i32 {
  const a = slotAt(slotA);
  const b = slotAt(slotB);
  if (!hasText(tagOf(a)) || !hasText(tagOf(b))) return 0;
  return <i32>textOpBothFolded(ptrOf(a), lenOf(a), op, ptrOf(b), lenOf(b), ci != 0);
}
