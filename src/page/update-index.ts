/**
 * Which updates hold which text: the live blog's updates indexed by their elements, so that finding the
 * updates of N mentions walks each mention's ancestors once (N × depth) instead of asking every update
 * about every mention (updates × mentions × elements). Mentions of one text block share their walk.
 * Built per question (linear in the updates' elements, well under a millisecond for thousands of updates)
 * so that nothing cached can outlive a change to the page.
 */
import { firstLine, type LiveUpdate } from '../liveblog';
import type { UpdateRef } from './context';

export class UpdateIndex {
  /** Element → the updates (by index) that list it among their elements. */
  private byElement = new Map<Element, number[]>();
  /** Element → every update containing it, memoised per element walked. */
  private within = new Map<Element, number[]>();

  constructor(readonly updates: readonly LiveUpdate[]) {
    updates.forEach((u, i) => {
      for (const el of u.elements) {
        const list = this.byElement.get(el);
        if (list) list.push(i);
        else this.byElement.set(el, [i]);
      }
    });
  }

  /** The updates containing `node` (all of them, when updates nest), by index, ascending. */
  containing(node: Node): number[] {
    const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    if (!el) return [];
    const known = this.within.get(el);
    if (known) return known;
    const own = this.byElement.get(el) ?? [];
    const parent = el.parentElement ? this.containing(el.parentElement) : [];
    const all = own.length ? [...new Set([...parent, ...own])].sort((a, b) => a - b) : parent;
    this.within.set(el, all);
    return all;
  }

  /** The updates containing any of `nodes`, in page order, as a card lists them. */
  refsFor(nodes: Iterable<Node>): UpdateRef[] {
    const hit = new Set<number>();
    for (const n of nodes) for (const i of this.containing(n)) hit.add(i);
    return [...hit].sort((a, b) => a - b).map((i) => refOf(this.updates[i], i));
  }
}

export function refOf(u: LiveUpdate, i: number): UpdateRef {
  // The card names an update by its label, else its position; the first line only when it has neither.
  return {
    id: u.id,
    label: u.label,
    time: u.time,
    position: i + 1,
    firstLine: u.label.trim() ? undefined : firstLine(u.text),
  };
}
