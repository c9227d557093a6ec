/**
 * @fileoverview Keeps the committed CST typings of the Sigma condition grammar
 * (compiler/frontends/sigma/condition-cst.d.ts) in step with the grammar:
 * UPDATE_GOLDEN=1 regenerates them with Chevrotain's generateCstDts.
 */
import { test } from "uvu";
import { generateCstDts } from "chevrotain";
import { conditionParser } from "../../../../compiler/frontends/sigma/condition-parser.js";
import { expectGolden } from "../../../helpers/golden.js";

test("condition-cst.d.ts matches the grammar", () => {
  const header =
    "/**\n * @fileoverview GENERATED from condition-parser.ts by test/unit/frontends/sigma/condition-cst.test.ts\n" +
    " * (UPDATE_GOLDEN=1 npm test -- condition-cst). Do not edit by hand.\n */\n";
  const dts = generateCstDts(conditionParser.getGAstProductions(), { visitorInterfaceName: "ConditionCstVisitor" });
  expectGolden("compiler/frontends/sigma/condition-cst.d.ts", header + dts);
});

test.run();
