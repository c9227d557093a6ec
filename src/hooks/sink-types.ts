/**
 * @fileoverview Declares the `kestrel:sink` custom hook on @oclif/core's Hooks interface
 * (declaration merging), so `config.runHook("kestrel:sink", …)` is typed: a plugin
 * answers a SinkRequest with a Sink when the name is its own, and undefined otherwise.
 * The interface lives in `@oclif/core/hooks` (the package root re-exports it only inside
 * the `Interfaces` namespace), so that is the module augmented; augmenting
 * "@oclif/core" itself would declare a new, unrelated interface.
 */
import type { Sink, SinkRequest } from "../sinks/sink.js";

declare module "@oclif/core/hooks" {
  interface Hooks {
    "kestrel:sink": { options: SinkRequest; return: Sink | undefined };
  }
}

export type { Sink, SinkRequest };
