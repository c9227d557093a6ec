/**
 * @fileoverview Plain-text tables for the conformance report: a header row, one row per
 * entry, columns padded to their widest cell (numbers right-aligned).
 */
export type Cell = string | number;

export function formatTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? "").length)));
  const line = (cells: readonly Cell[]): string =>
    cells
      .map((c, i) => {
        const w = widths[i] ?? 0;
        return typeof c === "number" ? String(c).padStart(w) : c.padEnd(w);
      })
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
