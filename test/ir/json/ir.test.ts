/**
 * @fileoverview JSON IR goldens: every test/ir/json/NAME.json lowers without errors
 * (schema `windows`; `ecs` for ecs_*, `endgame` for endgame_*), goes through the IR
 * passes, validates, and prints exactly as NAME.ir.txt (test/helpers/stage-goldens.ts).
 */
import { test } from "uvu";
import { jsonFrontend } from "../../../compiler/frontends/json/index.js";
import { irGoldens } from "../../helpers/stage-goldens.js";

irGoldens({ dir: "test/ir/json", ext: ".json", frontend: jsonFrontend, minCases: 6 });

test.run();
