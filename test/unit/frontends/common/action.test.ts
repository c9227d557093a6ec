/**
 * @fileoverview A rule's `action` (alert | block) from each frontend's own metadata: an EQL
 * comment line, a JSON rule property, Sigma's custom `kestrel_action` field. A bad value is
 * a located error, never a silent `block`.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compileSources } from "../../../../compiler/index.js";

function compile(path: string, text: string): { actions: string[]; errors: string[] } {
  const r = compileSources([{ path, read: () => text }], { schema: "ecs" });
  return { actions: r.ruleSet.rules.map((x) => x.action), errors: r.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.code} ${d.message}`) };
}

const eql = (action: string): string => `// id: e1\n// action: ${action}\nprocess where process.name == "x"\n`;
const json = (action: string): string => JSON.stringify({ kestrel: "rule/v1", id: "j1", title: "J1", action, where: { field: "process.name", op: "eq", value: "x" } });
const sigma = (action: string): string =>
  `title: S1\nid: s1\nkestrel_action: ${action}\nlogsource:\n  category: process_creation\ndetection:\n  sel:\n    process.name: x\n  condition: sel\n`;

test("block is read from EQL, JSON and Sigma metadata; absent means alert", () => {
  assert.equal(compile("e1.eql", eql("block")), { actions: ["block"], errors: [] });
  assert.equal(compile("j1.json", json("block")), { actions: ["block"], errors: [] });
  assert.equal(compile("s1.yml", sigma("block")), { actions: ["block"], errors: [] });
  assert.equal(compile("e2.eql", 'process where process.name == "x"\n').actions, ["alert"]);
  assert.equal(compile("s2.yml", sigma("alert")).actions, ["alert"]);
});

test("an unknown action is a located error in every frontend", () => {
  const e = compile("e1.eql", eql("drop"));
  assert.equal(e.actions, []);
  assert.match(e.errors.join("\n"), /K1008 .*unknown action 'drop'/);
  const j = compile("j1.json", json("drop"));
  assert.equal(j.actions, []);
  assert.match(j.errors.join("\n"), /K1401 .*action.*"alert", "block"/);
  const s = compile("s1.yml", sigma("drop"));
  assert.equal(s.actions, []);
  assert.match(s.errors.join("\n"), /K1307 .*kestrel_action.*unknown action 'drop'/);
});

test.run();
