/**
 * @fileoverview Adds the generated half of a package to a module: `rules_eval` calling
 * k_emit for each (rule, step) predicate that holds (by emit-table index, as captures.ts
 * plans it), the package metadata, and the constant
 * functions the kernels import (field table address, slot and rule counts).
 */
import type { IrExpr, IrRuleSet } from "../ir/nodes.js";
import { fieldsOfRule } from "../ir/visit.js";
import { ConstantPool } from "./constants.js";
import { buildRuleTrie, type TrieNode } from "./dispatch.js";
import { exprToWasm, type ExprContext } from "./expr.js";
import { abi } from "../package/abi.js";
import { emitPredicates, planFields, type PackagePlan } from "./captures.js";
import { generatedImports, type KernelName } from "./kernel-abi.js";
import { metaBytes } from "./meta.js";
import { assignSlots, fieldTableBytes, type FieldSlot } from "./layout.js";
import type { DataSegment, Expr, FunctionSignature, WasmModule } from "./module.js";

export interface RegexSpec {
  readonly source: string;
  readonly flags: string;
}

export interface RuleCode {
  readonly slots: readonly FieldSlot[];
  readonly regexes: readonly RegexSpec[];
  readonly data: DataSegment;
  /** First free byte after the rule constants, 16-aligned: where k_init lays out its regions. */
  readonly heapBase: number;
}

/** How a generated-import function gets into the module: defined fresh, or replacing an import. */
export type DefineFn = (name: keyof typeof generatedImports, sig: FunctionSignature, body: Expr) => void;

/** `trie`: shared leading terms tested once (dispatch.ts); `flat`: every rule on its own (for comparison). */
export type Dispatch = "trie" | "flat";

export function addRuleCode(mod: WasmModule, set: IrRuleSet, plan: PackagePlan, kernel: (name: KernelName) => string, define: DefineFn, dispatch: Dispatch = "trie"): RuleCode {
  const slots = assignSlots([...set.rules.flatMap(fieldsOfRule), ...planFields(plan)]);
  const slotById = new Map(slots.map((s) => [s.field.id, s.slot]));
  const pool = new ConstantPool(abi.RULE_DATA_BASE);
  const tableAddr = pool.add(fieldTableBytes(slots));
  const metaAddr = pool.add(metaBytes(plan, (id) => slotById.get(id)));
  const regexes: RegexSpec[] = [];
  const cx: ExprContext = {
    mod,
    pool,
    kernel,
    slotOf(id) {
      const s = slotById.get(id);
      if (s === undefined) throw new Error(`internal: field ${id} has no slot`);
      return s;
    },
    regexIndex(source, ci) {
      const flags = ci ? "i" : "";
      const at = regexes.findIndex((r) => r.source === source && r.flags === flags);
      return at >= 0 ? at : regexes.push({ source, flags }) - 1;
    },
  };
  const predicates = emitPredicates(set, plan);
  const evalBody = dispatch === "trie" ? trieEval(buildRuleTrie(predicates), mod, cx, kernel) : flatEval(predicates, mod, cx, kernel);
  define("rules_eval", generatedImports.rules_eval, evalBody);
  define("rules_field_table", generatedImports.rules_field_table, mod.i32(tableAddr));
  define("rules_field_count", generatedImports.rules_field_count, mod.i32(slots.length));
  define("rule_count", generatedImports.rule_count, mod.i32(set.rules.length));
  define("rules_meta", generatedImports.rules_meta, mod.i32(metaAddr));
  const heapBase = (pool.end + 15) & ~15;
  mod.addFunction("heap_base", { params: [], result: "i32" }, mod.i32(heapBase));
  return { slots, regexes, data: { offset: abi.RULE_DATA_BASE, data: pool.bytes() }, heapBase };
}

/**
 * Subtrees with at least this many rules get their own function, and so does each run of
 * smaller siblings adding up to this many: binaryen's optimizer slows on huge functions,
 * and so does V8, whose optimizing tier compiles a hot function whole (one 1,147-rule
 * function of the SigmaHQ Windows rules took TurboFan 1.3 s, which a short run then
 * waited for at exit).
 */
const SPLIT_RULES = 16;

/** The trie as nested `if`s that emit rules as they go; big subtrees and runs of small ones as functions. */
function trieEval(root: TrieNode, mod: WasmModule, cx: ExprContext, kernel: (name: KernelName) => string): Expr {
  const emit = (i: number): Expr => mod.call(kernel("k_emit"), [mod.i32(i)], "none");
  const size = (n: TrieNode): number => n.rules.length + n.children.reduce((s, c) => s + size(c), 0);
  let functions = 0;
  const outline = (inner: Expr): Expr => {
    const name = `rules_branch_${functions++}`;
    mod.addFunction(name, { params: [], result: "none" }, inner);
    return mod.call(name, [], "none");
  };
  const test = (child: TrieNode, inner: Expr): Expr => mod.ifThen(exprToWasm(child.term ?? { kind: "const", value: true }, cx), inner);
  const body = (node: TrieNode): Expr => {
    const stmts = node.rules.map(emit);
    const small = node.children.filter((c) => size(c) < SPLIT_RULES);
    const grouped = small.reduce((s, c) => s + size(c), 0) > SPLIT_RULES;
    let group: Expr[] = [];
    let groupRules = 0;
    for (const child of node.children) {
      const n = size(child);
      if (n >= SPLIT_RULES) {
        stmts.push(test(child, outline(body(child))));
      } else if (!grouped) {
        stmts.push(test(child, body(child)));
      } else {
        group.push(test(child, body(child)));
        groupRules += n;
        if (groupRules >= SPLIT_RULES) {
          stmts.push(outline(mod.block(group)));
          group = [];
          groupRules = 0;
        }
      }
    }
    if (group.length > 0) stmts.push(outline(mod.block(group)));
    return stmts.length === 0 ? mod.nop() : mod.block(stmts);
  };
  return body(root);
}

/** Every emit's predicate as its own function, called in order. */
function flatEval(predicates: readonly IrExpr[], mod: WasmModule, cx: ExprContext, kernel: (name: KernelName) => string): Expr {
  const evals = predicates.map((predicate, i) => {
    mod.addFunction(`rule_${i}`, { params: [], result: "i32" }, exprToWasm(predicate, cx));
    return mod.ifThen(mod.call(`rule_${i}`, [], "i32"), mod.call(kernel("k_emit"), [mod.i32(i)], "none"));
  });
  return evals.length > 0 ? mod.block(evals) : mod.nop();
}
