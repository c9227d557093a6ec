/**
 * @fileoverview The input sample --profile-rules times each rule over: the first bytes of
 * the file inputs, in order, cut back to the last whole line. Files are opened again (the
 * run has read them already); a stream such as stdin cannot be, so it is left out.
 */
import type { EventInput } from "../source.js";

export interface Sample {
  readonly bytes: Uint8Array;
  readonly lines: number;
  /** Inputs left out because they could not be read twice (stdin). */
  readonly skipped: readonly string[];
}

export async function readSample(inputs: readonly EventInput[], maxBytes: number): Promise<Sample> {
  const chunks: Uint8Array[] = [];
  const skipped: string[] = [];
  let total = 0;
  for (const input of inputs) {
    if (total >= maxBytes) break;
    if (input.size() === undefined) {
      skipped.push(input.name);
      continue;
    }
    for await (const chunk of input.open()) {
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      chunks.push(bytes.subarray(0, maxBytes - total));
      total += Math.min(bytes.length, maxBytes - total);
      if (total >= maxBytes) break;
    }
    // A file's last line may lack its newline; keep the files' lines apart.
    if (total > 0 && chunks[chunks.length - 1]?.at(-1) !== 10 && total < maxBytes) {
      chunks.push(Buffer.from("\n"));
      total++;
    }
  }
  const all = Buffer.concat(chunks);
  const end = all.lastIndexOf(10) + 1;
  const bytes = all.subarray(0, end);
  let lines = 0;
  for (const b of bytes) if (b === 10) lines++;
  return { bytes, lines, skipped };
}
