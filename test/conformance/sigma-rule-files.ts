/**
 * @fileoverview Finds a labelled rule's file in ../shared/corpus/sigma: first by the
 * label's rule_path, then (rules renamed or moved upstream since the label was written)
 * by its `id:` among every .yml of the corpus, indexed once on the first miss. Paths are
 * returned relative to the corpus folder, as the corpus job names them.
 */
import fg from "fast-glob";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

const idLine = /^id:\s*['"]?([0-9A-Za-z-]+)['"]?\s*$/m;

export class SigmaRuleFiles {
  private byId: Map<string, string> | undefined;

  constructor(private readonly root: string) {}

  static inShared(shared: string): SigmaRuleFiles {
    return new SigmaRuleFiles(join(shared, "corpus", "sigma"));
  }

  /** The rule's path (relative to the corpus), or undefined when neither path nor id is found. */
  find(rulePath: string, ruleId: string): string | undefined {
    if (existsSync(join(this.root, rulePath))) return rulePath;
    return this.index().get(ruleId.toLowerCase());
  }

  read(path: string): string {
    return readFileSync(join(this.root, path), "utf8");
  }

  private index(): Map<string, string> {
    if (this.byId !== undefined) return this.byId;
    const files = fg.sync("rules*/**/*.yml", { cwd: this.root }).sort();
    const byId = new Map<string, string>();
    for (const f of files) {
      const id = idLine.exec(this.read(f))?.[1]?.toLowerCase();
      if (id !== undefined && !byId.has(id)) byId.set(id, f);
    }
    return (this.byId = byId);
  }
}
