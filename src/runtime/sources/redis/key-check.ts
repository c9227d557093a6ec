/**
 * @fileoverview Which stateful rules keep exact state over a partitioned stream: a rule's
 * state is per value of its key (a sequence's `by` fields, a threshold's or correlation's
 * group-by), and it is exact only when every event of one such value lands in one
 * partition, that is when the partition key's fields are all among the rule's key
 * fields. Other stateful rules can miss matches whose events were split across
 * consumers; the run names them at start and counts their match records (there is no
 * repartition stream yet). Pipes (head, tail, sort, unique) see the whole stream, which no
 * partition holds, so a rule with pipes is never exact.
 */
import type { Manifest, ManifestRule } from "../../../../compiler/package/manifest.js";

export interface OffPartitionRule {
  readonly id: string;
  /** The rule's key fields (empty: the rule groups everything together). */
  readonly key: readonly string[];
}

function stateKey(rule: ManifestRule): readonly string[] {
  const names = rule.steps.flatMap((s) => s.captures.filter((c) => c.role === "join" || c.role === "group").map((c) => c.name));
  return [...new Set(names)];
}

export function offPartitionRules(manifests: readonly Manifest[], partitionKey: readonly string[]): OffPartitionRule[] {
  return manifests.flatMap((m) =>
    m.rules.flatMap((rule): OffPartitionRule[] => {
      if (rule.detect.kind === "match" && rule.pipes === undefined) return [];
      // Pipes (head, tail, sort, unique) see the whole stream, which no partition holds.
      if (rule.pipes !== undefined) return [{ id: rule.id, key: [] }];
      // With no key of its own a rule's state is per entity (detect.ts).
      const own = stateKey(rule);
      const key = own.length === 0 ? m.schema.entityKey : own;
      return partitionKey.every((f) => key.includes(f)) ? [] : [{ id: rule.id, key }];
    }),
  );
}
