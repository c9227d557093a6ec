/**
 * @fileoverview Keeps the committed CST typings of the EQL grammar
 * (compiler/frontends/eql/cst.d.ts) in step with parser.ts: the text eqlCstDts()
 * generates must equal the file; UPDATE_GOLDEN=1 (or scripts/gen-cst-dts.ts) rewrites it.
 */
import { fileURLToPath } from "node:url";
import { test } from "uvu";
import { eqlCstDts, eqlCstDtsPath } from "../../../../compiler/frontends/eql/cst-dts.js";
import { expectGolden } from "../../../helpers/golden.js";

test("cst.d.ts matches the grammar", () => {
  expectGolden(fileURLToPath(eqlCstDtsPath), eqlCstDts());
});

test.run();
