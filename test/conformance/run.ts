/**
 * @fileoverview `npm run conformance`: the suites that read external material from
 * ../shared (EQL conformance, rule corpora, Mordor telemetry, Sigma regression data). Prints each job's
 * report, the failures, and the closing plain `N passed, N failed` line; exits 1 when
 * anything failed. Without ../shared it says so and exits 0.
 * Usage: node --import tsx test/conformance/run.ts [eql|corpus|mordor|sigma-regression|stateful|workers ...] [--verbose]
 */
import { runCorpusJob } from "./corpus-job.js";
import { runEqlJob } from "./eql-job.js";
import { runMordorJob } from "./mordor-job.js";
import { runSigmaRegressionJob } from "./sigma-regression-job.js";
import { runStatefulJob } from "./stateful-job.js";
import { runWorkersJob } from "./workers-job.js";
import { assertNever } from "../../compiler/util/assert-never.js";
import { sharedRoot } from "./shared-root.js";
import { Tally } from "./tally.js";

type Job = "eql" | "corpus" | "mordor" | "sigma-regression" | "stateful" | "workers";
const allJobs: readonly Job[] = ["eql", "corpus", "mordor", "sigma-regression", "stateful", "workers"];

const args = process.argv.slice(2);
const verbose = args.includes("--verbose");
const picked = args.filter((a): a is Job => (allJobs as readonly string[]).includes(a));
const jobs = picked.length > 0 ? picked : allJobs;

const shared = sharedRoot();
if (shared === undefined) {
  console.log("conformance: ../shared not found (set KESTREL_SHARED to its location); nothing run.");
  process.exit(0);
}

const started = performance.now();
const tally = new Tally();
for (const job of jobs) {
  const t0 = performance.now();
  switch (job) {
    case "eql":
      await runEqlJob(shared, tally, verbose);
      break;
    case "corpus":
      await runCorpusJob(shared, tally);
      break;
    case "mordor":
      await runMordorJob(shared, tally);
      break;
    case "sigma-regression":
      await runSigmaRegressionJob(shared, tally, verbose);
      break;
    case "stateful":
      await runStatefulJob(shared, tally);
      break;
    case "workers":
      await runWorkersJob(shared, tally);
      break;
    default:
      assertNever(job);
  }
  console.log(`(${job}: ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
}
for (const f of tally.failures) console.log(`FAIL ${f}`);
console.log(`wall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
console.log(`${tally.passed} passed, ${tally.failures.length} failed`);
process.exitCode = tally.failures.length > 0 ? 1 : 0;
