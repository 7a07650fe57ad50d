// Hover text generated from the architecture data: what a mapping call, accessor or barrier is on each architecture.
import type { Event, FunctionFacts, Origin, Position } from '../analysis/facts';
import type { ProjectIndex } from '../analysis/project-index';
import { ACCESSORS, BARRIERS, FENCE_ORDERS, MAPPINGS, PGPROTS, THREAD_FENCES } from '../analysis/vocabulary';
import { accessorFact, barrierFact, mappingFact, type Arch, type OrderKind } from './arch';

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
  const rows = input.arches.map((a) => {
    const f = accessorFact(a, info.family, info.dir);
    return [a, `\`${f.instr}\``, orders(f.provides), f.trackedForUnlock ? 'yes' : 'no', `\`${f.cite}\``];
  });
  const origins = originsAt(input);
  const mem = origins.length ? `\n\n**Pointer maps:** ${origins.map((o) => `\`${o.api}()\` → ${input.arches.map((a) => `${a}: ${mappingFact(a, memKindOf(o))?.memType ?? '?'}`).join(', ')}`).join('; ')}` : '';
  return `**${input.word}** — ${info.dir}, ${info.family} MMIO accessor (Linux 6.1)\n\n${table(['arch', 'compiles to', 'orders', 'tracked at spin_unlock', 'source'], rows)}${mem}`;
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
  const facts = input.index.get(input.path);
  for (const fn of facts?.functions ?? []) {
    if (fn.isMacro || !containsLine(fn, input.position.line)) continue;
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

