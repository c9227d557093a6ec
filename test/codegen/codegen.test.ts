/**
 * @fileoverview Codegen goldens: each test/codegen/NAME.{eql,yml,json} is compiled
 * (schema named in the table below) and the generated rule half of its package, with
 * kernels declared as imports, is printed as text and compared with NAME.wat. The
 * linked package built from the same rules must pass WebAssembly.validate.
 */
import { readdirSync } from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compilePaths, linkRuleSet } from "../../compiler/index.js";
import { planPackage } from "../../compiler/codegen/captures.js";
import { rulesWat } from "../../compiler/codegen/link.js";
import { expectGolden } from "../helpers/golden.js";

const dir = "test/codegen";
const schemaOf = (name: string): string => (name.startsWith("sigma_") ? "windows" : "ecs");
const cases = readdirSync(dir).filter((f) => /\.(eql|yml|json)$/.test(f)).sort();

test("there is a codegen case per language", () => {
  for (const ext of ["eql", "yml", "json"]) assert.ok(cases.some((c) => c.endsWith(`.${ext}`)), ext);
});

for (const name of cases) {
  test(name, async () => {
    const result = await compilePaths([`${dir}/${name}`], { schema: schemaOf(name) });
    assert.equal(result.diagnostics, []);
    assert.is(result.ruleSet.rules.length, 1);
    expectGolden(`${dir}/${name.replace(/\.\w+$/, ".wat")}`, rulesWat(result.ruleSet, planPackage(result.ruleSet, result.schema)));
    const built = await linkRuleSet(result, "golden");
    assert.ok(WebAssembly.validate(built.wasm as Uint8Array<ArrayBuffer>), "linked package validates");
  });
}

test.run();
