/**
 * @fileoverview Elastic TOML rule diagnostic goldens: every
 * test/diagnostics/elastic-toml/NAME.toml fails against the `ecs` schema (or, as
 * warn_NAME.toml, is skipped with a warning), and its formatted diagnostics equal
 * NAME.err.txt. EQL errors inside the query point at the TOML file's own line and
 * column, with the context "rule '<name>' → rule.query".
 */
import { test } from "uvu";
import { elasticTomlFrontend } from "../../../compiler/frontends/eql/index.js";
import { diagnosticGoldens } from "../../helpers/stage-goldens.js";

diagnosticGoldens({ dir: "test/diagnostics/elastic-toml", ext: ".toml", frontend: elasticTomlFrontend, minCases: 8, schemaFor: () => "ecs" });

test.run();
