/**
 * @fileoverview V8's tier-up policy for rule packages, set once per process before the
 * first package is instantiated. V8 runs Wasm first with its baseline compiler
 * (Liftoff) and recompiles a function with TurboFan once it has used up
 * --wasm-tiering-budget (1.8 MB of code run, by default). A function of a rule package can
 * be very large (one Sigma rule with hundreds of `contains` terms is 115 kB of Wasm) and
 * uses that budget up within a few dozen events; TurboFan then works on it for 0.3 s or
 * more on a background thread, and Node waits for that before the process exits, so a
 * short run paid for an optimization it never used. A hundred times the budget keeps
 * short runs on Liftoff while long ones still tier up what they run most (over 3,000
 * events, 5 MB, the 115 kB rule among others). Measured with the ~2,400 SigmaHQ Windows
 * rules on 2 busy cores:
 * 14 events 0.81-1.00 s -> 0.45-0.60 s wall, 214 process-creation events 1.36-1.57 s ->
 * 0.83-0.91 s, all of Mordor (145 MB) unchanged at 3.6-4.1 s. A tiering flag given on
 * the node command line wins.
 */
import { setFlagsFromString } from "node:v8";

const TIERING_BUDGET = 180_000_000;
let tuned = false;

export function tuneWasmTiering(): void {
  if (tuned) return;
  tuned = true;
  const given = process.execArgv.some((a) => /^--(wasm[-_]tiering[-_]budget|liftoff[-_]only|no[-_]wasm[-_]tier[-_]up|no[-_]wasm[-_]dynamic[-_]tiering)\b/.test(a));
  if (!given) setFlagsFromString(`--wasm-tiering-budget=${TIERING_BUDGET}`);
}
