/**
 * @fileoverview Sigma-style ATT&CK tags from an Elastic rule's `threat` entries, so a
 * TOML rule's alerts carry the tags a SigmaHQ rule's would: the tactic by name in
 * snake_case (`attack.privilege_escalation`, as SigmaHQ tags tactics), techniques and
 * subtechniques by id in lower case (`attack.t1033`, `attack.t1059.001`). Entries of
 * other frameworks (MITRE ATLAS) add none.
 */
import { isTable, type TomlTable, type TomlValue } from "./read.js";

/** `report(path, problem)` gets each entry that is not shaped as Elastic's schema says. */
export function attackTags(threat: TomlValue, report: (path: string, problem: string) => void): string[] {
  const tags: string[] = [];
  const tables = (v: TomlValue | undefined, path: string): readonly TomlTable[] => {
    if (v === undefined) return [];
    if (Array.isArray(v) && v.every(isTable)) return v;
    report(path, "expected an array of tables");
    return [];
  };
  const text = (t: TomlTable, key: string, path: string): string | undefined => {
    const v = t[key];
    if (typeof v === "string") return v;
    report(`${path}.${key}`, "expected a string");
    return undefined;
  };
  for (const entry of tables(threat, "rule.threat")) {
    if (entry["framework"] !== "MITRE ATT&CK") continue;
    const tactic = entry["tactic"];
    if (isTable(tactic)) {
      const name = text(tactic, "name", "rule.threat.tactic");
      if (name !== undefined) tags.push(`attack.${snakeCase(name)}`);
    } else report("rule.threat.tactic", "expected a table");
    for (const technique of tables(entry["technique"], "rule.threat.technique")) {
      const id = text(technique, "id", "rule.threat.technique");
      if (id !== undefined) tags.push(`attack.${id.toLowerCase()}`);
      for (const sub of tables(technique["subtechnique"], "rule.threat.technique.subtechnique")) {
        const subId = text(sub, "id", "rule.threat.technique.subtechnique");
        if (subId !== undefined) tags.push(`attack.${subId.toLowerCase()}`);
      }
    }
  }
  return tags;
}

/** "Command and Control" → "command_and_control". */
function snakeCase(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}
