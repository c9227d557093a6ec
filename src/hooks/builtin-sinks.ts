/**
 * @fileoverview The core package's own `kestrel:sink` hook (package.json oclif.hooks):
 * the built-in `stdout` and `file` sinks answer through the same hook and contract as any
 * plugin's. The core package is the first plugin oclif loads, so a plugin cannot take
 * over these two names.
 */
import type { Hook } from "@oclif/core";
import { FileSink, fileSinkOptions } from "../sinks/file.js";
import { checkOptionKeys } from "../sinks/options.js";
import { StreamSink } from "../sinks/stream.js";

const builtinSinks: Hook<"kestrel:sink"> = async function (request) {
  switch (request.name) {
    case "stdout":
      checkOptionKeys(request, []);
      return new StreamSink("stdout", process.stdout);
    case "file":
      return FileSink.open("file", fileSinkOptions(request), request.format);
    default:
      return undefined;
  }
};

export default builtinSinks;
