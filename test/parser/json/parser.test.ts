/**
 * @fileoverview JSON parser goldens: every test/parser/json/NAME.json parses without
 * diagnostics and its AST prints (printJsonRuleFile) exactly as NAME.ast.txt.
 */
import { test } from "uvu";
import { jsonFrontend, printJsonRuleFile } from "../../../compiler/frontends/json/index.js";
import { astGoldens } from "../../helpers/stage-goldens.js";

astGoldens({ dir: "test/parser/json", ext: ".json", frontend: jsonFrontend, print: printJsonRuleFile, minCases: 3 });

test.run();
