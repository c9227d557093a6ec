/**
 * @fileoverview Differential testing: the same rules over the same NDJSON bytes through
 * (a) the compiled Wasm package, fed in chunks as `kestrel run` feeds it, (b) the
 * reference evaluator over exactly parsed events on the IR after the passes (what codegen
 * compiled), and (c) the reference evaluator on the IR as lowered, before the passes, so
 * lowering and every pass are checked too. For every rule, whatever its query kind, each
 * reports the events that pass its per-event predicates (what the Wasm package evaluates;
 * stateful kinds have their own oracles too) as "line:ruleId" ("line:ruleId#step" for a
 * rule of several steps), and the malformed line
 * numbers; `disagreements` names every (rule, event) on which they differ and which
 * engines saw it.
 */
import * as assert from "uvu/assert";
import { linkRuleSet, type CompileResult } from "../../compiler/index.js";
import type { IrRuleSet } from "../../compiler/ir/nodes.js";
import { fieldsOfRule, queryPredicates } from "../../compiler/ir/visit.js";
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

/** What the differential check compares: the rule set after passes, as lowered, and its schema. */
export type Compiled = Pick<CompileResult, "ruleSet" | "lowered" | "schema">;

export async function runWasm(result: Pick<CompileResult, "ruleSet" | "schema">, bytes: Uint8Array, options: WasmRunOptions = {}): Promise<Outcome> {
  const runner = await createWasmRunner(result, options);
  return runner(bytes, options.chunkSize);
}

/** Feeds NDJSON bytes through one instance; `chunkSize` is bytes per push (default: all at once). */
export type WasmRunner = (bytes: Uint8Array, chunkSize?: number) => Outcome;

/** Link and instantiate once, then run many inputs (each a fresh stream) through the same instance. */
export async function createWasmRunner(result: Pick<CompileResult, "ruleSet" | "schema">, options: WasmRunOptions = {}): Promise<WasmRunner> {
  const built = await linkRuleSet(result, "test");
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
        for (const m of r.matches) {
          const rule = built.manifest.rules[m.rule];
          matches.push(matchItem(m.line, rule?.id ?? "?", m.step, rule?.steps.length ?? 1));
        }
        for (const bad of r.malformed) malformed.push(bad.line);
      },
      oversize: (_source, line) => malformed.push(line),
    });
    const step = chunkSize ?? Math.max(bytes.length, 1);
    for (let i = 0; i < bytes.length; i += step) framer.push(bytes.subarray(i, i + step));
    framer.end();
    malformed.sort((a, b) => a - b);
    return { matches: inLineOrder(matches), malformed };
  };
}

/** "line:ruleId", with "#step" for a rule of several steps. */
function matchItem(line: number, ruleId: string, step: number, steps: number): string {
  return steps > 1 ? `${line}:${ruleId}#${step}` : `${line}:${ruleId}`;
}

/** Items by line, then by text: the package reports one line's matches in its dispatch order. */
function inLineOrder(items: readonly string[]): string[] {
  const line = (m: string): number => Number(m.slice(0, m.indexOf(":")));
  return [...items].sort((a, b) => line(a) - line(b) || (a < b ? -1 : a > b ? 1 : 0));
}

export function runReference(set: IrRuleSet, schema: EventSchema, bytes: Uint8Array): Outcome {
  const [outcome] = runReferenceSets([set], schema, bytes);
  if (outcome === undefined) throw new Error("internal: one rule set, one outcome");
  return outcome;
}

