/**
 * @fileoverview `kestrel cache dir`: prints where the package cache lives.
 */
import { Command } from "@oclif/core";
import { cacheDirectory } from "../../runtime/cache.js";

export default class CacheDir extends Command {
  static override summary = "Print the package cache folder.";
  static override description = "KESTREL_CACHE_DIR when set, else $XDG_CACHE_HOME/kestrel, else ~/.cache/kestrel. The folder need not exist yet.";
  static override examples = ["<%= config.bin %> cache dir"];

  async run(): Promise<void> {
    await this.parse(CacheDir);
    this.log(cacheDirectory());
  }
}
