/**
 * @fileoverview `kestrel run`: run rule packages (or rule sources, built on the fly)
 * over NDJSON event files, globs or piped stdin, printing alerts as NDJSON.
 */
import { Command, Flags } from "@oclif/core";
import { createWriteStream } from "node:fs";
import { runEvents, type RunReport } from "../runtime/run.js";
import { resolveInputs, fileInput, stdinInput, stdinIsPiped, type EventInput } from "../runtime/inputs.js";
import { loadRules } from "../runtime/load-rules.js";
import { PackageError } from "../../compiler/package/read.js";
import { sinkFlags } from "../sinks/flags.js";
import { openSinks } from "../sinks/resolve.js";
import { bundledEventsFile, bundledRulesDir } from "../util/bundled.js";
import { compileFlags, compileOptions } from "../util/compile-flags.js";
import { diagnosticsText } from "../util/diagnostics-output.js";

export default class Run extends Command {
  static override summary = "Run detection rules over events and print alerts as NDJSON.";
  static override description =
    "Events come from NDJSON files, folders (their *.ndjson and *.jsonl files), globs, or piped stdin ('-' names stdin explicitly). With no events and nothing piped, the bundled rules run over the bundled sample events. Malformed event lines are counted and reported on stderr with their line number, and the run goes on. Alerts go to stdout unless --sink names other sinks (built in: stdout, file; plugins add more through the kestrel:sink hook). Exit status 3 means the run finished but some alerts could not be delivered and were set aside (e.g. a webhook's dead-letter file).";
  static override examples = [
    "<%= config.bin %> run",
    "<%= config.bin %> run 'logs/*.ndjson' --rules build/rules.kpkg",
    "cat events.ndjson | <%= config.bin %> run --rules rules/ --schema windows",
    "<%= config.bin %> run logs/ --sink stdout --sink file --sink-opt path=alerts.ndjson --sink-opt max-bytes=10000000",
  ];
  static override strict = false;
  static override flags = {
    rules: Flags.string({ char: "r", summary: "Package folders or rule files/folders/globs (default: the bundled rules/).", multiple: true }),
    ...compileFlags,
    rejects: Flags.string({ summary: "Write malformed event lines to this file." }),
    quiet: Flags.boolean({ char: "q", summary: "Do not print the run summary on stderr." }),
    ...sinkFlags,
  };

  async run(): Promise<void> {
    const { argv, flags, raw } = await this.parse(Run);
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
      loaded = await loadRules(rulePaths, compileOptions(flags), cwd);
    } catch (e) {
      // One unwrapped line, so the path and both hashes stay greppable.
      if (!(e instanceof PackageError)) throw e;
      this.logToStderr(`kestrel: ${e.message}`);
      return this.exit(1);
    }
    if (loaded.compile !== undefined) for (const text of diagnosticsText(loaded.compile)) this.logToStderr(text);
    if (loaded.engines.length === 0) this.error("no rules compiled; nothing to run", { exit: 1 });
    const rejects = flags.rejects === undefined ? undefined : createWriteStream(flags.rejects);
    const sink = await openSinks(this.config, raw, (m) => this.logToStderr(m));
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
    if (sink.undelivered > 0) this.exit(3);
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
