/**
 * @fileoverview Regenerates the committed CST type declarations (`cst.d.ts`) of the
 * Chevrotain grammars from their parser instances. Run after changing a grammar:
 *   node --import tsx scripts/gen-cst-dts.ts
 * A unit test fails when a committed file is out of date.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { eqlCstDts, eqlCstDtsPath } from "../compiler/frontends/eql/cst-dts.js";

/** Each grammar: where its declarations live and how to generate them. */
const grammars: readonly { readonly path: string; readonly generate: () => string }[] = [
  { path: eqlCstDtsPath, generate: eqlCstDts },
];

for (const g of grammars) {
  writeFileSync(fileURLToPath(g.path), g.generate());
  console.log(`wrote ${fileURLToPath(g.path)}`);
}
