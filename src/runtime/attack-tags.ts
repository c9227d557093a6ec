/**
 * @fileoverview ATT&CK tags on rules → the 14 Enterprise tactics and technique ids. Sigma
 * writes `attack.defense_evasion`, Elastic and others `attack.defense-evasion` or the
 * tactic id `attack.ta0005`; all three name the same tactic. Techniques (`attack.t1059`,
 * `attack.t1059.001`) are kept as ids; mapping a technique to its tactics would need the
 * ATT&CK data set, so coverage comes from tactic tags only, as rule authors state it.
 */

export interface Tactic {
  readonly id: string;
  readonly name: string;
  /** Tag form after `attack.`, hyphenated. */
  readonly slug: string;
}

/** Enterprise tactics in kill-chain order, as the ATT&CK matrix lists them. */
export const TACTICS: readonly Tactic[] = [
  { id: "TA0043", name: "Reconnaissance", slug: "reconnaissance" },
  { id: "TA0042", name: "Resource Development", slug: "resource-development" },
  { id: "TA0001", name: "Initial Access", slug: "initial-access" },
  { id: "TA0002", name: "Execution", slug: "execution" },
  { id: "TA0003", name: "Persistence", slug: "persistence" },
  { id: "TA0004", name: "Privilege Escalation", slug: "privilege-escalation" },
  { id: "TA0005", name: "Defense Evasion", slug: "defense-evasion" },
  { id: "TA0006", name: "Credential Access", slug: "credential-access" },
  { id: "TA0007", name: "Discovery", slug: "discovery" },
  { id: "TA0008", name: "Lateral Movement", slug: "lateral-movement" },
  { id: "TA0009", name: "Collection", slug: "collection" },
  { id: "TA0011", name: "Command and Control", slug: "command-and-control" },
  { id: "TA0010", name: "Exfiltration", slug: "exfiltration" },
  { id: "TA0040", name: "Impact", slug: "impact" },
];

const byTag = new Map<string, Tactic>(TACTICS.flatMap((t) => [[t.slug, t], [t.id.toLowerCase(), t]]));

export interface AttackTags {
  /** Tactic ids, in kill-chain order, each once. */
  readonly tactics: readonly string[];
  /** Technique ids as ATT&CK writes them (T1059.001), each once, in tag order. */
  readonly techniques: readonly string[];
}

export function attackTags(tags: readonly string[]): AttackTags {
  const tactics = new Set<string>();
  const techniques = new Set<string>();
  for (const tag of tags) {
    const t = tag.trim().toLowerCase();
    if (!t.startsWith("attack.")) continue;
    const rest = t.slice("attack.".length).replace(/_/g, "-");
    const tactic = byTag.get(rest);
    if (tactic !== undefined) tactics.add(tactic.id);
    else if (/^t\d{4}(\.\d{3})?$/.test(rest)) techniques.add(rest.toUpperCase());
  }
  return { tactics: TACTICS.filter((x) => tactics.has(x.id)).map((x) => x.id), techniques: [...techniques] };
}
