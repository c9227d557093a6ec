/**
 * @fileoverview The oracle for EQL pipes (IR `IrPipe`), written from compiler/ir/nodes.ts,
 * independently of src/runtime/detect/pipes.ts and without caps: applied to a rule's whole
 * result list at once; caseInsensitive folds ASCII letters before grouping and ordering. Values are read from each result's first event: unique groups by
 * canonical value (10 and 10.0 are one), sort puts missing and null first, then numbers,
 * then strings in code point order, then the rest, ties in result order.
 */
import type { IrPipe } from "../../compiler/ir/nodes.js";
import { assertNever } from "../../compiler/util/assert-never.js";
import { canonicalHash } from "./canonical-value.js";
import type { JsonValue } from "./json-value.js";
import { asciiLower } from "./ascii-fold.js";

export interface PipedResult {
  readonly lines: readonly number[];
  /** Flattened paths of the first event. */
  readonly first: ReadonlyMap<string, JsonValue>;
  /** Set by unique_count. */
  readonly count?: number;
}

function groupKey(r: PipedResult, paths: readonly string[], fold: boolean): string {
  return paths
    .map((p) => {
      const v = r.first.get(p);
      return `${v?.t ?? "missing"}:${canonicalHash(v, fold).toString(16)}`;
    })
    .join("|");
}

function sortRank(v: JsonValue | undefined): number {
  if (v === undefined || v.t === "null") return 0;
  return v.t === "num" ? 1 : v.t === "str" ? 2 : 3;
}

function compare(a: JsonValue | undefined, b: JsonValue | undefined, fold: boolean): number {
  const d = sortRank(a) - sortRank(b);
  if (d !== 0) return d;
  if (a?.t === "num" && b?.t === "num") return a.f - b.f;
  if (a?.t === "str" && b?.t === "str") {
    const [x, y] = fold ? [asciiLower(a.v), asciiLower(b.v)] : [a.v, b.v];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return 0;
}

export function applyPipes(results: readonly PipedResult[], pipes: readonly IrPipe[]): PipedResult[] {
  let out = [...results];
  for (const p of pipes) {
    switch (p.kind) {
      case "head":
        out = out.slice(0, p.count);
        break;
      case "tail":
        out = p.count === 0 ? [] : out.slice(-p.count);
        break;
      case "unique": {
        const seen = new Set<string>();
        out = out.filter((r) => {
          const k = groupKey(r, p.fields.map((f) => f.path), p.caseInsensitive);
          return seen.has(k) ? false : (seen.add(k), true);
        });
        break;
      }
      case "unique_count": {
        const groups = new Map<string, PipedResult>();
        for (const r of out) {
          const k = groupKey(r, p.fields.map((f) => f.path), p.caseInsensitive);
          const g = groups.get(k);
          groups.set(k, g === undefined ? { ...r, count: 1 } : { ...g, count: (g.count ?? 0) + 1 });
        }
        out = [...groups.values()];
        break;
      }
      case "sort": {
        const paths = p.fields.map((f) => f.path);
        out = out
          .map((r, i) => ({ r, i }))
          .sort((x, y) => {
            for (const path of paths) {
              const c = compare(x.r.first.get(path), y.r.first.get(path), p.caseInsensitive);
              if (c !== 0) return c;
            }
            return x.i - y.i;
          })
          .map((x) => x.r);
        break;
      }
      default:
        assertNever(p);
    }
  }
  return out;
}
