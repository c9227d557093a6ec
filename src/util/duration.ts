/**
 * @fileoverview Durations on the command line: a whole number with a unit, `500ms`, `5s`,
 * `2m`, `1h` (a bare number is seconds), as milliseconds.
 */
import { Flags } from "@oclif/core";

const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;

export function parseDurationMs(text: string): number {
  const m = /^(\d+)(ms|s|m|h)?$/.exec(text.trim());
  if (m === null) throw new Error(`'${text}' is not a duration; expected e.g. 500ms, 5s, 2m`);
  return Number(m[1]) * unitMs[(m[2] ?? "s") as keyof typeof unitMs];
}

/** A duration flag whose parsed value is milliseconds. */
export const durationFlag = Flags.custom<number>({ parse: async (input) => parseDurationMs(input), helpValue: "DURATION" });
