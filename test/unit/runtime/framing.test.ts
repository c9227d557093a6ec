/**
 * @fileoverview The framing stage: whole lines only, line numbers that survive any chunking,
 * the last line without a newline, batches never above the limit, and over-long lines
 * reported with their number and skipped without losing the lines around them.
 */
import fc from "fast-check";
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { Framer, type LineBatch } from "../../../src/runtime/framing.js";

const test = suite("runtime: framing");

function frame(chunks: readonly string[], limit = 1 << 20): { batches: LineBatch[]; oversize: number[]; lines: number } {
  const batches: LineBatch[] = [];
  const oversize: number[] = [];
  let seq = 0;
  const f = new Framer("<t>", limit, () => seq++, { batch: (b) => batches.push(b), oversize: (_s, line) => oversize.push(line) });
  for (const c of chunks) f.push(Buffer.from(c));
  f.end();
  return { batches, oversize, lines: f.lines };
}

/** Every line of the batches with its number: [lineNo, text]. */
function numbered(batches: readonly LineBatch[]): [number, string][] {
  return batches.flatMap((b) => {
    const text = Buffer.from(b.bytes).toString();
    const lines = text.split("\n");
    if (lines[lines.length - 1] === "") lines.pop();
    return lines.map((l, i): [number, string] => [b.firstLine + i, l]);
  });
}

test("batches hold whole lines; the unterminated last line comes at the end", () => {
  const { batches, lines } = frame(['{"a":1}\n{"a"', ':2}\n{"a":3}']);
  assert.equal(numbered(batches), [[1, '{"a":1}'], [2, '{"a":2}'], [3, '{"a":3}']]);
  assert.is(lines, 3);
  assert.equal(batches.map((b) => b.seq), [0, 1, 2]);
});

test("a batch owns its bytes: its buffer is not the chunk's", () => {
  const chunk = Buffer.from('{"a":1}\n{"b":2}\n');
  const { batches } = frame([chunk.toString()]);
  assert.ok(batches.every((b) => b.bytes.byteOffset === 0 && b.bytes.buffer.byteLength === b.bytes.length));
});

test("an over-long line is reported with its number and skipped; its neighbours survive", () => {
  const long = "x".repeat(50);
  const { batches, oversize, lines } = frame(['{"a":1}\n', long.slice(0, 20), long.slice(20) + "\n{\"b\":2}\n", long + "\n"], 32);
  assert.equal(oversize, [2, 4]);
  assert.equal(numbered(batches), [[1, '{"a":1}'], [3, '{"b":2}']]);
  assert.is(lines, 4);
});

test("any chunking gives the same numbered lines, and no batch exceeds the limit (property)", () => {
  const line = fc.string({ unit: "grapheme-ascii", maxLength: 20 }).map((s) => s.replace(/\n/g, " "));
  fc.assert(
    fc.property(fc.array(line, { maxLength: 30 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 10 }), fc.boolean(), (ls, cuts, trailing) => {
      const text = ls.join("\n") + (trailing && ls.length > 0 ? "\n" : "");
      const chunks: string[] = [];
      for (let i = 0, c = 0; i < text.length; c++) {
        const n = cuts[c % cuts.length] ?? 1;
        chunks.push(text.slice(i, i + n));
        i += n;
      }
      const whole = frame([text], 64);
      const pieces = frame(chunks, 64);
      assert.equal(numbered(pieces.batches), numbered(whole.batches));
      assert.ok(pieces.batches.every((b) => b.bytes.length <= 64));
    }),
    { numRuns: 300 },
  );
});

test.run();
