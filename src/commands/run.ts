/**
 * @fileoverview `kestrel run`: run rule packages (or rule sources, built on the fly)
 * over NDJSON event files, globs or piped stdin, printing alerts as NDJSON.
 */
import { Command, Flags } from "@oclif/core";
import { createWriteStream } from "node:fs";
import { availableParallelism } from "node:os";
import { severities } from "../../compiler/ir/nodes.js";
import { PackageError } from "../../compiler/package/read.js";
import { readPublicKey } from "../../compiler/package/signature.js";
import { ranked, type RunMetrics } from "../runtime/bus/metrics.js";
import { DEFAULT_CAPS } from "../runtime/detect/window-store.js";
import { cacheDirectory, PackageCache } from "../runtime/cache.js";
import { loadRules, type MergeReport, type SourceBuild } from "../runtime/load-rules.js";
import { runPipeline } from "../runtime/pipeline.js";
import { DEFAULT_INPUT_CAPACITY } from "../runtime/engine.js";
import { DeadLetterFile, type SetAside } from "../runtime/dead-letter.js";
import { FaultLog } from "../runtime/faults.js";
import { runInline } from "../runtime/inline/inline.js";
import { LuaPluginError, openLuaPlugins, type LuaRuntime } from "../runtime/lua/index.js";
import { FanoutSink } from "../sinks/fanout.js";
import { luaFlags, luaPluginOptions } from "../util/lua-flags.js";
import { minSeverity } from "../runtime/processors/min-severity.js";
import type { Processor } from "../runtime/processors/processor.js";
import { defaultWorkers, fileInput, totalSize, type EventInput } from "../runtime/source.js";
import { eventInputs } from "../util/event-inputs.js";
import { AutoSchemaError, inferFlags, schemaFor } from "../util/auto-schema.js";
import { sinkFlags } from "../sinks/flags.js";
import { openSinks } from "../sinks/resolve.js";
import { assertNever } from "../../compiler/util/assert-never.js";
import { bundledEventsFile, bundledRulesDir } from "../util/bundled.js";
import { compileFlags, compileOptions } from "../util/compile-flags.js";
import { createProgress } from "../util/progress/bar.js";
import { summaryLines } from "../util/run-summary.js";
import { profileLines } from "../util/profile-text.js";
import { profileRules, type RuleProfile } from "../runtime/profile/rule-cost.js";
import { readSample } from "../runtime/profile/sample.js";
import type { LoadedPackage } from "../../compiler/package/read.js";
import { openRedisSource, sourceFlags, sourceSummary, warnOffPartition } from "../util/source-flags.js";

