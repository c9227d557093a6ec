/**
 * @fileoverview What the report page inlines, read at report time: Chart.js's UMD build
 * from node_modules (resolved through Node, so a hoisted or nested install both work) and
 * the page's own script and stylesheet from assets/report/.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { packageRoot } from "../../compiler/util/package-root.js";

export interface PageAssets {
  readonly chartJs: string;
  readonly script: string;
  readonly css: string;
}

/** chart.js's exports map hides dist/chart.umd.min.js, so resolve the package and step to it. */
function chartJsPath(): string {
  const main = createRequire(import.meta.url).resolve("chart.js");
  return join(dirname(main), "chart.umd.min.js");
}

export function loadAssets(): PageAssets {
  const dir = join(packageRoot(), "assets", "report");
  return {
    chartJs: readFileSync(chartJsPath(), "utf8"),
    script: readFileSync(join(dir, "page.js"), "utf8"),
    css: readFileSync(join(dir, "page.css"), "utf8"),
  };
}
