/**
 * @fileoverview Times whole processes, start-up included: `kestrel run` with a prebuilt
 * package over the bench files (alerts to a pipe that is drained), beside a plain Node
 * process that only reads the same files and JSON.parses every line.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

export interface ProcessTiming {
  readonly seconds: number;
  readonly stdoutBytes: number;
}

function timed(args: readonly string[]): ProcessTiming {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: "buffer", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "pipe"] });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr.toString()}`);
  return { seconds, stdoutBytes: r.stdout.length };
}

export function timeKestrelRun(files: readonly string[], packageDir: string): ProcessTiming {
  return timed([resolve("bin/run.js"), "run", ...files, "--rules", packageDir, "--quiet"]);
}

const parseOnly = `
const { readFileSync } = require("node:fs");
let n = 0;
for (const f of process.argv.slice(1)) for (const line of readFileSync(f, "utf8").split("\\n")) if (line.trim() !== "") { JSON.parse(line); n++; }
`;

export function timeReadAndParse(files: readonly string[]): ProcessTiming {
  return timed(["-e", parseOnly, ...files]);
}
