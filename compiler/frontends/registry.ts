/**
 * @fileoverview Which frontend handles which rule file, by extension.
 */
import { extname } from "node:path";
import { elasticTomlFrontend, eqlFrontend } from "./eql/index.js";
import type { Frontend } from "./frontend.js";
import { jsonFrontend } from "./json/index.js";
import { sigmaFrontend } from "./sigma/index.js";

// Each frontend keeps its own AST type; the registry only needs parse→lower to chain.
type AnyFrontend = Frontend<unknown>;

export const frontends: readonly AnyFrontend[] = [
  eqlFrontend as AnyFrontend,
  elasticTomlFrontend as AnyFrontend,
  sigmaFrontend as AnyFrontend,
  jsonFrontend as AnyFrontend,
];

export function frontendFor(path: string): AnyFrontend | undefined {
  const ext = extname(path).toLowerCase();
  return frontends.find((f) => f.extensions.includes(ext));
}
