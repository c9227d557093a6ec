/**
 * @fileoverview `kestrel test` through the real CLI: the bundled rules' own cases pass; a
 * case whose expectation is wrong fails with its file:line and what the rule raised; an
 * invalid case line fails too; rule files without tests are counted.
 */
import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { kestrel, scratchDir } from "./helpers.js";

const test = suite("cli: kestrel test");

test("the bundled rules' cases all pass", () => {
  const r = kestrel(["test", "rules/"]);
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^22 passed, 0 failed \(0 rule file\(s\) without tests\)$/m);
});

test("a wrong expectation and an invalid line fail, located; a rule without tests is counted", () => {
  const dir = scratchDir();
  copyFileSync("rules/eql/discovery_whoami.eql", join(dir, "whoami.eql"));
  writeFileSync(join(dir, "other.eql"), "process where false\n");
  const event = '{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Image":"C:\\\\Windows\\\\System32\\\\whoami.exe"}';
  writeFileSync(join(dir, "whoami.tests.ndjson"), `{"name":"right","events":[${event}],"alerts":1}\n{"name":"wrong","events":[${event},${event}],"alerts":1}\n{"events":"nope"}\n`);
  const r = kestrel(["test", dir], { cwd: dir });
  assert.is(r.code, 1);
  assert.match(r.stdout, "FAIL whoami.tests.ndjson:2 wrong: expected 1 alert(s), got 2 (from kestrel-eql-discovery-whoami)");
  assert.match(r.stdout, "FAIL whoami.tests.ndjson:3: expected");
  assert.match(r.stdout, "1 passed, 2 failed (1 rule file(s) without tests)");
});

test.run();
