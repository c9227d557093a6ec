/**
 * @fileoverview Alerts → the report's data: totals, alerts over time, by level, by rule,
 * by host, ATT&CK tactic coverage, and the table rows (capped, since every row embeds its
 * evidence in the page). Pure and JSON-serialisable: the page reads it as one JSON block,
 * and tests compare it with exact values.
 */
import { severities, type Severity } from "../../compiler/ir/nodes.js";
import type { ReportAlert } from "./alert-record.js";
import { attackTags, TACTICS } from "../runtime/attack-tags.js";
import type { BadLine } from "./read-alerts.js";
import { timeline, type Timeline } from "./timeline.js";

export const NO_HOST = "(no host)";

export interface RuleCount {
  readonly id: string;
  readonly name: string;
  readonly severity: Severity;
  readonly alerts: number;
}

export interface TacticCoverage {
  readonly id: string;
  readonly name: string;
  /** Rules that alerted and are tagged with this tactic. */
  readonly rules: number;
  readonly alerts: number;
  readonly techniques: readonly string[];
}

export interface ReportRow {
  readonly line: number;
  readonly id: string;
  readonly time: string;
  readonly severity: Severity;
  readonly rule: string;
  readonly ruleId: string;
  readonly host: string;
  readonly tactics: readonly string[];
  readonly origin: string;
  readonly evidence: readonly unknown[];
}

export interface ReportData {
  readonly source: string;
  readonly alerts: number;
  readonly untimed: number;
  readonly badLines: number;
  /** The first bad lines, with line numbers and reasons. */
  readonly bad: readonly BadLine[];
  readonly timeline: Timeline;
  /** Most severe first, every level listed. */
  readonly byLevel: readonly (readonly [Severity, number])[];
  readonly byRule: readonly RuleCount[];
  readonly byHost: readonly (readonly [string, number])[];
  readonly tactics: readonly TacticCoverage[];
  /** Alerting rules with no tactic tag. */
  readonly rulesWithoutTactic: number;
  readonly rows: readonly ReportRow[];
}

export interface AggregateOptions {
  readonly source: string;
  readonly maxRows: number;
  readonly maxBadListed?: number;
}

function count<K>(m: Map<K, number>, k: K, n = 1): void {
  m.set(k, (m.get(k) ?? 0) + n);
}

const byCount = <T extends readonly [string, number]>(a: T, b: T): number => b[1] - a[1] || a[0].localeCompare(b[0]);

function coverage(rules: ReadonlyMap<string, { readonly tags: readonly string[]; readonly alerts: number }>): { tactics: TacticCoverage[]; untagged: number } {
  let untagged = 0;
  const acc = new Map(TACTICS.map((t) => [t.id, { rules: 0, alerts: 0, techniques: new Set<string>() }]));
  for (const r of rules.values()) {
    const tags = attackTags(r.tags);
    if (tags.tactics.length === 0) untagged++;
    for (const id of tags.tactics) {
      const a = acc.get(id);
      if (a === undefined) continue;
      a.rules++;
      a.alerts += r.alerts;
      for (const t of tags.techniques) a.techniques.add(t);
    }
  }
  const tactics = TACTICS.map((t) => {
    const a = acc.get(t.id);
    return { id: t.id, name: t.name, rules: a?.rules ?? 0, alerts: a?.alerts ?? 0, techniques: [...(a?.techniques ?? [])].sort() };
  });
  return { tactics, untagged };
}

function row(a: ReportAlert): ReportRow {
  return {
    line: a.line,
    id: a.id,
    time: a.timestamp ?? "",
    severity: a.rule.severity,
    rule: a.rule.name,
    ruleId: a.rule.id,
    host: a.host ?? NO_HOST,
    tactics: attackTags(a.rule.tags).tactics.map((id) => TACTICS.find((t) => t.id === id)?.name ?? id),
    origin: a.origin ?? "",
    evidence: a.evidence,
  };
}

export function aggregate(alerts: readonly ReportAlert[], bad: readonly BadLine[], options: AggregateOptions): ReportData {
  const levels = new Map<Severity, number>();
  const hosts = new Map<string, number>();
  const rules = new Map<string, { name: string; severity: Severity; tags: readonly string[]; alerts: number }>();
  const timed: { timeMs: number; severity: Severity }[] = [];
  for (const a of alerts) {
    count(levels, a.rule.severity);
    count(hosts, a.host ?? NO_HOST);
    const r = rules.get(a.rule.id) ?? { name: a.rule.name, severity: a.rule.severity, tags: a.rule.tags, alerts: 0 };
    r.alerts++;
    rules.set(a.rule.id, r);
    if (a.timeMs !== undefined) timed.push({ timeMs: a.timeMs, severity: a.rule.severity });
  }
  const { tactics, untagged } = coverage(rules);
  return {
    source: options.source,
    alerts: alerts.length,
    untimed: alerts.length - timed.length,
    badLines: bad.length,
    bad: bad.slice(0, options.maxBadListed ?? 100),
    timeline: timeline(timed),
    byLevel: [...severities].reverse().map((s) => [s, levels.get(s) ?? 0] as const),
    byRule: [...rules]
      .map(([id, r]) => ({ id, name: r.name, severity: r.severity, alerts: r.alerts }))
      .sort((a, b) => b.alerts - a.alerts || a.id.localeCompare(b.id)),
    byHost: [...hosts].sort(byCount),
    tactics,
    rulesWithoutTactic: untagged,
    rows: alerts.slice(0, options.maxRows).map(row),
  };
}
