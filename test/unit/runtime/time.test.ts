/**
 * @fileoverview Event time as ISO-8601 text.
 */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { timestampToIso } from "../../../src/runtime/time.js";

test("ns since the Unix epoch as ISO-8601, with as many fraction digits as needed", () => {
  assert.is(timestampToIso(1599250180845123000n), "2020-09-04T20:09:40.845123Z");
  assert.is(timestampToIso(1599250180845000000n), "2020-09-04T20:09:40.845Z");
});

test.run();
