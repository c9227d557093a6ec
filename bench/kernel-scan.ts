/**
 * @fileoverview Micro benchmark (not a test, not part of the kernels build): scans one mordor
 * NDJSON file through dist/kernels.wasm in 1 MiB chunks, with 20 referenced fields and a no-op
 * rules_eval, and prints the scan throughput in MB/s (best of several passes).
 * Usage: node --import tsx bench/kernel-scan.ts [file.ndjson]
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { loadKernels } from "../test/helpers/kernel-harness.js";

const MORDOR = "/work/shared/datasets/mordor";
const CHUNK = 1 << 20;
const PASSES = 7;
const FIELDS = [
  "EventID", "Channel", "Hostname", "Image", "CommandLine", "ParentImage", "ParentCommandLine",
  "TargetObject", "Details", "User", "ProcessId", "GrantedAccess", "SourceImage", "TargetImage",
  "CallTrace", "Hashes", "ImageLoaded", "TargetFilename", "SubjectUserName", "DestinationIp",
];

/** The given file, or the largest one in the mordor folder. */
function pickFile(): string {
  const arg = process.argv[2];
  if (arg !== undefined) return arg;
  const files = readdirSync(MORDOR).filter((f) => f.endsWith(".ndjson")).map((f) => join(MORDOR, f));
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
}

const file = pickFile();
const data = readFileSync(file);
let evals = 0;
const h = await loadKernels({ fields: FIELDS, ruleCount: 1, rulesEval: () => void evals++, inputCap: CHUNK, outBytes: 1 << 17 });
const input = h.k.k_input_ptr();

/** One pass over the file; returns [lines, malformed records]. */
function pass(): [number, number] {
  let lines = 0;
  let bad = 0;
  let pos = 0;
  while (pos < data.length) {
    // Whole lines only, as the framing stage hands them over.
    let len = Math.min(CHUNK, data.length - pos);
    if (pos + len < data.length) len = data.subarray(pos, pos + len).lastIndexOf(10) + 1;
    if (len === 0) throw new Error(`a line longer than ${CHUNK} bytes at ${pos}`);
    new Uint8Array(h.k.memory.buffer, input, len).set(data.subarray(pos, pos + len));
    const used = h.k.k_scan(0, len);
    lines += h.k.k_lines();
    bad += h.records().filter((r) => r.code >= 0x80000000).length;
    pos += used;
  }
  return [lines, bad];
}

let best = Infinity;
let result: [number, number] = [0, 0];
for (let i = 0; i < PASSES; i++) {
  const t0 = process.hrtime.bigint();
  result = pass();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (ms < best) best = ms;
}
const mb = data.length / 1e6;
console.log(`${file}: ${mb.toFixed(1)} MB, ${result[0]} lines, ${result[1]} malformed, ${evals / PASSES} evals/pass`);
console.log(`best of ${PASSES}: ${best.toFixed(1)} ms = ${(mb / (best / 1000)).toFixed(0)} MB/s`);
