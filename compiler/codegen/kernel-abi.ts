/**
 * @fileoverview The package ABI's function names and signatures as data
 * (docs/package-abi.md), shared by codegen and the .wat golden (which declares kernels as
 * imports). Its numbers live in compiler/package/abi.ts.
 */
import type { FunctionSignature } from "./module.js";

/** Predicate kernels the generated code calls. */
export const kernelSignatures = {
  k_exists: { params: ["i32"], result: "i32" },
  k_str: { params: ["i32", "i32", "i32", "i32", "i32"], result: "i32" },
  k_int: { params: ["i32", "i32", "i64"], result: "i32" },
  k_float: { params: ["i32", "i32", "f64"], result: "i32" },
  k_bool: { params: ["i32", "i32"], result: "i32" },
  k_cidr: { params: ["i32", "i32", "i32", "i32"], result: "i32" },
  k_len: { params: ["i32", "i32", "i64"], result: "i32" },
  k_regex: { params: ["i32", "i32"], result: "i32" },
  k_fieldcmp: { params: ["i32", "i32", "i32", "i32"], result: "i32" },
  k_fieldtext: { params: ["i32", "i32", "i32", "i32"], result: "i32" },
  k_raw: { params: ["i32", "i32", "i32", "i32"], result: "i32" },
  k_emit: { params: ["i32"], result: "none" },
  // Computed values (kernels/values.ts): cell index first.
  v_begin: { params: [], result: "none" },
  v_null: { params: ["i32"], result: "none" },
  v_bool: { params: ["i32", "i32"], result: "none" },
  v_int: { params: ["i32", "i64"], result: "none" },
  v_float: { params: ["i32", "f64"], result: "none" },
  v_str: { params: ["i32", "i32", "i32"], result: "none" },
  v_field: { params: ["i32", "i32"], result: "none" },
  v_arith: { params: ["i32", "i32"], result: "none" },
  v_neg: { params: ["i32"], result: "none" },
  v_cmp: { params: ["i32", "i32", "i32"], result: "none" },
  v_isnull: { params: ["i32"], result: "none" },
  v_logic: { params: ["i32", "i32", "i32"], result: "none" },
  v_not: { params: ["i32"], result: "none" },
  v_concat: { params: ["i32", "i32"], result: "none" },
  v_string: { params: ["i32"], result: "none" },
  v_number: { params: ["i32", "i32"], result: "none" },
  v_length: { params: ["i32"], result: "none" },
  v_datepart: { params: ["i32", "i32"], result: "none" },
  v_substring: { params: ["i32", "i32"], result: "none" },
  v_between: { params: ["i32", "i32", "i32"], result: "none" },
  v_indexof: { params: ["i32", "i32", "i32"], result: "none" },
  v_text: { params: ["i32", "i32", "i32"], result: "none" },
  v_true: { params: ["i32"], result: "i32" },
} as const satisfies Record<string, FunctionSignature>;

export type KernelName = keyof typeof kernelSignatures;

/** Functions the kernels import from module `kestrel`, defined by codegen. */
export const generatedImports = {
  rules_field_table: { params: [], result: "i32" },
  rules_field_count: { params: [], result: "i32" },
  rule_count: { params: [], result: "i32" },
  rules_meta: { params: [], result: "i32" },
  rules_eval: { params: [], result: "none" },
} as const satisfies Record<string, FunctionSignature>;

/** Exports the host uses; every other kernel export is removed so DCE can drop it. */
export const hostExports = ["k_init", "k_input_ptr", "k_out_ptr", "k_scan", "k_match_count", "k_lines"] as const;

/** Host imports a package may need, as `module.base`. */
export const HOST_REGEX = "host.regex_test";

export const cmpOpCodes = { eq: 0, ne: 1, lt: 2, le: 3, gt: 4, ge: 5 } as const;
export const strOpCodes = { eq: 0, prefix: 1, suffix: 2, contains: 3, wildcard: 4, lt: 5, le: 6, gt: 7, ge: 8 } as const;