export default class Run extends Command {
  static override summary = "Run detection rules over events and print alerts as NDJSON.";
  static override description =
    "Events come from NDJSON files, folders (their *.ndjson and *.jsonl files), globs, or piped stdin ('-' names stdin explicitly). With no events and nothing piped, the bundled rules run over the bundled sample events. Malformed event lines are counted and reported on stderr with their line number, and the run goes on. Scanning runs on --workers threads; the alert set is the same for any worker count, and --ordered also makes the output order that of --workers 1. Alerts go to stdout unless --sink names other sinks (built in: stdout, file; plugins add more through the kestrel:sink hook). Exit status: 0 the run finished; 1 an error (rules that do not build, an unreadable package); 2 a usage error; 3 the run finished but some alerts could not be delivered and were set aside (e.g. a webhook's dead-letter file); 4 with --strict, the run finished but set event lines aside (malformed or over-long; --dead-letter keeps them with their reasons).";
  static override examples = [
    "<%= config.bin %> run",
    "<%= config.bin %> run 'logs/*.ndjson' --rules build/rules.kpkg",
    "cat events.ndjson | <%= config.bin %> run --rules rules/ --schema windows",
    "<%= config.bin %> run logs/ --workers 2 --ordered --stats",
    "<%= config.bin %> run logs/ --sink stdout --sink file --sink-opt path=alerts.ndjson --sink-opt max-bytes=10000000",
    "<%= config.bin %> run logs/ --rules rules/ --no-cache",
    "<%= config.bin %> run --source redis://127.0.0.1:6379/events --group detect --consumer c1 --sink file --sink-opt path=alerts.ndjson",
    "<%= config.bin %> run logs/ --plugin plugins/lua/tag_admins.lua --plugin plugins/lua/count_failed_logons.lua",
    "tail -f events.ndjson | <%= config.bin %> run --inline --rules rules/ --sink file --sink-opt path=alerts.ndjson",
  ];
  static override strict = false;
  static override flags = {
    rules: Flags.string({
      char: "r",
      summary: "A package folder or rule files/folder/glob (default: the bundled rules/); repeat --rules for more.",
      multiple: true,
      // One value per --rules, so event files after it stay events.
      multipleNonGreedy: true,
    }),
    ...compileFlags,
    ...inferFlags,
    rejects: Flags.string({ summary: "Write malformed event lines to this file, as they were." }),
    "dead-letter": Flags.string({ summary: "Write every event line set aside (malformed or over-long) to this file as NDJSON: source, line, reason, event." }),
    "max-line-bytes": Flags.integer({ summary: `Longest event line, and largest batch, in bytes (default ${DEFAULT_INPUT_CAPACITY}); a longer line is set aside.`, min: 4096, max: 1 << 30 }),
    strict: Flags.boolean({ summary: "Exit with status 4 when the run set any event line aside (malformed or over-long), even though it finished." }),
    cache: Flags.boolean({
      allowNo: true,
      default: true,
      summary: "Reuse the package built earlier from the same rule sources (--no-cache: build afresh and leave the cache alone).",
      description:
        "Rule sources are built once and kept in the package cache (KESTREL_CACHE_DIR, else $XDG_CACHE_HOME/kestrel, else ~/.cache/kestrel), keyed by the sources' paths and bytes, the schema, --open-fields and the compiler itself; a cached run prints the build's diagnostics again. See `kestrel cache --help`.",
    }),
    quiet: Flags.boolean({ char: "q", summary: "Do not print the run summary on stderr." }),
    trust: Flags.string({
      summary: "Run only packages signed by this Ed25519 public key (repeat for more keys; see `kestrel keygen`).",
      description: "With --trust, an unsigned package, one signed by another key, and one modified after signing are refused. Rule sources built here need no signature.",
      multiple: true,
      multipleNonGreedy: true,
    }),
    workers: Flags.integer({ char: "w", summary: "Scanning threads (default: the number of cores; 1 for files under 4 MiB in all).", min: 1, max: 64 }),
    ordered: Flags.boolean({ summary: "Emit alerts in input order, exactly as --workers 1 does." }),
    stats: Flags.boolean({ summary: "Print the run's metrics (per-rule matches and alerts, state counters) on stderr." }),
    json: Flags.boolean({ summary: "Print the end-of-run metrics as one JSON object on stderr instead of the text summary." }),
    "profile-rules": Flags.boolean({
      summary: "After the run, list the slowest rules: each rule built alone and timed over a sample of the input.",
      description:
        "Rules share one Wasm scan, so each is linked into a package of its own and its scan timed over the first --profile-sample MB of the file inputs (stdin cannot be read twice), best of 3, less the scan of a package with no rules. It measures each rule's own tests in Wasm, not stateful detection (sequences, thresholds, correlations) nor what shared tests save; with --json the profile joins the metrics object.",
    }),
    "profile-sample": Flags.integer({ summary: "MB of input --profile-rules times each rule over.", default: 4, min: 1 }),
    "min-severity": Flags.option({ options: severities, summary: "Drop alerts below this severity." })(),
    "state-max-keys": Flags.integer({ summary: `Keys each stateful rule may hold (default ${DEFAULT_CAPS.maxKeysPerRule}); the least recently updated is evicted.`, min: 1 }),
    "state-max-entries": Flags.integer({ summary: `Events held per key (default ${DEFAULT_CAPS.maxEntriesPerKey}); the oldest is evicted.`, min: 1 }),
    ...sinkFlags,
    ...sourceFlags,
    ...luaFlags,
  };

