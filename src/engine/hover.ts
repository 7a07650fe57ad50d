// Hover text generated from the architecture data: what a mapping call, accessor, barrier or volatile device access is
// on each architecture.
import type { AccessFamily, Event, FunctionFacts, Origin, Position } from '../analysis/facts';
import type { ProjectIndex } from '../analysis/project-index';
import { ACCESSORS, BARRIERS, FENCE_ORDERS, MAPPINGS, PGPROTS, THREAD_FENCES } from '../analysis/vocabulary';
import { accessorFact, barrierFact, mappingFact, type Arch, type OrderKind } from './arch';
import { isIoMapping } from './ordering';

const KIND_TEXT: Record<OrderKind, string> = {
  'store-mmiow': 'earlier stores to memory before a later MMIO write',
  'wc-next': 'earlier write-combined stores before what follows',
  'mmiow-unlock': 'MMIO writes before spin_unlock',
  'dma-st-st': 'stores to coherent DMA memory among themselves',
  'ld-ld': 'loads of coherent DMA memory among themselves',
  'mmior-ld': 'an MMIO read before later loads of DMA memory',
};

export interface HoverInput { index: ProjectIndex; path: string; position: Position; word: string; arches: readonly Arch[] }

export function hoverMarkdown(input: HoverInput): string | undefined {
  const { word, arches } = input;
  if (ACCESSORS.has(word)) return accessorHover(input);
  if (BARRIERS.has(word)) return barrierHover(word, arches);
  if (THREAD_FENCES.has(word)) return fenceHover(word, arches);
  const mapping = MAPPINGS.get(word);
  if (mapping) return mappingHover(word, mapping.memKind === 'memremap' ? ['memremap_wb', 'memremap_wc', 'memremap_wt'] : [mapping.memKind], arches);
  if (PGPROTS.has(word)) return mappingHover(word, [word], arches);
  if (word === 'volatile') return volatileHover(input);
  return undefined;
}

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function orders(provides: Partial<Record<OrderKind, { level: string }>>): string {
  const kinds = (Object.keys(provides) as OrderKind[]).map((k) => `${KIND_TEXT[k]}${provides[k]!.level === 'hw' ? ' (hardware only)' : ''}`);
  return kinds.length ? kinds.join('; ') : 'nothing';
}

function accessorHover(input: HoverInput): string {
  const info = ACCESSORS.get(input.word)!;
  return `**${input.word}** — ${info.dir}, ${info.family} MMIO accessor (Linux 6.1)\n\n${accessTable(info.family, info.dir, input.arches)}${pointerMaps(originsAt(input), input.arches)}`;
}

/** What an access of a family compiles to and orders, a row per architecture. */
function accessTable(family: AccessFamily, dir: 'read' | 'write', arches: readonly Arch[]): string {
  const rows = arches.map((a) => {
    const f = accessorFact(a, family, dir);
    return [a, `\`${f.instr}\``, orders(f.provides), f.trackedForUnlock ? 'yes' : 'no', `\`${f.cite}\``];
  });
  return table(['arch', 'compiles to', 'orders', 'tracked at spin_unlock', 'source'], rows);
}

function pointerMaps(origins: Origin[], arches: readonly Arch[]): string {
  if (!origins.length) return '';
  return `\n\n**Pointer maps:** ${origins.map((o) => `\`${o.api}()\` → ${arches.map((a) => `${a}: ${mappingFact(a, memKindOf(o))?.memType ?? '?'}`).join(', ')}`).join('; ')}`;
}

/**
 * `volatile` in a store or load through I/O mappings only (`*(volatile uint32_t *)(bar + DB) = tail`): what that
 * access compiles to, as the rules read it (an MMIO access of the `volatile` family); nothing for other volatiles.
 */
function volatileHover(input: HoverInput): string | undefined {
  const at = volatileAccessAt(input);
  if (!at) return undefined;
  const what = at.dir === 'write' ? 'store' : 'load';
  return `**volatile ${what} through device memory** — an MMIO ${at.dir} with no barrier of its own, as \`rte_write32_relaxed()\` and rdma-core's \`mmio_write32()\` are\n\n${accessTable('volatile', at.dir, input.arches)}${pointerMaps(at.origins, input.arches)}`;
}

function volatileAccessAt(input: HoverInput): { dir: 'read' | 'write'; origins: Origin[] } | undefined {
  for (const fn of functionsAt(input)) {
    for (const n of input.index.bodyOf(fn).cfg.nodes) {
      const e = n.event;
      if ((e?.kind !== 'store' && e?.kind !== 'load') || !e.volatile || e.viaCall || !within(input.position, e)) continue;
      const origins = input.index.resolve(e.base, { fn, depth: 0 });
      if (origins.length && origins.every(isIoMapping)) return { dir: e.kind === 'store' ? 'write' : 'read', origins };
    }
  }
  return undefined;
}

function functionsAt(input: HoverInput): FunctionFacts[] {
  return (input.index.get(input.path)?.functions ?? []).filter((fn) => !fn.isMacro && containsLine(fn, input.position.line));
}

function barrierHover(name: string, arches: readonly Arch[]): string {
  const rows = arches.map((a) => {
    const f = barrierFact(a, name);
    return f ? [a, `\`${f.instr}\``, orders(f.provides), `\`${f.cite}\``] : [a, '—', 'not defined', ''];
  });
  return `**${name}()** — barrier (Linux 6.1)\n\n${table(['arch', 'instruction', 'orders', 'source'], rows)}`;
}

/** A thread fence compiles to one instruction per memory order: a row per order and architecture. */
function fenceHover(name: string, arches: readonly Arch[]): string {
  const rows = FENCE_ORDERS.flatMap((order) => arches.map((a) => {
    const f = barrierFact(a, `thread_fence_${order}`);
    return f ? [`${order} ${a}`, `\`${f.instr}\``, orders(f.provides), `\`${f.cite}\``] : [`${order} ${a}`, '—', 'not defined', ''];
  }));
  return `**${name}()** — thread fence; the instruction depends on the memory order\n\n${table(['order / arch', 'instruction', 'orders', 'source'], rows)}`;
}

function mappingHover(name: string, kinds: string[], arches: readonly Arch[]): string {
  const rows = kinds.flatMap((k) => arches.map((a) => {
    const f = mappingFact(a, k);
    const extra = f?.returnsNull ? ' — **returns NULL**' : f?.note ? ` — ${f.note}` : '';
    return [kinds.length > 1 ? `${k} ${a}` : a, `${f?.memType ?? '?'}${extra}`, f?.writeCombining ? 'yes' : 'no', `\`${f?.cite ?? ''}\``];
  }));
  return `**${name}()** — memory type per architecture (Linux 6.1)\n\n${table(['arch', 'memory type', 'write combining', 'source'], rows)}`;
}

function memKindOf(o: Origin): string {
  return o.kind === 'mapping' ? o.memKind : o.kind;
}

function within(p: Position, e: Event): boolean {
  const { start, end } = e.span;
  if (p.line < start.line || p.line > end.line) return false;
  if (p.line === start.line && p.character < start.character) return false;
  return !(p.line === end.line && p.character > end.character);
}

function originsAt(input: HoverInput): Origin[] {
  for (const fn of functionsAt(input)) {
    for (const n of input.index.bodyOf(fn).cfg.nodes) {
      const e = n.event;
      if (e?.kind === 'access' && e.api === input.word && within(input.position, e)) return input.index.resolve(e.addr, { fn, depth: 0 });
    }
  }
  return [];
}

function containsLine(fn: FunctionFacts, line: number): boolean {
  return fn.span.start.line <= line && line <= fn.span.end.line;
}

