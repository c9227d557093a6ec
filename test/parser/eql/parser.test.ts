/**
 * @fileoverview EQL parser goldens: every test/parser/eql/NAME.eql parses without
 * diagnostics and its AST prints (printEqlAst) exactly as NAME.ast.txt.
 */
import { test } from "uvu";
import { eqlFrontend, printEqlAst } from "../../../compiler/frontends/eql/index.js";
import { astGoldens } from "../../helpers/stage-goldens.js";

astGoldens({ dir: "test/parser/eql", ext: ".eql", frontend: eqlFrontend, print: printEqlAst, minCases: 6 });

test.run();
