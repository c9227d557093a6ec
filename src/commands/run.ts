/**
 * @fileoverview `kestrel run`: run rule packages (or rule sources, built on the fly)
 * over NDJSON event files, globs or piped stdin, printing alerts as NDJSON.
 */
import { Command, Flags } from "@oclif/core";
import { createWriteStream } from "node:fs";
import { runEvents, type RunReport } from "../runtime/run.js";
import { resolveInputs, fileInput, stdinInput, stdinIsPiped, type EventInput } from "../runtime/inputs.js";
import { cacheDirectory, PackageCache } from "../runtime/cache.js";
import { loadRules, type SourceBuild } from "../runtime/load-rules.js";
import { PackageError } from "../../compiler/package/read.js";
import { StreamSink } from "../sinks/stream.js";
import { assertNever } from "../../compiler/util/assert-never.js";
import { bundledEventsFile, bundledRulesDir } from "../util/bundled.js";
import { compileFlags, compileOptions } from "../util/compile-flags.js";

export default class Run extends Command {
  static override summary = "Run detection rules over events and print alerts as NDJSON.";
  static override description =
    "Events come from NDJSON files, folders (their *.ndjson and *.jsonl files), globs, or piped stdin ('-' names stdin explicitly). With no events and nothing piped, the bundled rules run over the bundled sample events. Malformed event lines are counted and reported on stderr with their line number, and the run goes on.";
  static override examples = [
    "<%= config.bin %> run",
    "<%= config.bin %> run 'logs/*.ndjson' --rules build/rules.kpkg",
    "cat events.ndjson | <%= config.bin %> run --rules rules/ --schema windows",
    "<%= config.bin %> run logs/ --rules rules/ --no-cache",
  ];
  static override strict = false;
  static override flags = {
    rules: Flags.string({ char: "r", summary: "Package folders or rule files/folders/globs (default: the bundled rules/).", multiple: true }),
    ...compileFlags,
    rejects: Flags.string({ summary: "Write malformed event lines to this file." }),
    cache: Flags.boolean({
      allowNo: true,
      default: true,
      summary: "Reuse the package built earlier from the same rule sources (--no-cache: build afresh and leave the cache alone).",
      description:
        "Rule sources are built once and kept in the package cache (KESTREL_CACHE_DIR, else $XDG_CACHE_HOME/kestrel, else ~/.cache/kestrel), keyed by the sources' paths and bytes, the schema, --open-fields and the compiler itself; a cached run prints the build's diagnostics again. See `kestrel cache --help`.",
    }),
    quiet: Flags.boolean({ char: "q", summary: "Do not print the run summary on stderr." }),
  };

  async run(): Promise<void> {
    const { argv, flags } = await this.parse(Run);
    const cwd = process.cwd();
    const eventArgs = argv as string[];
    let inputs: EventInput[];
    if (eventArgs.length > 0) {
      const resolved = await resolveInputs(eventArgs, cwd);
      for (const u of resolved.unmatched) this.logToStderr(`${u}: no event files match`);
      if (resolved.inputs.length === 0) this.error("no event files to read", { exit: 2 });
      inputs = resolved.inputs;
    } else if (stdinIsPiped()) {
      inputs = [stdinInput];
    } else {
      this.logToStderr(`kestrel: no events given and nothing piped; running the bundled rules over the bundled sample events (${bundledEventsFile()})`);
      inputs = [fileInput(bundledEventsFile(), "examples/sample-events.ndjson")];
    }
    const rulePaths = flags.rules ?? [bundledRulesDir()];
    let loaded;
    try {
      const cache = flags.cache ? new PackageCache(cacheDirectory()) : undefined;
      loaded = await loadRules(rulePaths, compileOptions(flags), cwd, cache);
    } catch (e) {
      // One unwrapped line, so the path and both hashes stay greppable.
      if (!(e instanceof PackageError)) throw e;
      this.logToStderr(`kestrel: ${e.message}`);
      return this.exit(1);
    }
    for (const w of loaded.cacheWarnings) this.logToStderr(`kestrel: ${w}`);
    for (const text of loaded.diagnostics) this.logToStderr(text);
    const built = describeBuild(loaded.sources);
    if (built !== undefined && !flags.quiet) this.logToStderr(built);
    if (loaded.engines.length === 0) this.error("no rules compiled; nothing to run", { exit: 1 });
    const rejects = flags.rejects === undefined ? undefined : createWriteStream(flags.rejects);
    const sink = new StreamSink("stdout", process.stdout);
    const report = await runEvents({
      engines: loaded.engines,
      inputs,
      sink,
      warn: (m) => this.logToStderr(m),
      ...(rejects === undefined ? {} : { rejects }),
    });
    await sink.close();
    if (rejects !== undefined) await new Promise<void>((r) => rejects.end(r));
    if (!flags.quiet) this.logToStderr(summarize(report, loaded.engines.reduce((n, e) => n + e.manifest.rules.length, 0)));
  }
}

function describeBuild(b: SourceBuild): string | undefined {
  switch (b.kind) {
    case "cached":
      return `kestrel: cached package ${b.dir} (${b.rules} rule(s))`;
    case "built": {
      const where = b.cachedAt === undefined ? "" : `; stored in the package cache at ${b.cachedAt}`;
      return `kestrel: built ${b.rules} rule(s) from source in ${b.seconds.toFixed(2)} s${where}`;
    }
    case "none":
      return undefined;
    default:
      return assertNever(b);
  }
}

function summarize(r: RunReport, rules: number): string {
  const mb = r.bytes / 1e6;
  const rate = r.seconds > 0 ? Math.round(r.lines / r.seconds) : 0;
  return (
    `kestrel: ${rules} rule(s), ${r.files} input(s), ${r.lines} line(s), ${r.alerts} alert(s), ` +
    `${r.malformed} malformed line(s) set aside, ${mb.toFixed(1)} MB in ${r.seconds.toFixed(2)} s (${rate} lines/s)`
  );
}
