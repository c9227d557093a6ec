/**
 * @fileoverview One place that builds ajv validators from the JSON Schemas Kestrel ships
 * (event schemas, JSON rules, package manifests). The runtime validates manifests with
 * a precompiled copy (compiler/package/manifest-validator.generated.ts) built with the
 * same options, so that running a package never loads ajv.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv, type Options, type ValidateFunction } from "ajv";
import { packageRoot } from "./package-root.js";

export const ajvOptions: Options = { allErrors: true, strict: true, allowUnionTypes: true };
const ajv = new Ajv(ajvOptions);
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
