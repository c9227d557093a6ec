/**
 * @fileoverview What the engine stage hands on: per line batch, the match records the
 * package reported (rule, step, event time, captures and the line's text), the lines
 * that were malformed, and counts. Plain, structured-clone-friendly data, so batches
 * cross worker_threads unchanged.
 */

import { abi } from "../../compiler/package/abi.js";
import type { ManifestCapture, ManifestRule } from "../../compiler/package/manifest.js";

/** A captured field value: the hash of its canonical form, its slot tag and its exact text. */
export interface Capture {
  readonly hash: bigint;
  readonly tag: number;
  /** A string's decoded text or a number's JSON text; undefined for other values. */
  readonly text: string | undefined;
}

export interface MatchRecord {
  /** Index of the package among the loaded ones, and of the rule in its manifest. */
  readonly pkg: number;
  readonly rule: number;
  readonly step: number;
  /** The source's name, as alerts show it. */
  readonly source: string;
  /** 1-based line number in the source. */
  readonly line: number;
  /** Event time in ns since the Unix epoch; undefined when missing or unparseable (see timeStatus). */
  readonly timeNs: bigint | undefined;
  readonly timeStatus: number;
  readonly captures: readonly Capture[];
  /** The event line, without its line ending. */
  readonly raw: string;
}

export interface MalformedLine {
  readonly line: number;
  /** 0-based byte offset in the line where parsing failed. */
  readonly offset: number;
  readonly bytes: Uint8Array;
}

export interface ScannedBatch {
  readonly seq: number;
  readonly source: string;
  readonly lines: number;
  readonly bytes: number;
  readonly matches: readonly MatchRecord[];
  readonly malformed: readonly MalformedLine[];
}

/** A capture's value as text: its exact text, or the JSON literal of a non-text value. */
export function captureText(c: Capture): string {
  if (c.text !== undefined) return c.text;
  switch (c.tag) {
    case abi.TAG_TRUE:
      return "true";
    case abi.TAG_FALSE:
      return "false";
    case abi.TAG_NULL:
      return "null";
    case abi.TAG_ARRAY:
      return "[…]";
    case abi.TAG_OBJECT:
      return "{…}";
    default:
      return "";
  }
}

/** A record's captured values with `role`, by the names the rule's step declares; missing and null values left out. */
export function capturedValues(rule: ManifestRule, m: MatchRecord, role: ManifestCapture["role"]): Record<string, string> {
  const out: Record<string, string> = {};
  const specs = rule.steps.find((s) => s.step === m.step)?.captures ?? [];
  specs.forEach((spec, i) => {
    const c = m.captures[i];
    if (spec.role === role && c !== undefined && c.tag !== abi.TAG_MISSING && c.tag !== abi.TAG_NULL) out[spec.name] = captureText(c);
  });
  return out;
}
