/**
 * @fileoverview A built-in processor: drops alerts below a severity (`--min-severity`).
 */
import { severities, type Severity } from "../../../compiler/ir/nodes.js";
import type { Processor } from "./processor.js";

export function minSeverity(level: Severity): Processor {
  const floor = severities.indexOf(level);
  return {
    name: `min-severity(${level})`,
    process: (batch) => batch.filter((a) => severities.indexOf(a.rule.severity) >= floor),
  };
}