  async run(): Promise<void> {
    const { argv, flags, raw } = await this.parse(Run);
    if (flags.source !== undefined && argv.length > 0) this.error("--source reads events from Redis; give no event files with it", { exit: 2 });
    const inputs = flags.source === undefined ? await this.inputs(argv as string[]) : [];
    const rulePaths = flags.rules ?? [bundledRulesDir()];
    let loaded;
    try {
      const cache = flags.cache ? new PackageCache(cacheDirectory()) : undefined;
      const trust = flags.trust?.map((f) => readPublicKey(f));
      const options = compileOptions(flags);
      const schema = await schemaFor(options.schema, inputs, flags);
      loaded = await loadRules(rulePaths, { ...options, schema }, process.cwd(), cache, trust);
    } catch (e) {
      if (e instanceof AutoSchemaError) return this.error(e.message, { exit: 2 });
      // One unwrapped line, so the path and both hashes stay greppable.
      if (!(e instanceof PackageError)) throw e;
      this.logToStderr(`kestrel: ${e.message}`);
      return this.exit(1);
    }
    for (const w of loaded.cacheWarnings) this.logToStderr(`kestrel: ${w}`);
    for (const text of loaded.diagnostics) this.logToStderr(text);
    for (const w of loaded.mergeWarnings) this.logToStderr(`kestrel: ${w}`);
    const built = describeBuild(loaded.sources);
    if (built !== undefined && !flags.quiet) this.logToStderr(built);
    const merged = describeMerge(loaded.merge);
    if (merged !== undefined && !flags.quiet) this.logToStderr(merged);
    if (loaded.packages.length === 0) this.error("no rules compiled; nothing to run", { exit: 1 });
    const [input, ...moreInputs] = inputs;
    if (flags.inline && (input === undefined || moreInputs.length > 0)) this.error("--inline reads one input (stdin, or one file)", { exit: 2 });
    if (flags.inline && flags.sink?.includes("stdout")) this.error("--inline writes verdicts to stdout; send alerts to another sink (e.g. --sink file --sink-opt path=alerts.ndjson)", { exit: 2 });
    const faults = new FaultLog((m) => this.logToStderr(m));
    const lua = await this.luaPlugins(luaPluginOptions(flags), faults, flags["max-line-bytes"] ?? DEFAULT_INPUT_CAPACITY);
    const rejects = flags.rejects === undefined ? undefined : createWriteStream(flags.rejects);
    const deadLetter = flags["dead-letter"] === undefined ? undefined : new DeadLetterFile(flags["dead-letter"]);
    // Only on a terminal; --quiet, --json and --inline runs are for scripts.
    const progress = createProgress(flags.quiet || flags.json || flags.inline ? undefined : process.stderr, { totalBytes: totalSize(inputs) });
    const warn = (m: string): void => {
      progress.clear();
      this.logToStderr(m);
    };
    const sink = flags.inline && flags.sink === undefined ? new FanoutSink([], warn) : await openSinks(this.config, raw, warn);
    // Lua on_alert first, so an alert a plugin raises passes --min-severity.
    const processors: Processor[] = [...lua.processors, ...(flags["min-severity"] === undefined ? [] : [minSeverity(flags["min-severity"])])];
    const source = flags.source === undefined ? undefined : await openRedisSource({ ...flags, source: flags.source }, warn);
    const off = source === undefined ? [] : warnOffPartition(loaded.packages.map((p) => p.manifest), source, warn);
    const common = {
      packages: loaded.packages,
      sink,
      processors,
      caps: { maxKeysPerRule: flags["state-max-keys"] ?? DEFAULT_CAPS.maxKeysPerRule, maxEntriesPerKey: flags["state-max-entries"] ?? DEFAULT_CAPS.maxEntriesPerKey },
      warn,
      ...(flags["max-line-bytes"] === undefined ? {} : { inputCapacity: flags["max-line-bytes"] }),
      ...(rejects === undefined ? {} : { rejects }),
      ...(deadLetter === undefined ? {} : { deadLetter: (e: SetAside) => deadLetter.write(e) }),
      ...(lua.lineStage === undefined ? {} : { lineStage: lua.lineStage }),
    };
    let metrics: RunMetrics;
    try {
      metrics =
        flags.inline && input !== undefined
          ? await runInline({ ...common, input, out: process.stdout, faults, failMode: flags["fail-closed"] ? "closed" : "open" })
          : await runPipeline({
              ...common,
              inputs,
              workers: flags.workers ?? defaultWorkers(inputs, availableParallelism()),
              ordered: flags.ordered,
              progress: (done) => progress.update(done),
              ...(source === undefined ? {} : { batchSource: source }),
            });
    } finally {
      lua.close();
      await source?.close(); // the leases are released even when the run fails
    }
    progress.finish();
    await sink.close();
    const fromSource = source === undefined ? undefined : sourceSummary(source, off, metrics);
    if (rejects !== undefined) await new Promise<void>((r) => rejects.end(r));
    await deadLetter?.close();
    const rules = loaded.packages.reduce((n, p) => n + p.manifest.rules.length, 0);
    const profile = flags["profile-rules"] ? await this.profile(loaded.loaded, inputs, flags["profile-sample"]) : undefined;
    if (flags.json) this.logToStderr(JSON.stringify({ rules, ...metrics.toJSON(), ...fromSource?.json, ...(profile === undefined ? {} : { profile }) }));
    else if (!flags.quiet) this.logToStderr([...summaryLines(metrics, rules), ...(fromSource?.lines ?? [])].join("\n"));
    if (flags.stats && !flags.json) this.logToStderr(statsText(metrics));
    if (profile !== undefined && !flags.json) this.logToStderr(profileLines(profile).join("\n"));
    if (sink.undelivered > 0) this.exit(3);
    if (flags.strict && metrics.malformed + metrics.dropped > 0) this.exit(4);
  }

