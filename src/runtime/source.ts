/**
 * @fileoverview The source stage: NDJSON files, folders (their *.ndjson and *.jsonl files)
 * and globs (fast-glob), or standard input,
 * each read as raw byte chunks with no string decoding.
 */
import { createReadStream, existsSync, fstatSync, statSync } from "node:fs";
import { resolve } from "node:path";

export interface EventInput {
  /** As shown in alerts and reports: the path as the user gave it, or "<stdin>". */
  readonly name: string;
  open(): AsyncIterable<Uint8Array>;
  /** Bytes, when known before reading (files); undefined for streams. */
  size(): number | undefined;
}

const CHUNK = 1 << 20;

export function fileInput(path: string, name = path): EventInput {
  return {
    name,
    open: () => createReadStream(path, { highWaterMark: CHUNK }),
    size: () => {
      try {
        return statSync(path).size;
      } catch {
        return undefined;
      }
    },
  };
}

export const stdinInput: EventInput = { name: "<stdin>", open: () => process.stdin, size: () => undefined };

/** Below this much input, scanning threads cost more to start than they save. */
const WORKERS_WORTH_IT = 4 << 20;

/** The default worker count: the cores, or 1 when the inputs are files too small to share. */
export function defaultWorkers(inputs: readonly EventInput[], cores: number): number {
  const total = totalSize(inputs);
  return total === undefined || total >= WORKERS_WORTH_IT ? cores : 1;
}

/** The inputs' bytes in all, or undefined when any size is unknown (a stream). */
export function totalSize(inputs: readonly EventInput[]): number | undefined {
  let total = 0;
  for (const input of inputs) {
    const n = input.size();
    if (n === undefined) return undefined;
    total += n;
  }
  return total;
}

/** True when standard input is a pipe or a file, not a terminal or /dev/null. */
export function stdinIsPiped(): boolean {
  try {
    const s = fstatSync(0);
    return s.isFIFO() || s.isFile() || s.isSocket();
  } catch {
    return false;
  }
}

/** Expand files and globs; "-" means stdin. Unmatched patterns are returned apart. */
export async function resolveInputs(args: readonly string[], cwd: string): Promise<{ inputs: EventInput[]; unmatched: string[] }> {
  const inputs: EventInput[] = [];
  const unmatched: string[] = [];
  for (const arg of args) {
    if (arg === "-") {
      inputs.push(stdinInput);
      continue;
    }
    const abs = resolve(cwd, arg);
    if (existsSync(abs) && statSync(abs).isFile()) {
      inputs.push(fileInput(abs, arg));
      continue;
    }
    // A folder means the event files under it. fast-glob loads only here: importing it costs ~30 ms of start-up.
    const { default: fg } = await import("fast-glob");
    const isDir = existsSync(abs) && statSync(abs).isDirectory();
    const pattern = isDir ? `${fg.convertPathToPattern(arg).replace(/\/$/, "")}/**/*.{ndjson,jsonl}` : arg;
    const found = (await fg(pattern, { cwd, onlyFiles: true })).sort();
    if (found.length === 0) unmatched.push(arg);
    for (const f of found) inputs.push(fileInput(resolve(cwd, f), f));
  }
  return { inputs, unmatched };
}
