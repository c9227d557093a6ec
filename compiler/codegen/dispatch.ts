/**
 * @fileoverview The rule index (as Falco indexes rules by event type): the terms of
 * each rule's top-level `and`, in order, form a path in a trie, so terms that rules
 * share as a prefix (a Sigma log source's `Channel` and `EventID`, an EQL category)
 * are tested once per event for all of them, and an event skips every rule behind a
 * term it fails. It indexes emits (a rule's steps, package ABI "Emit table"): an emit is
 * reported at the node where its path ends. Plain data; the
 * codegen turns it into nested `if`s. Leaves are pure, so testing a shared prefix once
 * keeps each rule's meaning and its left-to-right short-circuit order.
 */
import type { IrExpr } from "../ir/nodes.js";
import { canonicalJson } from "../util/hash.js";

export interface TrieNode {
  /** The term tested on the way into this node; undefined at the root. */
  readonly term: IrExpr | undefined;
  /** Rules whose every term holds once this node is reached, by rule index. */
  readonly rules: number[];
  readonly children: TrieNode[];
}

/** The top-level conjunction of a predicate as a list of terms. */
function conjuncts(e: IrExpr): readonly IrExpr[] {
  return e.kind === "and" ? e.terms : [e];
}

/** The trie over every emit's predicate; `rules` at a node hold emit indexes. */
export function buildRuleTrie(predicates: readonly IrExpr[]): TrieNode {
  const root: TrieNode = { term: undefined, rules: [], children: [] };
  const childIndex = new Map<TrieNode, Map<string, TrieNode>>();
  predicates.forEach((predicate, index) => {
    let node = root;
    for (const term of conjuncts(predicate)) {
      if (term.kind === "const" && term.value) continue;
      let byKey = childIndex.get(node);
      if (byKey === undefined) childIndex.set(node, (byKey = new Map()));
      const key = canonicalJson(term);
      let next = byKey.get(key);
      if (next === undefined) {
        next = { term, rules: [], children: [] };
        byKey.set(key, next);
        node.children.push(next);
      }
      node = next;
    }
    node.rules.push(index);
  });
  return root;
}
