/**
 * @fileoverview The rule index: rules sharing leading `and` terms share trie nodes, so
 * each shared term is tested once; a rule ends at the node of its last term. Its code
 * is cut into functions of a bounded number of rules.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildRuleTrie, type TrieNode } from "../../../compiler/codegen/dispatch.js";
import { rulesWat } from "../../../compiler/codegen/link.js";
import type { IrExpr, IrRule, IrRuleSet } from "../../../compiler/ir/nodes.js";
import { queryPredicates } from "../../../compiler/ir/visit.js";

const field = (id: number, path: string) => ({ id, path, type: "string" as const });
const eq = (id: number, value: string): IrExpr => ({ kind: "str", op: "eq", field: field(id, `f${id}`), value, caseInsensitive: false });
const rule = (id: string, predicate: IrExpr): IrRule => ({
  id,
  title: id,
  language: "json",
  source: { path: "x", line: 1 },
  severity: "low",
  author: [],
  tags: [],
  action: "alert",
  description: "",
  query: { kind: "match", predicate },
});
const set = (...rules: IrRule[]): IrRuleSet => ({ version: 1, schema: { id: "s", hash: "h" }, rules });
const predicatesOf = (s: IrRuleSet): IrExpr[] => s.rules.flatMap((r) => queryPredicates(r.query));

/** The trie as text: each node's term value, its rules, then its children, indented. */
function show(n: TrieNode, depth = 0): string[] {
  const term = n.term?.kind === "str" ? n.term.value : n.term === undefined ? "root" : n.term.kind;
  const rules = n.rules.length > 0 ? ` [${n.rules.join(",")}]` : "";
  return [`${"  ".repeat(depth)}${term}${rules}`, ...n.children.flatMap((c) => show(c, depth + 1))];
}

test("shared prefixes are one path; rules end where their terms end", () => {
  const trie = buildRuleTrie(
    predicatesOf(
      set(
      rule("a", { kind: "and", terms: [eq(1, "sysmon"), eq(2, "1"), eq(3, "cmd.exe")] }),
      rule("b", { kind: "and", terms: [eq(1, "sysmon"), eq(2, "1"), eq(3, "ps.exe")] }),
      rule("c", { kind: "and", terms: [eq(1, "sysmon"), eq(2, "10")] }),
      rule("d", eq(1, "security")),
      rule("e", { kind: "and", terms: [eq(1, "sysmon"), eq(2, "1")] }),
      rule("f", { kind: "const", value: true }),
      ),
    ),
  );
  assert.equal(show(trie), ["root [5]", "  sysmon", "    1 [4]", "      cmd.exe [0]", "      ps.exe [1]", "    10 [2]", "  security [3]"]);
});

test("keys ignore property order: equal terms built differently still share a node", () => {
  const a: IrExpr = { kind: "str", op: "eq", field: field(1, "f1"), value: "x", caseInsensitive: true };
  const b = JSON.parse('{"caseInsensitive":true,"value":"x","field":{"type":"string","path":"f1","id":1},"op":"eq","kind":"str"}') as IrExpr;
  const trie = buildRuleTrie(predicatesOf(set(rule("a", { kind: "and", terms: [a, eq(2, "p")] }), rule("b", { kind: "and", terms: [b, eq(2, "q")] }))));
  assert.is(trie.children.length, 1);
  assert.is(trie.children[0]?.children.length, 2);
});

test("many small branches under one node are cut into functions of at most 16 rules each", () => {
  // 40 rules behind one shared term, each with a term of its own: one node with 40 small children.
  const rules = Array.from({ length: 40 }, (_, i) => rule(`r${i}`, { kind: "and", terms: [eq(1, "sysmon"), eq(2, `v${i}`)] }));
  const s = set(...rules);
  const wat = rulesWat(s, { time: [], emits: s.rules.map((_, rule) => ({ rule, step: 0, captures: [] })) });
  const perFunction = wat
    .split(/\n \(func /)
    .slice(1)
    .map((f) => (f.match(/call \$k_emit/g) ?? []).length);
  assert.is(perFunction.reduce((a, b) => a + b, 0), 40, "every rule is emitted once");
  assert.ok(Math.max(...perFunction) <= 16, `rules per function: ${perFunction.join(",")}`);
  assert.ok(perFunction.filter((n) => n > 0).length >= 3);
});

test.run();
