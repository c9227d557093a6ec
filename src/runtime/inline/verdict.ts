/**
 * @fileoverview One event's verdict under `kestrel run --inline`. `block` when an alert
 * delivered for the event comes from a rule whose action is block. When anything went
 * wrong for the event (an engine or detect error, a plugin fault, a malformed or over-long
 * line), the rules' answer is not trusted either way: fail-open says allow, fail-closed
 * says block, and the line carries the error. So an error never blocks by accident.
 */
import type { Alert } from "../alert.js";

export type FailMode = "open" | "closed";

export interface Verdict {
  readonly seq: number;
  readonly verdict: "allow" | "block";
  /** Every rule that alerted on the event, in alert order, once each. */
  readonly rules: readonly string[];
  readonly error?: string;
}

export function decideVerdict(seq: number, alerts: readonly Alert[], error: string | undefined, mode: FailMode): Verdict {
  const rules = [...new Set(alerts.map((a) => a.rule.id))];
  if (error !== undefined) return { seq, verdict: mode === "closed" ? "block" : "allow", rules, error };
  return { seq, verdict: alerts.some((a) => a.rule.action === "block") ? "block" : "allow", rules };
}
