/**
 * @fileoverview An IrExpr `value` leaf → Wasm: the value kernels' calling convention
 * (kernels/values.ts), a straight line of calls evaluating each node after its arguments,
 * arguments in consecutive cells from the node's own, then `v_true` of cell 0.
 */
import { abi } from "../package/abi.js";
import { assertNever } from "../util/assert-never.js";
import type { IrScalar, IrValue, ValueFn } from "../ir/value.js";
import type { ExprContext } from "./expr.js";
import { cmpOpCodes, type KernelName } from "./kernel-abi.js";
import type { Expr } from "./module.js";

const utf8 = new TextEncoder();

const arithCodes = { add: 0, subtract: 1, multiply: 2, divide: 3, modulo: 4, true_divide: 5, floor_modulo: 6, floor_divide: 7 } as const;
const textCodes = { starts_with: 1, ends_with: 2, contains: 3, wildcard: 4 } as const;
const datePartCodes = { minute: abi.DATE_MINUTE, hour: abi.DATE_HOUR, day: abi.DATE_DAY, week: abi.DATE_WEEK, month: abi.DATE_MONTH, year: abi.DATE_YEAR } as const;

export function valueLeafToWasm(v: IrValue, cx: ExprContext): Expr {
  const m = cx.mod;
  const calls: Expr[] = [m.call(cx.kernel("v_begin"), [], "none")];
  emit(v, 0, cx, calls);
  return m.block([...calls, m.call(cx.kernel("v_true"), [m.i32(0)], "i32")], "i32");
}

function emit(v: IrValue, cell: number, cx: ExprContext, out: Expr[]): void {
  const m = cx.mod;
  const call = (name: KernelName, ...args: Expr[]): void => {
    out.push(m.call(cx.kernel(name), [m.i32(cell), ...args], "none"));
  };
  switch (v.kind) {
    case "field":
      return call("v_field", m.i32(cx.slotOf(v.field.id)));
    case "scalar":
      return scalar(v.scalar, call, cx);
    case "call": {
      v.args.forEach((a, i) => emit(a, cell + i, cx, out));
      const n = m.i32(v.args.length);
      const ci = m.i32(v.caseInsensitive ? 1 : 0);
      return callFn(v.fn, n, ci, call, cx);
    }
    default:
      return assertNever(v);
  }
}

type Call = (name: KernelName, ...args: Expr[]) => void;

function scalar(s: IrScalar, call: Call, cx: ExprContext): void {
  const m = cx.mod;
  switch (s.type) {
    case "null":
      return call("v_null");
    case "bool":
      return call("v_bool", m.i32(s.value ? 1 : 0));
    case "int":
      return call("v_int", m.i64(BigInt(s.value)));
    case "float":
      return call("v_float", m.f64(s.value));
    case "string": {
      const bytes = utf8.encode(s.value);
      return call("v_str", m.i32(bytes.length === 0 ? 0 : cx.pool.add(bytes)), m.i32(bytes.length));
    }
    default:
      return assertNever(s);
  }
}

function callFn(fn: ValueFn, n: Expr, ci: Expr, call: Call, cx: ExprContext): void {
  const m = cx.mod;
  switch (fn) {
    case "add":
    case "subtract":
    case "multiply":
    case "divide":
    case "modulo":
    case "true_divide":
    case "floor_divide":
    case "floor_modulo":
      return call("v_arith", m.i32(arithCodes[fn]));
    case "negate":
      return call("v_neg");
    case "is_null":
      return call("v_isnull");
    case "eq":
    case "ne":
    case "lt":
    case "le":
    case "gt":
    case "ge":
      return call("v_cmp", m.i32(cmpOpCodes[fn]), ci);
    case "and":
    case "or":
      return call("v_logic", n, m.i32(fn === "or" ? 1 : 0));
    case "not":
      return call("v_not");
    case "minute":
    case "hour":
    case "day":
    case "week":
    case "month":
    case "year":
      return call("v_datepart", m.i32(datePartCodes[fn]));
    case "concat":
      return call("v_concat", n);
    case "string":
      return call("v_string");
    case "number":
      return call("v_number", n);
    case "length":
      return call("v_length");
    case "substring":
      return call("v_substring", n);
    case "between":
      return call("v_between", n, ci);
    case "index_of":
      return call("v_indexof", n, ci);
    case "starts_with":
    case "ends_with":
    case "contains":
    case "wildcard":
      return call("v_text", m.i32(textCodes[fn]), ci);
    default:
      return assertNever(fn);
  }
}
