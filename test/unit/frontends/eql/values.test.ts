/**
 * @fileoverview EQL arithmetic and value functions as users write them, in both dialects:
 * each query runs through the Wasm package and the reference evaluator (before and after
 * the passes), which must agree on the exact lines; ill-typed and oversized expressions
 * get located diagnostics.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { compileSources } from "../../../../compiler/index.js";
import type { EqlDialect as Dialect } from "../../../../compiler/frontends/frontend.js";
import { expectAgreement, runThreeWay, WASM } from "../../../helpers/differential.js";

const events = [
  '{"event_type":"process","pid":4,"ppid":8,"exit_code":0,"process_name":"Explorer.EXE","command_line":"C:\\\\Windows\\\\explorer.exe /e","user_name":"0x1f"}',
  '{"event_type":"process","pid":7,"ppid":-2,"process_name":"cmd.exe","command_line":"cmd.exe /c whoami","user_name":"12"}',
  '{"event_type":"process","pid":83,"exit_code":null,"process_name":"a.exe"}',
].join("\n");

async function matchingLines(query: string, dialect: Dialect = "elastic"): Promise<number[]> {
  const result = compileSources([{ path: "q.eql", read: () => query }], { schema: "endgame", dialect });
  assert.equal(result.diagnostics, [], query);
  const three = await runThreeWay(result, Buffer.from(events));
  expectAgreement(three, query);
  return (three.get(WASM)?.matches ?? []).map((m) => Number(m.slice(0, m.indexOf(":"))));
}

const elastic: readonly [string, number[]][] = [
  ["process where pid + 1 == 5", [1]],
  ["process where pid * 2 - ppid >= 0 and pid % 4 == 3", [2]],
  ["process where add(pid, ppid) == 5 and subtract(pid, 2) == 5", [2]],
  ["process where pid / 2 == 41 and divide(pid, 2.0) == 41.5", [3]],
  ["process where modulo(-7, 4) == -3 and -pid < 0", [1, 2, 3]],
  ["process where substring(process_name, 0, 3) : \"exp\"", [1]],
  ["process where substring(process_name, -4) == \".exe\"", [2, 3]],
  ["process where length(substring(process_name, 1)) == 6", [2]],
  ["process where concat(process_name, \"-\", pid) == \"cmd.exe-7\"", [2]],
  ["process where concat(process_name, exit_code) == \"Explorer.EXE0\"", [1]],
  ["process where between(command_line, \"Windows\\\\\", \".exe\") == \"explorer\"", [1]],
  ["process where between~(command_line, \"CMD\", \"i\", true) == \".exe /c whoam\"", [2]],
  ["process where indexOf(process_name, \".\") == 8 and indexOf(process_name, \".\", 9) == null", [1]],
  ["process where indexOf~(process_name, \"EXE\") == 4", [2]],
  ["process where number(user_name) == 31 or number(user_name, 10) == 12", [1, 2]],
  ["process where number(user_name, null) == 12", [2]],
  ["process where string(pid) == \"83\" and string(1.5) == \"1.5\"", [3]],
  ["process where startsWith(\"cmd.exe /c whoami\", process_name)", [2]],
  ["process where endsWith~(command_line, concat(\"WHO\", \"AMI\"))", [2]],
  ["process where null == (-1 < exit_code)", [2, 3]],
  ["process where not (exit_code + 1 == 1)", []],
  ["process where substring(process_name, 0, 1) in (\"a\", \"c\")", [2, 3]],
  ["process where substring(process_name, 0, 1) not in (\"a\", \"c\")", [1]],
  ["process where substring(process_name, 0, 3) like~ \"EX*\"", [1]],
  ["process where concat(pid, \"\") == \"4\" and concat(pid) != \"5\"", [1]],
];

const endgame: readonly [string, number[]][] = [
  // Python 2: `/` floors two ints, divide() divides as floats, `%` takes the divisor's sign.
  ["process where pid / 2 == 41", [3]],
  ["process where divide(pid, 2) == 41.5", [3]],
  ["process where -7 % 4 == 1 and modulo(pid, 5) == 3", [3]],
  ["process where substring(process_name, 0, 3) == \"EXP\"", [1]],
  ["process where between(command_line, \"CMD\", \"I\", false, true) == \"\"", [1, 2]],
  ["process where safe(pid + 1) == 8", [2]],
];

for (const [dialect, cases] of [["elastic", elastic], ["endgame", endgame]] as const) {
  for (const [query, lines] of cases) {
    test(`${dialect}: ${query}`, async () => {
      assert.equal(await matchingLines(query, dialect), lines);
    });
  }
}

function diagnostics(query: string): string[] {
  const result = compileSources([{ path: "q.eql", read: () => query }], { schema: "endgame" });
  return result.diagnostics.map((d) => `${d.code} ${d.message}`);
}

test("ill-typed arithmetic and function arguments are K1211 at the operand", () => {
  assert.equal(diagnostics('process where process_name + 1 == 2'), ["K1211 Type mismatch: '+' takes a number, not a string."]);
  assert.equal(diagnostics('process where substring(pid, 1) == "a"'), ["K1211 Type mismatch: 'substring' takes a string, not a number."]);
  assert.equal(diagnostics('process where concat("a", pid) == 1'), ["K1211 Type mismatch: '==' takes values of one type, not a string and a number."]);
  assert.equal(diagnostics("process where pid + 1"), ["K1211 Type mismatch: a condition takes a boolean, not a number."]);
});

test("bad arity is K1204; a function without a ~ form is K1205", () => {
  assert.equal(diagnostics('process where substring() == "a"'), ["K1204 Function 'substring' expects 1 to 3 arguments."]);
  assert.equal(diagnostics('process where concat~("a") == "a"'), ["K1205 Unknown function 'concat~'."]);
});

test("an expression needing more value cells than the kernels reserve is K1212", () => {
  const wide = `process where concat(${Array.from({ length: 300 }, () => '"a"').join(", ")}) == "a"`;
  assert.equal(diagnostics(wide), ["K1212 Expression too large to compute: it needs 300 value cells, at most 256."]);
});

test.run();
