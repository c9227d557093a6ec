/**
 * @fileoverview `kestrel query '<eql>' [events...]`: ad-hoc hunting. The query is compiled in
 * memory into a package (no files written), run over the events in input order, and each
 * match printed: its events as NDJSON lines (a sequence's in step order), or with --json one
 * line `{"events": [...]}` per match, whether one event or a sequence (`| unique_count`
 * adds `"count"`). Pipes apply as in rules.
 */
import { Args, Command, Flags } from "@oclif/core";
import { availableParallelism } from "node:os";
import type { Alert } from "../runtime/alert.js";
import { runPipeline } from "../runtime/pipeline.js";
import { defaultWorkers } from "../runtime/source.js";
import { StreamSink } from "../sinks/stream.js";
import { compileFlags, compileOptions } from "../util/compile-flags.js";
import { diagnosticsText } from "../util/diagnostics-output.js";
import { eventInputs } from "../util/event-inputs.js";
import { loadCompiler } from "../util/load-compiler.js";
import { AutoSchemaError, inferFlags, schemaFor } from "../util/auto-schema.js";

/** How the query's diagnostics name it. */
const QUERY_PATH = "query.eql";

const asLines = (alert: Alert): string => alert.evidence.map((e) => e.raw).join("\n");
const asJson = (alert: Alert): string => {
  const count = alert.detection?.kind === "unique_count" ? `,"count":${alert.detection.count}` : "";
  return `{"events":[${alert.evidence.map((e) => e.raw).join(",")}]${count}}`;
};

export default class Query extends Command {
  static override summary = "Run one EQL query over events and print the matching events.";
  static override description =
    "For hunting: the query is compiled on the fly (nothing is written) and run over NDJSON files, folders, globs or piped stdin, in input order. Each match prints its events as NDJSON lines; a sequence prints its events in order. With --json every match is one line {\"events\": [...]}. The query is checked against --schema like a rule file, with located diagnostics; --schema auto infers one from the events' first lines (see `kestrel schema infer`).";
  static override examples = [
    `<%= config.bin %> query 'process where process.name : "cmd.exe"' logs/ --schema ecs`,
    `<%= config.bin %> query 'sequence by Hostname with maxspan=1m [process where Image : "*\\\\whoami.exe"] [network where true]' mordor/*.ndjson --json`,
  ];
  static override strict = false;
  static override args = {
    query: Args.string({ description: "The EQL query.", required: true }),
  };
  static override flags = {
    ...compileFlags,
    ...inferFlags,
    json: Flags.boolean({ summary: 'Print each match as one line {"events": [...]}.' }),
    quiet: Flags.boolean({ char: "q", summary: "Do not print the summary on stderr." }),
    workers: Flags.integer({ char: "w", summary: "Scanning threads (default: the number of cores; 1 for files under 4 MiB in all).", min: 1, max: 64 }),
  };

  async run(): Promise<void> {
    const { args, argv, flags } = await this.parse(Query);
    const files = (argv as string[]).slice(1);
    const inputs = await eventInputs(this, files, () => this.error("no events: give event files, folders or globs, or pipe NDJSON on stdin", { exit: 2 }));
    const options = compileOptions(flags);
    let schema;
    try {
      schema = await schemaFor(options.schema, inputs, flags);
    } catch (e) {
      if (!(e instanceof AutoSchemaError)) throw e;
      return this.error(e.message, { exit: 2 });
    }
    const { compileSources, linkRuleSet } = await loadCompiler();
    const result = compileSources([{ path: QUERY_PATH, read: () => args.query }], { ...options, schema });
    for (const text of diagnosticsText(result)) this.logToStderr(text);
    if (result.ruleSet.rules.length === 0) return this.exit(1);
    const built = await linkRuleSet(result, "query");
    const module = await WebAssembly.compile(built.wasm as Uint8Array<ArrayBuffer>);
    const sink = new StreamSink("stdout", process.stdout, false, flags.json ? asJson : asLines);
    const metrics = await runPipeline({
      packages: [{ manifest: built.manifest, module }],
      inputs,
      sink,
      workers: flags.workers ?? defaultWorkers(inputs, availableParallelism()),
      ordered: true,
      warn: (m) => this.logToStderr(m),
    });
    await sink.close();
    if (!flags.quiet) {
      this.logToStderr(`kestrel: ${metrics.alerts} match(es) in ${metrics.processed} event(s), ${metrics.malformed} malformed line(s) set aside, ${metrics.seconds.toFixed(2)} s`);
    }
  }
}
