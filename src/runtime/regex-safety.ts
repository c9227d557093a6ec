/**
 * @fileoverview Bounds the work of rule regexes. Regex leaves (EQL `regex`, Sigma `re`) run
 * in V8's backtracking engine, where a pattern such as `^(a+)+$` on 5,000 `a`s and a `!`
 * takes exponential time: one hostile event would hang the run. V8's linear-time engine
 * takes over a regex once it has backtracked too often (--regexp-backtracks-before-fallback,
 * 50,000 by default), so the run finishes with the same answer. The flag is V8-global, so
 * it covers worker threads too; it is set before any rule regex is compiled. Patterns the
 * linear engine cannot run (backreferences, lookaround) keep backtracking unbounded.
 */
import { setFlagsFromString } from "node:v8";

let enabled = false;

export function boundRegexBacktracking(): void {
  if (enabled) return;
  enabled = true;
  setFlagsFromString("--enable-experimental-regexp-engine-on-excessive-backtracks");
}
