/**
 * @fileoverview Job: the EventBus on real data. Builds every SigmaHQ Windows rule that
 * compiles (--open-fields) into one package, then runs the real CLI over a slice of Mordor
 * with --workers 1, --workers 2 and --workers 2 --ordered: the alert-id sets must be
 * identical, and --ordered output byte-identical to --workers 1.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fg from "fast-glob";
import { kestrel } from "../cli/helpers.js";
import type { Tally } from "./tally.js";

/** Files of the slice: every fourth Mordor file, so the job stays quick. */
const STRIDE = 4;

const ids = (stdout: string): string[] =>
  stdout
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => (JSON.parse(l) as { id: string }).id);

export async function runWorkersJob(shared: string, tally: Tally): Promise<void> {
  const out = mkdtempSync(join(tmpdir(), "kestrel-workers-"));
  const build = kestrel(["build", join(shared, "corpus/sigma/rules/windows"), "--schema", "windows", "--open-fields", "--out", out, "--name", "sigma-windows", "--json"]);
  const pkg = join(out, "sigma-windows.kpkg");
  const compiled = (JSON.parse(build.stdout) as { compiled: number }).compiled;
  const files = (await fg("datasets/mordor/*.ndjson", { cwd: shared, absolute: true })).sort().filter((_, i) => i % STRIDE === 0);
  const run = (...flags: string[]) => kestrel(["run", ...files, "--rules", pkg, "-q", ...flags]);
  const one = run("--workers", "1");
  const two = run("--workers", "2");
  const ordered = run("--workers", "2", "--ordered");
  for (const [label, r] of [["--workers 1", one], ["--workers 2", two], ["--ordered", ordered]] as const) tally.check(r.code === 0, `workers: ${label} exited ${r.code}: ${r.stderr.slice(0, 400)}`);
  const a = ids(one.stdout);
  const b = ids(two.stdout);
  tally.check(a.length > 0, "workers: the slice raised no alerts");
  tally.check(JSON.stringify([...a].sort()) === JSON.stringify([...b].sort()), `workers: alert-id sets differ (${a.length} vs ${b.length})`);
  tally.check(ordered.stdout === one.stdout, "workers: --ordered output differs from --workers 1");
  console.log(`EventBus: ${compiled} SigmaHQ Windows rules over ${files.length} Mordor files: ${a.length} alerts; --workers 2 id set ${a.length === b.length ? "identical" : "DIFFERENT"}; --ordered output ${ordered.stdout === one.stdout ? "byte-identical" : "DIFFERENT"}`);
}
