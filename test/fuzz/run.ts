/**
 * @fileoverview `npm run fuzz`: the fuzz suites (test/fuzz/) and the property tests
 * (*.property.test.ts) with many more cases than `npm test` gives them:
 * KESTREL_FUZZ_SCALE times each property's base count (default 50).
 */
import fg from "fast-glob";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { runSuites } from "../helpers/uvu-runner.js";

process.env.KESTREL_FUZZ_SCALE ??= "50";
process.env.KESTREL_FUZZ_RUNS ??= String(6 * Number(process.env.KESTREL_FUZZ_SCALE));
const files = (await fg(["test/fuzz/**/*.test.ts", "test/**/*.property.test.ts"])).sort();
console.log(`fuzz: ${files.length} suites, KESTREL_FUZZ_SCALE=${process.env.KESTREL_FUZZ_SCALE}`);
await runSuites(files.map((f) => pathToFileURL(resolve(f)).href));