/** The oracle over each rule set, decoding every line once for all of them. */
function runReferenceSets(sets: readonly IrRuleSet[], schema: EventSchema, bytes: Uint8Array): Outcome[] {
  // Declared fields, plus the open fields (undeclared in an open schema) the rules read.
  const fieldIds = new Map([...schema.byPath].map(([path, f]) => [path, f.id]));
  for (const set of sets) for (const rule of set.rules) for (const f of fieldsOfRule(rule)) fieldIds.set(f.path, f.id);
  const shape = { fieldIds, timestamp: schema.timestamp, entityKey: schema.entityKey };
  const lines = Buffer.from(bytes).toString("utf8").split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const outcomes = sets.map((): Outcome => ({ matches: [], malformed: [] }));
  lines.forEach((raw, i) => {
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (text.trim() === "") return;
    let root;
    try {
      root = parseJson(text);
    } catch {
      root = undefined;
    }
    if (root?.t !== "obj") {
      for (const o of outcomes) o.malformed.push(i + 1);
      return;
    }
    const event = decodeEvent(root, shape, i, { file: "<test>", line: i + 1 }, text);
    sets.forEach((set, k) => {
      for (const rule of set.rules) {
        const predicates = queryPredicates(rule.query);
        predicates.forEach((p, step) => {
          if (evaluate(p, event)) outcomes[k]?.matches.push(matchItem(i + 1, rule.id, step, predicates.length));
        });
      }
    });
  });
  return outcomes.map((o) => ({ ...o, matches: inLineOrder(o.matches) }));
}

/** The engines' names in messages. */
export const WASM = "Wasm";
export const AFTER_PASSES = "oracle after passes";
export const BEFORE_PASSES = "oracle before passes";

/** The oracle on the IR after the passes and on the IR as lowered. */
export function runOracle(result: Compiled, bytes: Uint8Array): { after: Outcome; before: Outcome } {
  const [after, before] = runReferenceSets([result.ruleSet, result.lowered], result.schema, bytes);
  if (after === undefined || before === undefined) throw new Error("internal: two rule sets, two outcomes");
  return { after, before };
}

/** Wasm (fed as `feed` says) and the oracle before and after the passes, by engine name. */
export async function runThreeWay(result: Compiled, bytes: Uint8Array, feed: WasmRunOptions = {}): Promise<Map<string, Outcome>> {
  const { after, before } = runOracle(result, bytes);
  return new Map([
    [WASM, await runWasm(result, bytes, feed)],
    [AFTER_PASSES, after],
    [BEFORE_PASSES, before],
  ]);
}

/**
 * What the engines do not all report, one line per item: "<item>: reported by A, B; not by
 * C". When every engine reports the same items, any whose list has them in another order
 * or repeated. Empty when all agree; at most `limit` lines.
 */
export function disagreements<T>(answers: ReadonlyMap<string, readonly T[]>, describe: (item: T) => string, limit = 20): string[] {
  const names = [...answers.keys()];
  const sets = new Map([...answers].map(([name, items]) => [name, new Set(items)]));
  const out: string[] = [];
  for (const item of new Set([...answers.values()].flat())) {
    const yes = names.filter((n) => sets.get(n)?.has(item));
    if (yes.length < names.length) out.push(`${describe(item)}: reported by ${yes.join(", ")}; not by ${names.filter((n) => !yes.includes(n)).join(", ")}`);
  }
  const [first, ...rest] = [...answers];
  if (out.length === 0 && first !== undefined) {
    for (const [name, items] of rest) {
      if (items.length !== first[1].length || items.some((x, i) => x !== first[1][i])) out.push(`${name} reports what ${first[0]} does, but in another order or repeated`);
    }
  }
  return out.length > limit ? [...out.slice(0, limit), `... and ${out.length - limit} more`] : out;
}

/** Matches as "rule 'id', line N" and malformed lines as "line N (malformed)". */
function outcomeItems(o: Outcome): string[] {
  const matches = o.matches.map((m) => {
    const colon = m.indexOf(":");
    return `rule '${m.slice(colon + 1)}', line ${m.slice(0, colon)}`;
  });
  return [...matches, ...o.malformed.map((line) => `line ${line} (malformed)`)];
}

export function outcomeDisagreements(answers: ReadonlyMap<string, Outcome>, limit?: number): string[] {
  return disagreements(new Map([...answers].map(([name, o]) => [name, outcomeItems(o)])), (item) => item, limit);
}

/** Fails the running test, naming each rule, line and engine that disagree. */
export function expectAgreement(answers: ReadonlyMap<string, Outcome>, context: string): void {
  const problems = outcomeDisagreements(answers);
  if (problems.length > 0) assert.unreachable(`${context}: engines disagree:\n  ${problems.join("\n  ")}`);
}
