/**
 * @fileoverview Paths of what ships with Kestrel: the example rules and sample events
 * that `kestrel run` uses when given nothing.
 */
import { join } from "node:path";
import { packageRoot } from "../../compiler/util/package-root.js";

export const bundledRulesDir = (): string => join(packageRoot(), "rules");
export const bundledEventsFile = (): string => join(packageRoot(), "examples", "sample-events.ndjson");
export const DEFAULT_SCHEMA = "windows";
