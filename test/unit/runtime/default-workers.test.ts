/**
 * @fileoverview The default worker count: the cores, except for files too small to share,
 * where starting threads costs more than it saves; stdin's size is unknown, so it gets the cores.
 */
import { suite } from "uvu";
import * as assert from "uvu/assert";
import { defaultWorkers, stdinInput, type EventInput } from "../../../src/runtime/source.js";

const test = suite("runtime: default worker count");
const file = (bytes: number): EventInput => ({ name: "f", open: async function* () {}, size: () => bytes });

test("small files: one thread; 4 MiB and more: the cores; stdin: the cores", () => {
  assert.is(defaultWorkers([file(1000), file(2 << 20)], 2), 1);
  assert.is(defaultWorkers([file(3 << 20), file(1 << 20)], 2), 2);
  assert.is(defaultWorkers([file(10), stdinInput], 2), 2);
});

test.run();
