/**
 * @fileoverview The event `kestrel explain` reads: `file:LINE` (a line of an NDJSON file),
 * `-` (the first non-blank line on stdin), or a file holding one JSON event, perhaps
 * pretty-printed (compacted onto one line without re-serialising its numbers).
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { compactJson } from "./event-values.js";

export class EventArgError extends Error {}

export interface EventArg {
  /** As messages name it: path:line or <stdin>. */
  readonly where: string;
  /** The event as one line of bytes, as the engine scans it. */
  readonly line: Uint8Array;
  /** JSON.parse of it, for showing values (undefined when it does not parse). */
  readonly parsed: unknown;
}

function fromText(where: string, text: string): EventArg {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { where, line: new TextEncoder().encode(text), parsed };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(typeof c === "string" ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

export async function readEventArg(arg: string, cwd: string): Promise<EventArg> {
  if (arg === "-") {
    const first = (await readStdin()).split("\n").find((l) => l.trim() !== "");
    if (first === undefined) throw new EventArgError("no event on stdin");
    return fromText("<stdin>", first.replace(/\r$/, ""));
  }
  const m = /^(.*):(\d+)$/.exec(arg);
  if (m !== null && !existsSync(resolve(cwd, arg))) {
    const [, path = "", n = "0"] = m;
    const file = resolve(cwd, path);
    if (!existsSync(file)) throw new EventArgError(`${path}: no such file`);
    const lines = readFileSync(file, "utf8").split("\n");
    const line = lines[Number(n) - 1];
    if (Number(n) < 1 || line === undefined || (Number(n) === lines.length && line === "")) throw new EventArgError(`${path} has no line ${n}`);
    return fromText(`${path}:${n}`, line.replace(/\r$/, ""));
  }
  const file = resolve(cwd, arg);
  if (!existsSync(file)) throw new EventArgError(`${arg}: no such file (give event.json, events.ndjson:LINE or -)`);
  return fromText(arg, compactJson(readFileSync(file, "utf8")));
}
