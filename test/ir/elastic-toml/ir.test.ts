/**
 * @fileoverview Elastic TOML rule IR goldens: every test/ir/elastic-toml/NAME.toml
 * lowers without diagnostics against the `ecs` schema, goes through the IR passes,
 * validates, and prints exactly as NAME.ir.txt: id, title, severity, author and tags
 * (ATT&CK tags from `threat` included) from the TOML tables, and the source line of
 * the query inside the TOML file (test/helpers/stage-goldens.ts).
 */
import { test } from "uvu";
import { elasticTomlFrontend } from "../../../compiler/frontends/eql/index.js";
import { irGoldens } from "../../helpers/stage-goldens.js";

irGoldens({ dir: "test/ir/elastic-toml", ext: ".toml", frontend: elasticTomlFrontend, minCases: 4, schemaFor: () => "ecs" });

test.run();
