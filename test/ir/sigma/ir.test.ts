/**
 * @fileoverview Sigma IR goldens: every test/ir/sigma/NAME.yml lowers without errors
 * (schema `windows`; `ecs` for ecs_*, `endgame` for endgame_*), goes through the IR
 * passes, validates, and prints exactly as NAME.ir.txt (test/helpers/stage-goldens.ts).
 */
import { test } from "uvu";
import { sigmaFrontend } from "../../../compiler/frontends/sigma/index.js";
import { irGoldens } from "../../helpers/stage-goldens.js";

irGoldens({ dir: "test/ir/sigma", ext: ".yml", frontend: sigmaFrontend, minCases: 8 });

test.run();
