/**
 * @fileoverview One line of a Kestrel alerts file (`alertToJson`'s NDJSON shape) → the
 * fields the report uses, or why the line is not an alert. Only what the report needs is
 * required (id, rule.id, rule.severity); the rest falls back, so alerts from older runs or
 * hand-edited files still count.
 */
import { severities, type Severity } from "../../compiler/ir/nodes.js";
import { hostOf, isRecord } from "./host.js";

export interface ReportAlert {
  /** 1-based line in the alerts file. */
  readonly line: number;
  readonly id: string;
  /** `@timestamp` as written, and in ms since the epoch; undefined when absent or unparseable. */
  readonly timestamp: string | undefined;
  readonly timeMs: number | undefined;
  readonly rule: { readonly id: string; readonly name: string; readonly severity: Severity; readonly tags: readonly string[] };
  readonly host: string | undefined;
  /** Where the first evidence event came from, "file:line". */
  readonly origin: string | undefined;
  readonly evidence: readonly unknown[];
}

export type ParsedLine = { readonly kind: "alert"; readonly alert: ReportAlert } | { readonly kind: "bad"; readonly reason: string } | { readonly kind: "blank" };

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

function isSeverity(v: unknown): v is Severity {
  return typeof v === "string" && (severities as readonly string[]).includes(v);
}

function originOf(kestrel: unknown): string | undefined {
  const first: unknown = isRecord(kestrel) && Array.isArray(kestrel["origin"]) ? kestrel["origin"][0] : undefined;
  if (!isRecord(first)) return undefined;
  const file = str(first["file"]);
  return file === undefined ? undefined : `${file}:${String(first["line"])}`;
}

export function parseAlertLine(text: string, line: number): ParsedLine {
  if (text.trim() === "") return { kind: "blank" };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { kind: "bad", reason: `invalid JSON (${(e as Error).message})` };
  }
  if (!isRecord(value)) return { kind: "bad", reason: "not a JSON object" };
  const rule = value["rule"];
  const id = str(value["id"]);
  if (id === undefined) return { kind: "bad", reason: "no string 'id'" };
  if (!isRecord(rule) || str(rule["id"]) === undefined) return { kind: "bad", reason: "no string 'rule.id'" };
  if (!isSeverity(rule["severity"])) return { kind: "bad", reason: `'rule.severity' is not one of ${severities.join(", ")}` };
  const ruleId = str(rule["id"]) ?? "";
  const tags = Array.isArray(rule["tags"]) ? rule["tags"].filter((t): t is string => typeof t === "string") : [];
  const evidence: readonly unknown[] = Array.isArray(value["evidence"]) ? value["evidence"] : [];
  const kestrel = value["kestrel"];
  const timestamp = str(value["@timestamp"]);
  const ms = timestamp === undefined ? NaN : Date.parse(timestamp);
  const alert: ReportAlert = {
    line,
    id,
    timestamp,
    timeMs: Number.isFinite(ms) ? ms : undefined,
    rule: { id: ruleId, name: str(rule["name"]) ?? ruleId, severity: rule["severity"], tags },
    host: hostOf(isRecord(kestrel) ? kestrel["entity"] : undefined, evidence),
    origin: originOf(kestrel),
    evidence,
  };
  return { kind: "alert", alert };
}
