/**
 * @fileoverview The event inputs of a command that reads events (`run`, `query`): the files,
 * folders and globs given, else piped stdin, else the command's fallback. Patterns that
 * match nothing are reported; no input at all is a usage error (exit 2).
 */
import { resolveInputs, stdinInput, stdinIsPiped, type EventInput } from "../runtime/source.js";

export interface InputReporter {
  logToStderr(message: string): void;
  error(message: string, options: { exit: number }): never;
}

export async function eventInputs(cmd: InputReporter, args: readonly string[], fallback: () => EventInput[]): Promise<EventInput[]> {
  if (args.length > 0) {
    const resolved = await resolveInputs(args, process.cwd());
    for (const u of resolved.unmatched) cmd.logToStderr(`${u}: no event files match`);
    if (resolved.inputs.length === 0) cmd.error("no event files to read", { exit: 2 });
    return resolved.inputs;
  }
  return stdinIsPiped() ? [stdinInput] : fallback();
}
