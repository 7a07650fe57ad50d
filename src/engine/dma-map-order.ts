// When memory handed to dma_map_*() is DMA-visible along a path: a store to it matters to a doorbell only when the
// mapping comes before the store, or between the store and the doorbell, on the way there.
import type { Origin } from '../analysis/facts';
import type { FunctionFlow } from '../analysis/flow';
import { DMA_MAPS } from '../analysis/vocabulary';
import { isDmaVisible } from './ordering';

/** Per flow graph: where each dma_map_*() call sits, and which nodes reach which (computed on demand). */
export class MapOrder {
  private readonly reach = new Map<number, Set<number>>();

  constructor(private readonly flow: FunctionFlow) {}

  /**
   * True when some DMA origin of the store at `src` is DMA-visible on the way to `sink`: coherent memory always; a
   * mapped buffer when its dma_map_*() call reaches the store, or lies between the store and the sink. A mapping
   * made elsewhere (a helper not inlined) counts as made before.
   */
  visibleOnTheWay(src: number, sink: number): boolean {
    return this.flow.nodes[src].origins.filter(isDmaVisible).some((o) => {
      const maps = this.mapNodes(o);
      if (maps.length === 0) return true;
      return maps.some((m) => this.reaches(m, src) || (this.reaches(src, m) && this.reaches(m, sink)));
    });
  }

  /** The flow nodes of the dma_map_*() call a `dma-mapped` origin names (none for any other origin). */
  private mapNodes(o: Origin): number[] {
    if (o.kind !== 'dma-mapped') return [];
    const out: number[] = [];
    this.flow.nodes.forEach((n, id) => {
      const e = n.event;
      if (e?.kind === 'call' && DMA_MAPS.has(e.callee) && sameSpan(e.span, o.span)) out.push(id);
    });
    return out;
  }

  private reaches(from: number, to: number): boolean {
    let seen = this.reach.get(from);
    if (!seen) {
      seen = new Set<number>();
      const stack = [...this.flow.nodes[from].succ];
      while (stack.length) {
        const n = stack.pop()!;
        if (seen.has(n)) continue;
        seen.add(n);
        stack.push(...this.flow.nodes[n].succ);
      }
      this.reach.set(from, seen);
    }
    return seen.has(to);
  }
}

function sameSpan(a: Origin['span'], b: Origin['span']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
