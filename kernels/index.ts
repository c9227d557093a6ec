/**
 * @fileoverview Entry point of dist/kernels.wasm: exports exactly the functions the package
 * ABI (docs/package-abi.md) names; `memory` is exported by asc itself.
 */
export { k_init, k_input_ptr, k_out_ptr } from "./layout";
export { k_scan, k_match_count, k_lines, k_emit, k_raw } from "./scan";
export { k_exists, k_str, k_int, k_float, k_bool, k_cidr, k_len, k_regex } from "./predicates";
export { k_fieldcmp, k_fieldtext } from "./fieldcmp";
export { v_begin, v_null, v_bool, v_int, v_float, v_str, v_field, v_arith, v_neg, v_cmp, v_isnull, v_logic, v_not } from "./values";
export { v_concat, v_string, v_number, v_length, v_datepart, v_substring, v_between, v_indexof, v_text, v_true } from "./values";
