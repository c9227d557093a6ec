/**
 * @fileoverview The package manifest: what a `.kpkg` holds besides its Wasm, validated
 * by schemas/manifest.schema.json. The runtime needs nothing else to run the rules.
 */
import type { CorrelationBound, CorrelationType, Language, RuleAction, Severity } from "../ir/nodes.js";
import type { FieldType } from "../ir/types.js";
import type { TimestampFormat } from "../schema/schema.js";

export const PACKAGE_FORMAT = "kestrel-package";
export const FORMAT_VERSION = 2;

/** One value a step reports with each match: a hash and the exact bytes (package ABI "Captures"). */
export interface ManifestCapture {
  readonly name: string;
  readonly path: string;
  readonly role: "entity" | "group" | "join" | "pipe" | "value";
  readonly foldCase: boolean;
  /** A join value that may be missing or null, joining as null. */
  readonly nullable?: boolean;
}

/** A (rule, step) the package emits match records for; `emit` is its emit-table index. */
export interface ManifestStep {
  readonly step: number;
  readonly emit: number;
  readonly captures: readonly ManifestCapture[];
}

/** What the runtime's detect stage does with a rule's matches. */
export type ManifestDetect =
  | { readonly kind: "match" }
  | { readonly kind: "threshold"; readonly count: number; readonly windowMs: number }
  /**
   * Steps 0..steps-1 are the sequence's; with `until`, step number `steps` is the until
   * step. `missing` lists the missing steps (EQL `![…]`), ascending; absent when none.
   */
  | { readonly kind: "sequence"; readonly steps: number; readonly until: boolean; readonly maxspanMs?: number; readonly missing?: readonly number[] }
  /** As for sequence: step number `steps` is the until step. */
  | { readonly kind: "join"; readonly steps: number; readonly until: boolean }
  /**
   * A Sigma correlation (IR `correlation`): steps 0..steps-1 are its rules; each step's
   * `group` captures are the key, its `value` capture the aggregated field.
   */
  | { readonly kind: "correlation"; readonly type: CorrelationType; readonly steps: number; readonly windowMs: number; readonly condition: readonly CorrelationBound[] };

/** A pipe over the rule's results (IR `IrPipe`); fields are named as the step-0 captures name them. */
export type ManifestPipe =
  | { readonly kind: "head" | "tail"; readonly count: number }
  | { readonly kind: "unique" | "unique_count" | "sort"; readonly fields: readonly string[]; readonly caseInsensitive: boolean };

export interface ManifestRule {
  readonly index: number;
  readonly id: string;
  readonly title: string;
  readonly language: Language;
  readonly source: { readonly path: string; readonly line: number };
  readonly severity: Severity;
  readonly author: readonly string[];
  readonly tags: readonly string[];
  readonly references?: readonly string[];
  readonly falsePositives?: readonly string[];
  readonly action: RuleAction;
  readonly description: string;
  readonly detect: ManifestDetect;
  readonly steps: readonly ManifestStep[];
  readonly pipes?: readonly ManifestPipe[];
  /**
   * Set in a package merged from others: the package the rule was built in. Alerts name
   * it and hash its module sha256 into their id, so merging changes no alert.
   */
  readonly origin?: RuleOrigin;
}

/** The package a merged rule came from: its name and its module's sha256. */
export interface RuleOrigin {
  readonly package: string;
  readonly sha256: string;
}

export interface ManifestField {
  readonly slot: number;
  readonly id: number;
  readonly path: string;
  readonly type: FieldType;
}

export interface Manifest {
  readonly format: typeof PACKAGE_FORMAT;
  readonly formatVersion: number;
  readonly abiVersion: number;
  readonly name: string;
  readonly compiler: { readonly name: "kestrel"; readonly version: string };
  readonly schema: {
    readonly id: string;
    readonly hash: string;
    readonly timestamp: { readonly field: string; readonly format: TimestampFormat };
    readonly entityKey: readonly string[];
  };
  readonly module: { readonly file: string; readonly sha256: string; readonly bytes: number };
  /** The rule set's IR (`ir.json`, compiler/ir/serialize.ts), so packages can be merged without their sources. */
  readonly ir?: { readonly file: string; readonly sha256: string };
  readonly heapBase: number;
  readonly hostImports: readonly string[];
  /** The Host API version the package needs (docs/host-api.md); absent means 1. */
  readonly hostApi?: number;
  readonly regexes: readonly { readonly source: string; readonly flags: string }[];
  readonly fields: readonly ManifestField[];
  readonly rules: readonly ManifestRule[];
}
