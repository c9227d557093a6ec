/**
 * @fileoverview Keeps the precompiled manifest validator
 * (compiler/package/manifest-validator.generated.ts, ajv standalone code) in step with
 * schemas/manifest.schema.json and ajv: UPDATE_GOLDEN=1 npm test -- manifest-validator
 * regenerates it. Also checks that it judges manifests exactly as ajv does.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv } from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { validateManifest } from "../../../compiler/package/manifest-validator.generated.js";
import { ajvOptions, shippedValidator } from "../../../compiler/util/json-schema.js";
import { expectGolden } from "../../helpers/golden.js";
import { samplePackage } from "../../helpers/sample-package.js";

const target = "compiler/package/manifest-validator.generated.ts";

function generate(): string {
  const ajv = new Ajv({ ...ajvOptions, code: { source: true, esm: true } });
  const validate = ajv.compile(JSON.parse(readFileSync(join("schemas", "manifest.schema.json"), "utf8")) as object);
  // The package is CommonJS: at run time the default import is the function, which also carries itself as `.default`.
  const code = standaloneCode.default(ajv, validate).replace(/^"use strict";/, "");
  return [
    "// @ts-nocheck",
    "/**",
    " * @fileoverview GENERATED from schemas/manifest.schema.json (ajv standalone code, the options of",
    " * compiler/util/json-schema.ts) by test/unit/package/manifest-validator.test.ts",
    " * (UPDATE_GOLDEN=1 npm test -- manifest-validator). Do not edit by hand. Reading a package",
    " * validates its manifest with this, so running rules never loads or compiles ajv.",
    " */",
    'import type { ValidateFunction } from "ajv";',
    // ajv's ESM output still require()s its small runtime helpers (ucs2length, for minLength).
    'import { createRequire } from "node:module";',
    "const require = createRequire(import.meta.url);",
    code,
    "",
    "export const validateManifest = validate10 as unknown as ValidateFunction;",
    "",
  ].join("\n");
}

test("manifest-validator.generated.ts matches schemas/manifest.schema.json", () => {
  expectGolden(target, generate());
});

test("the precompiled validator judges manifests as ajv does", async () => {
  const good: Record<string, unknown> = { ...(await samplePackage()).manifest };
  const variants: Record<string, unknown>[] = [
    good,
    { ...good, format: "other" },
    { ...good, name: "" },
    { ...good, heapBase: 12 },
    { ...good, extra: true },
    { ...good, rules: [{ index: 0 }] },
    { ...good, module: { file: "../x.wasm", sha256: "00", bytes: 1 } },
  ];
  const runtime = shippedValidator("manifest");
  for (const v of variants) {
    const expected = runtime(v);
    assert.is(validateManifest(v), expected, JSON.stringify(v).slice(0, 120));
    assert.equal(validateManifest.errors ?? null, runtime.errors ?? null);
  }
  assert.ok(validateManifest(good), "the sample manifest is valid");
});

test.run();
