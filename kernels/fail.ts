/**
 * @fileoverview Parse-failure reporting for the JSON scanner: parse functions return the next
 * address, or 0 (never an input address) after recording where parsing failed.
 */

/** Address where the last parse failed. */
export let errPos: usize = 0;

/** Records the failure position and returns 0, so callers can `return fail(p)`. */
@inline export function fail(p: usize): usize {
  errPos = p;
  return 0;
}
