/**
 * @fileoverview Words JSON Schema validation errors (ajv's, from a runtime or a
 * precompiled validator) for humans. Imports ajv's types only.
 */
import type { ErrorObject } from "ajv";

export function describeErrors(errors: readonly ErrorObject[] | null | undefined): string {
  if (!errors || errors.length === 0) return "invalid";
  return errors
    .slice(0, 5)
    .map((e) => `${e.instancePath === "" ? "(root)" : e.instancePath} ${e.message ?? "is invalid"}`)
    .join("; ");
}
