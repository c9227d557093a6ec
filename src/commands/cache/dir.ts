/**
 * @fileoverview `kestrel cache dir`: prints where the package cache lives.
 */
import { Command } from "@oclif/core";
import { cacheDirectory } from "../../runtime/cache.js";

export default class CacheDir extends Command {
  static override summary = "Print the package cache folder.";
  static override description = "KESTREL_CACHE_DIR when set, else $XDG_CACHE_HOME/kestrel, else ~/.cache/kestrel. The folder need not exist yet.";
  static override examples = ["<%= config.bin %> cache dir", "<%= config.bin %> cache dir --json"];
  static override enableJsonFlag = true;

  async run(): Promise<{ dir: string }> {
    await this.parse(CacheDir);
    const dir = cacheDirectory();
    this.log(dir);
    return { dir };
  }
}
