/**
 * @fileoverview Writes a package folder `<name>.kpkg/` with `manifest.json`,
 * `rules.wasm` and `ir.json` (the rule set's IR, for merging packages), and builds the
 * manifest from a rule set and its linked module.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { HOST_API_VERSION } from "./host-api.js";
import type { PackagePlan } from "../codegen/captures.js";
import type { IrQuery, IrRuleSet } from "../ir/nodes.js";
import { assertNever } from "../util/assert-never.js";
import type { EventSchema } from "../schema/schema.js";
import { ABI_VERSION } from "./abi.js";
import { sha256 } from "../util/hash.js";
import { compilerVersion } from "../util/package-root.js";
import { FORMAT_VERSION, PACKAGE_FORMAT, type Manifest, type ManifestDetect, type ManifestPipe, type ManifestStep, type RuleOrigin } from "./manifest.js";

export const MODULE_FILE = "rules.wasm";
export const IR_FILE = "ir.json";

/** What the manifest records of the schema (a merge has only other manifests to go by). */
export type ManifestSchema = Pick<EventSchema, "id" | "hash" | "timestamp" | "entityKey">;

export interface ManifestExtras {
  /** The IR text (`ruleSetToJson`) written beside the module. */
  readonly ir?: string;
  /** Per rule index, the package it came from (merged packages only). */
  readonly origins?: readonly RuleOrigin[];
}

export interface LinkedModule {
  readonly wasm: Uint8Array;
  readonly heapBase: number;
  readonly hostImports: readonly string[];
  readonly regexes: Manifest["regexes"];
  readonly fields: Manifest["fields"];
}

function detectOf(query: IrQuery): ManifestDetect {
  switch (query.kind) {
    case "match":
      return { kind: "match" };
    case "threshold":
      return { kind: "threshold", count: query.count, windowMs: query.windowMs };
    case "sequence": {
      const missing = query.steps.flatMap((s, i) => (s.missing === true ? [i] : []));
      return { kind: "sequence", steps: query.steps.length, until: query.until !== undefined, ...(query.maxspanMs === undefined ? {} : { maxspanMs: query.maxspanMs }), ...(missing.length === 0 ? {} : { missing }) };
    }
    case "join":
      return { kind: "join", steps: query.steps.length, until: query.until !== undefined };
    case "correlation":
      return { kind: "correlation", type: query.type, steps: query.steps.length, windowMs: query.windowMs, condition: query.condition };
    default:
      return assertNever(query);
  }
}

function stepsOf(plan: PackagePlan, rule: number): ManifestStep[] {
  const steps: ManifestStep[] = [];
  plan.emits.forEach((e, emit) => {
    if (e.rule !== rule) return;
    steps.push({ step: e.step, emit, captures: e.captures.map((c) => ({ name: c.name, path: c.field.path, role: c.role, foldCase: c.foldCase, ...(c.nullable === true ? { nullable: true } : {}) })) });
  });
  return steps;
}

export function buildManifest(name: string, set: IrRuleSet, schema: ManifestSchema, linked: LinkedModule, plan: PackagePlan, extras: ManifestExtras = {}): Manifest {
  return {
    format: PACKAGE_FORMAT,
    formatVersion: FORMAT_VERSION,
    abiVersion: ABI_VERSION,
    name,
    compiler: { name: "kestrel", version: compilerVersion() },
    schema: { id: schema.id, hash: schema.hash, timestamp: schema.timestamp, entityKey: schema.entityKey },
    module: { file: MODULE_FILE, sha256: sha256(linked.wasm), bytes: linked.wasm.length },
    ...(extras.ir === undefined ? {} : { ir: { file: IR_FILE, sha256: sha256(extras.ir) } }),
    heapBase: linked.heapBase,
    hostImports: linked.hostImports,
    hostApi: HOST_API_VERSION,
    regexes: linked.regexes,
    fields: linked.fields,
    rules: set.rules.map((r, index) => ({
      index,
      id: r.id,
      title: r.title,
      language: r.language,
      source: r.source,
      severity: r.severity,
      author: r.author,
      tags: r.tags,
      action: r.action,
      description: r.description,
      ...(r.references === undefined ? {} : { references: r.references }),
      ...(r.falsePositives === undefined ? {} : { falsePositives: r.falsePositives }),
      detect: detectOf(r.query),
      steps: stepsOf(plan, index),
      ...(r.pipes === undefined ? {} : { pipes: r.pipes.map((p): ManifestPipe => ("count" in p ? p : { kind: p.kind, fields: p.fields.map((f) => f.path), caseInsensitive: p.caseInsensitive })) }),
      ...originOf(extras, index),
    })),
  };
}

function originOf(extras: ManifestExtras, index: number): { origin?: RuleOrigin } {
  const origin = extras.origins?.[index];
  return origin === undefined ? {} : { origin };
}

/** Writes `<outDir>/<name>.kpkg/` and returns its path; `ir` is the text `manifest.ir` describes. */
export function writePackage(outDir: string, manifest: Manifest, wasm: Uint8Array, ir?: string): string {
  if ((manifest.ir === undefined) !== (ir === undefined)) throw new Error("internal: the manifest's ir entry and the IR text go together");
  const dir = join(outDir, `${manifest.name}.kpkg`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MODULE_FILE), wasm);
  if (manifest.ir !== undefined && ir !== undefined) writeFileSync(join(dir, manifest.ir.file), ir);
  writeFileSync(join(dir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  return dir;
}
