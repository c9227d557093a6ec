/**
 * @fileoverview Times whole processes, start-up included: `kestrel run` with a prebuilt
 * package over the bench files (alerts to a pipe that is drained) with a given worker
 * count, reading its peak RSS from its --json metrics, beside a plain Node process that
 * only reads the same files and JSON.parses every line.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

export interface ProcessTiming {
  readonly seconds: number;
  readonly stdoutBytes: number;
  /** Peak RSS in MB, when the process reports it. */
  readonly peakRssMB?: number;
}

function timed(args: readonly string[]): ProcessTiming & { stderr: string } {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: "buffer", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "pipe"] });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr.toString()}`);
  return { seconds, stdoutBytes: r.stdout.length, stderr: r.stderr.toString() };
}

export function timeKestrelRun(files: readonly string[], packageDir: string, workers = 1): ProcessTiming {
  const r = timed([resolve("bin/run.js"), "run", ...files, "--rules", packageDir, "--workers", String(workers), "--json"]);
  const metrics = JSON.parse(r.stderr.trim().split("\n").at(-1) ?? "{}") as { peakRssMB?: number };
  return { seconds: r.seconds, stdoutBytes: r.stdoutBytes, ...(metrics.peakRssMB === undefined ? {} : { peakRssMB: metrics.peakRssMB }) };
}

const parseOnly = `
const { readFileSync } = require("node:fs");
let n = 0;
for (const f of process.argv.slice(1)) for (const line of readFileSync(f, "utf8").split("\\n")) if (line.trim() !== "") { JSON.parse(line); n++; }
`;

export function timeReadAndParse(files: readonly string[]): ProcessTiming {
  return timed(["-e", parseOnly, ...files]);
}

/** Best (fastest) of `runs` timings of each command, interleaved so load affects them alike. */
export function bestInterleaved(runs: number, commands: readonly (() => ProcessTiming)[]): ProcessTiming[] {
  const best: (ProcessTiming | undefined)[] = commands.map(() => undefined);
  for (let i = 0; i < runs; i++) {
    commands.forEach((c, k) => {
      const t = c();
      const b = best[k];
      if (b === undefined || t.seconds < b.seconds) best[k] = t;
    });
  }
  return best.map((b) => {
    if (b === undefined) throw new Error("no runs");
    return b;
  });
}
