/**
 * @fileoverview Lowering keeps going after an error so one rule reports all of its
 * problems: callers lower every part first, then combine only when all succeeded.
 */

/** Every element defined, or undefined. */
export function defined<T>(items: readonly (T | undefined)[]): T[] | undefined {
  return items.every((x): x is T => x !== undefined) ? (items as T[]) : undefined;
}
