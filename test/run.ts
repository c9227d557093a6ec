/**
 * @fileoverview Test entry: loads every `test/**\/*.test.ts` the way uvu's own CLI does
 * (deferred suites, one queue entry per file), runs them, then prints the plain
 * "N passed, N failed" closing line that CI reads. Conformance suites that need
 * ../shared live apart, behind `npm run conformance`.
 * Usage: npm test [-- <substring of test file path>]
 */
import fg from "fast-glob";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { runSuites } from "./helpers/uvu-runner.js";

const filter = process.argv[2];
const files = (await fg("test/**/*.test.ts", { ignore: ["test/conformance/**"] }))
  .filter((f) => filter === undefined || f.includes(filter))
  .sort();
await runSuites(files.map((f) => pathToFileURL(resolve(f)).href));
