/**
 * @fileoverview Typed alerts for sink tests: distinct ids and evidence of a chosen size,
 * built through the real Alert type and alertId.
 */
import { alertId, type Alert } from "../../../src/runtime/alert.js";

export function testAlerts(count: number, padding = 0): Alert[] {
  return Array.from({ length: count }, (_, i) => {
    const evidence = [{ raw: JSON.stringify({ n: i, pad: "x".repeat(padding) }), origin: { file: "events.ndjson", line: i + 1 } }];
    return {
      id: alertId("test-rule", "0".repeat(64), evidence),
      timeNs: undefined,
      rule: { id: "test-rule", name: "Test rule", severity: "low", author: [], tags: [], description: "", language: "json", action: "alert" },
      package: { name: "test", sha256: "0".repeat(64) },
      evidence,
    };
  });
}
