/**
 * @fileoverview EQL IR goldens: every test/ir/eql/NAME.eql lowers without errors
 * (schema `windows`; `ecs` for ecs_*, `endgame` for endgame_*), goes through the IR
 * passes, validates, and prints exactly as NAME.ir.txt (test/helpers/stage-goldens.ts).
 */
import { test } from "uvu";
import { eqlFrontend } from "../../../compiler/frontends/eql/index.js";
import { irGoldens } from "../../helpers/stage-goldens.js";

irGoldens({ dir: "test/ir/eql", ext: ".eql", frontend: eqlFrontend, minCases: 6 });

test.run();
