/**
 * @fileoverview A catastrophic rule regex (`^(a+)+$`) over a hostile event (5,000 `a`s and a
 * `!`) must not hang the run: V8's linear-time engine takes over after excessive
 * backtracking, and the answers stay right (the hostile line does not match, its neighbour
 * does), in this thread and on worker threads. The child is killed after 60 s only as a
 * safety net; the assertion is on the result.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { kestrelAsync, scratchDir } from "./helpers.js";

const test = suite("cli: regex work is bounded");
const dir = scratchDir();
const rule = join(dir, "redos.yml");
writeFileSync(
  rule,
  ["title: Catastrophic regex", "id: 0d1c2f7e-6a55-4c41-9d2e-6b0f5a1e0c11", "logsource:", "  product: windows", "  category: process_creation", "detection:", "  sel:", "    CommandLine|re: '^(a+)+$'", "  condition: sel", "level: high", ""].join("\n"),
);
const events = join(dir, "events.ndjson");
const sysmon = { Channel: "Microsoft-Windows-Sysmon/Operational", EventID: 1 };
writeFileSync(events, [{ ...sysmon, CommandLine: "a".repeat(5000) + "!" }, { ...sysmon, CommandLine: "aaaa" }].map((e) => JSON.stringify(e)).join("\n") + "\n");

for (const workers of ["1", "2"]) {
  test(`--workers ${workers}: the run finishes, and only the benign line matches`, async () => {
    const r = await kestrelAsync(["run", events, "--rules", rule, "-q", "--workers", workers], { timeoutMs: 60_000 });
    assert.is(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split("\n").map((l) => (JSON.parse(l) as { kestrel: { origin: { line: number }[] } }).kestrel.origin[0]?.line);
    assert.equal(lines, [2]);
  });
}

test.run();
