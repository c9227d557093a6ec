/**
 * @fileoverview Splits a byte stream into lines and hands each on as soon as its newline
 * arrives, so inline mode answers a line before the next one is even written. A line is
 * yielded without its `\n` (a `\r` before it stays: the engine takes CRLF lines). A line
 * longer than `limit` is yielded as `oversize` once, its bytes dropped up to the newline.
 */

export type InputLine = { readonly kind: "line"; readonly bytes: Uint8Array } | { readonly kind: "oversize" };

export async function* splitLines(chunks: AsyncIterable<Uint8Array | string>, limit: number): AsyncGenerator<InputLine> {
  let carry: Buffer = Buffer.alloc(0);
  let skipping = false;
  for await (const chunk of chunks) {
    let data = Buffer.concat([carry, typeof chunk === "string" ? Buffer.from(chunk) : chunk]);
    for (let nl = data.indexOf(10); nl >= 0; nl = data.indexOf(10)) {
      if (skipping) skipping = false;
      else if (nl > limit) yield { kind: "oversize" };
      else yield { kind: "line", bytes: data.subarray(0, nl) };
      data = data.subarray(nl + 1);
    }
    if (data.length > limit && !skipping) {
      yield { kind: "oversize" };
      skipping = true;
    }
    carry = skipping ? Buffer.alloc(0) : Buffer.from(data);
  }
  if (!skipping && carry.length > 0) yield { kind: "line", bytes: carry };
}
