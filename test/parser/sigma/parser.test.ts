/**
 * @fileoverview Sigma parser goldens: every test/parser/sigma/NAME.yml parses without
 * diagnostics and its AST prints (printSigmaFile) exactly as NAME.ast.txt.
 */
import { test } from "uvu";
import { sigmaFrontend, printSigmaFile } from "../../../compiler/frontends/sigma/index.js";
import { astGoldens } from "../../helpers/stage-goldens.js";

astGoldens({ dir: "test/parser/sigma", ext: ".yml", frontend: sigmaFrontend, print: printSigmaFile, minCases: 6 });

test.run();
