/**
 * @fileoverview EQL diagnostic goldens: every test/diagnostics/eql/NAME.eql fails to
 * compile against the shipped `windows` schema, and its formatted diagnostics (relative
 * path, line:col, message, context, source line, caret) equal NAME.err.txt.
 */
import { test } from "uvu";
import { eqlFrontend } from "../../../compiler/frontends/eql/index.js";
import { diagnosticGoldens } from "../../helpers/stage-goldens.js";

diagnosticGoldens({ dir: "test/diagnostics/eql", ext: ".eql", frontend: eqlFrontend, minCases: 5 });

test.run();
