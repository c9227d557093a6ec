/**
 * @fileoverview Job: stateful rules on real telemetry. Threshold rules written for this test
 * (logons and process creations per user and host, in short windows) run over every Mordor
 * file through the real runtime (framing, Wasm engine with captures and event time, detect
 * stage over the keyed window store), and through the independent oracle in
 * test/reference/threshold.ts. Per file, the alerts and their evidence lines must agree.
 */
import fg from "fast-glob";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { compileSources } from "../../compiler/index.js";
import { fileInput } from "../../src/runtime/source.js";
import { collectAlerts, compiledPackage } from "../helpers/pipeline.js";
import { referenceThreshold } from "../reference/threshold.js";
import type { Tally } from "./tally.js";

const RULES = JSON.stringify([
  { kestrel: "rule/v1", id: "logons-per-user", title: "3 logons per account and host in 10 s", where: { field: "EventID", op: "eq", value: 4624 }, threshold: { by: ["TargetUserName", "Hostname"], count: 3, within: "10s" } },
  { kestrel: "rule/v1", id: "processes-per-host", title: "5 process creations per host in 2 s", category: "process", where: { field: "Image", op: "exists" }, threshold: { by: ["Hostname"], count: 5, within: "2s" } },
  { kestrel: "rule/v1", id: "events-per-channel", title: "50 events per channel in 1 s", where: { field: "Channel", op: "exists" }, threshold: { by: ["Channel"], count: 50, within: "1s" } },
]);

export async function runStatefulJob(shared: string, tally: Tally): Promise<void> {
  const result = compileSources([{ path: "stateful-rules.json", read: () => RULES }], { schema: "windows" });
  tally.check(result.ruleSet.rules.length === 3, `stateful: rules do not compile: ${result.diagnostics.map((d) => d.code).join(", ")}`);
  const packages = [await compiledPackage(result, "stateful")];
  const files = (await fg("datasets/mordor/*.ndjson", { cwd: shared, absolute: true })).sort();
  let alerts = 0;
  let agreed = 0;
  for (const file of files) {
    const got = await collectAlerts({ packages, inputs: [fileInput(file, basename(file))], workers: 1 });
    const mine = got.map((a) => `${a.rule.id}@${a.evidence.map((e) => e.origin.line).join(",")}`);
    const oracle = referenceThreshold(result.ruleSet, result.schema, readFileSync(file, "utf8")).map((a) => `${a.rule}@${a.lines.join(",")}`);
    const same = JSON.stringify(mine) === JSON.stringify(oracle);
    tally.check(same, `stateful ${basename(file)}: runtime ${mine.length} alerts, oracle ${oracle.length}; first runtime ${mine[0] ?? "-"}, first oracle ${oracle[0] ?? "-"}`);
    if (same) agreed++;
    alerts += mine.length;
  }
  console.log(`Stateful: 3 threshold rules over ${files.length} Mordor files: ${alerts} alerts; runtime and oracle agree on ${agreed}/${files.length} files`);
}
