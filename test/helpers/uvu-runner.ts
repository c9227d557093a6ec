/**
 * @fileoverview Runs uvu suites from a list of module URLs as uvu's CLI does, and ends
 * with a plain "N passed, N failed" line counted from uvu's own summary.
 */
interface UvuGlobals {
  UVU_DEFER?: number;
  UVU_INDEX?: number;
  UVU_QUEUE?: unknown[][];
}

export async function runSuites(urls: readonly string[]): Promise<void> {
  const g = globalThis as UvuGlobals;
  g.UVU_DEFER = 1;
  const uvu = await import("uvu");
  let index = 0;
  for (const url of urls) {
    g.UVU_INDEX = index++;
    g.UVU_QUEUE?.push([url]);
    await import(url);
  }
  let captured = "";
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    captured += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString();
    return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  await uvu.exec(false);
  process.stdout.write = write;
  const plain = captured.replace(/\x1b\[[0-9;]*m/g, "");
  const total = Number(/Total:\s+(\d+)/.exec(plain)?.[1] ?? 0);
  const passed = Number(/Passed:\s+(\d+)/.exec(plain)?.[1] ?? 0);
  const skipped = Number(/Skipped:\s+(\d+)/.exec(plain)?.[1] ?? 0);
  // uvu's Total counts the tests that ran; skipped ones (test.skip) are apart.
  console.log(`${passed} passed, ${total - passed} failed, ${skipped} skipped`);
  if (total === 0 && skipped === 0) {
    console.error("no tests ran");
    process.exitCode = 1;
  }
}
