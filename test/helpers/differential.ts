/**
 * @fileoverview Differential testing: the same rules over the same NDJSON bytes through
 * (a) the compiled Wasm package, fed in chunks as `kestrel run` feeds it, and (b) the
 * reference evaluator over exactly parsed events. Both report matches as "line:ruleId"
 * and malformed lines as "line:malformed", so a test can assert they agree.
 */
import type { CompileResult } from "../../compiler/index.js";
import { linkRuleSet } from "../../compiler/index.js";
import type { IrRuleSet } from "../../compiler/ir/nodes.js";
import { fieldsOfRule } from "../../compiler/ir/visit.js";
import type { EventSchema } from "../../compiler/schema/schema.js";
import { PackageEngine } from "../../src/runtime/engine.js";
import { Framer } from "../../src/runtime/framing.js";
import { evaluate } from "../reference/evaluator.js";
import { decodeEvent } from "../reference/event.js";
import { parseJson } from "../reference/json-value.js";

export interface Outcome {
  readonly matches: string[];
  readonly malformed: number[];
}

export interface WasmRunOptions {
  /** Bytes per push, to exercise chunk boundaries. */
  readonly chunkSize?: number;
  readonly inputCapacity?: number;
  /** Bytes of the match-record region. */
  readonly recordBytes?: number;
}

export async function runWasm(result: Pick<CompileResult, "ruleSet" | "schema">, bytes: Uint8Array, options: WasmRunOptions = {}): Promise<Outcome> {
  const runner = await createWasmRunner(result, options);
  return runner(bytes, options.chunkSize);
}

/** Feeds NDJSON bytes through one instance; `chunkSize` is bytes per push (default: all at once). */
export type WasmRunner = (bytes: Uint8Array, chunkSize?: number) => Outcome;

/** Link and instantiate once, then run many inputs (each a fresh stream) through the same instance. */
export async function createWasmRunner(result: Pick<CompileResult, "ruleSet" | "schema">, options: WasmRunOptions = {}): Promise<WasmRunner> {
  const built = await linkRuleSet(result as CompileResult, "test");
  const engine = await PackageEngine.fromWasm(built.wasm, built.manifest, {
    ...(options.inputCapacity === undefined ? {} : { inputCapacity: options.inputCapacity }),
    ...(options.recordBytes === undefined ? {} : { recordBytes: options.recordBytes }),
  });
  return (bytes, chunkSize) => {
    const matches: string[] = [];
    const malformed: number[] = [];
    let seq = 0;
    const framer = new Framer("<test>", engine.inputCapacity, () => seq++, {
      batch: (b) => {
        const r = engine.scan(b, true);
        for (const m of r.matches) matches.push(`${m.line}:${built.manifest.rules[m.rule]?.id ?? "?"}`);
        for (const bad of r.malformed) malformed.push(bad.line);
      },
      oversize: (_source, line) => malformed.push(line),
    });
    const step = chunkSize ?? Math.max(bytes.length, 1);
    for (let i = 0; i < bytes.length; i += step) framer.push(bytes.subarray(i, i + step));
    framer.end();
    malformed.sort((a, b) => a - b);
    return { matches, malformed };
  };
}

export function runReference(set: IrRuleSet, schema: EventSchema, bytes: Uint8Array): Outcome {
  // Declared fields, plus the open fields (undeclared in an open schema) the rules read.
  const fieldIds = new Map([...schema.byPath].map(([path, f]) => [path, f.id]));
  for (const rule of set.rules) for (const f of fieldsOfRule(rule)) fieldIds.set(f.path, f.id);
  const shape = { fieldIds, timestamp: schema.timestamp, entityKey: schema.entityKey };
  const lines = Buffer.from(bytes).toString("utf8").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const matches: string[] = [];
  const malformed: number[] = [];
  lines.forEach((raw, i) => {
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (text.trim() === "") return;
    let root;
    try {
      root = parseJson(text);
    } catch {
      malformed.push(i + 1);
      return;
    }
    if (root.t !== "obj") {
      malformed.push(i + 1);
      return;
    }
    const event = decodeEvent(root, shape, i, { file: "<test>", line: i + 1 }, text);
    for (const rule of set.rules) {
      if (rule.query.kind === "match" && evaluate(rule.query.predicate, event)) matches.push(`${i + 1}:${rule.id}`);
    }
  });
  return { matches, malformed };
}
