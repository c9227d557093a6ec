/**
 * @fileoverview JSON diagnostic goldens: every test/diagnostics/json/NAME.json fails to
 * compile against the shipped `windows` schema, and its formatted diagnostics (relative
 * path, line:col, message, context, source line, caret) equal NAME.err.txt.
 * A JSON file may hold several rules: those without errors of their own still lower.
 */
import { test } from "uvu";
import { jsonFrontend } from "../../../compiler/frontends/json/index.js";
import { diagnosticGoldens } from "../../helpers/stage-goldens.js";

diagnosticGoldens({ dir: "test/diagnostics/json", ext: ".json", frontend: jsonFrontend, minCases: 5, rulesIn: (ast) => ast.rules.length });

test.run();
