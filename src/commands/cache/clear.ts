/**
 * @fileoverview `kestrel cache clear`: empties the package cache.
 */
import { Command } from "@oclif/core";
import { cacheDirectory, PackageCache } from "../../runtime/cache.js";

export default class CacheClear extends Command {
  static override summary = "Empty the package cache.";
  static override description =
    "Removes every package that `kestrel run` built from rule sources and kept, and nothing else in the cache folder. The next run of rule sources builds them again.";
  static override examples = ["<%= config.bin %> cache clear", "KESTREL_CACHE_DIR=/tmp/kc <%= config.bin %> cache clear --json"];
  static override enableJsonFlag = true;

  async run(): Promise<{ removed: number; dir: string }> {
    await this.parse(CacheClear);
    const cache = new PackageCache(cacheDirectory());
    const removed = cache.clear();
    this.log(`removed ${removed} cached package(s) from ${cache.dir}`);
    return { removed, dir: cache.dir };
  }
}
