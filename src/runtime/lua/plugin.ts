/**
 * @fileoverview A loaded Lua plugin: its name, its sandbox and which hooks it defines
 * (`enrich`, `on_alert`, `detect`). Every call goes through `invoke`, which contains
 * faults: an error, a spent instruction budget or the memory cap costs only this call's
 * work, is reported (naming the plugin and hook), and after `maxFaults` of them the
 * plugin is disabled for the rest of the run.
 */
import type { FaultLog } from "../faults.js";
import type { JsonValue } from "./marshal.js";
import type { FaultKind, LuaSandbox } from "./sandbox.js";

export const hookNames = ["enrich", "on_alert", "detect"] as const;
export type HookName = (typeof hookNames)[number];

const faultText: Readonly<Record<FaultKind, string>> = {
  error: "error",
  budget: "instruction budget exceeded",
  memory: "memory cap exceeded",
};

export class LuaPlugin {
  private faults = 0;
  disabled = false;

  constructor(
    readonly name: string,
    /** sha256 of the plugin's source, named by its alerts. */
    readonly sha256: string,
    private readonly sandbox: LuaSandbox,
    readonly hooks: ReadonlySet<HookName>,
    private readonly maxFaults: number,
    private readonly log: FaultLog,
  ) {}

  /** The hook's result, or undefined when the plugin is disabled or the call faulted. */
  invoke(hook: HookName, arg: JsonValue): JsonValue | undefined {
    if (this.disabled || !this.hooks.has(hook)) return undefined;
    const r = this.sandbox.call(hook, arg);
    switch (r.kind) {
      case "ok":
        return r.value ?? null;
      case "missing":
        return undefined;
      case "fault":
        this.fault(hook, r.fault === "error" ? r.message : `${faultText[r.fault]} (${r.message})`);
        return undefined;
    }
  }

  /** A result the hook returned in the wrong shape counts as a fault too. */
  fault(hook: HookName, message: string): void {
    this.faults++;
    this.log.report(`kestrel: lua plugin ${this.name}: ${hook}: ${message}; its work for this batch is skipped (fault ${this.faults} of ${this.maxFaults})`);
    if (this.faults < this.maxFaults) return;
    this.disabled = true;
    this.log.report(`kestrel: lua plugin ${this.name}: disabled after ${this.faults} faults`);
  }

  close(): void {
    this.sandbox.close();
  }
}
