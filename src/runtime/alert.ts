/**
 * @fileoverview Builds an alert as one NDJSON line: ECS-shaped (`event.kind: "alert"`,
 * `rule.*`), the evidence event embedded byte-for-byte as it arrived (so i64 values
 * are not rounded by a JS round-trip), and each evidence event's origin kept under
 * `kestrel.*`, apart from ECS's network `source.*`. The alert id hashes the rule id,
 * the package's module hash and the evidence bytes, so a replay or redelivery of the
 * same event yields the same id.
 */
import { createHash } from "node:crypto";
import type { Manifest, ManifestRule } from "../../compiler/package/manifest.js";
import { flattenPaths, parseTimestamp, timestampToIso, type EventSource } from "./event.js";
import { parseJson } from "./json-value.js";

/** Elastic's numeric severities, so alerts sort like Elastic Security's. */
const severityScore = { informational: 0, low: 21, medium: 47, high: 73, critical: 99 } as const;

export interface Evidence {
  readonly raw: string;
  readonly origin: EventSource;
}

export function alertId(ruleId: string, moduleSha256: string, evidence: readonly Evidence[]): string {
  const h = createHash("sha256").update(ruleId).update("\0").update(moduleSha256);
  for (const e of evidence) h.update("\0").update(e.raw);
  return h.digest("hex");
}

export function buildAlert(manifest: Manifest, rule: ManifestRule, evidence: readonly Evidence[]): string {
  const first = evidence[0];
  let timestamp: string | undefined;
  if (first !== undefined) {
    const ts = flattenPaths(parseJson(first.raw)).get(manifest.schema.timestamp.field);
    const ns = ts === undefined ? undefined : parseTimestamp(ts, manifest.schema.timestamp.format);
    if (ns !== undefined) timestamp = timestampToIso(ns);
  }
  const head = {
    ...(timestamp === undefined ? {} : { "@timestamp": timestamp }),
    id: alertId(rule.id, manifest.module.sha256, evidence),
    event: { kind: "alert", severity: severityScore[rule.severity] },
    rule: {
      id: rule.id,
      name: rule.title,
      severity: rule.severity,
      author: rule.author,
      tags: rule.tags,
      description: rule.description,
      language: rule.language,
    },
    kestrel: {
      package: manifest.name,
      package_sha256: manifest.module.sha256,
      origin: evidence.map((e) => e.origin),
    },
  };
  const events = evidence.map((e) => e.raw).join(",");
  return `${JSON.stringify(head).slice(0, -1)},"evidence":[${events}]}`;
}
