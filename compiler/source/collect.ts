/**
 * @fileoverview Expands rule paths given by a user (files, folders, globs, any mix)
 * into a sorted, deduplicated list of rule files.
 */
import fg from "fast-glob";
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";

export interface Collected {
  readonly files: readonly string[];
  /** Inputs that named nothing: not a file, not a folder, and a glob with no match. */
  readonly unmatched: readonly string[];
}

export async function collectFiles(inputs: readonly string[], extensions: readonly string[], cwd: string): Promise<Collected> {
  const files = new Set<string>();
  const unmatched: string[] = [];
  const exts = extensions.map((e) => e.slice(1)).join(",");
  for (const input of inputs) {
    const abs = resolve(cwd, input);
    let found: string[];
    if (existsSync(abs) && statSync(abs).isDirectory()) {
      found = await fg(`**/*.{${exts}}`, { cwd: abs, absolute: true, onlyFiles: true, ignore: ["**/node_modules/**", "**/*.kpkg/**"] });
    } else if (existsSync(abs)) {
      found = [abs];
    } else {
      found = await fg(input, { cwd, absolute: true, onlyFiles: true });
    }
    if (found.length === 0) unmatched.push(input);
    for (const f of found) files.add(f);
  }
  return { files: [...files].sort(), unmatched };
}
