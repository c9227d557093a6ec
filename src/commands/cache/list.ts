/**
 * @fileoverview `kestrel cache list`: the cached packages, most recently used first.
 */
import { Command, Flags } from "@oclif/core";
import { cacheDirectory, DEFAULT_MAX_ENTRIES, PackageCache } from "../../runtime/cache.js";

export default class CacheList extends Command {
  static override summary = "List the cached packages, most recently used first.";
  static override description = `The cache keeps the ${DEFAULT_MAX_ENTRIES} most recently used packages and evicts the rest after each build. Each entry is a folder named by its key holding a normal rules.kpkg (usable with --rules) and build.json.`;
  static override examples = ["<%= config.bin %> cache list", "<%= config.bin %> cache list --json"];
  static override flags = {
    json: Flags.boolean({ summary: "Print the entries as a JSON array." }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(CacheList);
    const cache = new PackageCache(cacheDirectory());
    const rows = cache.list().map((e) => ({
      key: e.key,
      lastUsed: e.lastUsed.toISOString(),
      bytes: e.bytes,
      rules: e.record?.rules,
      inputs: e.record?.inputs,
      schema: e.record?.schema,
      openFields: e.record?.openFields,
      dir: e.dir,
    }));
    if (flags.json) {
      this.log(JSON.stringify(rows));
      return;
    }
    if (rows.length === 0) {
      this.log(`no cached packages in ${cache.dir}`);
      return;
    }
    for (const r of rows) {
      const what = r.rules === undefined ? "unreadable entry" : `${r.rules} rule(s) from ${(r.inputs ?? []).join(" ")} (schema ${r.schema}${r.openFields === true ? ", open fields" : ""})`;
      this.log(`${r.key.slice(0, 12)}  ${r.lastUsed}  ${size(r.bytes)}  ${what}`);
    }
  }
}

function size(bytes: number): string {
  return bytes < 1e6 ? `${Math.ceil(bytes / 1e3)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
}
