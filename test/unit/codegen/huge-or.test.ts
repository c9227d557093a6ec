/**
 * @fileoverview Hostile rule size: a 40,000-term `or` (about the 1 MB EQL query the EQL
 * issue asks about) links into a valid package. Its and/or nesting is a balanced tree
 * (log2 n deep), not a chain: a chain 40,000 deep overflowed binaryen's own stack.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { linkRuleSet } from "../../../compiler/index.js";
import type { IrExpr, IrRuleSet } from "../../../compiler/ir/nodes.js";
import { loadSchema } from "../../../compiler/schema/load.js";
import { PackageEngine } from "../../../src/runtime/engine.js";

test("a 40,000-term or links, validates and matches its last term", async () => {
  const schema = loadSchema("endgame");
  const def = schema.byPath.get("process_name");
  if (def === undefined) throw new Error("endgame schema lacks process_name");
  const field = { id: def.id, path: def.path, type: def.type };
  const terms: IrExpr[] = Array.from({ length: 40_000 }, (_, i) => ({ kind: "str", op: "eq", field, value: `p${i}`, caseInsensitive: false }));
  const set: IrRuleSet = {
    version: 1,
    schema: { id: schema.id, hash: schema.hash },
    rules: [{ id: "big", title: "big", language: "eql", source: { path: "x", line: 1 }, severity: "low", author: [], tags: [], action: "alert", description: "", query: { kind: "match", predicate: { kind: "or", terms } } }],
  };
  const built = await linkRuleSet({ ruleSet: set, schema }, "big");
  assert.ok(WebAssembly.validate(built.wasm as Uint8Array<ArrayBuffer>));
  const engine = await PackageEngine.fromWasm(built.wasm, built.manifest);
  const lines = Buffer.from('{"process_name":"p39999"}\n{"process_name":"p40000"}\n{"process_name":"p0"}\n');
  const r = engine.scan({ seq: 0, source: "<t>", firstLine: 1, bytes: lines }, true);
  assert.equal(r.matches.map((m) => m.line), [1, 3]);
});

test.run();
