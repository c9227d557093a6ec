/**
 * @fileoverview The CLI's explicit command map (oclif "explicit" strategy): no
 * directory scanning at start-up, and a typo in a command import is a compile error.
 */
import Build from "./commands/build.js";
import CacheClear from "./commands/cache/clear.js";
import CacheDir from "./commands/cache/dir.js";
import CacheList from "./commands/cache/list.js";
import RulesList from "./commands/rules/list.js";
import Explain from "./commands/explain.js";
import Ingest from "./commands/ingest.js";
import Keygen from "./commands/keygen.js";
import Query from "./commands/query.js";
import Report from "./commands/report.js";
import Run from "./commands/run.js";
import SchemaInfer from "./commands/schema/infer.js";
import Test from "./commands/test.js";
import Validate from "./commands/validate.js";

export const commands = {
  build: Build,
  run: Run,
  ingest: Ingest,
  query: Query,
  report: Report,
  validate: Validate,
  explain: Explain,
  test: Test,
  "rules:list": RulesList,
  "cache:clear": CacheClear,
  "cache:dir": CacheDir,
  "cache:list": CacheList,
  keygen: Keygen,
  "schema:infer": SchemaInfer,
};
