/**
 * @fileoverview IrExpr → Wasm expression (i32 0/1). Boolean operators become nested
 * `if`s so evaluation short-circuits; every leaf is one call to a predicate kernel.
 */
import ipaddr from "ipaddr.js";
import type { IrExpr } from "../ir/nodes.js";
import { assertNever } from "../util/assert-never.js";
import type { ConstantPool } from "./constants.js";
import { cmpOpCodes, strOpCodes, type KernelName } from "./kernel-abi.js";
import type { Expr, WasmModule } from "./module.js";
import { valueLeafToWasm } from "./value.js";

export interface ExprContext {
  readonly mod: WasmModule;
  readonly pool: ConstantPool;
  slotOf(fieldId: number): number;
  regexIndex(pattern: string, caseInsensitive: boolean): number;
  /** The module's internal name of a kernel function. */
  kernel(name: KernelName): string;
}

const utf8 = new TextEncoder();

/**
 * An n-ary and/or as a balanced tree of short-circuit ifs: the left half, then the right,
 * so terms still run left to right and stop early, but nesting grows as log2(n). A chain
 * nested n deep made binaryen (itself recursive) overflow its stack on a 40,000-term `or`.
 */
function balanced(terms: readonly Expr[], join: (first: Expr, rest: Expr) => Expr): Expr {
  if (terms.length === 0) throw new Error("internal: empty and/or");
  if (terms.length === 1) return terms[0] as Expr;
  const mid = terms.length >> 1;
  return join(balanced(terms.slice(0, mid), join), balanced(terms.slice(mid), join));
}

export function exprToWasm(e: IrExpr, cx: ExprContext): Expr {
  const m = cx.mod;
  switch (e.kind) {
    case "const":
      return m.i32(e.value ? 1 : 0);
    case "and":
      return balanced(e.terms.map((t) => exprToWasm(t, cx)), (first, rest) => m.ifElse(first, rest, m.i32(0)));
    case "or":
      return balanced(e.terms.map((t) => exprToWasm(t, cx)), (first, rest) => m.ifElse(first, m.i32(1), rest));
    case "not":
      return m.eqz(exprToWasm(e.term, cx));
    case "exists":
      return m.call(cx.kernel("k_exists"), [m.i32(cx.slotOf(e.field.id))], "i32");
    case "str": {
      const bytes = utf8.encode(e.value);
      const ptr = bytes.length === 0 ? 0 : cx.pool.add(bytes);
      const args = [cx.slotOf(e.field.id), strOpCodes[e.op], ptr, bytes.length, e.caseInsensitive ? 1 : 0];
      return m.call(cx.kernel("k_str"), args.map((a) => m.i32(a)), "i32");
    }
    case "int":
      return m.call(cx.kernel("k_int"), [m.i32(cx.slotOf(e.field.id)), m.i32(cmpOpCodes[e.op]), m.i64(BigInt(e.value))], "i32");
    case "float":
      return m.call(cx.kernel("k_float"), [m.i32(cx.slotOf(e.field.id)), m.i32(cmpOpCodes[e.op]), m.f64(e.value)], "i32");
    case "bool":
      return m.call(cx.kernel("k_bool"), [m.i32(cx.slotOf(e.field.id)), m.i32(e.value ? 1 : 0)], "i32");
    case "regex":
      return m.call(cx.kernel("k_regex"), [m.i32(cx.slotOf(e.field.id)), m.i32(cx.regexIndex(e.pattern, e.caseInsensitive))], "i32");
    case "cidr": {
      const [addr, bits] = ipaddr.parseCIDR(e.cidr);
      const ptr = cx.pool.add(Uint8Array.from(addr.toByteArray()));
      const args = [cx.slotOf(e.field.id), ptr, bits, addr.kind() === "ipv6" ? 1 : 0];
      return m.call(cx.kernel("k_cidr"), args.map((a) => m.i32(a)), "i32");
    }
    case "raw": {
      const bytes = utf8.encode(e.value);
      const ptr = bytes.length === 0 ? 0 : cx.pool.add(bytes);
      const args = [strOpCodes[e.op], ptr, bytes.length, e.caseInsensitive ? 1 : 0];
      return m.call(cx.kernel("k_raw"), args.map((a) => m.i32(a)), "i32");
    }
    case "fieldcmp": {
      const args = [cx.slotOf(e.field.id), cx.slotOf(e.other.id), cmpOpCodes[e.op], e.caseInsensitive ? 1 : 0];
      return m.call(cx.kernel("k_fieldcmp"), args.map((a) => m.i32(a)), "i32");
    }
    case "fieldtext": {
      const args = [cx.slotOf(e.field.id), cx.slotOf(e.other.id), strOpCodes[e.op], e.caseInsensitive ? 1 : 0];
      return m.call(cx.kernel("k_fieldtext"), args.map((a) => m.i32(a)), "i32");
    }
    case "len":
      return m.call(cx.kernel("k_len"), [m.i32(cx.slotOf(e.field.id)), m.i32(cmpOpCodes[e.op]), m.i64(BigInt(e.value))], "i32");
    case "value":
      return valueLeafToWasm(e.value, cx);
    default:
      return assertNever(e);
  }
}
