/**
 * @fileoverview Exhaustiveness guard for `switch (node.kind)`: a new union member
 * that a switch forgets becomes a compile error here, not a silent fall-through.
 */
export function assertNever(value: never): never {
  throw new Error(`internal: unhandled variant ${JSON.stringify(value)}`);
}
