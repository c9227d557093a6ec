/**
 * @fileoverview Writes kernels/abi.ts, the AssemblyScript copy of the ABI numbers in
 * compiler/package/abi.ts, so the kernels and the compiler can never disagree.
 * `--check` exits 1 when the committed file is stale instead of writing it.
 * Usage: node --import tsx scripts/gen-kernel-abi.ts [--check]
 */
import { readFileSync, writeFileSync } from "node:fs";
import { kernelAbiSource } from "./kernel-abi-source.js";

const target = new URL("../kernels/abi.ts", import.meta.url);
const text = kernelAbiSource();
if (process.argv.includes("--check")) {
  if (readFileSync(target, "utf8") !== text) {
    console.error("kernels/abi.ts is stale: run node --import tsx scripts/gen-kernel-abi.ts");
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
}
