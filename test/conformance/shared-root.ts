/**
 * @fileoverview Where the external conformance material lives: `../shared` beside the
 * repository (AGPL/ELv2/DRL data, read at test time only, never copied into the repo).
 * `KESTREL_SHARED` overrides the location.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { packageRoot } from "../../compiler/util/package-root.js";

/** The shared folder, or undefined when it is not there. */
export function sharedRoot(): string | undefined {
  const dir = resolve(process.env["KESTREL_SHARED"] ?? join(packageRoot(), "..", "shared"));
  return existsSync(dir) ? dir : undefined;
}
