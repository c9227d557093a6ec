/**
 * @fileoverview Sigma diagnostic goldens: every test/diagnostics/sigma/NAME.yml fails to
 * compile against the shipped `windows` schema, and its formatted diagnostics (relative
 * path, line:col, message, context, source line, caret) equal NAME.err.txt.
 */
import { test } from "uvu";
import { sigmaFrontend } from "../../../compiler/frontends/sigma/index.js";
import { diagnosticGoldens } from "../../helpers/stage-goldens.js";

diagnosticGoldens({ dir: "test/diagnostics/sigma", ext: ".yml", frontend: sigmaFrontend, minCases: 10 });

test.run();
