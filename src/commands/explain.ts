/**
 * @fileoverview `kestrel explain <rule> <event>`: why a rule does or does not match an event,
 * as a tree of its conditions with the event's values (src/explain/).
 */
import { Args, Command, Flags } from "@oclif/core";
import { compileFlags, compileOptions } from "../util/compile-flags.js";
import { diagnosticsText } from "../util/diagnostics-output.js";
import { loadCompiler } from "../util/load-compiler.js";
import { explainRule, explanationText } from "../explain/explain.js";
import { readEventArg, EventArgError } from "../explain/event-arg.js";

export default class Explain extends Command {
  static override summary = "Show why a rule does or does not match one event: its conditions as a tree, each with the event's value.";
  static override description =
    "The event is a JSON file holding one event, an NDJSON file and a line number (events.ndjson:42), or - for the first line on stdin. Every leaf's truth comes from the same Wasm engine a run uses, each leaf compiled as a rule of its own; the tree's verdict is checked against the engine's verdict on the whole rule. Fields the event lacks are listed, the usual cause of a silent non-match.";
  static override examples = [
    "<%= config.bin %> explain rules/sigma/proc_creation_whoami.yml events.ndjson:12",
    "<%= config.bin %> explain rule.eql event.json --schema ecs",
    "<%= config.bin %> explain rules/ events.ndjson:3 --id kestrel-eql-discovery-whoami",
  ];
  static override args = {
    rule: Args.string({ required: true, description: "Rule file (or folder, with --id)." }),
    event: Args.string({ required: true, description: "event.json, events.ndjson:LINE, or - (stdin)." }),
  };
  static override flags = {
    ...compileFlags,
    id: Flags.string({ summary: "The rule to explain when the rule file holds several." }),
    json: Flags.boolean({ summary: "Print the verdicts and trees as JSON on stdout." }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(Explain);
    let event;
    try {
      event = await readEventArg(args.event, process.cwd());
    } catch (e) {
      if (e instanceof EventArgError) return this.error(e.message, { exit: 2 });
      throw e;
    }
    const { compilePaths } = await loadCompiler();
    const result = await compilePaths([args.rule], compileOptions(flags));
    for (const text of diagnosticsText(result)) this.logToStderr(text);
    const rules = result.ruleSet.rules;
    const chosen = flags.id === undefined ? (rules.length === 1 ? rules[0] : undefined) : rules.find((r) => r.id === flags.id);
    if (chosen === undefined) {
      const why = flags.id !== undefined ? `no rule with id '${flags.id}' compiled` : rules.length === 0 ? "no rule compiled" : `${rules.length} rules compiled; choose one with --id (${rules.slice(0, 5).map((r) => r.id).join(", ")}${rules.length > 5 ? ", …" : ""})`;
      return this.error(`${args.rule}: ${why}`, { exit: 1 });
    }
    const explained = await explainRule(chosen, result.schema, event.line, event.parsed);
    if (explained.kind === "malformed") return this.error(`${event.where}: not a JSON object the engine can read`, { exit: 1 });
    if (flags.json) {
      this.log(JSON.stringify({ rule: chosen.id, event: event.where, steps: explained.steps.map((s) => ({ matches: s.tree.result, engine: s.engine, absent: s.absent, tree: s.tree })) }));
    } else {
      for (const l of explanationText(chosen, event.where, explained.steps, event.parsed)) this.log(l);
    }
    if (explained.steps.some((s) => s.engine !== s.tree.result)) this.exit(1);
  }
}
