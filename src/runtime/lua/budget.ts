/**
 * @fileoverview The instruction budget of one Lua call: a count hook, installed from the
 * host on the plugin's Lua state (Lua code never sees `debug`), fires every STEP VM
 * instructions and raises a Lua error once the call has used its budget. Coroutines
 * inherit the hook from the thread that made them. Once the budget is spent the hook fires
 * on every instruction, so a plugin that catches the error with pcall hits it again at
 * once and the call unwinds. C functions (string.rep, pattern matching) run between hook
 * calls: the memory cap bounds the former, nothing bounds a slow pattern.
 */
import { LuaEventMasks, type LuaWasm } from "wasmoon";

const STEP = 1000;
export const BUDGET_MESSAGE = "instruction budget exceeded";

export class InstructionBudget {
  private left = 0;
  private armed = false;
  /** Set when the hook stopped the current call. */
  tripped = false;
  private readonly pointer: number;

  constructor(
    private readonly lua: LuaWasm,
    private readonly state: number,
    private readonly instructions: number,
  ) {
    this.pointer = lua.module.addFunction((L: number) => this.tick(L), "vii");
  }

  /** Runs `call` with a fresh budget; the hook is idle outside it. */
  run<T>(call: () => T): T {
    this.left = this.instructions;
    this.tripped = false;
    this.armed = true;
    this.lua.lua_sethook(this.state, this.pointer, LuaEventMasks.Count, STEP);
    try {
      return call();
    } finally {
      this.armed = false;
    }
  }

  close(): void {
    this.lua.module.removeFunction(this.pointer);
  }

  private tick(L: number): void {
    if (!this.armed) return;
    this.left -= STEP;
    if (this.left > 0) return;
    this.tripped = true;
    this.lua.lua_sethook(L, this.pointer, LuaEventMasks.Count, 1);
    this.lua.lua_pushstring(L, BUDGET_MESSAGE);
    this.lua.lua_error(L);
  }
}
