/**
 * @fileoverview Schema extensions for ECS data from integrations: `openNamespaces` accept any
 * path under a listed prefix as a field (no warning; stable open ID), and an open field
 * compared with a number or boolean is read as one; `categoryField` turns an EQL category
 * the schema does not list into `<field> == "<name>"` with warning K1210. Without them,
 * unknown fields and categories stay errors (K1201, K1203).
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compileSources } from "../../../compiler/index.js";
import { printExpr } from "../../../compiler/ir/print.js";
import { findField, isOpenFieldId, openFieldId } from "../../../compiler/schema/lookup.js";
import { loadSchema } from "../../../compiler/schema/load.js";
import { soloPredicate } from "../../helpers/ir.js";

const ecs = loadSchema("ecs");

function compile(query: string, schema = "ecs"): { text: string; codes: string[] } {
  const r = compileSources([{ path: "q.eql", read: () => query }], { schema });
  const rule = r.ruleSet.rules[0];
  return { text: rule === undefined ? "" : printExpr(soloPredicate(rule)).replace(/\s*\n\s*/g, " "), codes: r.diagnostics.map((d) => d.code) };
}

test("a path under an open namespace is a string field with a stable open ID; the bare prefix and other paths are not", () => {
  const f = findField(ecs, "winlog.event_data.TargetUserName");
  assert.equal(f, { def: { id: openFieldId("winlog.event_data.TargetUserName"), path: "winlog.event_data.TargetUserName", type: "string" }, open: false });
  assert.ok(isOpenFieldId(f?.def.id ?? 0));
  assert.is(findField(ecs, "winlog."), undefined);
  assert.is(findField(ecs, "nonsense.field"), undefined);
  assert.is(findField(ecs, "process.name")?.def.type, "string");
});

test("open-namespace fields compile without warnings; a number or boolean literal reads them as such", () => {
  assert.equal(compile('any where winlog.event_data.LogonType == "10"'), { text: '(str.eq winlog.event_data.LogonType "10")', codes: [] });
  assert.equal(compile("any where winlog.event_data.LogonType == 10"), { text: "(int.eq winlog.event_data.LogonType 10)", codes: [] });
  assert.equal(compile("any where flow.final == true"), { text: "(bool flow.final true)", codes: [] });
  assert.equal(compile("any where nonsense.field == 1").codes, ["K1201"]);
});

test("a category ECS does not list matches event.category by name, with K1210; windows has no category field, so K1203", () => {
  const info = compile('info where host.os.type == "linux"');
  assert.equal(info.codes, ["K1210"]);
  assert.match(info.text, '(str.eq~ event.category "info")');
  assert.equal(compile("info where true", "windows").codes, ["K1203"]);
});

test.run();
