/**
 * @fileoverview Functions the kernels call but do not define (package ABI "Imports the kernels
 * declare"). Codegen replaces the `kestrel` ones with generated functions of the same names;
 * `host.regex_test` stays a host import because regex runs in JS.
 */

/** Address of the field hash table (u32 capacity, u32 pad, 16-byte entries). */
@external("kestrel", "rules_field_table")
export declare function rules_field_table(): u32;

/** Number of slots, one per referenced field path. */
@external("kestrel", "rules_field_count")
export declare function rules_field_count(): u32;

/** Number of rules; a line can emit at most this many records. */
@external("kestrel", "rule_count")
export declare function rule_count(): u32;

/** Address of the package metadata: time slot and format, then the emit table and capture list. */
@external("kestrel", "rules_meta")
export declare function rules_meta(): u32;

/** Evaluates every rule on the current slots, calling k_emit(emit index) per match. */
@external("kestrel", "rules_eval")
export declare function rules_eval(): void;

/** Does regex number `idx` find a match in the UTF-8 bytes at ptr..ptr+len? */
@external("host", "regex_test")
export declare function regex_test(idx: u32, ptr: usize, len: usize): i32;
