/**
 * @fileoverview Hostile event lines through the real CLI, all in one CRLF file whose last
 * line is cut mid-way: text that is not JSON, JSON that is not an object, a wrong field
 * type, a 2 MB line past --max-line-bytes, nesting 100,000 deep, invalid UTF-8, a NUL byte
 * in a string and the truncated tail are each set aside with their line and reason (in
 * --dead-letter as NDJSON, invalid UTF-8 as base64); a wrong field type is scanned; the
 * valid events around them still alert; --strict turns a run that set lines aside into
 * exit status 4.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { alerts, kestrel, scratchDir } from "./helpers.js";

const test = suite("cli: hostile events");
const dir = scratchDir();
const file = join(dir, "hostile.ndjson");
const whoami = JSON.stringify({ Channel: "Microsoft-Windows-Sysmon/Operational", EventID: 1, Image: "C:\\Windows\\System32\\whoami.exe", CommandLine: "whoami" });
const lines: Buffer[] = [
  Buffer.from(whoami),
  Buffer.from("not json"),
  Buffer.from("[1,2,3]"),
  Buffer.from(JSON.stringify({ Channel: "Microsoft-Windows-Sysmon/Operational", EventID: "one", Image: 5 })),
  Buffer.from(`{"a":"${"x".repeat(2 * 1024 * 1024)}"}`),
  Buffer.from(`${"[".repeat(100000)}${"]".repeat(100000)}`),
  Buffer.concat([Buffer.from('{"Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Image":"C:\\\\x\\\\whoami.exe","User":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
  Buffer.from('{"a":"b\u0000c"}'),
  Buffer.from(whoami),
];
writeFileSync(file, Buffer.concat([...lines.flatMap((l) => [l, Buffer.from("\r\n")]), Buffer.from('{"truncated": ')]));

test("each hostile line is set aside with its reason; its neighbours alert; --strict exits 4", () => {
  const deadLetter = join(dir, "dead.ndjson");
  const r = kestrel(["run", file, "--max-line-bytes", "1048576", "--dead-letter", deadLetter, "--strict", "-q"]);
  assert.is(r.code, 4, r.stderr);
  assert.equal(alerts(r.stdout).map((a) => [a.rule.id, a.kestrel.origin[0]?.line]), [
    ["kestrel-eql-discovery-whoami", 1],
    ["kestrel-eql-discovery-whoami", 9],
  ]);
  const records = readFileSync(deadLetter, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { line: number; reason: string; event: string; event_base64?: string; truncated?: boolean });
  assert.equal(records.map((d) => [d.line, d.reason.replace(/ \(.*\)$/, "")]), [
    [2, "invalid JSON"],
    [3, "not a JSON object but an array"],
    [5, "longer than 1048576 bytes"],
    [6, "nested deeper than 128"],
    [7, "invalid UTF-8"],
    [8, "invalid JSON"],
    [10, "invalid JSON"],
  ]);
  assert.is(records[2]?.truncated, true);
  assert.is(records[2]?.event.length, 1024);
  assert.equal(Buffer.from(records[4]?.event_base64 ?? "", "base64"), lines[6]);
  for (const n of [2, 3, 6, 7, 8, 10]) assert.match(r.stderr, `hostile.ndjson:${n}:`);
  assert.match(r.stderr, "hostile.ndjson:5: event line longer than 1048576 bytes; set aside");
});

test("without --strict the same run exits 0", () => {
  const r = kestrel(["run", file, "--max-line-bytes", "1048576", "-q"]);
  assert.is(r.code, 0, r.stderr);
  assert.is(alerts(r.stdout).length, 2);
});

test.run();
