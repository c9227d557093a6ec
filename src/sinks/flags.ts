/**
 * @fileoverview `--sink NAME` and `--sink-opt key=value`, both repeatable, and the list
 * of sink requests they spell. A `--sink-opt` belongs to the nearest `--sink` before it.
 * oclif's parsed flags keep each flag's values but not how the two flags interleave, so
 * the requests are read from the parser's ordered `raw` tokens instead; the flags are
 * non-greedy so `--sink file events.ndjson` leaves the event file an argument.
 */
import { Errors, Flags, type Interfaces } from "@oclif/core";

export const sinkFlags = {
  sink: Flags.string({
    summary: "Send alerts to this sink (repeatable: every alert goes to every sink). Built in: stdout (default), file.",
    description: "Plugins add sinks through the kestrel:sink hook, e.g. `kestrel plugins link plugins/sink-webhook` adds webhook.",
    multiple: true,
    multipleNonGreedy: true,
    helpValue: "NAME",
  }),
  "sink-opt": Flags.string({
    summary: "An option key=value for the --sink before it (repeatable), e.g. --sink file --sink-opt path=alerts.ndjson.",
    multiple: true,
    multipleNonGreedy: true,
    helpValue: "KEY=VALUE",
  }),
};

/** One token of oclif's ordered parse (the type is not exported by name). */
export type ParsingToken = Interfaces.ParserOutput["raw"][number];

export interface SinkSpec {
  readonly name: string;
  readonly options: Readonly<Record<string, string>>;
}

/** The sinks asked for, in order; `stdout` alone when no --sink is given. */
export function sinkSpecs(raw: readonly ParsingToken[]): SinkSpec[] {
  const specs: { name: string; options: Map<string, string> }[] = [];
  for (const token of raw) {
    if (token.type !== "flag") continue;
    if (token.flag === "sink") specs.push({ name: token.input, options: new Map() });
    if (token.flag !== "sink-opt") continue;
    const current = specs.at(-1);
    if (current === undefined) throw usage(`--sink-opt ${token.input} comes before any --sink; put it after the --sink it configures`);
    const eq = token.input.indexOf("=");
    if (eq <= 0) throw usage(`--sink-opt ${token.input}: expected key=value`);
    const key = token.input.slice(0, eq);
    if (current.options.has(key)) throw usage(`--sink-opt ${key}= is given twice for --sink ${current.name}`);
    current.options.set(key, token.input.slice(eq + 1));
  }
  if (specs.length === 0) return [{ name: "stdout", options: {} }];
  return specs.map((s) => ({ name: s.name, options: Object.fromEntries(s.options) }));
}

function usage(message: string): Errors.CLIError {
  return new Errors.CLIError(message, { exit: 2 });
}
