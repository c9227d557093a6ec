/**
 * @fileoverview `--open-fields`: an undeclared field is an error by default (K1201);
 * with openFields it compiles as a string field with warning K1208, gets the same
 * hashed ID in every build, and matches through the Wasm package and the reference
 * evaluator (before and after the passes) alike.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compileSources } from "../../../compiler/index.js";
import { fieldsOfRule } from "../../../compiler/ir/visit.js";
import { openFieldId } from "../../../compiler/schema/lookup.js";
import { expectAgreement, runThreeWay, WASM } from "../../helpers/differential.js";

const rule = `title: Defender detection
logsource: {product: windows, service: windefend}
detection:
  sel: {EventID: 1116, ThreatName|contains: 'Mimikatz'}
  condition: sel
`;
const compile = (openFields: boolean) => compileSources([{ path: "r.yml", read: () => rule }], { schema: "windows", openFields });

test("strict by default: an undeclared field is K1201", () => {
  const r = compile(false);
  assert.equal(r.diagnostics.map((d) => [d.code, d.severity]), [["K1201", "error"]]);
  assert.is(r.ruleSet.rules.length, 0);
});

test("open: the field compiles as a string with warning K1208 and a stable hashed id", () => {
  const r = compile(true);
  assert.equal(r.diagnostics.map((d) => [d.code, d.severity]), [["K1208", "warning"]]);
  const [only] = r.ruleSet.rules;
  assert.ok(only);
  const threat = fieldsOfRule(only).find((f) => f.path === "ThreatName");
  assert.equal(threat, { id: openFieldId("ThreatName"), path: "ThreatName", type: "string" });
  assert.ok((threat?.id ?? 0) >= 2 ** 30 && (threat?.id ?? 0) < 2 ** 31);
  assert.equal(fieldsOfRule(compile(true).ruleSet.rules[0] ?? only), fieldsOfRule(only), "same ids in a second build");
});

test("open: every engine matches the undeclared field", async () => {
  const r = compile(true);
  const events = [
    '{"Channel":"Microsoft-Windows-Windows Defender/Operational","EventID":1116,"ThreatName":"HackTool:Win32/Mimikatz.D"}',
    '{"Channel":"Microsoft-Windows-Windows Defender/Operational","EventID":1116,"ThreatName":"Trojan:Win32/Other"}',
    '{"Channel":"Security","EventID":1116,"ThreatName":"mimikatz"}',
  ].join("\n");
  const bytes = Buffer.from(events);
  const three = await runThreeWay(r, bytes);
  expectAgreement(three, "open field");
  assert.equal(three.get(WASM)?.matches.map((m) => m.split(":")[0]), ["1"]);
});

test.run();
