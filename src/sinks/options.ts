/**
 * @fileoverview Reading a built-in sink's `--sink-opt key=value` options: each sink names
 * the keys it knows, so a typo (`max-byte=`) is an error naming the known keys rather
 * than a silently ignored setting. Numbers are whole and non-negative.
 */
import type { SinkRequest } from "./sink.js";

/** Throws on the first option the sink does not know. */
export function checkOptionKeys(request: SinkRequest, known: readonly string[]): void {
  for (const key of Object.keys(request.options)) {
    if (!known.includes(key)) {
      const list = known.length === 0 ? "it takes none" : `known: ${known.join(", ")}`;
      throw new Error(`sink ${request.name}: unknown option '${key}' (${list})`);
    }
  }
}

export class SinkOptions {
  constructor(
    private readonly request: SinkRequest,
    known: readonly string[],
  ) {
    checkOptionKeys(request, known);
  }

  required(key: string): string {
    const value = this.request.options[key];
    if (value === undefined || value === "") throw new Error(`sink ${this.request.name}: option ${key}= is required`);
    return value;
  }

  count(key: string, fallback: number): number {
    const text = this.request.options[key];
    if (text === undefined) return fallback;
    if (!/^\d+$/.test(text)) throw new Error(`sink ${this.request.name}: option ${key}= wants a whole number ≥ 0, got '${text}'`);
    return Number(text);
  }
}
