/**
 * @fileoverview The typed Alert: what the detect stage produces and processors and sinks
 * consume. It is plain data; `alertToJson` gives its ECS-shaped NDJSON form (`event.kind:
 * "alert"`, `rule.*` with `reference` and `false_positives` when the rule has them, and
 * `threat.*` from its ATT&CK tags), with each evidence event embedded byte-for-byte as it arrived (so
 * i64 values are not rounded by a JS round-trip) and its origin kept under `kestrel.*`,
 * apart from ECS's network `source.*`. The id hashes the rule id, the module hash of the
 * package the rule was built in (before any merge) and the evidence bytes, so a replay or redelivery of the same events yields the
 * same id whatever the worker count.
 */
import { createHash } from "node:crypto";
import type { Language, RuleAction, Severity } from "../../compiler/ir/nodes.js";
import type { Manifest, ManifestRule } from "../../compiler/package/manifest.js";
import { attackTags, TACTICS } from "./attack-tags.js";
import { timestampToIso } from "./time.js";

/** Elastic's numeric severities, so alerts sort like Elastic Security's. */
const severityScore = { informational: 0, low: 21, medium: 47, high: 73, critical: 99 } as const;

export interface EventOrigin {
  readonly file: string;
  readonly line: number;
}

export interface Evidence {
  /** The event line as it arrived, without its line ending. */
  readonly raw: string;
  readonly origin: EventOrigin;
  /** Event time in ns since the Unix epoch, when the event had a parseable one. */
  readonly timeNs?: bigint;
}

export interface AlertRule {
  readonly id: string;
  readonly name: string;
  readonly severity: Severity;
  readonly author: readonly string[];
  readonly tags: readonly string[];
  readonly description: string;
  /** A Lua plugin's `detect` raises alerts of language "lua". */
  readonly language: Language | "lua";
  /** `block` also blocks the event under `kestrel run --inline`; not part of the NDJSON form. */
  readonly action: RuleAction;
  readonly references?: readonly string[];
  readonly falsePositives?: readonly string[];
}

/** What a stateful detector adds: the key it grouped by and what it counted. */
export interface AlertDetection {
  readonly kind: string;
  /** Capture name → exact value text, as the event held it. */
  readonly key: Readonly<Record<string, string>>;
  readonly count: number;
  readonly windowNs: bigint;
  /** What a correlation measured (its condition's operand): a count, sum, mean or percentage. */
  readonly value?: number;
}

export interface Alert {
  readonly id: string;
  readonly timeNs: bigint | undefined;
  readonly rule: AlertRule;
  readonly package: { readonly name: string; readonly sha256: string };
  readonly evidence: readonly Evidence[];
  readonly detection?: AlertDetection;
  /** The schema's entity key values of the (last) evidence event, as captured by the package; absent ones left out. */
  readonly entity?: Readonly<Record<string, string>>;
}

export function alertId(ruleId: string, moduleSha256: string, evidence: readonly Evidence[]): string {
  const h = createHash("sha256").update(ruleId).update("\0").update(moduleSha256);
  for (const e of evidence) h.update("\0").update(e.raw);
  return h.digest("hex");
}

/**
 * The alert for `rule` of `manifest` raised by `evidence`; its time is the last evidence
 * event's. A rule of a merged package names the package it was built in (`origin`), so
 * its alerts, ids included, are those of that package run alone.
 */
export function makeAlert(manifest: Manifest, rule: ManifestRule, evidence: readonly Evidence[], detection?: AlertDetection, entity?: Readonly<Record<string, string>>): Alert {
  const from = rule.origin === undefined ? { name: manifest.name, sha256: manifest.module.sha256 } : { name: rule.origin.package, sha256: rule.origin.sha256 };
  return {
    id: alertId(rule.id, from.sha256, evidence),
    timeNs: evidence[evidence.length - 1]?.timeNs,
    rule: {
      id: rule.id,
      name: rule.title,
      severity: rule.severity,
      author: rule.author,
      tags: rule.tags,
      description: rule.description,
      language: rule.language,
      action: rule.action,
      ...(rule.references === undefined ? {} : { references: rule.references }),
      ...(rule.falsePositives === undefined ? {} : { falsePositives: rule.falsePositives }),
    },
    package: from,
    evidence,
    ...(detection === undefined ? {} : { detection }),
    ...(entity === undefined || Object.keys(entity).length === 0 ? {} : { entity }),
  };
}

/** ECS `threat.*` from the rule's ATT&CK tags (tactics by name or id, techniques by id); nothing when it has none. */
function threatOf(tags: readonly string[]): { threat?: object } {
  const { tactics, techniques } = attackTags(tags);
  if (tactics.length === 0 && techniques.length === 0) return {};
  const named = TACTICS.filter((t) => tactics.includes(t.id));
  return {
    threat: {
      framework: "MITRE ATT&CK",
      ...(named.length === 0 ? {} : { tactic: { id: named.map((t) => t.id), name: named.map((t) => t.name) } }),
      ...(techniques.length === 0 ? {} : { technique: { id: techniques } }),
    },
  };
}

/** The alert as one NDJSON line (no trailing newline). */
export function alertToJson(alert: Alert): string {
  const detection = alert.detection;
  const r = alert.rule;
  const head = {
    ...(alert.timeNs === undefined ? {} : { "@timestamp": timestampToIso(alert.timeNs) }),
    id: alert.id,
    event: { kind: "alert", severity: severityScore[alert.rule.severity] },
    rule: {
      id: r.id,
      name: r.name,
      severity: r.severity,
      author: r.author,
      tags: r.tags,
      description: r.description,
      language: r.language,
      ...(r.references === undefined ? {} : { reference: r.references }),
      ...(r.falsePositives === undefined ? {} : { false_positives: r.falsePositives }),
    },
    ...threatOf(r.tags),
    kestrel: {
      package: alert.package.name,
      package_sha256: alert.package.sha256,
      origin: alert.evidence.map((e) => e.origin),
      ...(alert.entity === undefined ? {} : { entity: alert.entity }),
      ...(detection === undefined
        ? {}
        : { detection: { kind: detection.kind, key: detection.key, count: detection.count, window_ms: Number(detection.windowNs / 1_000_000n), ...(detection.value === undefined ? {} : { value: detection.value }) } }),
    },
  };
  const events = alert.evidence.map((e) => e.raw).join(",");
  return `${JSON.stringify(head).slice(0, -1)},"evidence":[${events}]}`;
}
