/**
 * @fileoverview One place that builds ajv validators from the JSON Schemas Kestrel ships
 * (event schemas, JSON rules, package manifests), and words their errors for humans.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { packageRoot } from "./package-root.js";

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const cache = new Map<string, ValidateFunction>();

/** A validator for `schemas/<name>.schema.json`. */
export function shippedValidator(name: string): ValidateFunction {
  let v = cache.get(name);
  if (v === undefined) {
    const schema = JSON.parse(readFileSync(join(packageRoot(), "schemas", `${name}.schema.json`), "utf8")) as object;
    v = ajv.compile(schema);
    cache.set(name, v);
  }
  return v;
}

export function describeErrors(errors: readonly ErrorObject[] | null | undefined): string {
  if (!errors || errors.length === 0) return "invalid";
  return errors
    .slice(0, 5)
    .map((e) => `${e.instancePath === "" ? "(root)" : e.instancePath} ${e.message ?? "is invalid"}`)
    .join("; ");
}
