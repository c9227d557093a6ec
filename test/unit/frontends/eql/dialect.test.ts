/**
 * @fileoverview The two EQL dialects lower into the same IR, differently: elastic's `==`,
 * `in`, ordering and string functions are exact; endgame's fold ASCII case (patterns
 * lowercased, `~` leaves), and endgame truncates maxspan to whole seconds.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { EqlDialect } from "../../../../compiler/frontends/frontend.js";
import { printExpr, printRule } from "../../../../compiler/ir/print.js";
import { soloPredicate } from "../../../helpers/ir.js";
import { codes, lower } from "./helpers.js";

function text(cond: string, dialect: EqlDialect): string {
  const { rules, bag } = lower(`any where ${cond}`, undefined, undefined, dialect);
  assert.equal(codes(bag), []);
  return printExpr(soloPredicate(rules[0])).replace(/\s*\n\s*/g, " ");
}

const cases: [string, string, string][] = [
  ['process.name == "CMD.exe"', '(str.eq process.name "CMD.exe")', '(str.eq~ process.name "cmd.exe")'],
  ['process.name == "C*.EXE"', '(str.wildcard process.name "C*.EXE")', '(str.wildcard~ process.name "c*.exe")'],
  ['process.name in ("A", "b")', '(or (str.eq process.name "A") (str.eq process.name "b"))', '(or (str.eq~ process.name "a") (str.eq~ process.name "b"))'],
  ['process.name < "B"', '(str.lt process.name "B")', '(str.lt~ process.name "b")'],
  ['startsWith(process.name, "Cm")', '(str.prefix process.name "Cm")', '(str.prefix~ process.name "cm")'],
  ['process.name : "CMD*"', '(str.wildcard~ process.name "cmd*")', '(str.wildcard~ process.name "cmd*")'],
];

for (const [cond, elastic, endgame] of cases) {
  test(`${cond}: elastic exact, endgame folded`, () => {
    assert.is(text(cond, "elastic"), elastic);
    assert.is(text(cond, "endgame"), endgame);
  });
}

test("maxspan: exact in elastic; whole seconds in endgame (under one second is 0)", () => {
  const maxspan = (span: string, dialect: EqlDialect): string => {
    const [rule] = lower(`sequence with maxspan=${span} [process where true] [file where true]`, undefined, undefined, dialect).rules;
    return rule === undefined ? "no rule" : (/maxspan=(\d+)ms/.exec(printRule(rule))?.[1] ?? "none");
  };
  assert.equal([maxspan("1500ms", "elastic"), maxspan("500ms", "elastic")], ["1500", "500"]);
  assert.equal([maxspan("1500ms", "endgame"), maxspan("500ms", "endgame"), maxspan("2s", "endgame")], ["1000", "0", "2000"]);
});

test.run();
