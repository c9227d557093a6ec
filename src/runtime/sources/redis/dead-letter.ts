/**
 * @fileoverview Dead letters: an entry that is not one event line (no `e` field, a line
 * break inside it) or whose line the engine found malformed is added to `<prefix>:dead`
 * with where it came from and why, before its batch is acked, so it neither blocks its
 * partition nor disappears.
 */
import type { Redis } from "ioredis";
import { deadLetterKey } from "./topology.js";

export interface DeadLetter {
  readonly stream: string;
  readonly id: string;
  readonly reason: string;
  readonly data: string;
}

export async function addDeadLetter(redis: Redis, prefix: string, d: DeadLetter): Promise<void> {
  await redis.xadd(deadLetterKey(prefix), "*", "stream", d.stream, "id", d.id, "reason", d.reason, "e", d.data);
}

/** Why an entry's event field cannot be one NDJSON line, or undefined when it can. */
export function unusableEntry(data: string | undefined): string | undefined {
  if (data === undefined) return "entry has no 'e' field";
  if (data.includes("\n") || data.includes("\r")) return "event text contains a line break";
  return undefined;
}
