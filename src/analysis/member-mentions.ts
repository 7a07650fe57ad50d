// Whether a function's text names a member holding DMA memory, an I/O mapping or a BAR address (before extracting it).
import type { FunctionFacts, Origin, PExpr } from './facts';
import type { Ctx } from './member-keys';
import { isWcKind } from './vocabulary';
import { ownerMatches } from './member-keys';
import type { MemberWrites } from './member-writes';
import type { OriginResolver } from './origin-resolution';

export type MemoryClass = 'dma' | 'iomem' | 'bar';
const MENTION_BIT: Record<MemoryClass, number> = { dma: 1, iomem: 2, bar: 4 };
/** A member access and the whole identifier it names (see MemberMentionScan.scanMentions). */
const MEMBER_TOKEN = /(?:->|\.)\s*(\w+)/g;
interface MemberMentions { owners: Map<string, Set<string>>; pattern: RegExp | null }

/** Memory the rules track accesses to: DMA-visible buffers and I/O mappings (not memremap'ed or P2PDMA memory). */
export function isDeviceMemory(o: Origin): boolean {
  return o.kind === 'dma-coherent' || o.kind === 'dma-mapped' || (o.kind === 'mapping' && !o.memKind.startsWith('memremap'));
}

const MEMORY_CLASSES: Record<MemoryClass, (o: Origin) => boolean> = {
  dma: (o) => o.kind === 'dma-coherent' || o.kind === 'dma-mapped' || (o.kind === 'mapping' && isWcKind(o.memKind)),
  iomem: isDeviceMemory,
  bar: (o) => o.kind === 'bar-address' || o.kind === 'bus-address' || o.kind === 'device-resource',
};

export class MemberMentionScan {
  private readonly mentionCache = new Map<MemoryClass, MemberMentions>();
  /** Per function: which classes were scanned (bits 3-5) and found (bits 0-2); valid while mentionCache is. */
  private mentionMemo = new WeakMap<FunctionFacts, number>();
  private writeOrigins = new WeakMap<object, Origin[]>();

  constructor(private readonly writes: MemberWrites, private readonly origins: OriginResolver) {}

  /** Drops the member sets and per-function answers (the functions changed). */
  clearCaches(): void {
    this.mentionCache.clear();
    this.mentionMemo = new WeakMap();
    this.writeOrigins = new WeakMap();
  }

  /** The text names such a member: `->field` with its owning struct type (untyped: from the same directory; macros: any). */
  mentions(fn: FunctionFacts, cls: MemoryClass): boolean {
    const bit = MENTION_BIT[cls];
    const known = this.mentionMemo.get(fn) ?? 0;
    if (known & (bit << 3)) return (known & bit) !== 0;
    const result = this.scanMentions(fn, cls);
    this.mentionMemo.set(fn, known | (bit << 3) | (result ? bit : 0));
    return result;
  }

  /**
   * Members whose writes (in functions extracted so far: the I/O functions) carry memory of a class (device memory:
   * DMA buffers and I/O mappings; or BAR addresses): field name -> the struct types (`type@scope`, or `?dir`) owning it.
   */
  private membersOf(cls: MemoryClass): MemberMentions {
    const hit = this.mentionCache.get(cls);
    if (hit) return hit;
    const map = new Map<string, Set<string>>();
    for (const [key, writes] of [...this.writes.members]) {
      const dot = key.lastIndexOf('.');
      const owner = key.slice(0, dot);
      const field = key.slice(dot + 1);
      if (map.get(field)?.has(owner)) continue;
      if (!writes.some((w) => this.originsOfWrite(w).some(MEMORY_CLASSES[cls]))) continue;
      const owners = map.get(field) ?? new Set<string>();
      owners.add(owner);
      map.set(field, owners);
    }
    const plain = [...map.keys()].every((f) => /^\w+$/.test(f));
    const pattern = map.size ? (plain ? MEMBER_TOKEN : new RegExp(`(?:->|\\.)\\s*(${[...map.keys()].join('|')})\\b`, 'g')) : null;
    const result = { owners: map, pattern };
    this.mentionCache.set(cls, result);
    return result;
  }

  /** A member write's origins, once for all three classes (each class's scan asks of every write in the tree). */
  private originsOfWrite(w: { expr: PExpr; ctx: Ctx }): Origin[] {
    let out = this.writeOrigins.get(w);
    if (!out) this.writeOrigins.set(w, (out = this.origins.resolve(w.expr, { ...w.ctx, depth: 1 })));
    return out;
  }

  /**
   * MEMBER_TOKEN reads the whole identifier after `->`/`.` and looks it up: the same hits as an alternation of the
   * field names followed by `\b` (a name followed by a word boundary is the whole identifier), without trying every
   * name at every member access.
   */
  private scanMentions(fn: FunctionFacts, cls: MemoryClass): boolean {
    const { owners, pattern } = this.membersOf(cls);
    const text = fn.source?.text;
    if (!pattern || !text) return false;
    for (const m of text.matchAll(pattern)) {
      for (const owner of owners.get(m[1]) ?? []) {
        if (fn.isMacro || ownerMatches(owner, text, fn.file)) return true;
      }
    }
    return false;
  }
}
