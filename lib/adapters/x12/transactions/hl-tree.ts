/** The 856's hierarchical levels (HL) as a tree: each node owns the segments up to the next HL. */
import type { X12Segment } from "../model";
import { el } from "./common";

export interface HlNode {
  id: string;
  parentId: string | null;
  /** HL03: S shipment, O order, T tare, P pack, I item … */
  level: string;
  segments: X12Segment[];
  children: HlNode[];
}

export interface HlTree {
  /** Segments before the first HL (BSN, header DTM). */
  header: X12Segment[];
  roots: HlNode[];
  byId: Map<string, HlNode>;
  /** HL02 parents that name no earlier HL. */
  orphans: HlNode[];
}

export function buildHlTree(segments: readonly X12Segment[]): HlTree {
  const tree: HlTree = { header: [], roots: [], byId: new Map(), orphans: [] };
  let current: HlNode | null = null;
  for (const seg of segments) {
    if (seg.id === "HL") {
      current = { id: el(seg, 1), parentId: el(seg, 2) || null, level: el(seg, 3), segments: [seg], children: [] };
      tree.byId.set(current.id, current);
      const parent = current.parentId ? tree.byId.get(current.parentId) : null;
      if (parent) parent.children.push(current);
      else if (current.parentId) tree.orphans.push(current);
      else tree.roots.push(current);
    } else if (seg.id === "CTT" || seg.id === "SE") current = null;
    else if (current) current.segments.push(seg);
    else if (tree.byId.size === 0) tree.header.push(seg);
  }
  return tree;
}

export function descendants(node: HlNode): HlNode[] {
  return node.children.flatMap((c) => [c, ...descendants(c)]);
}

/** Compact picture for tests and logs: "1S(2O(3P(4I) 5P(6I)))". */
export function describeHlTree(tree: HlTree): string {
  const show = (n: HlNode): string => `${n.id}${n.level}${n.children.length ? `(${n.children.map(show).join(" ")})` : ""}`;
  return tree.roots.map(show).join(" ");
}
