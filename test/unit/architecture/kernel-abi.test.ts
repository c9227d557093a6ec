/**
 * @fileoverview The ABI's numbers live in compiler/package/abi.ts only: kernels/abi.ts must be
 * exactly what scripts/gen-kernel-abi.ts generates from it, and no kernel file may define a
 * number of the ABI by hand.
 */
import { readFileSync, readdirSync } from "node:fs";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { abi } from "../../../compiler/package/abi.js";
import { kernelAbiSource } from "../../../scripts/kernel-abi-source.js";

const test = suite("architecture: one source for the package ABI");

test("kernels/abi.ts is generated from compiler/package/abi.ts (run scripts/gen-kernel-abi.ts)", () => {
  assert.is(readFileSync("kernels/abi.ts", "utf8"), kernelAbiSource());
});

test("no other kernel file declares a constant named like an ABI number", () => {
  const names = Object.keys(abi);
  for (const f of readdirSync("kernels").filter((n) => n.endsWith(".ts") && n !== "abi.ts")) {
    const text = readFileSync(`kernels/${f}`, "utf8");
    for (const name of names) assert.not.match(text, new RegExp(`const ${name}\\b`), `kernels/${f} redefines ${name}`);
  }
});

test.run();
