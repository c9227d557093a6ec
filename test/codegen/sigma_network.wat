(module
 (type $0 (func (result i32)))
 (type $1 (func (param i32 i32 i32 i32) (result i32)))
 (type $2 (func (param i32 i32 i64) (result i32)))
 (type $3 (func (param i32 i32) (result i32)))
 (type $4 (func (param i32) (result i32)))
 (type $5 (func (param i32 i32 i32 i32 i32) (result i32)))
 (type $6 (func (param i32 i32 f64) (result i32)))
 (type $7 (func (param i32)))
 (type $8 (func))
 (import "kernels" "k_exists" (func $k_exists (param i32) (result i32)))
 (import "kernels" "k_str" (func $k_str (param i32 i32 i32 i32 i32) (result i32)))
 (import "kernels" "k_int" (func $k_int (param i32 i32 i64) (result i32)))
 (import "kernels" "k_float" (func $k_float (param i32 i32 f64) (result i32)))
 (import "kernels" "k_bool" (func $k_bool (param i32 i32) (result i32)))
 (import "kernels" "k_cidr" (func $k_cidr (param i32 i32 i32 i32) (result i32)))
 (import "kernels" "k_len" (func $k_len (param i32 i32 i64) (result i32)))
 (import "kernels" "k_regex" (func $k_regex (param i32 i32) (result i32)))
 (import "kernels" "k_fieldcmp" (func $k_fieldcmp (param i32 i32 i32 i32) (result i32)))
 (import "kernels" "k_fieldtext" (func $k_fieldtext (param i32 i32 i32 i32) (result i32)))
 (import "kernels" "k_raw" (func $k_raw (param i32 i32 i32 i32) (result i32)))
 (import "kernels" "k_emit" (func $k_emit (param i32)))
 (export "rules_field_table" (func $rules_field_table))
 (export "rules_field_count" (func $rules_field_count))
 (export "rule_count" (func $rule_count))
 (export "rules_meta" (func $rules_meta))
 (export "rules_eval" (func $rules_eval))
 (func $rules_eval
  (if
   (call $k_str
    (i32.const 1)
    (i32.const 0)
    (i32.const 66128)
    (i32.const 36)
    (i32.const 1)
   )
   (then
    (if
     (call $k_int
      (i32.const 4)
      (i32.const 0)
      (i64.const 3)
     )
     (then
      (if
       (if (result i32)
        (call $k_int
         (i32.const 3)
         (i32.const 0)
         (i64.const 4444)
        )
        (then
         (i32.const 1)
        )
        (else
         (call $k_int
          (i32.const 3)
          (i32.const 0)
          (i64.const 5555)
         )
        )
       )
       (then
        (if
         (call $k_cidr
          (i32.const 2)
          (i32.const 66120)
          (i32.const 8)
          (i32.const 0)
         )
         (then
          (if
           (i32.eqz
            (call $k_str
             (i32.const 6)
             (i32.const 2)
             (i32.const 66104)
             (i32.const 12)
             (i32.const 1)
            )
           )
           (then
            (call $k_emit
             (i32.const 0)
            )
           )
          )
         )
        )
       )
      )
     )
    )
   )
  )
 )
 (func $rules_field_table (result i32)
  (i32.const 65536)
 )
 (func $rules_field_count (result i32)
  (i32.const 9)
 )
 (func $rule_count (result i32)
  (i32.const 1)
 )
 (func $rules_meta (result i32)
  (i32.const 66056)
 )
 (func $heap_base (result i32)
  (i32.const 66176)
 )
)