  private async profile(packages: readonly LoadedPackage[], inputs: readonly EventInput[], sampleMB: number): Promise<RuleProfile | undefined> {
    const sample = await readSample(inputs, sampleMB * 1e6);
    for (const name of sample.skipped) this.logToStderr(`kestrel: --profile-rules: ${name} cannot be read twice; left out of the sample`);
    if (sample.lines === 0) {
      this.logToStderr("kestrel: --profile-rules: no event lines in the file inputs to time the rules over");
      return undefined;
    }
    return profileRules(packages, sample.bytes, sample.lines);
  }

  private async luaPlugins(options: ReturnType<typeof luaPluginOptions>, faults: FaultLog, inputCapacity: number): Promise<LuaRuntime> {
    try {
      return await openLuaPlugins(options, inputCapacity, faults);
    } catch (e) {
      if (e instanceof LuaPluginError) return this.error(`lua plugin ${e.message}`, { exit: 2 });
      throw e;
    }
  }

  private async inputs(eventArgs: readonly string[]): Promise<EventInput[]> {
    return eventInputs(this, eventArgs, () => {
      this.logToStderr(`kestrel: no events given and nothing piped; running the bundled rules over the bundled sample events (${bundledEventsFile()})`);
      return [fileInput(bundledEventsFile(), "examples/sample-events.ndjson")];
    });
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

function describeMerge(m: MergeReport): string | undefined {
  switch (m.kind) {
    case "merged": {
      const where = m.cachedAt === undefined ? "" : `; stored in the package cache at ${m.cachedAt}`;
      return `kestrel: merged ${m.packages} packages into one (${m.rules} rules) in ${m.seconds.toFixed(2)} s${where}`;
    }
    case "cached":
      return `kestrel: merged ${m.packages} packages into one (${m.rules} rules), from the package cache at ${m.dir}`;
    case "none":
      return undefined;
    default:
      return assertNever(m);
  }
}

function statsText(m: RunMetrics): string {
  const j = m.toJSON();
  const lines = [
    `received ${m.received}, processed ${m.processed}, matched ${m.matched}, malformed ${m.malformed}, dropped ${m.dropped}, alerts ${m.alerts}`,
    `state: ${JSON.stringify(j["state"])}`,
    "matches per rule:",
    ...ranked(m.perRule).map(([id, n]) => `  ${String(n).padStart(8)}  ${id}`),
  ];
  return lines.join("\n");
}
